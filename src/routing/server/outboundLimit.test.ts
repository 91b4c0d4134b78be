import { OutboundLimit } from './outboundLimit';

/** A socket whose waiting bytes the test sets, with bursts ended by hand. */
function socket(maxBytes = 100) {
  const state = { waiting: 0, ends: [] as (() => void)[] };
  const limit = new OutboundLimit(
    () => state.waiting,
    maxBytes,
    (end) => state.ends.push(end),
  );
  const endBurst = () => state.ends.splice(0).forEach((end) => end());
  return { state, limit, endBurst };
}

describe('OutboundLimit', () => {
  it('lets a burst through whole, then refuses while more than the limit waits', () => {
    const { state, limit, endBurst } = socket();
    expect(limit.allows()).toBe(true);
    state.waiting = 5000; // a large snapshot, sent in the same burst
    expect(limit.allows()).toBe(true);
    endBurst();
    expect(limit.allows()).toBe(false);
    state.waiting = 100;
    expect(limit.allows()).toBe(true);
  });

  it('lets a resumed backlog drain: the limit applies to what waits beyond what is left of it', () => {
    const { state, limit, endBurst } = socket();
    limit.allows();
    state.waiting = 5000;
    limit.backlogSent();
    endBurst();
    // The client reads: the backlog falls while new frames arrive on top.
    state.waiting = 5050;
    expect(limit.allows()).toBe(true);
    endBurst();
    state.waiting = 3000;
    expect(limit.allows()).toBe(true);
    endBurst();
    state.waiting = 3090;
    expect(limit.allows()).toBe(true);
    endBurst();
    // What was left of the backlog never grows back: 101 bytes over its least is too many.
    state.waiting = 3101;
    expect(limit.allows()).toBe(false);
  });

  it('a client that reads nothing after a backlog is refused once the limit is added on top', () => {
    const { state, limit, endBurst } = socket();
    limit.allows();
    state.waiting = 5000;
    limit.backlogSent();
    endBurst();
    state.waiting = 5100;
    expect(limit.allows()).toBe(true);
    endBurst();
    state.waiting = 5101;
    expect(limit.allows()).toBe(false);
  });
});
