/** The agent's own state: Away with a reason, the state after the work, extending Wrap (Auto). */
import type { SettingsChange } from './testing';
import { expectCode, harness } from './testing';

/** Ann serves sales, Ready; Away reasons Lunch and Training; wrap 20 s, extensible by 30 s. */
function setup(change: SettingsChange = {}) {
  const h = harness({
    wrapSeconds: 20,
    awayReasons: ['Lunch', 'Training'],
    wrapExtensionSeconds: 30,
    ...change,
  });
  h.service('sales');
  h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
  h.take();
  return h;
}

describe('Away with a reason', () => {
  it('takes one of the account’s reasons, shown with the state; colleagues see Logged in', () => {
    const h = setup();
    h.presenceSet('ann', 'away', 'Lunch');
    expect(h.me('ann')).toMatchObject({ state: 'away', awayReason: 'Lunch' });
    expect(h.presence('ann')).toBe('logged-in');
    h.presenceSet('ann', 'ready');
    expect(h.me('ann')).toMatchObject({ state: 'ready', awayReason: null });
  });

  it('refuses a reason not on the list, or with another state, and changes nothing', () => {
    const h = setup();
    const before = h.state();
    for (const [state, reason] of [
      ['away', 'Nap'],
      ['ready', 'Lunch'],
    ] as const) {
      const refused = expectCode(
        () => h.cmd('ann', { type: 'presence.set', state, reason }),
        'bad-field',
      );
      expect(refused.field).toBe('reason');
    }
    expect(h.state()).toEqual(before);
    // Away without a reason stays possible (the routing service's own sweeps use it).
    h.presenceSet('ann', 'away');
    expect(h.me('ann')).toMatchObject({ state: 'away', awayReason: null });
  });
});

describe('the state after the work', () => {
  it('chosen while busy, taken when the wrap ends', () => {
    const h = setup();
    const call = h.arrive('sales', 'voice');
    h.cmd('ann', { type: 'presence.next', next: { state: 'away', reason: 'Training' } });
    expect(h.me('ann').next).toEqual({ state: 'away', reason: 'Training' });
    h.release('ann', call.id);
    expect(h.stateOf('ann')).toBe('wrap-auto');
    h.advance(20);
    expect(h.me('ann')).toMatchObject({ state: 'away', awayReason: 'Training', next: null });
    // Away: the next arrival waits.
    h.arrive('sales', 'chat');
    expect(h.ids('ann')).toEqual([]);
  });

  it('taken at once when there is no wrap; null keeps Ready', () => {
    const h = setup({ wrapSeconds: 0 });
    const call = h.arrive('sales', 'voice');
    h.cmd('ann', { type: 'presence.next', next: { state: 'away', reason: null } });
    h.cmd('ann', { type: 'presence.next', next: null });
    h.release('ann', call.id);
    expect(h.stateOf('ann')).toBe('ready');
    const chat = h.arrive('sales', 'chat');
    h.cmd('ann', { type: 'presence.next', next: { state: 'away', reason: 'Lunch' } });
    h.release('ann', chat.id);
    expect(h.me('ann')).toMatchObject({ state: 'away', awayReason: 'Lunch' });
  });

  it('a state chosen directly replaces the one chosen for later', () => {
    const h = setup();
    const call = h.arrive('sales', 'voice');
    h.cmd('ann', { type: 'presence.next', next: { state: 'away', reason: 'Lunch' } });
    h.release('ann', call.id);
    h.presenceSet('ann', 'ready');
    expect(h.me('ann')).toMatchObject({ state: 'ready', next: null });
  });

  it('is refused without work, and with a bad reason, changing nothing', () => {
    const h = setup();
    const idle = h.reject('ann', { type: 'presence.next', next: { state: 'ready', reason: null } });
    expect(idle).toMatchObject({
      code: 'not-allowed',
      message: 'You have no work to choose the state after.',
    });
    h.arrive('sales', 'voice');
    const before = h.state();
    const bad = h.reject('ann', { type: 'presence.next', next: { state: 'away', reason: 'Nap' } });
    expect(bad).toMatchObject({ code: 'bad-field', field: 'next.reason' });
    expect(h.state()).toEqual(before);
  });
});

describe('extending Wrap (Auto)', () => {
  it('adds the account’s extension once', () => {
    const h = setup();
    const call = h.arrive('sales', 'voice');
    h.release('ann', call.id);
    const endsAt = h.me('ann').wrapEndsAt as number;
    h.cmd('ann', { type: 'wrap.extend' });
    expect(h.me('ann')).toMatchObject({ wrapEndsAt: endsAt + 30_000, wrapExtended: true });
    const again = h.reject('ann', { type: 'wrap.extend' });
    expect(again.message).toBe('This wrap was extended already.');
    h.advance(20);
    expect(h.stateOf('ann')).toBe('wrap-auto');
    h.advance(30);
    expect(h.stateOf('ann')).toBe('ready');
    expect(h.me('ann').wrapExtended).toBe(false);
  });

  it('is refused outside Wrap (Auto), and where the account does not allow it', () => {
    const h = setup();
    expect(h.reject('ann', { type: 'wrap.extend' }).message).toBe('You are not in Wrap (Auto).');
    const off = setup({ wrapExtensionSeconds: 0 });
    const call = off.arrive('sales', 'voice');
    off.release('ann', call.id);
    expect(off.reject('ann', { type: 'wrap.extend' }).code).toBe('feature-disabled');
  });
});
