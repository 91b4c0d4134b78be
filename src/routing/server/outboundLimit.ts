/**
 * The slow-reader rule for one socket's outbound buffer. Frames sent in one go (an answer and its
 * events, a directory snapshot) are let through together: the limit is on what still waits from
 * before, so a burst costs at most its own size on top. A resumed session's backlog is such a burst,
 * and may be large: until it has drained, the limit is on what waits beyond what is left of it
 * (which only falls), so a client that reads is not closed while it catches up.
 */
export class OutboundLimit {
  private inBurst = false;
  /** What is left of the last backlog: the least that waited at any check since it was sent. */
  private backlog = 0;

  constructor(
    /** Bytes waiting to be sent on the socket. */
    private readonly waiting: () => number,
    private readonly maxBytes: number,
    /** Runs `end` once the current burst is over (tests pass their own). */
    private readonly afterBurst: (end: () => void) => void = queueMicrotask,
  ) {}

  /** Whether a frame may be sent now; false: the peer reads too slowly (close it). */
  allows(): boolean {
    if (this.inBurst) return true;
    const waiting = this.waiting();
    this.backlog = Math.min(this.backlog, waiting);
    if (waiting - this.backlog > this.maxBytes) return false;
    this.inBurst = true;
    this.afterBurst(() => (this.inBurst = false));
    return true;
  }

  /** The frames just sent were a resumed session's backlog. */
  backlogSent(): void {
    this.backlog = this.waiting();
  }
}
