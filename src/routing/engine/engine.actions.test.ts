/** Actions by kind (B2): release, abandon after a failed release, hold and retrieve; command errors. */
import { ACCOUNT, expectCode, harness, toAgent, types } from './testing';

function oneOfEach() {
  const h = harness({ weights: { live: 51, 'semi-live': 20, 'non-live': 10 } });
  h.service('sales');
  h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
  h.agent({ id: 'bob', services: [], state: 'ready' });
  const call = h.arrive('sales', 'voice');
  const chat = h.arrive('sales', 'chat');
  const email = h.arrive('sales', 'email');
  expect(h.ids('ann')).toEqual([call.id, chat.id, email.id]);
  return { h, call: call.id, chat: chat.id, email: email.id };
}

describe('B2 hold and retrieve', () => {
  it('holds and retrieves a live call, bumping the version each time', () => {
    const { h, call } = oneOfEach();
    const v0 = h.view('ann', call).version;
    h.take();
    h.clock.advance(500);
    h.on('ann', 'hold', call);
    const events = h.events('ann');
    expect(types(events)).toEqual(['interaction.changed']);
    expect(h.view('ann', call)).toMatchObject({
      state: 'held',
      version: v0 + 1,
      stateSince: h.clock.now(),
    });
    h.on('ann', 'retrieve', call);
    expect(h.view('ann', call)).toMatchObject({ state: 'active', version: v0 + 2 });
  });

  it('cannot hold what is held, nor retrieve what is active', () => {
    const { h, call } = oneOfEach();
    const version = h.view('ann', call).version;
    expect(h.reject('ann', { type: 'retrieve', interactionId: call, version }).code).toBe(
      'not-allowed',
    );
    h.on('ann', 'hold', call);
    const held = h.view('ann', call).version;
    expect(h.reject('ann', { type: 'hold', interactionId: call, version: held }).code).toBe(
      'not-allowed',
    );
  });

  it.each(['chat', 'email'] as const)('a %s cannot be held', (which) => {
    const setup = oneOfEach();
    const { h } = setup;
    const interactionId = setup[which];
    const { version } = h.view('ann', interactionId);
    const err = h.reject('ann', { type: 'hold', interactionId, version });
    expect(err.code).toBe('not-allowed');
    expect(err.interactionId).toBe(interactionId);
    expect(h.reject('ann', { type: 'retrieve', interactionId, version }).code).toBe('not-allowed');
  });
});

describe('B2 transfer by kind', () => {
  it('a chat cannot be transferred', () => {
    const { h, chat } = oneOfEach();
    const { version } = h.view('ann', chat);
    expect(
      h.reject('ann', { type: 'transfer', interactionId: chat, version, target: toAgent('bob') })
        .code,
    ).toBe('not-allowed');
  });
});

describe('B2 release and abandon', () => {
  it('release removes the interaction with reason released', () => {
    const { h, email } = oneOfEach();
    h.take();
    h.release('ann', email);
    expect(h.events('ann')[0]).toEqual({
      type: 'interaction.removed',
      interactionId: email,
      reason: 'released',
    });
    expect(h.ids('ann')).not.toContain(email);
  });

  it.each(['call', 'chat', 'email'] as const)(
    'abandon is not allowed for an active %s',
    (which) => {
      const setup = oneOfEach();
      const { h } = setup;
      const interactionId = setup[which];
      const { version } = h.view('ann', interactionId);
      expect(h.reject('ann', { type: 'abandon', interactionId, version }).code).toBe('not-allowed');
    },
  );

  it('a live call whose release failed is not abandoned but released again (B2)', () => {
    const { h, call } = oneOfEach();
    h.take();
    h.engine.armReleaseFault(ACCOUNT, call, 'error');
    h.release('ann', call);
    expect(h.view('ann', call).state).toBe('release-failed');
    const { version } = h.view('ann', call);
    expect(h.reject('ann', { type: 'abandon', interactionId: call, version }).code).toBe(
      'not-allowed',
    );
    h.release('ann', call);
    expect(h.ids('ann')).not.toContain(call);
  });

  it('a release the channel refuses fails at once; then abandon removes it', () => {
    const { h, chat } = oneOfEach();
    h.engine.armReleaseFault(ACCOUNT, chat, 'error');
    h.take();
    h.release('ann', chat);
    expect(types(h.events('ann'))).toContain('interaction.changed');
    const failed = h.view('ann', chat);
    expect(failed.state).toBe('release-failed');
    expect(failed.releaseFailure?.reason).toBe('error');
    h.on('ann', 'abandon', chat);
    expect(h.events('ann')).toContainEqual({
      type: 'interaction.removed',
      interactionId: chat,
      reason: 'abandoned',
    });
    expect(h.ids('ann')).not.toContain(chat);
  });

  it('a release that hangs is releasing until the release timeout, then failed', () => {
    const { h, email } = oneOfEach();
    h.engine.armReleaseFault(ACCOUNT, email, 'hang');
    h.release('ann', email);
    expect(h.view('ann', email).state).toBe('releasing');
    const { version } = h.view('ann', email);
    // While releasing: neither release nor abandon.
    expect(h.reject('ann', { type: 'abandon', interactionId: email, version }).code).toBe(
      'not-allowed',
    );
    expect(h.reject('ann', { type: 'release', interactionId: email, version }).code).toBe(
      'not-allowed',
    );
    expect(h.engine.nextDueAt()).toBe(h.clock.now() + 10_000);
    h.advance(9.999);
    expect(h.view('ann', email).state).toBe('releasing');
    h.take();
    h.advance(0.001);
    const events = h.events('ann');
    expect(types(events)).toContain('interaction.changed');
    expect(h.view('ann', email)).toMatchObject({
      state: 'release-failed',
      releaseFailure: { reason: 'timeout' },
    });
    h.on('ann', 'abandon', email);
    expect(h.ids('ann')).not.toContain(email);
  });

  it('a failed release can be tried again, and then succeeds', () => {
    const { h, email } = oneOfEach();
    h.engine.armReleaseFault(ACCOUNT, email, 'error');
    h.release('ann', email);
    expect(h.view('ann', email).state).toBe('release-failed');
    h.release('ann', email);
    expect(h.ids('ann')).not.toContain(email);
  });

  it('the customer leaving during a hung release removes it and cancels the timer', () => {
    const { h, email } = oneOfEach();
    h.engine.armReleaseFault(ACCOUNT, email, 'hang');
    h.release('ann', email);
    h.engine.customerLeaves(ACCOUNT, email);
    expect(h.ids('ann')).not.toContain(email);
    expect(h.engine.nextDueAt()).toBeUndefined();
  });
});

describe('command errors', () => {
  it('a stale version is a conflict naming the current version', () => {
    const { h, call } = oneOfEach();
    const { version } = h.view('ann', call);
    h.on('ann', 'hold', call);
    const err = h.reject('ann', { type: 'retrieve', interactionId: call, version });
    expect(err.code).toBe('conflict');
    expect(err.currentVersion).toBe(version + 1);
    expect(err.interactionId).toBe(call);
    expect(err.messageType).toBe('retrieve');
  });

  it("another agent's interaction is not-found, like one that does not exist", () => {
    const { h, email } = oneOfEach();
    const { version } = h.view('ann', email);
    const err = h.reject('bob', { type: 'release', interactionId: email, version });
    expect(err.code).toBe('not-found');
    expect(err.currentVersion).toBeNull();
    expect(h.reject('bob', { type: 'release', interactionId: 'i999', version: 1 }).code).toBe(
      'not-found',
    );
  });

  it("another account's interaction is not-found", () => {
    const { h, email } = oneOfEach();
    h.engine.createAccount('other', 'Other');
    h.agent({ id: 'ann' }, 'other');
    const { version } = h.view('ann', email);
    expect(h.reject('ann', { type: 'release', interactionId: email, version }, 'other').code).toBe(
      'not-found',
    );
    expect(h.ids('ann')).toContain(email);
  });

  it('a queued interaction is nobody’s: not-found', () => {
    const h = harness();
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'] });
    const queued = h.arrive('sales', 'email');
    expect(
      h.reject('ann', { type: 'release', interactionId: queued.id, version: queued.version }).code,
    ).toBe('not-found');
  });

  it('unknown consults and logs are not-found', () => {
    const { h } = oneOfEach();
    for (const type of [
      'consult.cancel',
      'consult.accept',
      'consult.decline',
      'consult.transfer',
    ] as const) {
      expect(h.reject('ann', { type, consultId: 'k404' }).code).toBe('not-found');
    }
    expect(
      h.reject('ann', { type: 'log.submit', interactionId: 'i1', disposition: null, notes: '' })
        .code,
    ).toBe('not-found');
  });

  it('an unknown agent or account is not-found', () => {
    const { h } = oneOfEach();
    expectCode(
      () => h.cmd('nobody', { type: 'presence.set', state: 'ready', reason: null }),
      'not-found',
    );
    expectCode(
      () => h.cmd('ann', { type: 'presence.set', state: 'ready', reason: null }, 'no-account'),
      'not-found',
    );
  });

  it('session commands change nothing and emit nothing', () => {
    const { h } = oneOfEach();
    h.take();
    const before = h.state();
    for (const type of ['directory.subscribe', 'directory.unsubscribe', 'resync'] as const) {
      expect(h.cmd('ann', { type })).toEqual({ interactionId: null, consultId: null });
    }
    expect(h.state()).toEqual(before);
    expect(h.take()).toEqual([]);
  });
});
