/**
 * Events as frames: the text of an event is made (and checked against the protocol) once, kept
 * once, and given each session's seq only as it is sent, so an event that goes to a thousand
 * sessions is serialised and held once.
 */
import type { DirectoryEntry, DirectoryRef, ServerMessage } from '../../protocol';
import { MAX_DIRECTORY_ENTRIES_PER_FRAME, PROTOCOL_VERSION, stringify } from '../../protocol';
import type { EventBody } from '../engine/effects';

/** An event frame as sent: its seq and its text. */
export interface Frame {
  readonly seq: number;
  readonly text: string;
}

/**
 * An event as kept: its seq, and its text after the seq (`rest`), which is the same string for
 * every session the event went to.
 */
export interface SeqlessEvent {
  readonly seq: number;
  readonly rest: string;
}

/** The start of every frame's text, up to the seq. */
const HEAD = `{"v":${PROTOCOL_VERSION},"seq":`;

/** The text of a kept event, made when it is sent (and let go after). */
export function frameText(event: SeqlessEvent): string {
  return `${HEAD}${event.seq},${event.rest}`;
}

/** A frame as a kept event. */
export function seqless(frame: Frame): SeqlessEvent {
  const head = `${HEAD}${frame.seq},`;
  if (!frame.text.startsWith(head)) throw new Error(`frame ${frame.seq} is not an event frame`);
  return { seq: frame.seq, rest: frame.text.slice(head.length) };
}

/** Event texts without their seq, for one delivery. */
export class EventTexts {
  private readonly rests = new Map<EventBody, string>();

  /** The event `body` with `seq`, its text checked against the protocol once per delivery. */
  event(body: EventBody, seq: number): SeqlessEvent {
    let rest = this.rests.get(body);
    if (rest === undefined) {
      const text = stringify({ v: PROTOCOL_VERSION, seq: 1, ...body } as ServerMessage, 'server');
      rest = seqless({ seq: 1, text }).rest;
      this.rests.set(body, rest);
    }
    return { seq, rest };
  }
}

/** Directory changes as events of at most 1,000 entries each. */
export function directoryChanges(
  upserted: readonly DirectoryEntry[],
  removed: readonly DirectoryRef[],
): EventBody[] {
  const size = MAX_DIRECTORY_ENTRIES_PER_FRAME;
  const bodies: EventBody[] = [];
  for (let i = 0; i < Math.max(upserted.length, removed.length); i += size) {
    bodies.push({
      type: 'directory.changed',
      upserted: upserted.slice(i, i + size),
      removed: removed.slice(i, i + size),
    });
  }
  return bodies;
}

/** The whole directory as events of at most 1,000 entries each (at least one, maybe empty). */
export function directorySnapshot(entries: readonly DirectoryEntry[]): EventBody[] {
  const size = MAX_DIRECTORY_ENTRIES_PER_FRAME;
  const parts = Math.max(1, Math.ceil(entries.length / size));
  const bodies: EventBody[] = [];
  for (let part = 0; part < parts; part++) {
    bodies.push({
      type: 'directory.snapshot',
      part,
      parts,
      entries: entries.slice(part * size, (part + 1) * size),
    });
  }
  return bodies;
}
