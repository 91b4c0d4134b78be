// @ts-check
/**
 * Presentational: the information panel (B3, B4). Lists every assigned interaction, the current one
 * marked; choosing one (click, Enter or Space; arrow keys move between entries) dispatches
 * `select` { interactionId }. With multi-interaction routing off it shows the one interaction alone.
 * While the connection is not confirmed (`unconfirmed`), each reads "Not confirmed", no timer runs.
 */
import { LightningElement, api } from 'lwc';
import INTERACTIONS from '@salesforce/label/c.ContactPad_Interactions';
import NO_INTERACTIONS from '@salesforce/label/c.ContactPad_NoInteractions';
import CURRENT from '@salesforce/label/c.ContactPad_Current';
import ELAPSED from '@salesforce/label/c.ContactPad_Elapsed';
import CONSULT_CALL from '@salesforce/label/c.ContactPad_ConsultCall';
import NOT_CONFIRMED from '@salesforce/label/c.ContactPad_NotConfirmed';
import { entryOf } from './format';

/** @import { Interaction, Unconfirmed } from 'c/contactPadCore' */

export default class ContactPadInteractionList extends LightningElement {
  /**
   * Interaction[]: the store's readonly values.
   * @type {readonly Interaction[]}
   */
  @api interactions = [];
  /**
   * The current interaction's id, or null.
   * @type {string | null}
   */
  @api currentId = null;
  /** The clock the container ticks, in ms. */
  @api now = 0;
  /** Multi-interaction routing (B3): a list when on, the one interaction alone when off. */
  @api multiInteraction = false;
  /**
   * The adapter's `unconfirmed` reason (reconnecting...), or null while confirmed.
   * @type {Unconfirmed | null}
   */
  @api unconfirmed = null;

  labels = {
    interactions: INTERACTIONS,
    noInteractions: NO_INTERACTIONS,
    current: CURRENT,
    elapsed: ELAPSED,
    consultCall: CONSULT_CALL,
  };

  get entries() {
    return (this.interactions ?? []).map((interaction) =>
      entryOf(interaction, this.currentId, this.now, this.unconfirmed ? NOT_CONFIRMED : null),
    );
  }

  get isEmpty() {
    return this.entries.length === 0;
  }

  get showList() {
    return Boolean(this.multiInteraction) && !this.isEmpty;
  }

  get showSingle() {
    return !this.multiInteraction && !this.isEmpty;
  }

  /** Single-interaction view: the current one, else the first. */
  get single() {
    const entries = this.entries;
    return entries.find((entry) => entry.current) ?? entries[0];
  }

  /**
   * Moves focus to the current entry, else the first (where the agent goes on when the button
   * they used has gone). False when the list shows no entry to focus.
   * @returns {boolean}
   */
  @api
  focusCurrent() {
    const template = /** @type {ShadowRoot} */ (this.template);
    /** @type {HTMLElement | null} */
    const entry =
      template.querySelector('[data-entry][aria-current="true"]') ??
      template.querySelector('[data-entry]');
    if (entry === null) return false;
    entry.focus();
    return true;
  }

  /** @param {MouseEvent & { currentTarget: HTMLElement }} event */
  handleClick(event) {
    this.select(event.currentTarget.dataset.id);
  }

  /** @param {KeyboardEvent & { currentTarget: HTMLElement }} event */
  handleKeyDown(event) {
    const { key } = event;
    if (key === 'Enter' || key === ' ' || key === 'Spacebar') {
      event.preventDefault();
      this.select(event.currentTarget.dataset.id);
      return;
    }
    // A shadow DOM component: its template is never null.
    /** @type {NodeListOf<HTMLElement>} */
    const found = /** @type {ShadowRoot} */ (this.template).querySelectorAll('[data-entry]');
    const entries = [...found];
    const index = entries.indexOf(event.currentTarget);
    let next = -1;
    if (key === 'ArrowDown' || key === 'Down') next = Math.min(index + 1, entries.length - 1);
    else if (key === 'ArrowUp' || key === 'Up') next = Math.max(index - 1, 0);
    else if (key === 'Home') next = 0;
    else if (key === 'End') next = entries.length - 1;
    if (next >= 0) {
      event.preventDefault();
      entries[next]?.focus();
    }
  }

  /** @param {string | undefined} interactionId */
  select(interactionId) {
    if (!interactionId) return;
    this.dispatchEvent(new CustomEvent('select', { detail: { interactionId } }));
  }
}
