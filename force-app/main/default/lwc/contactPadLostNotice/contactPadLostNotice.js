// @ts-check
/**
 * Presentational: after a refused resume, which interactions ended while ContactPad was
 * disconnected ("2 interactions ended while ContactPad was disconnected: Maria Garcia (Chat), ...")
 * and the agent's state now ("You are Logged out."), from the adapter core's lost report. The text
 * sits in a polite status region that is always present, so screen readers announce it when it
 * appears; Dismiss dispatches `dismiss` (null).
 */
import { LightningElement, api } from 'lwc';
import DISMISS from '@salesforce/label/c.ContactPad_Dismiss';
import { lostText, presenceText } from './lostText';

/** @import { LostReport } from 'c/contactPadCore' */

export default class ContactPadLostNotice extends LightningElement {
  /**
   * The adapter's lost report ({ interactions, stateBefore, stateAfter }), or null.
   * @type {LostReport | null}
   */
  @api lost = null;
  /** The label of the agent's state now (Logged out...); the container keeps it current. */
  @api presence = '';

  labels = { dismiss: DISMISS };

  get hasNotice() {
    return Boolean(this.lost);
  }

  get lostText() {
    return lostText(this.lost?.interactions);
  }

  get presenceText() {
    return presenceText(this.presence);
  }

  /** The SLDS warning box while there is a notice; nothing to see otherwise. */
  get boxClass() {
    return this.hasNotice
      ? 'slds-notify slds-notify_alert slds-alert_warning slds-grid slds-grid_align-spread'
      : '';
  }

  handleDismiss() {
    this.dispatchEvent(new CustomEvent('dismiss', { detail: null }));
  }
}
