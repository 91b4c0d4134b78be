// @ts-check
/**
 * Pure helpers of the wrap panel (B7): the countdown, how a pending log reads, the disposition
 * choices and the notes check.
 */
import { MAX_NOTES_LENGTH } from 'c/contactPadCore';
import { clock, format, secondsUntil } from 'c/contactPadText';
import NO_DISPOSITION from '@salesforce/label/c.ContactPad_NoDisposition';
import NOTES_TOO_LONG from '@salesforce/label/c.ContactPad_NotesTooLong';

export { MAX_NOTES_LENGTH };

/**
 * The detail of `logsave`.
 * @typedef {{ interactionId: string, disposition: string | null, notes: string }} LogDetail
 */

/**
 * Time left until `until` at `now` as m:ss, rounded up to the second, never below 0:00.
 * @param {number | null | undefined} until
 * @param {number} now
 * @returns {string}
 */
export function countdown(until, now) {
  return clock(secondsUntil(until, now));
}

/**
 * The combobox options: None (value '') first, then the account's dispositions.
 * @param {readonly string[] | null | undefined} dispositions
 * @returns {{ label: string, value: string }[]}
 */
export function dispositionOptions(dispositions) {
  return [
    { label: NO_DISPOSITION, value: '' },
    ...(dispositions ?? []).map((value) => ({ label: value, value })),
  ];
}

/**
 * The error of the notes, or null when they are fine.
 * @param {string | null | undefined} notes
 * @returns {string | null}
 */
export function notesError(notes) {
  return (notes ?? '').length > MAX_NOTES_LENGTH ? format(NOTES_TOO_LONG, MAX_NOTES_LENGTH) : null;
}

/**
 * What `logsave` carries: no disposition ('' or unknown) is null.
 * @param {string} interactionId
 * @param {string | null | undefined} disposition
 * @param {string | null | undefined} notes
 * @param {readonly string[] | null | undefined} dispositions
 * @returns {LogDetail}
 */
export function logDetail(interactionId, disposition, notes, dispositions) {
  const known =
    typeof disposition === 'string' &&
    disposition !== '' &&
    (dispositions ?? []).includes(disposition);
  return { interactionId, disposition: known ? disposition : null, notes: notes ?? '' };
}
