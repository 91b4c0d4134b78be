/**
 * What one connection may send: a token bucket of `perSecond` frames with a `burst` above it, and
 * how many frames it had refused within the last five seconds (past five seconds' worth, the
 * connection is closed: it does not slow down when told).
 */
export type FrameVerdict = 'allowed' | 'refused' | 'abusive';

export class FrameRate {
  private tokens: number;
  private refilledAt: number;
  /** Times at which frames were refused, within the last 5 s. */
  private refusals: number[] = [];

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.refilledAt = now;
  }

  take(now: number): FrameVerdict {
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond,
    );
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 'allowed';
    }
    this.refusals = this.refusals.filter((at) => at > now - 5000);
    this.refusals.push(now);
    return this.refusals.length > this.perSecond * 5 ? 'abusive' : 'refused';
  }
}
