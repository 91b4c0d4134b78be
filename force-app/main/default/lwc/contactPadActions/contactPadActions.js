// @ts-check
/**
 * Presentational: the actions for the current interaction (B2). Shows exactly the buttons its kind
 * offers; a button the adapter core's `allowedActions` does not allow now is disabled and says why
 * (while the connection is not confirmed, once for all the buttons it disables). Clicking
 * dispatches `action` { action }, except Keypad, which opens the keypad below the buttons: each
 * key then dispatches `action` { action, digits }.
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

  /**
   * The interaction whose keypad is open, or null.
   * @type {string | null}
   */
  keypadFor = null;

  get buttons() {
    const buttons = buttonsFor(this.interaction, this.actions);
    const open = this.keypadOpen(buttons);
    return buttons.map((button) => ({
      ...button,
      expanded: button.input === 'digits' ? String(open) : undefined,
    }));
  }

  /** Whether the keypad shows: opened for this interaction, and its action allowed now. */
  get showKeypad() {
    return this.keypadOpen(buttonsFor(this.interaction, this.actions));
  }

  /** @param {ReturnType<typeof buttonsFor>} buttons */
  keypadOpen(buttons) {
    const keypad = buttons.find((button) => button.input === 'digits');
    return keypad !== undefined && !keypad.disabled && this.keypadFor === this.interaction?.id;
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
    if (button.input === 'digits') {
      const opening = !this.showKeypad;
      this.keypadFor = opening ? (this.interaction?.id ?? null) : null;
      // Focus follows into the keys once they render.
      if (opening) Promise.resolve().then(() => this.keypad()?.focus());
      return;
    }
    this.dispatchEvent(new CustomEvent('action', { detail: { action } }));
  }

  /** @param {CustomEvent<{ digits: string }>} event */
  handleDigits(event) {
    const keypad = this.buttons.find((button) => button.input === 'digits');
    if (keypad === undefined || keypad.disabled) return;
    const { digits } = event.detail;
    this.dispatchEvent(new CustomEvent('action', { detail: { action: keypad.action, digits } }));
  }

  /** The keypad closes; focus goes back to the button that opened it. */
  handleKeypadClose() {
    this.keypadFor = null;
    /** @type {HTMLElement | null} */ (
      this.template?.querySelector('button[aria-expanded]')
    )?.focus();
  }

  /** @returns {{ focus(): void } | null} */
  keypad() {
    return /** @type {any} */ (this.template?.querySelector('c-contact-pad-keypad'));
  }
}
