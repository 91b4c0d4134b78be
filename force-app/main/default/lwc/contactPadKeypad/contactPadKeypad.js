// @ts-check
/**
 * Presentational: the keypad of a live call. Each key pressed (clicked, or typed while the keypad
 * has focus: 0-9, * and #) dispatches `digits` { digits } at once, as a telephone does; what was
 * sent since the keypad opened shows below the keys. Escape or Close dispatches `close`.
 */
import { LightningElement, api } from 'lwc';
import { format } from 'c/contactPadText';
import KEYPAD from '@salesforce/label/c.ContactPad_Keypad';
import KEYPAD_DIGIT from '@salesforce/label/c.ContactPad_KeypadDigit';
import DIGITS_SENT from '@salesforce/label/c.ContactPad_DigitsSent';
import CLOSE from '@salesforce/label/c.ContactPad_Close';

/** The keys, row by row, as on a telephone. */
export const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

/** The most sent digits shown (the latest). */
const SHOWN_DIGITS = 32;

export default class ContactPadKeypad extends LightningElement {
  /** While true the keys do nothing (the call cannot take digits now). */
  @api disabled = false;

  sent = '';

  labels = { keypad: KEYPAD, close: CLOSE };

  get keys() {
    return KEYS.map((key) => ({ key, name: format(KEYPAD_DIGIT, key) }));
  }

  get sentText() {
    return this.sent === '' ? '' : format(DIGITS_SENT, this.sent);
  }

  /** Focuses the first key (the keypad was just opened). */
  @api focus() {
    /** @type {HTMLElement | null} */ (this.template?.querySelector('button[data-key]'))?.focus();
  }

  /** @param {MouseEvent & { currentTarget: HTMLButtonElement }} event */
  handleKey(event) {
    this.press(event.currentTarget.dataset.key ?? '');
  }

  /** @param {KeyboardEvent} event */
  handleKeyDown(event) {
    if (event.key === 'Escape' || event.key === 'Esc') {
      event.preventDefault();
      event.stopPropagation();
      this.dispatchEvent(new CustomEvent('close'));
    } else if (KEYS.includes(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.press(event.key);
    }
  }

  handleClose() {
    this.dispatchEvent(new CustomEvent('close'));
  }

  /** @param {string} key */
  press(key) {
    if (this.disabled || !KEYS.includes(key)) return;
    this.sent = (this.sent + key).slice(-SHOWN_DIGITS);
    this.dispatchEvent(new CustomEvent('digits', { detail: { digits: key } }));
  }
}
