/**
 * The times the main thread and the lease worker (leaseWorker.ts) share, in one SharedArrayBuffer
 * read and written with Atomics: the main thread's heartbeat (it shows it is alive), and for each
 * slot (an account's lease held here) when its last renewal that Redis confirmed was sent.
 * Milliseconds since the epoch (Date.now()), as 64-bit integers.
 */

/** How many leases one process may hold at once (one slot each). */
export const LEASE_SLOTS = 16_384;

const HEARTBEAT = 0;

export class LeaseClock {
  private readonly times: BigInt64Array;

  constructor(readonly buffer: SharedArrayBuffer = LeaseClock.allocate()) {
    this.times = new BigInt64Array(buffer);
  }

  static allocate(): SharedArrayBuffer {
    return new SharedArrayBuffer((LEASE_SLOTS + 1) * BigInt64Array.BYTES_PER_ELEMENT);
  }

  /** The main thread is alive now. */
  beat(now = Date.now()): void {
    Atomics.store(this.times, HEARTBEAT, BigInt(now));
  }

  /** When the main thread last showed it was alive. */
  heartbeat(): number {
    return Number(Atomics.load(this.times, HEARTBEAT));
  }

  /** The lease in `slot` was renewed, or taken, by a call sent at `at`. */
  renewed(slot: number, at: number): void {
    Atomics.store(this.times, HEARTBEAT + 1 + slot, BigInt(at));
  }

  /** When the lease in `slot` was last renewed (or taken), as far as Redis confirmed. */
  renewedAt(slot: number): number {
    return Number(Atomics.load(this.times, HEARTBEAT + 1 + slot));
  }
}
