// @ts-check
/**
 * Presentational: the supervisor's form to change an agent's state. Away takes one of the
 * account's Away reasons (none to choose when the account has none; in words when they are not
 * known); Logged out takes the words the agent is shown, or none. Apply raises `presenceset` ({ presence, reason }), Cancel raises
 * `cancel`. The owner says when it is busy or refused (`error`, in words). Method `focus()` puts
 * the focus on the form's heading, so a screen reader says whose state it changes.
 */
import { LightningElement, api } from 'lwc';
import { format } from 'c/contactPadText';
import LABEL_TITLE from '@salesforce/label/c.ContactPad_SupervisorChangeStateOf';
import LABEL_NEW_STATE from '@salesforce/label/c.ContactPad_SupervisorNewState';
import LABEL_AWAY from '@salesforce/label/c.ContactPad_Away';
import LABEL_LOGGED_OUT from '@salesforce/label/c.ContactPad_LoggedOut';
import LABEL_REASON from '@salesforce/label/c.ContactPad_AwayReason';
import LABEL_REASON_WORDS from '@salesforce/label/c.ContactPad_SupervisorLogOutReason';
import LABEL_APPLY from '@salesforce/label/c.ContactPad_SupervisorApply';
import LABEL_CANCEL from '@salesforce/label/c.ContactPad_Cancel';

/** @typedef {'away' | 'logged-out'} SupervisorPresence */

export default class ContactPadSupervisorPresence extends LightningElement {
  labels = {
    newState: LABEL_NEW_STATE,
    reason: LABEL_REASON,
    apply: LABEL_APPLY,
    cancel: LABEL_CANCEL,
  };

  /** The agent whose state changes. */
  @api agentName = '';
  /**
   * The account's Away reasons to choose from; none: Away needs no reason; null: not known, so
   * the reason is asked for in words. @type {readonly string[] | null}
   */
  @api reasons = null;
  /** Why the last try was refused, in words ('' for none). */
  @api error = '';
  /** A change is under way. */
  @api busy = false;
  /** Nothing can be sent now (the session is not live). */
  @api disabled = false;

  /** @type {SupervisorPresence} */
  presence = 'away';
  /** The Away reason chosen ('' until one is: the first is taken). */
  reason = '';
  /** Logged out: the words the agent is shown. */
  words = '';

  get title() {
    return format(LABEL_TITLE, this.agentName);
  }

  get locked() {
    return this.busy || this.disabled;
  }

  get presenceOptions() {
    return [
      { value: 'away', label: LABEL_AWAY, selected: this.presence === 'away' },
      { value: 'logged-out', label: LABEL_LOGGED_OUT, selected: this.presence === 'logged-out' },
    ];
  }

  /** The Away reasons to choose from ([] when unknown). */
  get listed() {
    return this.reasons ?? [];
  }

  get reasonChoice() {
    return this.presence === 'away' && this.listed.length > 0;
  }

  get reasonWords() {
    return this.presence === 'logged-out' || (this.presence === 'away' && this.reasons === null);
  }

  get wordsLabel() {
    return this.presence === 'away' ? LABEL_REASON : LABEL_REASON_WORDS;
  }

  /** The Away reason in force: the one chosen if still listed, else the first. */
  get chosenReason() {
    const listed = this.listed;
    return listed.includes(this.reason) ? this.reason : (listed[0] ?? '');
  }

  get reasonOptions() {
    const chosen = this.chosenReason;
    return this.listed.map((reason) => ({
      value: reason,
      label: reason,
      selected: reason === chosen,
    }));
  }

  /** @param {CustomEvent<{ value: string }>} event */
  handlePresence(event) {
    this.presence = event.detail.value === 'logged-out' ? 'logged-out' : 'away';
  }

  /** @param {CustomEvent<{ value: string }>} event */
  handleReason(event) {
    this.reason = event.detail.value;
  }

  /** @param {Event & { currentTarget: HTMLInputElement }} event */
  handleWords(event) {
    this.words = event.currentTarget.value;
  }

  handleApply() {
    if (this.locked) return;
    /** @type {string | null} */
    let reason = null;
    if (this.reasonChoice) reason = this.chosenReason;
    else if (this.reasonWords) reason = this.words.trim() === '' ? null : this.words.trim();
    this.dispatchEvent(
      new CustomEvent('presenceset', { detail: { presence: this.presence, reason } }),
    );
  }

  handleCancel() {
    this.dispatchEvent(new CustomEvent('cancel'));
  }

  @api focus() {
    /** @type {HTMLElement | null} */ (
      /** @type {ShadowRoot} */ (this.template).querySelector('[data-id="heading"]')
    )?.focus();
  }
}
