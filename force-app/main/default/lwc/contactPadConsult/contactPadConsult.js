// @ts-check
/**
 * Presentational: consult progress (B5). For consults I started: ringing (time left, Cancel),
 * connected (Complete transfer), ended (the outcome, Dismiss). For a consult ringing for me:
 * "{initiator} is consulting you", Accept and Decline. Event `consultaction` { action, consultId }
 * with the catalogue's answer (`consult.cancel`, `consult.accept`...), and `consultdismiss`
 * { consultId }. While the connection is
 * not confirmed (`unconfirmed`) the commands are disabled with the reason and no time left runs;
 * Dismiss, which only forgets an outcome here, stays.
 */
import { LightningElement, api } from 'lwc';
import { unconfirmedText } from 'c/contactPadText';
import { CONSULT_ACTION_LABELS } from 'c/contactPadLabels';
import DISMISS from '@salesforce/label/c.ContactPad_Dismiss';
import { viewOf } from './consultView';

/** @import { Consult, ConsultAction, Unconfirmed } from 'c/contactPadCore' */

/**
 * A consult command's button: `command` names the ConsultView flag that offers it.
 * @typedef {object} ConsultButton
 * @property {'accept' | 'decline' | 'cancel' | 'transfer' | 'conference' | 'dismiss'} command
 * @property {ConsultAction | null} action the catalogue's answer it gives (null: Dismiss, which
 *   only forgets an outcome here)
 * @property {string} label
 * @property {string} className
 */

/**
 * Each command's event, label and SLDS button class, in the order the buttons show.
 * @type {readonly ConsultButton[]}
 */
const BUTTONS = [
  {
    command: 'accept',
    action: 'consult.accept',
    label: CONSULT_ACTION_LABELS['consult.accept'],
    className: 'slds-button slds-button_success',
  },
  {
    command: 'decline',
    action: 'consult.decline',
    label: CONSULT_ACTION_LABELS['consult.decline'],
    className: 'slds-button slds-button_destructive',
  },
  {
    command: 'cancel',
    action: 'consult.cancel',
    label: CONSULT_ACTION_LABELS['consult.cancel'],
    className: 'slds-button slds-button_neutral',
  },
  {
    command: 'transfer',
    action: 'consult.transfer',
    label: CONSULT_ACTION_LABELS['consult.transfer'],
    className: 'slds-button slds-button_brand',
  },
  {
    command: 'conference',
    action: 'consult.conference',
    label: CONSULT_ACTION_LABELS['consult.conference'],
    className: 'slds-button slds-button_neutral',
  },
  {
    command: 'dismiss',
    action: null,
    label: DISMISS,
    className: 'slds-button slds-button_neutral',
  },
];
const BY_COMMAND = new Map(BUTTONS.map((button) => [button.command, button]));
/** The element that says why the commands wait for the connection. */
const UNCONFIRMED_ID = 'consult-unconfirmed';

export default class ContactPadConsult extends LightningElement {
  /**
   * Consult[]: the store's readonly values.
   * @type {readonly Consult[]}
   */
  @api consults = [];
  /**
   * This agent's id: tells consults I started from consults ringing for me.
   * @type {string | null}
   */
  @api agentId = null;
  /** The clock the container ticks, in ms. */
  @api now = 0;
  /**
   * Optional: ids of the live interactions. When given, Complete transfer shows only on connected
   * consults about one of them; when not given (null), on every connected consult I started, and
   * the routing service refuses what it cannot do.
   * @type {readonly string[] | null}
   */
  @api liveInteractionIds = null;
  /**
   * The adapter's `unconfirmed` reason (reconnecting...), or null while confirmed.
   * @type {Unconfirmed | null}
   */
  @api unconfirmed = null;
  /**
   * The account's consult timeout in seconds (settings.consultTimeoutSeconds): the time left never
   * reads more. Null: as the clocks say.
   * @type {number | null}
   */
  @api consultTimeout = null;

  unconfirmedId = UNCONFIRMED_ID;

  get views() {
    const waiting = Boolean(this.unconfirmed);
    return (this.consults ?? []).map((consult) => {
      const view = viewOf(
        consult,
        this.agentId,
        this.now,
        this.liveInteractionIds,
        this.consultTimeout,
      );
      const buttons = BUTTONS.filter((button) => view[button.command]).map((button) => {
        const disabled = waiting && button.command !== 'dismiss';
        return {
          ...button,
          key: `${view.id}-${button.command}`,
          disabled,
          describedBy: disabled ? `${view.messageId} ${UNCONFIRMED_ID}` : view.messageId,
        };
      });
      return { ...view, timeLeft: waiting ? null : view.timeLeft, buttons };
    });
  }

  /**
   * Moves focus to the Cancel of a ringing consult this agent started (the one named, else the
   * newest): where the agent goes on after dialling from the directory. False when there is none.
   * @param {string | null} [consultId]
   * @returns {boolean}
   */
  @api
  focusCancel(consultId = null) {
    const template = /** @type {ShadowRoot} */ (this.template);
    /** @type {NodeListOf<HTMLButtonElement>} */
    const found = template.querySelectorAll('button[data-command="cancel"]');
    const cancels = [...found].filter(
      (button) => consultId === null || button.dataset.consultId === consultId,
    );
    const button = cancels.at(-1);
    if (!button) return false;
    button.focus();
    return true;
  }

  /** Why the commands are disabled; '' while confirmed. */
  get unconfirmedReason() {
    return unconfirmedText(this.unconfirmed);
  }

  get hasConsults() {
    return this.views.length > 0;
  }

  /** @param {MouseEvent & { currentTarget: HTMLButtonElement }} event */
  handleClick(event) {
    const { consultId, command } = event.currentTarget.dataset;
    const button = BY_COMMAND.get(/** @type {ConsultButton['command']} */ (command));
    if (!button || !consultId || event.currentTarget.disabled) return;
    this.dispatchEvent(
      button.action === null
        ? new CustomEvent('consultdismiss', { detail: { consultId } })
        : new CustomEvent('consultaction', { detail: { action: button.action, consultId } }),
    );
  }
}
