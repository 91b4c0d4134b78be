// @ts-check
/**
 * Presentational: a labelled number input of SLDS; its `input` event bubbles to the panel that
 * owns the field (the input's id names the field).
 */
import { LightningElement, api } from 'lwc';

/** @import { NumberField } from '../../../../models/settings' */

export default class WorkbenchNumberField extends LightningElement {
  /** @type {'light'} */
  static renderMode = 'light';

  /** @type {NumberField | undefined} */
  @api field;
}
