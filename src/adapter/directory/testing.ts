/** Test helpers: small directory entries. */
import type { DirectoryEntry, Presence } from '../../protocol';

/** An agent entry; the id is made from the name unless given. */
export function agent(
  name: string,
  presence: Presence = 'available-now',
  id = `a-${name.replace(/[^A-Za-z0-9]/g, '') || 'x'}`,
): DirectoryEntry {
  return { type: 'agent', id, name, presence };
}

/** A service entry (someone in it can take a consult unless `consultable` says not); the id is made from the name unless given. */
export function service(
  name: string,
  waiting = 0,
  id = `s-${name.replace(/[^A-Za-z0-9]/g, '')}`,
  consultable = true,
) {
  const entry: DirectoryEntry = { type: 'service', id, name, waiting, consultable };
  return entry;
}
