// @ts-check
/**
 * Presentational: the Home tab: every fixture record by object type, with its count of Tasks;
 * a click raises `openrecord` (detail: the record id).
 */
import { LightningElement, api } from 'lwc';
import { homeGroups } from '../../../../models/records';

/** @import { WorkbenchRecord } from '../../../../models/updates' */

export default class WorkbenchHome extends LightningElement {
  /** @type {'light'} */
  static renderMode = 'light';

  /** @type {readonly WorkbenchRecord[]} */
  @api records = [];

  get groups() {
    return homeGroups(this.records);
  }

  /** @param {Event} event */
  handleOpen(event) {
    event.preventDefault();
    const recordId = /** @type {HTMLElement} */ (event.currentTarget).dataset.recordId;
    this.dispatchEvent(new CustomEvent('openrecord', { detail: recordId, bubbles: true }));
  }
}
