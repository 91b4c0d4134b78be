/**
 * Connections this process opens to another routing process for the sockets it passes on
 * (forward.ts: tunnels and relays): at most `limit` to one process at a time not yet answered, the
 * rest in order behind them. The process they reach counts each against its cap on connections not
 * yet welcomed per address (admission.ts) until its upgrade is read, and all of them come from this
 * process's address: agents reconnecting through it at once (after a process died) would otherwise
 * pass that cap and be dropped, however quickly each would have been answered.
 */
export class PeerOpenings {
  private readonly opening = new Map<string, Turns>();

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
    const turn: Turns = this.opening.get(peer) ?? { count: 0, first: null, last: null };
    this.opening.set(peer, turn);
    const start = () => {
      let over = false;
      const done = () => {
        if (over) return;
        over = true;
        clearTimeout(timer);
        // The turn passes to the next in line (on a stack of its own), or is given back.
        const next = turn.first;
        if (next !== null) {
          turn.first = next.after;
          if (turn.first === null) turn.last = null;
          queueMicrotask(next.start);
        } else if (--turn.count === 0) this.opening.delete(peer);
      };
      const timer = setTimeout(done, this.turnMs);
      timer.unref();
      open(done);
    };
    if (turn.count < this.limit) {
      turn.count += 1;
      start();
    } else {
      const waiting: Waiting = { start, after: null };
      if (turn.last === null) turn.first = waiting;
      else turn.last.after = waiting;
      turn.last = waiting;
    }
  }
}

/**
 * The turns to one process: how many are taken, and the openings waiting for one, in order (a
 * linked queue: taking the first of thousands moves none of the others).
 */
interface Turns {
  count: number;
  first: Waiting | null;
  last: Waiting | null;
}

interface Waiting {
  readonly start: () => void;
  after: Waiting | null;
}
