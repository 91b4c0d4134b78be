// @ts-check
/**
 * Presentational: the search page a softphone pops when a search finds no record or several;
 * a result's click raises `openrecord` (detail: the record id).
 */
import { LightningElement, api } from 'lwc';

/** @import { SearchMatch } from '../../../../models/workspace' */

export default class WorkbenchSearchPage extends LightningElement {
  /** @type {'light'} */
  static renderMode = 'light';

  @api term = '';
  /** @type {readonly SearchMatch[]} */
  @api matches = [];

  get title() {
    return `Search results for "${this.term}"`;
  }

  get none() {
    return this.matches.length === 0;
  }

  get results() {
    return this.matches.map((match) => ({
      ...match,
      href: `#${match.id}`,
      label: `${match.name} (${match.objectType})`,
    }));
  }

  /** @param {Event} event */
  handleOpen(event) {
    event.preventDefault();
    const recordId = /** @type {HTMLElement} */ (event.currentTarget).dataset.recordId;
    this.dispatchEvent(new CustomEvent('openrecord', { detail: recordId, bubbles: true }));
  }
}
