// @ts-check
/**
 * Pure helpers of the consult panel (B5): what a consult reads as for this agent, which buttons it
 * offers and the seconds left of its ringing.
 */
import { consultActionAllowed } from 'c/contactPadCore';
import { format, secondsUntil } from 'c/contactPadText';
import RINGING from '@salesforce/label/c.ContactPad_ConsultRinging';
import TIME_LEFT from '@salesforce/label/c.ContactPad_ConsultTimeLeft';
import CONNECTED from '@salesforce/label/c.ContactPad_ConsultConnected';
import TIMED_OUT from '@salesforce/label/c.ContactPad_ConsultTimedOut';
import DECLINED from '@salesforce/label/c.ContactPad_ConsultDeclined';
import CANCELLED from '@salesforce/label/c.ContactPad_ConsultCancelled';
import ENDED from '@salesforce/label/c.ContactPad_ConsultEnded';
import TRANSFERRED from '@salesforce/label/c.ContactPad_ConsultTransferred';
import FAILED from '@salesforce/label/c.ContactPad_ConsultFailed';
import CONFERENCED from '@salesforce/label/c.ContactPad_ConsultConferenced';
import CONSULTING_YOU from '@salesforce/label/c.ContactPad_ConsultFrom';

/** @import { Consult, ConsultAction } from 'c/contactPadCore' */
/** @import { LabelsOf } from 'c/contactPadText' */

/**
 * One consult as the panel shows it (see viewOf).
 * @typedef {object} ConsultView
 * @property {string} id
 * @property {string} messageId
 * @property {'initiator' | 'target'} role
 * @property {Consult['state']} state
 * @property {string} message
 * @property {string | null} timeLeft
 * @property {boolean} cancel
 * @property {boolean} transfer
 * @property {boolean} conference
 * @property {boolean} dismiss
 * @property {boolean} accept
 * @property {boolean} decline
 */

/**
 * Whole seconds of ringing left, never more than the timeout: the clock the panel reads ticks once
 * a second and the routing service's clock is not this one, so `ringingUntil - now` alone can read
 * a second (or more) over the timeout when the consult starts.
 * @param {number} ringingUntil
 * @param {number} now
 * @param {number | null | undefined} timeoutSeconds
 * @returns {number}
 */
export function secondsLeft(ringingUntil, now, timeoutSeconds) {
  const left = secondsUntil(ringingUntil, now);
  return typeof timeoutSeconds === 'number' && timeoutSeconds > 0
    ? Math.min(left, Math.floor(timeoutSeconds))
    : left;
}

/**
 * Who the consult goes to: the agent's or service's name, else the number (or the id).
 * @param {Consult} consult
 * @returns {string}
 */
export function targetText(consult) {
  const { target } = consult;
  return consult.targetName || (target?.type === 'number' ? target.number : target?.id) || '';
}

/**
 * Each end reason's text; another (or none) reads as ended.
 * @type {LabelsOf<NonNullable<Consult['endReason']>>}
 */
const OUTCOMES = {
  'timed-out': TIMED_OUT,
  declined: DECLINED,
  cancelled: CANCELLED,
  released: ENDED,
  transferred: TRANSFERRED,
  conferenced: CONFERENCED,
  failed: FAILED,
};

/**
 * The outcome of an ended consult, "{0}" being the target.
 * @param {Consult} consult
 * @returns {string}
 */
export function outcomeText(consult) {
  return format(OUTCOMES[consult.endReason ?? ''] ?? ENDED, targetText(consult));
}

/**
 * One consult as the panel shows it for agent `agentId`: { id, role ('initiator' | 'target'),
 * state, message, timeLeft (text or null), cancel, transfer, conference, dismiss, accept, decline
 * (booleans) }. `liveIds`: when an array, Complete transfer and Conference show only for consults
 * on those interactions.
 * `timeoutSeconds`: the account's consult timeout, which the time left never exceeds.
 * @param {Consult} consult
 * @param {string | null} agentId
 * @param {number} now
 * @param {readonly string[] | null | undefined} liveIds
 * @param {number | null} [timeoutSeconds]
 * @returns {ConsultView}
 */
export function viewOf(consult, agentId, now, liveIds, timeoutSeconds = null) {
  const mine = consult.initiatorId === agentId;
  /** @type {ConsultView['role']} */
  const role = mine ? 'initiator' : 'target';
  // The answers the catalogue allows this agent on this consult now.
  const live = !Array.isArray(liveIds) || liveIds.includes(consult.interactionId);
  const allows = (/** @type {ConsultAction} */ action) =>
    consultActionAllowed(action, { role, state: consult.state, live });
  /** @type {ConsultView} */
  const view = {
    id: consult.id,
    messageId: `consult-${consult.id}`,
    role,
    state: consult.state,
    message: '',
    timeLeft: null,
    cancel: allows('consult.cancel'),
    transfer: allows('consult.transfer'),
    conference: allows('consult.conference'),
    dismiss: consult.state === 'ended',
    accept: allows('consult.accept'),
    decline: allows('consult.decline'),
  };
  const target = targetText(consult);
  const timeLeft = format(TIME_LEFT, secondsLeft(consult.ringingUntil, now, timeoutSeconds));
  if (mine) {
    if (consult.state === 'ringing') {
      view.message = format(RINGING, target);
      view.timeLeft = timeLeft;
    } else if (consult.state === 'connected') {
      view.message = format(CONNECTED, target);
    } else {
      view.message = outcomeText(consult);
    }
  } else if (consult.state === 'ringing') {
    view.message = format(CONSULTING_YOU, consult.initiatorName);
    view.timeLeft = timeLeft;
  } else if (consult.state === 'connected') {
    view.message = format(CONNECTED, consult.initiatorName);
  } else {
    view.message = format(ENDED);
  }
  return view;
}
