/**
 * Presentational: consult progress (B5). For consults I started: ringing (time left, Cancel),
 * connected (Complete transfer), ended (the outcome, Dismiss). For a consult ringing for me:
 * "{initiator} is consulting you", Accept and Decline. Events `consultcancel`, `consultaccept`,
 * `consultdecline`, `consulttransfer`, `consultdismiss`, each { consultId }.
 */
import { LightningElement, api } from 'lwc';
import CANCEL from '@salesforce/label/c.ContactPad_Cancel';
import ACCEPT from '@salesforce/label/c.ContactPad_Accept';
import DECLINE from '@salesforce/label/c.ContactPad_Decline';
import COMPLETE_TRANSFER from '@salesforce/label/c.ContactPad_CompleteTransfer';
import DISMISS from '@salesforce/label/c.ContactPad_Dismiss';
import { viewOf } from './consultView';

const EVENTS = {
  cancel: 'consultcancel',
  accept: 'consultaccept',
  decline: 'consultdecline',
  transfer: 'consulttransfer',
  dismiss: 'consultdismiss',
};

export default class ContactPadConsult extends LightningElement {
  /** Consult[]: the store's readonly values. */
  @api consults = [];
  /** This agent's id: tells consults I started from consults ringing for me. */
  @api agentId = null;
  /** The clock the container ticks, in ms. */
  @api now = 0;
  /**
   * Optional: ids of the live interactions. When given, Complete transfer shows only on connected
   * consults about one of them; when not given (null), on every connected consult I started, and
   * the routing service refuses what it cannot do.
   */
  @api liveInteractionIds = null;

  labels = {
    cancel: CANCEL,
    accept: ACCEPT,
    decline: DECLINE,
    completeTransfer: COMPLETE_TRANSFER,
    dismiss: DISMISS,
  };

  get views() {
    return (this.consults ?? []).map((consult) =>
      viewOf(consult, this.agentId, this.now, this.liveInteractionIds),
    );
  }

  get hasConsults() {
    return this.views.length > 0;
  }

  handleClick(event) {
    const { consultId, command } = event.currentTarget.dataset;
    const name = EVENTS[command];
    if (!name || !consultId) return;
    this.dispatchEvent(new CustomEvent(name, { detail: { consultId } }));
  }
}
