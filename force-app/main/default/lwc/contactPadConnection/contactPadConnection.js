// @ts-check
/**
 * Presentational: the connection to the routing service. Connecting, connected (a small badge),
 * reconnecting with the seconds until the next try (from `state.nextTryAt` and `now`), failed with
 * the reason and a Try again button (`retry`); closed because another ContactPad of the agent
 * took this one's place, it says so. The status text is a polite live region.
 */
import { LightningElement, api } from 'lwc';
import { unconfirmedReason } from 'c/contactPadCore';
import { format, secondsUntil, unconfirmedText } from 'c/contactPadText';
import CONNECTING from '@salesforce/label/c.ContactPad_Connecting';
import CONNECTED from '@salesforce/label/c.ContactPad_Connected';
import RECONNECTING from '@salesforce/label/c.ContactPad_Reconnecting';
import CONNECTION_FAILED from '@salesforce/label/c.ContactPad_ConnectionFailed';
import NOT_CONNECTED from '@salesforce/label/c.ContactPad_NotConnected';
import RETRY from '@salesforce/label/c.ContactPad_Retry';

/** @import { ConnectionState } from 'c/contactPadCore' */

export default class ContactPadConnection extends LightningElement {
  /**
   * The adapter's ConnectionState ({ status, ... }), or null before there is an adapter.
   * @type {ConnectionState | null}
   */
  @api state = null;
  /** The container's clock, in ms. */
  @api now = 0;

  labels = { connected: CONNECTED, retry: RETRY };

  get status() {
    return this.state?.status ?? 'idle';
  }

  get isConnected() {
    return this.status === 'connected';
  }

  get isFailed() {
    return this.status === 'failed';
  }

  get isReconnecting() {
    return this.status === 'reconnecting';
  }

  /** Whole seconds until the next try, never negative. */
  get secondsToNextTry() {
    const nextTryAt = this.state?.status === 'reconnecting' ? this.state.nextTryAt : 0;
    return secondsUntil(nextTryAt, this.now ?? 0);
  }

  get message() {
    const state = this.state;
    switch (state?.status) {
      case 'connecting':
        return CONNECTING;
      case 'reconnecting':
        return format(RECONNECTING, this.secondsToNextTry);
      case 'failed':
        return unconfirmedReason(state) === 'replaced'
          ? unconfirmedText('replaced')
          : format(CONNECTION_FAILED, state.reason ?? '');
      default:
        return NOT_CONNECTED;
    }
  }

  /** Why the last connection dropped, shown under the countdown while reconnecting. */
  get reason() {
    return this.state?.status === 'reconnecting' ? (this.state.reason ?? '') : '';
  }

  get messageClass() {
    return this.isFailed ? 'slds-text-color_error' : 'slds-text-color_weak';
  }

  handleRetry() {
    this.dispatchEvent(new CustomEvent('retry', { detail: null }));
  }
}
