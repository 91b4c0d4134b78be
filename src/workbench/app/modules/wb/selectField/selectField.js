// @ts-check
/**
 * Presentational: a labelled SLDS select; its `change` event bubbles to the panel that owns it.
 */
import { LightningElement, api } from 'lwc';

/** @typedef {{ value: string, label: string, selected: boolean }} Option */

export default class WorkbenchSelectField extends LightningElement {
  /** @type {'light'} */
  static renderMode = 'light';

  /** The select's id (its label's `for`). */
  @api fieldId = '';
  /** The select's `data-id` (what tests find it by). */
  @api tag = '';
  @api label = '';
  /** @type {readonly Option[]} */
  @api options = [];
}
