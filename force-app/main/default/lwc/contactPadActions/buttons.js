// @ts-check
/**
 * Pure helpers of the action buttons: which buttons an interaction's channel shows (ACTIONS_BY_CHANNEL,
 * B2), their labels, and the text of the reason a disabled one gives, all from the catalogue of
 * actions (src/protocol/actions.ts). The rules themselves are the adapter core's `allowedActions`,
 * passed in as an ActionSet.
 */
import { ACTIONS_BY_CHANNEL, INTERACTION_ACTIONS, isUnconfirmed } from 'c/contactPadCore';
import { ACTION_LABELS, REFUSAL_LABELS } from 'c/contactPadLabels';
import { UNCONFIRMED_LABELS } from 'c/contactPadText';

/** @import { Action, ActionSet, Interaction, Reason } from 'c/contactPadCore' */
/** @import { LabelsOf } from 'c/contactPadText' */

/**
 * One action button (see buttonsFor).
 * @typedef {object} ActionButton
 * @property {Action} action
 * @property {import('c/contactPadCore').ActionSpec['input']} input what the action needs besides the interaction
 * @property {string} label
 * @property {boolean} disabled
 * @property {Reason | null} reason
 * @property {string | null} reasonText
 * @property {string | undefined} reasonId
 * @property {boolean} ownReason
 */

export { ACTION_LABELS };

/** @type {LabelsOf<Reason>} */
export const REASON_LABELS = {
  ...REFUSAL_LABELS,
  ...UNCONFIRMED_LABELS,
};

/**
 * The action whose button each action shares (Retrieve shows on Hold's, Unmute on Mute's).
 * @type {ReadonlyMap<Action, Action>}
 */
const TOGGLES = new Map(
  /** @type {[Action, Action][]} */ (
    Object.entries(INTERACTION_ACTIONS)
      .filter(([, spec]) => 'toggles' in spec)
      .map(([action, spec]) => [/** @type {{ toggles: Action }} */ (spec).toggles, action])
  ),
);

/** The one element that says why every button waits for the connection (not one per button). */
export const UNCONFIRMED_REASON_ID = 'reason-unconfirmed';

/**
 * The text of a reason code; null for none. An unknown code reads as "not available".
 * @param {string | null | undefined} reason
 * @returns {string | null}
 */
export function reasonText(reason) {
  if (!reason) return null;
  return REASON_LABELS[reason] ?? REFUSAL_LABELS['not-for-kind'];
}

/**
 * The buttons for one interaction, in the catalogue's order. An action that `toggles` another
 * (Retrieve Hold, Unmute Mute, Resume recording Pause recording) shares its button: the button
 * shows it when it is allowed (or would be, but for the connection), the other otherwise.
 * Each: { action, label, disabled, reason (code or null), reasonText, reasonId, ownReason (whether
 * the button shows its reason itself; a connection reason is shown once for all, see
 * `unconfirmedOf`) }. An action missing from `actions` is disabled.
 * @param {Interaction | null | undefined} interaction
 * @param {ActionSet | null | undefined} actions
 * @returns {ActionButton[]}
 */
export function buttonsFor(interaction, actions) {
  if (!interaction) return [];
  const offered = ACTIONS_BY_CHANNEL[interaction.channel] ?? [];
  const buttons = [];
  const togglers = new Set(TOGGLES.values());
  for (const action of offered) {
    // A toggle's second action shows on its first's button, not on its own.
    if (togglers.has(action)) continue;
    let shown = action;
    const toggler = TOGGLES.get(action);
    const other = toggler === undefined ? undefined : actions?.[toggler];
    if (
      toggler !== undefined &&
      offered.includes(toggler) &&
      (other?.allowed || isUnconfirmed(other?.reason ?? null))
    ) {
      shown = toggler;
    }
    const allowed = actions?.[shown]?.allowed === true;
    const reason = allowed ? null : (actions?.[shown]?.reason ?? null);
    const shared = isUnconfirmed(reason);
    buttons.push({
      action: shown,
      input: INTERACTION_ACTIONS[shown].input,
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
