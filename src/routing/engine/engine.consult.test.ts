/** B5 consult: who may consult on what, with whom, ringing, timeout, the leg, and consult transfer. */
import type { Consult } from '../../protocol';
import type { EventBody } from './effects';
import type { SettingsChange } from './testing';
import { ACCOUNT, expectCode, harness, toAgent, toNumber, toService, types } from './testing';

function consultEvents(events: readonly EventBody[]): Consult[] {
  return events.flatMap((event) => (event.type === 'consult.changed' ? [event.consult] : []));
}

/** Ann holds one interaction of a channel; Bob and Cat are ready at an idle service. */
function setup(channel: 'voice' | 'chat' | 'email', settings: SettingsChange = {}) {
  const h = harness({ consultTimeoutSeconds: 30, ...settings });
  h.service('sales');
  h.service('experts', 'Experts');
  h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
  h.agent({ id: 'bob', name: 'Bob', services: ['experts'], state: 'ready' });
  h.agent({ id: 'cat', name: 'Cat', services: ['experts'] });
  const original = h.arrive('sales', channel).id;
  expect(h.ids('ann')).toEqual([original]);
  h.take();
  return { h, original };
}

describe('B5 who can be consulted on', () => {
  it('a live call always, even with cross-media consult off', () => {
    const { h, original } = setup('voice', { features: { crossMediaConsult: false } });
    const consultId = h.consult('ann', original, toAgent('bob'));
    const consult = h.snapshot('ann').consults[0];
    expect(consult).toMatchObject({
      id: consultId,
      interactionId: original,
      initiatorId: 'ann',
      initiatorName: 'Ann',
      target: { type: 'agent', id: 'bob' },
      targetName: 'Bob',
      state: 'ringing',
      ringingUntil: h.clock.now() + 30_000,
      legId: null,
      endReason: null,
    });
    expect(h.snapshot('bob').consults).toEqual([consult]);
  });

  it.each(['chat', 'email'] as const)('a %s only with cross-media consult', (channel) => {
    const { h, original } = setup(channel, { features: { crossMediaConsult: false } });
    const { version } = h.view('ann', original);
    expect(
      h.reject('ann', {
        type: 'consult.start',
        interactionId: original,
        version,
        target: toAgent('bob'),
      }).code,
    ).toBe('feature-disabled');
  });

  it.each(['chat', 'email'] as const)('a %s with cross-media consult on', (channel) => {
    const { h, original } = setup(channel, { features: { crossMediaConsult: true } });
    h.consult('ann', original, toAgent('bob'));
    expect(h.snapshot('bob').consults).toHaveLength(1);
  });

  it('not a consult leg, and not twice at once', () => {
    const { h, original } = setup('voice');
    const consultId = h.consult('ann', original, toAgent('bob'));
    const { version } = h.view('ann', original);
    expect(
      h.reject('ann', {
        type: 'consult.start',
        interactionId: original,
        version,
        target: toAgent('cat'),
      }).code,
    ).toBe('not-allowed');
    h.cmd('bob', { type: 'consult.accept', consultId });
    const leg = h.snapshot('ann').consults[0]?.legId as string;
    expect(
      h.reject('ann', {
        type: 'consult.start',
        interactionId: leg,
        version: h.view('ann', leg).version,
        target: toNumber('+441234567'),
      }).code,
    ).toBe('not-allowed');
  });
});

describe('B5 whom', () => {
  it('an agent who is not Available now or Interruptible is target-unavailable', () => {
    const { h, original } = setup('voice');
    const { version } = h.view('ann', original);
    const start = (id: string) =>
      h.reject('ann', {
        type: 'consult.start',
        interactionId: original,
        version,
        target: toAgent(id),
      });
    // Cat is logged out.
    expect(start('cat').code).toBe('target-unavailable');
    h.presenceSet('cat', 'away');
    expect(start('cat').code).toBe('target-unavailable');
    // Bob on a call (live work) is Logged in, not Interruptible.
    h.arrive('experts', 'voice');
    expect(h.presence('bob')).toBe('logged-in');
    expect(start('bob').code).toBe('target-unavailable');
  });

  it('an Interruptible agent (only non-live work) can be consulted', () => {
    const { h, original } = setup('voice');
    h.arrive('experts', 'email');
    expect(h.presence('bob')).toBe('interruptible');
    h.consult('ann', original, toAgent('bob'));
    expect(h.snapshot('bob').consults).toHaveLength(1);
  });

  it('yourself is not-allowed; an unknown agent or service is not-found', () => {
    const { h, original } = setup('voice');
    const { version } = h.view('ann', original);
    const start = (target: ReturnType<typeof toAgent>) =>
      h.reject('ann', { type: 'consult.start', interactionId: original, version, target });
    expect(start(toAgent('ann')).code).toBe('not-allowed');
    expect(start(toAgent('zed')).code).toBe('not-found');
    expect(start(toService('zed')).code).toBe('not-found');
  });

  it('a service rings its longest idle consultable agent', () => {
    const { h, original } = setup('voice');
    h.clock.advance(1000);
    h.presenceSet('cat', 'ready');
    h.consult('ann', original, toService('experts'));
    const consult = h.snapshot('ann').consults[0];
    expect(consult).toMatchObject({
      target: { type: 'service', id: 'experts' },
      targetName: 'Bob',
    });
    expect(h.snapshot('bob').consults).toHaveLength(1);
    expect(h.snapshot('cat').consults).toHaveLength(0);
  });

  it('a service with nobody consultable is target-unavailable', () => {
    const { h, original } = setup('voice');
    h.presenceSet('bob', 'away');
    const { version } = h.view('ann', original);
    expect(
      h.reject('ann', {
        type: 'consult.start',
        interactionId: original,
        version,
        target: toService('experts'),
      }).code,
    ).toBe('target-unavailable');
  });
});

describe('B5 ringing', () => {
  it('an agent consult that nobody answers ends timed-out at the consult timeout', () => {
    const { h, original } = setup('voice', { consultTimeoutSeconds: 15 });
    const consultId = h.consult('ann', original, toAgent('bob'));
    expect(h.engine.nextDueAt()).toBe(h.clock.now() + 15_000);
    h.advance(14);
    expect(h.snapshot('ann').consults[0]?.state).toBe('ringing');
    h.take();
    h.advance(1);
    const effects = h.take();
    for (const agentId of ['ann', 'bob']) {
      const ended = consultEvents(
        effects.flatMap((e) => (e.kind === 'event' && e.agentId === agentId ? [e.event] : [])),
      );
      expect(ended).toEqual([
        expect.objectContaining({ id: consultId, state: 'ended', endReason: 'timed-out' }),
      ]);
    }
    expect(h.snapshot('ann').consults).toEqual([]);
    expect(h.snapshot('bob').consults).toEqual([]);
    expect(h.ids('ann')).toEqual([original]);
  });

  it('a number rings until the outside answers', () => {
    const { h, original } = setup('voice');
    const consultId = h.consult('ann', original, toNumber('+441234567'));
    expect(h.snapshot('ann').consults[0]).toMatchObject({ state: 'ringing', targetName: null });
    h.advance(20);
    h.take();
    h.engine.outsideAnswers(ACCOUNT, consultId);
    const events = h.events('ann');
    expect(types(events)).toEqual(expect.arrayContaining(['interaction.added', 'consult.changed']));
    const consult = h.snapshot('ann').consults[0];
    expect(consult?.state).toBe('connected');
    const leg = h.view('ann', consult?.legId as string);
    expect(leg).toMatchObject({
      kind: 'live',
      channel: 'voice',
      state: 'active',
      consultId,
      customer: { phone: '+441234567' },
    });
    // The consult timer no longer fires.
    h.advance(60);
    expect(h.snapshot('ann').consults[0]?.state).toBe('connected');
    // The outside answering twice is not allowed.
    expectCode(() => h.engine.outsideAnswers(ACCOUNT, consultId), 'not-allowed');
  });

  it('a number nobody answers ends timed-out', () => {
    const { h, original } = setup('voice', { consultTimeoutSeconds: 5 });
    const consultId = h.consult('ann', original, toNumber('+441234567'));
    h.take();
    h.advance(5);
    expect(consultEvents(h.events('ann'))).toEqual([
      expect.objectContaining({ id: consultId, state: 'ended', endReason: 'timed-out' }),
    ]);
    expectCode(() => h.engine.outsideAnswers(ACCOUNT, consultId), 'not-found');
  });

  it('the initiator cancels a ringing consult; the target cannot cancel', () => {
    const { h, original } = setup('voice');
    const consultId = h.consult('ann', original, toAgent('bob'));
    expect(h.reject('bob', { type: 'consult.cancel', consultId }).code).toBe('not-allowed');
    expect(h.reject('cat', { type: 'consult.cancel', consultId }).code).toBe('not-found');
    h.cmd('ann', { type: 'consult.cancel', consultId });
    const bob = consultEvents(h.events('bob'));
    expect(bob.at(-1)).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    expect(h.engine.nextDueAt()).toBeUndefined();
  });

  it('the target declines; the initiator cannot accept or decline', () => {
    const { h, original } = setup('voice');
    const consultId = h.consult('ann', original, toAgent('bob'));
    expect(h.reject('ann', { type: 'consult.accept', consultId }).code).toBe('not-allowed');
    expect(h.reject('ann', { type: 'consult.decline', consultId }).code).toBe('not-allowed');
    h.take();
    h.cmd('bob', { type: 'consult.decline', consultId });
    expect(consultEvents(h.events('ann'))).toEqual([
      expect.objectContaining({ state: 'ended', endReason: 'declined' }),
    ]);
    expect(h.list('bob')).toEqual([]);
    // Once ended, the consult is gone.
    expect(h.reject('bob', { type: 'consult.accept', consultId }).code).toBe('not-found');
  });
});

describe('B5 again', () => {
  it('after a consult ends, another can start on the same interaction', () => {
    const { h, original } = setup('voice');
    const first = h.consult('ann', original, toAgent('bob'));
    h.cmd('bob', { type: 'consult.decline', consultId: first });
    const second = h.consult('ann', original, toAgent('bob'));
    expect(second).not.toBe(first);
    expect(h.snapshot('ann').consults.map((c) => c.id)).toEqual([second]);
  });

  it('the outside cannot answer a consult to an agent', () => {
    const { h, original } = setup('voice');
    const consultId = h.consult('ann', original, toAgent('bob'));
    expectCode(() => h.engine.outsideAnswers(ACCOUNT, consultId), 'not-allowed');
    expectCode(() => h.engine.outsideAnswers('other', consultId), 'not-found');
    expect(h.snapshot('ann').consults[0]?.state).toBe('ringing');
  });
});

describe('B5 connected', () => {
  function connected(channel: 'voice' | 'chat' | 'email' = 'voice') {
    const base = setup(channel);
    const { h, original } = base;
    const consultId = h.consult('ann', original, toAgent('bob'));
    h.take();
    h.cmd('bob', { type: 'consult.accept', consultId });
    const consult = h.snapshot('ann').consults[0] as Consult;
    return { ...base, consultId, leg: consult.legId as string };
  }

  it('accepting adds the leg to both agents’ lists', () => {
    const { h, original, consultId, leg } = connected();
    const effects = h.take();
    expect(h.ids('ann')).toEqual([original, leg]);
    expect(h.ids('bob')).toEqual([leg]);
    expect(h.view('ann', leg)).toMatchObject({ consultId, direction: 'outbound', kind: 'live' });
    expect(h.view('bob', leg)).toMatchObject({
      consultId,
      direction: 'inbound',
      customer: { name: 'Ann' },
    });
    for (const agentId of ['ann', 'bob']) {
      const events = effects.flatMap((e) =>
        e.kind === 'event' && e.agentId === agentId ? [e.event] : [],
      );
      expect(types(events)).toEqual(
        expect.arrayContaining(['interaction.added', 'consult.changed']),
      );
    }
    expect(h.snapshot('bob').consults[0]).toMatchObject({ state: 'connected', legId: leg });
    // The target's state is now busy on a call.
    expect(h.stateOf('bob')).toBe('busy');
    expect(h.presence('bob')).toBe('logged-in');
  });

  it('a connected consult cannot be cancelled, accepted or declined', () => {
    const { h, consultId } = connected();
    expect(h.reject('ann', { type: 'consult.cancel', consultId }).code).toBe('not-allowed');
    expect(h.reject('bob', { type: 'consult.accept', consultId }).code).toBe('not-allowed');
    expect(h.reject('bob', { type: 'consult.decline', consultId }).code).toBe('not-allowed');
    expect(h.reject('bob', { type: 'consult.transfer', consultId }).code).toBe('not-allowed');
  });

  it('releasing the leg ends the consult and does not release the original', () => {
    const { h, original, leg } = connected();
    h.take();
    h.release('bob', leg);
    const effects = h.take();
    const ann = effects.flatMap((e) =>
      e.kind === 'event' && e.agentId === 'ann' ? [e.event] : [],
    );
    expect(ann).toContainEqual({
      type: 'interaction.removed',
      interactionId: leg,
      reason: 'ended',
    });
    expect(consultEvents(ann)).toEqual([
      expect.objectContaining({ state: 'ended', endReason: 'released' }),
    ]);
    expect(h.ids('ann')).toEqual([original]);
    expect(h.view('ann', original).state).toBe('active');
    expect(h.stateOf('ann')).toBe('busy');
    expect(h.me('ann').draining).toBe(false);
    // Bob, who only held the leg, does not wrap: he is ready again.
    expect(h.stateOf('bob')).toBe('ready');
    expect(h.snapshot('ann').consults).toEqual([]);
  });

  it('releasing the original does not end the consult', () => {
    const { h, original, leg, consultId } = connected();
    h.release('ann', original);
    expect(h.ids('ann')).toEqual([leg]);
    expect(h.ids('bob')).toEqual([leg]);
    expect(h.snapshot('ann').consults[0]).toMatchObject({ id: consultId, state: 'connected' });
  });

  it('consult.transfer moves a live call to the consulted agent', () => {
    const { h, original, leg, consultId } = connected();
    h.take();
    h.cmd('ann', { type: 'consult.transfer', consultId });
    const effects = h.take();
    const ann = effects.flatMap((e) =>
      e.kind === 'event' && e.agentId === 'ann' ? [e.event] : [],
    );
    expect(ann).toContainEqual({
      type: 'interaction.removed',
      interactionId: original,
      reason: 'transferred',
    });
    expect(consultEvents(ann).at(-1)).toMatchObject({ state: 'ended', endReason: 'transferred' });
    expect(h.ids('ann')).toEqual([]);
    expect(h.ids('bob')).toEqual([original]);
    expect(h.view('bob', original).state).toBe('active');
    expect(h.store.interaction(leg)).toBeUndefined();
    expect(h.snapshot('bob').consults).toEqual([]);
    expect(h.stateOf('ann')).toBe('wrap-auto');
  });

  it('consult.transfer to a number hands the call out', () => {
    const { h, original } = setup('voice');
    const consultId = h.consult('ann', original, toNumber('+441234567'));
    h.engine.outsideAnswers(ACCOUNT, consultId);
    h.take();
    h.cmd('ann', { type: 'consult.transfer', consultId });
    expect(h.events('ann')).toContainEqual({
      type: 'interaction.removed',
      interactionId: original,
      reason: 'transferred',
    });
    expect(h.list('ann')).toEqual([]);
  });

  it('consult.transfer is only for live calls', () => {
    const { h, consultId } = connected('email');
    expect(h.reject('ann', { type: 'consult.transfer', consultId }).code).toBe('not-allowed');
  });

  it('consult.transfer after the original was released is not-allowed', () => {
    const { h, consultId, original } = connected();
    h.release('ann', original);
    expect(h.reject('ann', { type: 'consult.transfer', consultId }).code).toBe('not-allowed');
  });

  it('the customer hanging up on the original leaves the consult leg', () => {
    const { h, original, leg } = connected();
    h.engine.customerLeaves(ACCOUNT, original);
    expect(h.ids('ann')).toEqual([leg]);
    expect(h.ids('bob')).toEqual([leg]);
  });
});
