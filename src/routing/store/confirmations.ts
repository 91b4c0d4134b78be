/**
 * Confirmations of one account's commits, in rounds: one round at a time, each covering every
 * commit kept before it started, so that however many commits wait, they cost one round each
 * time the last one ends (redisLog.ts: a round is a write and a WAIT).
 */
export class Confirmations {
  private waiting: { resolve: () => void; reject: (err: unknown) => void }[] = [];
  private round = false;

  constructor(private readonly confirm: () => Promise<void>) {}

  /** Settles once a round started after this call has ended: rejects when it failed. */
  next(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.start();
    });
  }

  private start(): void {
    if (this.round || this.waiting.length === 0) return;
    this.round = true;
    const these = this.waiting;
    this.waiting = [];
    this.confirm()
      .then(
        () => these.forEach((waiter) => waiter.resolve()),
        (err: unknown) => these.forEach((waiter) => waiter.reject(err)),
      )
      .finally(() => {
        this.round = false;
        this.start();
      });
  }
}
