/**
 * A session's last events, kept for resume: at most `maxEvents` of them and at most `maxBytes` of
 * text, whichever is reached first (a directory snapshot part can be 100 KB, so a count alone
 * would not bound memory). The newest event is always kept, whatever its size.
 */
export interface Frame {
  readonly seq: number;
  readonly text: string;
}

export class ReplayBuffer {
  private frames: Frame[] = [];
  /** Index of the oldest kept frame in `frames` (dropping from the front without shifting). */
  private start = 0;
  private size = 0;

  constructor(
    private readonly maxEvents: number,
    private readonly maxBytes: number,
    frames: readonly Frame[] = [],
  ) {
    for (const frame of frames) this.push(frame);
  }

  push(frame: Frame): void {
    this.frames.push(frame);
    this.size += frame.text.length;
    while (
      this.frames.length - this.start > 1 &&
      (this.frames.length - this.start > this.maxEvents || this.size > this.maxBytes)
    ) {
      this.size -= (this.frames[this.start] as Frame).text.length;
      this.start += 1;
    }
    // Compact now and then, so dropped frames are freed.
    if (this.start > 64 && this.start * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.start);
      this.start = 0;
    }
  }

  /** The seq of the oldest kept event, or null when none is kept. */
  get oldestSeq(): number | null {
    return this.frames[this.start]?.seq ?? null;
  }

  /** The texts of the kept events after `lastSeq`, oldest first. */
  after(lastSeq: number): string[] {
    const texts: string[] = [];
    for (let i = this.start; i < this.frames.length; i++) {
      const frame = this.frames[i] as Frame;
      if (frame.seq > lastSeq) texts.push(frame.text);
    }
    return texts;
  }

  /** Characters held (UTF-16 code units; about bytes for the protocol's mostly ASCII frames). */
  get bytes(): number {
    return this.size;
  }

  get length(): number {
    return this.frames.length - this.start;
  }
}
