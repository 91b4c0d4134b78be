/**
 * Pure helpers of the wrap panel (B7): the countdown, how a pending log reads, the disposition
 * choices and the notes check.
 */
import { MAX_NOTES_LENGTH } from 'c/contactPadCore';
import { clock, format, secondsUntil } from 'c/contactPadText';
import NO_DISPOSITION from '@salesforce/label/c.ContactPad_NoDisposition';
import NOTES_TOO_LONG from '@salesforce/label/c.ContactPad_NotesTooLong';

export { MAX_NOTES_LENGTH };

/** Time left until `until` at `now` as m:ss, rounded up to the second, never below 0:00. */
export function countdown(until, now) {
  return clock(secondsUntil(until, now));
}

/** The combobox options: None (value '') first, then the account's dispositions. */
export function dispositionOptions(dispositions) {
  return [
    { label: NO_DISPOSITION, value: '' },
    ...(dispositions ?? []).map((value) => ({ label: value, value })),
  ];
}

/** The error of the notes, or null when they are fine. */
export function notesError(notes) {
  return (notes ?? '').length > MAX_NOTES_LENGTH ? format(NOTES_TOO_LONG, MAX_NOTES_LENGTH) : null;
}

/** What `logsave` carries: no disposition ('' or unknown) is null. */
export function logDetail(interactionId, disposition, notes, dispositions) {
  const known = Boolean(disposition) && (dispositions ?? []).includes(disposition);
  return { interactionId, disposition: known ? disposition : null, notes: notes ?? '' };
}
