import { LEASE_SLOTS, LeaseClock } from './leaseClock';

describe('LeaseClock', () => {
  it('shares the heartbeat and each slot between views of one buffer', () => {
    const main = new LeaseClock();
    // What the worker thread builds from the buffer it is given.
    const worker = new LeaseClock(main.buffer);
    main.beat(1_796_000_000_000);
    expect(worker.heartbeat()).toBe(1_796_000_000_000);
    worker.renewed(0, 1_796_000_000_500);
    worker.renewed(LEASE_SLOTS - 1, 1_796_000_000_900);
    expect(main.renewedAt(0)).toBe(1_796_000_000_500);
    expect(main.renewedAt(LEASE_SLOTS - 1)).toBe(1_796_000_000_900);
    // Slots and the heartbeat are apart.
    expect(main.renewedAt(1)).toBe(0);
    expect(main.heartbeat()).toBe(1_796_000_000_000);
  });
});
