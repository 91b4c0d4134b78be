// @ts-check
/**
 * Presentational: consult progress (B5). For consults I started: ringing (time left, Cancel),
 * connected (Complete transfer), ended (the outcome, Dismiss). For a consult ringing for me:
 * "{initiator} is consulting you", Accept and Decline. Events `consultcancel`, `consultaccept`,
 * `consultdecline`, `consulttransfer`, `consultdismiss`, each { consultId }. While the connection is
 * not confirmed (`unconfirmed`) the commands are disabled with the reason and no time left runs;
 * Dismiss, which only forgets an outcome here, stays.
 */
import { LightningElement, api } from 'lwc';
import { unconfirmedText } from 'c/contactPadText';
import CANCEL from '@salesforce/label/c.ContactPad_Cancel';
import ACCEPT from '@salesforce/label/c.ContactPad_Accept';
import DECLINE from '@salesforce/label/c.ContactPad_Decline';
import COMPLETE_TRANSFER from '@salesforce/label/c.ContactPad_CompleteTransfer';
import DISMISS from '@salesforce/label/c.ContactPad_Dismiss';
import { viewOf } from './consultView';

/** @import { Consult, Unconfirmed } from 'c/contactPadCore' */

/**
 * A consult command's button: `command` names the ConsultView flag that offers it.
 * @typedef {object} ConsultButton
 * @property {'accept' | 'decline' | 'cancel' | 'transfer' | 'dismiss'} command
 * @property {string} event
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
    event: 'consultaccept',
    label: ACCEPT,
    className: 'slds-button slds-button_success',
  },
  {
    command: 'decline',
    event: 'consultdecline',
    label: DECLINE,
    className: 'slds-button slds-button_destructive',
  },
  {
    command: 'cancel',
    event: 'consultcancel',
    label: CANCEL,
    className: 'slds-button slds-button_neutral',
  },
  {
    command: 'transfer',
    event: 'consulttransfer',
    label: COMPLETE_TRANSFER,
    className: 'slds-button slds-button_brand',
  },
  {
    command: 'dismiss',
    event: 'consultdismiss',
    label: DISMISS,
    className: 'slds-button slds-button_neutral',
  },
];
const EVENTS = Object.fromEntries(BUTTONS.map((button) => [button.command, button.event]));
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

  unconfirmedId = UNCONFIRMED_ID;

  get views() {
    const waiting = Boolean(this.unconfirmed);
    return (this.consults ?? []).map((consult) => {
      const view = viewOf(consult, this.agentId, this.now, this.liveInteractionIds);
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
    const name = EVENTS[command ?? ''];
    if (!name || !consultId || event.currentTarget.disabled) return;
    this.dispatchEvent(new CustomEvent(name, { detail: { consultId } }));
  }
}
