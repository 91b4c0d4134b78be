// @ts-check
/**
 * The admin panel: the account's system settings (B10), their limits and lists from the protocol
 * (src/workbench/models/settings.ts), applied live to every connected ContactPad, and a restart
 * of the routing service.
 */
import ModelView from '../modelView/modelView';

/** @import { SettingsModel } from '../../../../models/settings' */

/** @extends {ModelView<SettingsModel>} */
export default class WorkbenchSettings extends ModelView {
  /** @type {'light'} */
  static renderMode = 'light';

  get times() {
    return this.view?.times ?? [];
  }

  get features() {
    return this.view?.features ?? [];
  }

  get weights() {
    return this.view?.weights ?? [];
  }

  get offered() {
    return this.view?.offered ?? [];
  }

  get offerTimeout() {
    return this.view?.offerTimeout;
  }

  get reasons() {
    return this.view?.reasons ?? [];
  }

  get down() {
    return this.view?.down;
  }

  get status() {
    return this.view?.status ?? '';
  }

  /** @param {Event} event */
  handleInput(event) {
    const input = /** @type {HTMLInputElement} */ (event.target);
    this.model?.edit(input.id, input.type === 'checkbox' ? input.checked : input.value);
  }

  /** @param {Event} event */
  handleApply(event) {
    event.preventDefault();
    this.model?.apply();
  }

  handleRestart() {
    this.model?.restart();
  }
}
