/**
 * Confirmations of one account's commits, in rounds: one round at a time, each covering every
 * commit written before it started, so that however many commits wait, they cost one round each
 * time the last one ends (redisLog.ts). A commit written while no round is under way starts one
 * at once (`now`), right behind it.
 */
export class Confirmations {
  private waiting: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  private round: Promise<void> | null = null;

  constructor(private readonly confirm: () => Promise<void>) {}

  /** Settles once a round started after this call has ended: rejects when it failed. */
  next(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (this.round === null) this.start();
    });
  }

  get underWay(): boolean {
    return this.round !== null;
  }

  /**
   * A round started now, which covers what was written just before, or null when one is under
   * way (what was written waits for `next`).
   */
  now(): Promise<void> | null {
    return this.round === null ? this.start() : null;
  }

  private start(): Promise<void> {
    const these = this.waiting;
    this.waiting = [];
    const round = this.confirm();
    this.round = round;
    const end = () => {
      this.round = null;
      if (this.waiting.length > 0) this.start();
    };
    // Handles a failure too: a round started by `now` may have nobody else waiting for it.
    round.then(
      () => {
        end();
        these.forEach((waiter) => waiter.resolve());
      },
      (err: unknown) => {
        end();
        these.forEach((waiter) => waiter.reject(err));
      },
    );
    return round;
  }
}
