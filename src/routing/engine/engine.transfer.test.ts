/** B6 transfer: to an agent now or through their personal queue, to a service, to a number. */
import type { SettingsChange } from './testing';
import { ACCOUNT, harness, toAgent, toNumber, toService, types } from './testing';

/** Ann holds one interaction of a channel from sales; Bob works at support. */
function setup(
  channel: 'voice' | 'email' | 'case',
  bob: 'ready' | 'away' | 'logged-out',
  settings: SettingsChange = {},
) {
  const h = harness(settings);
  h.service('sales');
  h.service('support', 'Support');
  h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
  h.agent({ id: 'bob', services: ['support'], state: bob });
  const original = h.arrive('sales', channel);
  expect(h.ids('ann')).toEqual([original.id]);
  h.take();
  return { h, id: original.id, enqueuedAt: original.enqueuedAt };
}

describe('B6 transfer to an agent', () => {
  it('non-live to an agent who can take it now: assigned at once', () => {
    const { h, id } = setup('email', 'ready');
    h.clock.advance(1000);
    h.transfer('ann', id, toAgent('bob'));
    const effects = h.take();
    const ann = effects.flatMap((e) =>
      e.kind === 'event' && e.agentId === 'ann' ? [e.event] : [],
    );
    const bob = effects.flatMap((e) =>
      e.kind === 'event' && e.agentId === 'bob' ? [e.event] : [],
    );
    expect(ann).toContainEqual({
      type: 'interaction.removed',
      interactionId: id,
      reason: 'transferred',
    });
    expect(types(bob)).toContain('interaction.added');
    expect(h.ids('ann')).toEqual([]);
    expect(h.view('bob', id)).toMatchObject({ state: 'active', assignedAt: h.clock.now() });
  });

  it.each(['away', 'logged-out'] as const)(
    'non-live to an agent who is %s: waits in their personal queue until they are ready',
    (state) => {
      const { h, id } = setup('case', state);
      h.transfer('ann', id, toAgent('bob'));
      expect(h.ids('ann')).toEqual([]);
      expect(h.list('bob')).toEqual([]);
      // Not at any service either.
      expect(h.engine.queue(ACCOUNT, 'sales')).toEqual([]);
      expect(h.engine.queue(ACCOUNT, 'support')).toEqual([]);
      h.take();
      h.presenceSet('bob', 'ready');
      expect(types(h.events('bob'))).toContain('interaction.added');
      expect(h.ids('bob')).toEqual([id]);
    },
  );

  it('non-live to a busy agent (no capacity) waits until they have room', () => {
    const { h, id } = setup('email', 'ready', { features: { multiInteraction: false } });
    const call = h.arrive('support', 'voice');
    expect(h.ids('bob')).toEqual([call.id]);
    expect(h.presence('bob')).toBe('logged-in');
    h.transfer('ann', id, toAgent('bob'));
    expect(h.ids('bob')).toEqual([call.id]);
    h.release('bob', call.id);
    expect(h.stateOf('bob')).toBe('wrap-auto');
    expect(h.ids('bob')).toEqual([]);
    h.advance(20);
    expect(h.ids('bob')).toEqual([id]);
  });

  it('personal-queue work goes before the service queue', () => {
    const { h, id } = setup('email', 'away', { features: { multiInteraction: false } });
    h.arrive('support', 'email');
    h.transfer('ann', id, toAgent('bob'));
    h.presenceSet('bob', 'ready');
    expect(h.ids('bob')).toEqual([id]);
  });

  it('the customer leaving while it waits in a personal queue ends it there', () => {
    const { h, id } = setup('email', 'away');
    h.transfer('ann', id, toAgent('bob'));
    h.engine.customerLeaves(ACCOUNT, id);
    expect(h.store.interaction(id)).toBeUndefined();
    h.presenceSet('bob', 'ready');
    expect(h.list('bob')).toEqual([]);
  });

  it('a live call to an agent who cannot take it now is target-unavailable', () => {
    const { h, id } = setup('voice', 'away');
    const { version } = h.view('ann', id);
    expect(
      h.reject('ann', { type: 'transfer', interactionId: id, version, target: toAgent('bob') })
        .code,
    ).toBe('target-unavailable');
  });

  it('a live call to a ready agent is assigned at once', () => {
    const { h, id } = setup('voice', 'ready');
    h.transfer('ann', id, toAgent('bob'));
    expect(h.ids('bob')).toEqual([id]);
  });

  it('to yourself is not-allowed; to nobody is not-found', () => {
    const { h, id } = setup('email', 'ready');
    const { version } = h.view('ann', id);
    const to = (target: ReturnType<typeof toAgent>) =>
      h.reject('ann', { type: 'transfer', interactionId: id, version, target }).code;
    expect(to(toAgent('ann'))).toBe('not-allowed');
    expect(to(toAgent('zed'))).toBe('not-found');
    expect(to(toService('zed'))).toBe('not-found');
  });

  it('a held call can be transferred and arrives active', () => {
    const { h, id } = setup('voice', 'ready');
    h.on('ann', 'hold', id);
    h.transfer('ann', id, toAgent('bob'));
    expect(h.view('bob', id).state).toBe('active');
  });

  it('a releasing interaction cannot be transferred', () => {
    const { h, id } = setup('email', 'ready');
    h.engine.armReleaseFault(ACCOUNT, id, 'hang');
    h.release('ann', id);
    const { version } = h.view('ann', id);
    expect(
      h.reject('ann', { type: 'transfer', interactionId: id, version, target: toAgent('bob') })
        .code,
    ).toBe('not-allowed');
  });
});

describe('B6 transfer to a service', () => {
  it('non-live needs the transfer-to-service feature', () => {
    const { h, id } = setup('email', 'ready', { features: { transferToService: false } });
    const { version } = h.view('ann', id);
    expect(
      h.reject('ann', {
        type: 'transfer',
        interactionId: id,
        version,
        target: toService('support'),
      }).code,
    ).toBe('feature-disabled');
  });

  it('re-queues non-live work at the service, keeping enqueuedAt', () => {
    const { h, id, enqueuedAt } = setup('email', 'away', { features: { transferToService: true } });
    h.clock.advance(60_000);
    h.transfer('ann', id, toService('support'));
    const [queued] = h.engine.queue(ACCOUNT, 'support');
    expect(queued).toMatchObject({
      id,
      state: 'ringing',
      serviceId: 'support',
      serviceName: 'Support',
      enqueuedAt,
    });
    expect(h.ids('ann')).toEqual([]);
    // Older than work that arrived meanwhile, so it goes first.
    h.clock.advance(1000);
    const newer = h.arrive('support', 'email');
    expect(h.engine.queue(ACCOUNT, 'support').map((i) => i.id)).toEqual([id, newer.id]);
    h.engine.updateSettings(ACCOUNT, {
      ...h.snapshot('bob').settings,
      features: { ...h.snapshot('bob').settings.features, multiInteraction: false },
    });
    h.presenceSet('bob', 'ready');
    expect(h.ids('bob')).toEqual([id]);
    expect(h.view('bob', id).enqueuedAt).toBe(enqueuedAt);
  });

  it('a live call can go to a service without the feature', () => {
    const { h, id } = setup('voice', 'ready', { features: { transferToService: false } });
    h.transfer('ann', id, toService('support'));
    expect(h.ids('bob')).toEqual([id]);
  });
});

describe('B6 transfer to a number', () => {
  it.each(['email', 'case'] as const)('never for non-live work (%s)', (channel) => {
    const { h, id } = setup(channel, 'ready');
    const { version } = h.view('ann', id);
    expect(
      h.reject('ann', {
        type: 'transfer',
        interactionId: id,
        version,
        target: toNumber('+441234567'),
      }).code,
    ).toBe('not-allowed');
  });

  it('a live call to a number leaves the agent (reason transferred)', () => {
    const { h, id } = setup('voice', 'ready');
    h.transfer('ann', id, toNumber('+441234567'));
    expect(h.events('ann')).toContainEqual({
      type: 'interaction.removed',
      interactionId: id,
      reason: 'transferred',
    });
    expect(h.list('ann')).toEqual([]);
    expect(h.store.interaction(id)).toBeUndefined();
  });
});
