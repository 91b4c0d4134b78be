/**
 * A session's last events, kept for resume: at most `maxEvents` of them and at most `maxBytes` of
 * text, whichever is reached first (a directory snapshot part can be 100 KB, so a count alone
 * would not bound memory). The newest event is always kept, whatever its size. Events are kept
 * as their shared text (eventFrames.ts): a batch sent to a thousand sessions is held once, and
 * each buffer counts it as if it were its own, so the bound holds either way.
 */
import type { Frame, SeqlessEvent } from './eventFrames';
import { frameText, seqless } from './eventFrames';

export class ReplayBuffer {
  /** Kept events from `start` on; slots before it are emptied at once, so their text can go. */
  private events: (SeqlessEvent | undefined)[] = [];
  private start = 0;
  private size = 0;

  constructor(
    private readonly maxEvents: number,
    private readonly maxBytes: number,
    frames: readonly Frame[] = [],
  ) {
    for (const frame of frames) this.push(seqless(frame));
  }

  push(event: SeqlessEvent): void {
    this.events.push(event);
    this.size += event.rest.length;
    while (this.length > 1 && (this.length > this.maxEvents || this.size > this.maxBytes)) {
      this.size -= (this.events[this.start] as SeqlessEvent).rest.length;
      this.events[this.start] = undefined;
      this.start += 1;
    }
    // Compact now and then, so the emptied slots go too.
    if (this.start > 64 && this.start * 2 > this.events.length) {
      this.events = this.events.slice(this.start);
      this.start = 0;
    }
  }

  /** The seq of the oldest kept event, or null when none is kept. */
  get oldestSeq(): number | null {
    return this.events[this.start]?.seq ?? null;
  }

  /** The frames of the kept events after `lastSeq`, oldest first. */
  after(lastSeq: number): string[] {
    const texts: string[] = [];
    for (let i = this.start; i < this.events.length; i++) {
      const event = this.events[i] as SeqlessEvent;
      if (event.seq > lastSeq) texts.push(frameText(event));
    }
    return texts;
  }

  /** Characters of event text held (about bytes for the protocol's mostly ASCII frames). */
  get bytes(): number {
    return this.size;
  }

  get length(): number {
    return this.events.length - this.start;
  }
}
