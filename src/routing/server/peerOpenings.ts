/**
 * Connections this process opens to another routing process for the sockets it passes on
 * (forward.ts: tunnels and relays): at most `limit` to one process at a time not yet answered, the
 * rest in order behind them. The process they reach counts each against its cap on connections not
 * yet welcomed per address (admission.ts) until its upgrade is read, and all of them come from this
 * process's address: agents reconnecting through it at once (after a process died) would otherwise
 * pass that cap and be dropped, however quickly each would have been answered.
 */
export class PeerOpenings {
  private readonly opening = new Map<string, { count: number; readonly waiting: (() => void)[] }>();

  constructor(
    private readonly limit: number,
    /** A turn not answered within this long is given up (the connection itself goes on). */
    private readonly turnMs = 10_000,
  ) {}

  /**
   * Calls `open` once a turn to `peer` (its host and port) is free. `open` calls the `done` it is
   * given once its connection was answered, failed or is no longer wanted.
   */
  take(peer: string, open: (done: () => void) => void): void {
    const turn = this.opening.get(peer) ?? { count: 0, waiting: [] };
    this.opening.set(peer, turn);
    const start = () => {
      let over = false;
      const done = () => {
        if (over) return;
        over = true;
        clearTimeout(timer);
        // The turn passes to the next in line (on a stack of its own), or is given back.
        const next = turn.waiting.shift();
        if (next !== undefined) queueMicrotask(next);
        else if (--turn.count === 0) this.opening.delete(peer);
      };
      const timer = setTimeout(done, this.turnMs);
      timer.unref();
      open(done);
    };
    if (turn.count < this.limit) {
      turn.count += 1;
      start();
    } else turn.waiting.push(start);
  }
}
