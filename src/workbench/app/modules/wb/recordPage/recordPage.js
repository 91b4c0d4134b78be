// @ts-check
/**
 * Presentational: a record's page: header, details (phone numbers as click-to-dial links while
 * the bridge has click-to-dial on; a click raises `dial`) and the Tasks saved on the record.
 */
import { LightningElement, api } from 'lwc';

/** @import { RecordView } from '../../../../models/records' */

export default class WorkbenchRecordPage extends LightningElement {
  /** @type {'light'} */
  static renderMode = 'light';

  /** @type {RecordView | undefined} */
  @api record;

  get hasTasks() {
    return (this.record?.tasks.length ?? 0) > 0;
  }

  /** @param {Event} event */
  handleDial(event) {
    event.preventDefault();
    const number = /** @type {HTMLElement} */ (event.currentTarget).dataset.clickToDial;
    const record = this.record;
    if (record === undefined || number === undefined) return;
    this.dispatchEvent(
      new CustomEvent('dial', {
        detail: {
          number,
          recordId: record.id,
          recordName: record.name,
          objectType: record.objectType,
        },
        bubbles: true,
      }),
    );
  }
}
