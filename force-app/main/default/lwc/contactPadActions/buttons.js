// @ts-check
/**
 * Pure helpers of the action buttons: which buttons an interaction's kind shows (ACTIONS_BY_KIND,
 * B2), their labels, and the text of the reason a disabled one gives. The rules themselves are the
 * adapter core's `allowedActions`, passed in as an ActionSet.
 */
import { ACTIONS_BY_KIND, isUnconfirmed } from 'c/contactPadCore';
import { UNCONFIRMED_LABELS } from 'c/contactPadText';
import RELEASE from '@salesforce/label/c.ContactPad_Release';
import HOLD from '@salesforce/label/c.ContactPad_Hold';
import RETRIEVE from '@salesforce/label/c.ContactPad_Retrieve';
import CONSULT from '@salesforce/label/c.ContactPad_Consult';
import TRANSFER from '@salesforce/label/c.ContactPad_Transfer';
import ABANDON from '@salesforce/label/c.ContactPad_Abandon';
import REASON_NOT_FOR_KIND from '@salesforce/label/c.ContactPad_ReasonNotForKind';
import REASON_RELEASING from '@salesforce/label/c.ContactPad_ReasonReleasing';
import REASON_RELEASE_WORKING from '@salesforce/label/c.ContactPad_ReasonReleaseWorking';
import REASON_NOT_ACTIVE from '@salesforce/label/c.ContactPad_ReasonNotActive';
import REASON_NOT_HELD from '@salesforce/label/c.ContactPad_ReasonNotHeld';
import REASON_CONSULT_CALL from '@salesforce/label/c.ContactPad_ReasonConsultCall';
import REASON_CONSULT_UNDER_WAY from '@salesforce/label/c.ContactPad_ReasonConsultUnderWay';
import REASON_CROSS_MEDIA_OFF from '@salesforce/label/c.ContactPad_ReasonCrossMediaConsultOff';

/** @import { Action, ActionSet, Interaction, Reason } from 'c/contactPadCore' */
/** @import { LabelsOf } from 'c/contactPadText' */

/**
 * One action button (see buttonsFor).
 * @typedef {object} ActionButton
 * @property {Action} action
 * @property {string} label
 * @property {boolean} disabled
 * @property {Reason | null} reason
 * @property {string | null} reasonText
 * @property {string | undefined} reasonId
 * @property {boolean} ownReason
 */

/** @type {Readonly<Record<Action, string>>} */
export const ACTION_LABELS = {
  release: RELEASE,
  hold: HOLD,
  retrieve: RETRIEVE,
  consult: CONSULT,
  transfer: TRANSFER,
  abandon: ABANDON,
};

/** @type {LabelsOf<Reason>} */
export const REASON_LABELS = {
  'not-for-kind': REASON_NOT_FOR_KIND,
  releasing: REASON_RELEASING,
  'release-working': REASON_RELEASE_WORKING,
  'not-active': REASON_NOT_ACTIVE,
  'not-held': REASON_NOT_HELD,
  'consult-call': REASON_CONSULT_CALL,
  'consult-under-way': REASON_CONSULT_UNDER_WAY,
  'cross-media-consult-off': REASON_CROSS_MEDIA_OFF,
  ...UNCONFIRMED_LABELS,
};

/** The one element that says why every button waits for the connection (not one per button). */
export const UNCONFIRMED_REASON_ID = 'reason-unconfirmed';

/**
 * The text of a reason code; null for none. An unknown code reads as "not available".
 * @param {string | null | undefined} reason
 * @returns {string | null}
 */
export function reasonText(reason) {
  if (!reason) return null;
  return REASON_LABELS[reason] ?? REASON_NOT_FOR_KIND;
}

/**
 * The buttons for one interaction, in the kind's order: Hold and Retrieve share one toggle that
 * shows Retrieve when retrieving is allowed (or would be, but for the connection), Hold otherwise.
 * Each: { action, label, disabled, reason (code or null), reasonText, reasonId, ownReason (whether
 * the button shows its reason itself; a connection reason is shown once for all, see
 * `unconfirmedOf`) }. An action missing from `actions` is disabled.
 * @param {Interaction | null | undefined} interaction
 * @param {ActionSet | null | undefined} actions
 * @returns {ActionButton[]}
 */
export function buttonsFor(interaction, actions) {
  if (!interaction) return [];
  const offered = ACTIONS_BY_KIND[interaction.kind] ?? [];
  const buttons = [];
  for (const action of offered) {
    if (action === 'retrieve' && offered.includes('hold')) continue;
    let shown = action;
    const retrieve = actions?.retrieve;
    if (
      action === 'hold' &&
      offered.includes('retrieve') &&
      (retrieve?.allowed || isUnconfirmed(retrieve?.reason ?? null))
    ) {
      shown = 'retrieve';
    }
    const allowed = actions?.[shown]?.allowed === true;
    const reason = allowed ? null : (actions?.[shown]?.reason ?? null);
    const shared = isUnconfirmed(reason);
    buttons.push({
      action: shown,
      label: ACTION_LABELS[shown],
      disabled: !allowed,
      reason,
      reasonText: reasonText(reason),
      reasonId: shared ? UNCONFIRMED_REASON_ID : reason ? `reason-${shown}` : undefined,
      ownReason: Boolean(reason) && !shared,
    });
  }
  return buttons;
}

/**
 * The connection reason the buttons wait for, shown once for all: { reason, text }, or null.
 * @param {readonly ActionButton[]} buttons
 * @returns {{ reason: Reason | null, text: string | null } | null}
 */
export function unconfirmedOf(buttons) {
  const waiting = buttons.find((button) => isUnconfirmed(button.reason));
  return waiting ? { reason: waiting.reason, text: waiting.reasonText } : null;
}
