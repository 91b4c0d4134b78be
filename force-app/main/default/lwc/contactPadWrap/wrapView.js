/**
 * Pure helpers of the wrap panel (B7): the countdown, how a pending log reads, the disposition
 * choices and the notes check.
 */
import UNKNOWN_CUSTOMER from '@salesforce/label/c.ContactPad_UnknownCustomer';
import NO_DISPOSITION from '@salesforce/label/c.ContactPad_NoDisposition';
import NOTES_TOO_LONG from '@salesforce/label/c.ContactPad_NotesTooLong';
import VOICE from '@salesforce/label/c.ContactPad_Voice';
import VIDEO from '@salesforce/label/c.ContactPad_Video';
import CHAT from '@salesforce/label/c.ContactPad_Chat';
import EMAIL from '@salesforce/label/c.ContactPad_Email';
import CASE from '@salesforce/label/c.ContactPad_Case';

/** The protocol's limit on notes (src/protocol/limits.ts MAX_NOTES_LENGTH). */
export const MAX_NOTES_LENGTH = 4000;

const CHANNEL_LABELS = { voice: VOICE, video: VIDEO, chat: CHAT, email: EMAIL, case: CASE };

/** Fills "{0}", "{1}"... in a label. */
export function format(label, ...values) {
  return String(label).replace(/\{(\d+)\}/g, (match, index) => {
    const value = values[index];
    return value === undefined ? match : String(value);
  });
}

/** Time left until `until` at `now` as m:ss, rounded up to the second, never below 0:00. */
export function countdown(until, now) {
  const ms = Number.isFinite(until) && Number.isFinite(now) ? until - now : 0;
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** The channel's label; the raw value if unknown. */
export function channelLabel(channel) {
  return CHANNEL_LABELS[channel] ?? String(channel ?? '');
}

/** Who the customer is: the name, else the telephone number or e-mail address, else unknown. */
export function customerText(customer) {
  return customer?.name || customer?.phone || customer?.email || UNKNOWN_CUSTOMER;
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
