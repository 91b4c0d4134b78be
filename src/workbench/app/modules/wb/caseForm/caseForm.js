// @ts-check
/**
 * The New Case form (in the simulator's column): a subject, the Case Origin and the customer;
 * Create saves a Case in the workbench's record store, which the ContactPad Case Rules may send to
 * routing. It renders the case form model (src/workbench/models/caseForm.ts).
 */
import ModelView from '../modelView/modelView';

/** @import { CaseFormModel } from '../../../../models/caseForm' */

/** @extends {ModelView<CaseFormModel>} */
export default class WorkbenchCaseForm extends ModelView {
  /** @type {'light'} */
  static renderMode = 'light';

  get subject() {
    return this.view?.subject ?? '';
  }

  get origins() {
    const view = this.view;
    return (view?.origins ?? []).map((o) => ({ ...o, selected: o.value === view?.origin }));
  }

  get customers() {
    const view = this.view;
    return (view?.customers ?? []).map((c) => ({ ...c, selected: c.value === view?.customer }));
  }

  get busy() {
    return this.view?.busy ?? false;
  }

  get status() {
    return this.view?.status ?? '';
  }

  /** @param {Event} event */
  handleSubject(event) {
    this.model?.edit({ subject: /** @type {HTMLInputElement} */ (event.target).value });
  }

  /** @param {Event} event */
  handleOrigin(event) {
    this.model?.edit({ origin: /** @type {HTMLSelectElement} */ (event.target).value });
  }

  /** @param {Event} event */
  handleCustomer(event) {
    this.model?.edit({ customer: /** @type {HTMLSelectElement} */ (event.target).value });
  }

  /** @param {Event} event */
  handleCreate(event) {
    event.preventDefault();
    this.model?.create();
  }
}
