// @ts-check
/**
 * The outside numbers panel: how a telephone number behaves when a consult or an outbound call
 * rings it, and the calls ringing an outside number now (pushed), each with "Answer now". It
 * renders the outside numbers model (src/workbench/models/outsideNumbers.ts).
 */
import ModelView from '../modelView/modelView';

/** @import { OutsideNumbersModel } from '../../../../models/outsideNumbers' */

/** @extends {ModelView<OutsideNumbersModel>} */
export default class WorkbenchOutsideNumbers extends ModelView {
  /** @type {'light'} */
  static renderMode = 'light';

  get number() {
    return this.view?.number ?? '';
  }

  get choices() {
    const view = this.view;
    return (view?.choices ?? []).map((c) => ({ ...c, selected: c.value === view?.answer }));
  }

  get calls() {
    return this.view?.calls ?? [];
  }

  get none() {
    return this.calls.length === 0;
  }

  get status() {
    return this.view?.status ?? '';
  }

  /** @param {Event} event */
  handleNumber(event) {
    this.model?.setNumber(/** @type {HTMLInputElement} */ (event.target).value);
  }

  /** @param {Event} event */
  handleAnswer(event) {
    this.model?.setAnswer(/** @type {HTMLSelectElement} */ (event.target).value);
  }

  /** @param {Event} event */
  handleSubmit(event) {
    event.preventDefault();
    this.model?.submit();
  }

  /** @param {Event} event */
  handleAnswerCall(event) {
    const ref = /** @type {HTMLElement} */ (event.currentTarget).dataset.ref;
    if (ref !== undefined) this.model?.answerCall(ref);
  }
}
