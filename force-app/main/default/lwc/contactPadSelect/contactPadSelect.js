// @ts-check
/**
 * Presentational: a labelled SLDS select over a short list. Choosing dispatches `valuechange`
 * { value }. The options say which one is selected, so the owner keeps the state.
 */
import { LightningElement, api } from 'lwc';

/** @typedef {{ value: string, label: string, selected: boolean }} Option */

export default class ContactPadSelect extends LightningElement {
  /** The label the select is named by. */
  @api label = '';
  /** @type {readonly Option[]} */
  @api options = [];
  @api disabled = false;

  /** @param {Event & { currentTarget: HTMLSelectElement }} event */
  handleChange(event) {
    event.stopPropagation();
    const { value } = event.currentTarget;
    this.dispatchEvent(new CustomEvent('valuechange', { detail: { value } }));
  }
}
