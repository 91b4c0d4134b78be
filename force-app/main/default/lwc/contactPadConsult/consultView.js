// @ts-check
/**
 * Pure helpers of the consult panel (B5): what a consult reads as for this agent, which buttons it
 * offers and the seconds left of its ringing.
 */
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
import CONSULTING_YOU from '@salesforce/label/c.ContactPad_ConsultFrom';

/** @import { Consult } from 'c/contactPadCore' */
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
 * @property {boolean} dismiss
 * @property {boolean} accept
 * @property {boolean} decline
 */

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
 * state, message, timeLeft (text or null), cancel, transfer, dismiss, accept, decline (booleans) }.
 * `liveIds`: when an array, Complete transfer shows only for consults on those interactions.
 * @param {Consult} consult
 * @param {string | null} agentId
 * @param {number} now
 * @param {readonly string[] | null | undefined} liveIds
 * @returns {ConsultView}
 */
export function viewOf(consult, agentId, now, liveIds) {
  const mine = consult.initiatorId === agentId;
  /** @type {ConsultView} */
  const view = {
    id: consult.id,
    messageId: `consult-${consult.id}`,
    role: mine ? 'initiator' : 'target',
    state: consult.state,
    message: '',
    timeLeft: null,
    cancel: false,
    transfer: false,
    dismiss: false,
    accept: false,
    decline: false,
  };
  const target = targetText(consult);
  if (mine) {
    if (consult.state === 'ringing') {
      view.message = format(RINGING, target);
      view.timeLeft = format(TIME_LEFT, secondsUntil(consult.ringingUntil, now));
      view.cancel = true;
    } else if (consult.state === 'connected') {
      view.message = format(CONNECTED, target);
      view.transfer = !Array.isArray(liveIds) || liveIds.includes(consult.interactionId);
    } else {
      view.message = outcomeText(consult);
      view.dismiss = true;
    }
  } else if (consult.state === 'ringing') {
    view.message = format(CONSULTING_YOU, consult.initiatorName);
    view.timeLeft = format(TIME_LEFT, secondsUntil(consult.ringingUntil, now));
    view.accept = true;
    view.decline = true;
  } else if (consult.state === 'connected') {
    view.message = format(CONNECTED, consult.initiatorName);
  } else {
    view.message = format(ENDED);
    view.dismiss = true;
  }
  return view;
}
