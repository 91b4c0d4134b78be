/**
 * A session's last events, kept for resume: at most `maxEvents` of them and at most `maxBytes` of
 * text, whichever is reached first (a directory snapshot part can be 100 KB, so a count alone
 * would not bound memory). The newest event is always kept, whatever its size. A session's seqs
 * follow one another, so only each event's shared text is kept (eventFrames.ts): a batch sent to a
 * thousand sessions is held once, each buffer counting it as its own so the bound holds either
 * way, and a buffer is one array of references, not an object per event for the collector to walk.
 */
import type { Frame, SeqlessEvent } from './eventFrames';
import { frameText, seqless } from './eventFrames';

export class ReplayBuffer {
  /** Texts of the kept events from `start` on; emptied slots before it let their text go. */
  private rests: (string | undefined)[] = [];
  private start = 0;
  /** The seq of the event at `start`; while none is kept, of the first to come. */
  private firstSeq: number;
  private size = 0;

  /** `frames`: stored ones to start from; `seq`: the session's last seq (the next is seq + 1). */
  constructor(
    private readonly maxEvents: number,
    private readonly maxBytes: number,
    frames: readonly Frame[] = [],
    seq = 0,
  ) {
    this.firstSeq = seq + 1;
    for (const frame of frames) this.push(seqless(frame));
  }

  /** Keeps an event; one that does not follow the last kept one starts the buffer afresh. */
  push(event: SeqlessEvent): void {
    if (this.length === 0 || event.seq !== this.firstSeq + this.length) {
      this.rests = [];
      this.start = 0;
      this.size = 0;
      this.firstSeq = event.seq;
    }
    this.rests.push(event.rest);
    this.size += event.rest.length;
    while (this.length > 1 && (this.length > this.maxEvents || this.size > this.maxBytes)) {
      this.size -= (this.rests[this.start] as string).length;
      this.rests[this.start] = undefined;
      this.start += 1;
      this.firstSeq += 1;
    }
    // Compact now and then, so the emptied slots go too.
    if (this.start > 64 && this.start * 2 > this.rests.length) {
      this.rests = this.rests.slice(this.start);
      this.start = 0;
    }
  }

  /**
   * The seq of the oldest event a resume can still be given: the oldest kept or, while none is
   * kept, the first to come (events numbered but still being written to the journal are not kept
   * yet; they follow on whichever socket the session has once written).
   */
  get oldestSeq(): number {
    return this.firstSeq;
  }

  /** The frames of the kept events after `lastSeq`, oldest first. */
  after(lastSeq: number): string[] {
    const texts: string[] = [];
    for (let i = Math.max(0, lastSeq + 1 - this.firstSeq); i < this.length; i++) {
      const rest = this.rests[this.start + i] as string;
      texts.push(frameText({ seq: this.firstSeq + i, rest }));
    }
    return texts;
  }

  /** Characters of event text held (about bytes for the protocol's mostly ASCII frames). */
  get bytes(): number {
    return this.size;
  }

  get length(): number {
    return this.rests.length - this.start;
  }
}
