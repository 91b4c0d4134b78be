/** Names a directory entry: agents and services have separate id spaces. */
import type { DirectoryEntry } from '../../protocol';

/** An entry's type and id: all that is needed to find or remove it. */
export interface EntryRef {
  readonly type: DirectoryEntry['type'];
  readonly id: string;
}

/** The entry's key, unique in the directory: "agent:ann", "service:sales". */
export function entryKey(ref: EntryRef): string {
  return `${ref.type}:${ref.id}`;
}
