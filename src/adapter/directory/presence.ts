/** B5/B6/B8: what a colleague's presence means in the Consult and Transfer listings. */
import type { DirectoryEntry, Presence } from '../../protocol';

/** B8: the presence as the UI names it. */
export const PRESENCE_LABELS: Readonly<Record<Presence, string>> = {
  'available-now': 'Available now',
  interruptible: 'Interruptible',
  'logged-in': 'Logged in',
  'logged-out': 'Logged out',
};

/** B6: when a transferred interaction will be handled, by the agent's presence. */
export const TRANSFER_NOTES: Readonly<Record<Presence, string>> = {
  'available-now': 'Can handle it now',
  // Interruptible agents are logged in with interruptible work: as "Logged in" for a transfer.
  interruptible: 'Can handle it when they become available',
  'logged-in': 'Can handle it when they become available',
  'logged-out': 'Can handle it when they next log in',
};

/**
 * B5: only agents who are Available now or Interruptible can be consulted; a service only while
 * someone in it could take the consult.
 */
export function canConsult(entry: DirectoryEntry): boolean {
  if (entry.type === 'service') return entry.consultable;
  return entry.presence === 'available-now' || entry.presence === 'interruptible';
}

/** B5: why an entry cannot be consulted, or null when it can. */
export function consultReason(entry: DirectoryEntry): string | null {
  if (canConsult(entry)) return null;
  if (entry.type === 'service') return 'Nobody in this service can take a consult now';
  return `${PRESENCE_LABELS[entry.presence]}: only agents who are Available now or Interruptible can be consulted`;
}
