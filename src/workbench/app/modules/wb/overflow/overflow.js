// @ts-check
/**
 * The overflow panel (admin): where a service's waiting work moves and after how many seconds,
 * and when its waiting calls become callback requests, set through the routing admin API. It renders the overflow model
 * (src/workbench/models/overflow.ts): limits from the protocol, bad input refused before sending,
 * refusals in words.
 */
import ModelView from '../modelView/modelView';

/** @import { OverflowModel } from '../../../../models/overflow' */

/** @extends {ModelView<OverflowModel>} */
export default class WorkbenchOverflow extends ModelView {
  /** @type {'light'} */
  static renderMode = 'light';

  get services() {
    return this.view?.services ?? [];
  }

  get targets() {
    return this.view?.targets ?? [];
  }

  get after() {
    return this.view?.after;
  }

  get callbackAfter() {
    return this.view?.callbackAfter;
  }

  /** @param {Event} event */
  handleCallbackAfter(event) {
    this.model?.editCallbackAfter(/** @type {HTMLInputElement} */ (event.target).value);
  }

  handleCallbacks() {
    this.model?.applyCallbacks();
  }

  get status() {
    return this.view?.status ?? '';
  }

  /** @param {Event} event */
  handleService(event) {
    this.model?.pickService(/** @type {HTMLSelectElement} */ (event.target).value);
  }

  /** @param {Event} event */
  handleTarget(event) {
    this.model?.pickTarget(/** @type {HTMLSelectElement} */ (event.target).value);
  }

  /** @param {Event} event */
  handleAfter(event) {
    this.model?.editAfter(/** @type {HTMLInputElement} */ (event.target).value);
  }

  /** @param {Event} event */
  handleApply(event) {
    event.preventDefault();
    this.model?.apply();
  }
}
