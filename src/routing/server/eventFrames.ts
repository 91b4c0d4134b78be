/**
 * Events as frames: the text of an event is made (and checked against the protocol) once, then
 * given each session's seq, so an event that goes to a thousand sessions is serialised once.
 */
import type { DirectoryEntry, DirectoryRef, ServerMessage } from '../../protocol';
import { MAX_DIRECTORY_ENTRIES_PER_FRAME, PROTOCOL_VERSION, stringify } from '../../protocol';
import type { EventBody } from '../engine/effects';

/** The frame text of an event with seq 1 begins so; the rest is the same for every seq. */
const SEQ_ONE_PREFIX = `{"v":${PROTOCOL_VERSION},"seq":1,`;

/** Event texts without their seq, for one delivery. */
export class EventTexts {
  private readonly rests = new Map<EventBody, string>();

  /** The frame of `body` with `seq`. */
  frame(body: EventBody, seq: number): string {
    let rest = this.rests.get(body);
    if (rest === undefined) {
      const text = stringify({ v: PROTOCOL_VERSION, seq: 1, ...body } as ServerMessage, 'server');
      rest = text.slice(SEQ_ONE_PREFIX.length);
      this.rests.set(body, rest);
    }
    return `{"v":${PROTOCOL_VERSION},"seq":${seq},${rest}`;
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
