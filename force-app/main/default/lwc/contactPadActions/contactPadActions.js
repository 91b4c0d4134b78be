// @ts-check
/**
 * Presentational: the actions for the current interaction (B2). Shows exactly the buttons its kind
 * offers; a button the adapter core's `allowedActions` does not allow now is disabled and says why
 * (while the connection is not confirmed, once for all the buttons it disables). Clicking
 * dispatches `action` { action }.
 */
import { LightningElement, api } from 'lwc';
import { UNCONFIRMED_REASON_ID, buttonsFor, unconfirmedOf } from './buttons';

/** @import { ActionSet, Interaction } from 'c/contactPadCore' */

export default class ContactPadActions extends LightningElement {
  /**
   * The interaction (or null): the store's readonly value.
   * @type {Interaction | null}
   */
  @api interaction = null;
  /**
   * The ActionSet from the adapter core's `allowedActions` for that interaction.
   * @type {ActionSet | null}
   */
  @api actions = null;

  get buttons() {
    return buttonsFor(this.interaction, this.actions);
  }

  /** { reason, text } when buttons wait for the connection, else null. */
  get unconfirmed() {
    return unconfirmedOf(this.buttons);
  }

  get unconfirmedReasonId() {
    return UNCONFIRMED_REASON_ID;
  }

  get hasButtons() {
    return this.buttons.length > 0;
  }

  /** @param {MouseEvent & { currentTarget: HTMLElement }} event */
  handleClick(event) {
    const { action } = event.currentTarget.dataset;
    const button = this.buttons.find((candidate) => candidate.action === action);
    if (!button || button.disabled) return;
    this.dispatchEvent(new CustomEvent('action', { detail: { action } }));
  }
}
