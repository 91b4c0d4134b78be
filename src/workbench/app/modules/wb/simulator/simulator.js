// @ts-check
/**
 * The customer simulator panel: place a call, video call, chat, e-mail or case at a service as a
 * fixture customer or an unknown caller, and make each customer contact fail or hang its next
 * release, or leave. It renders the simulator model (src/workbench/models/simulator.ts), whose
 * contacts the server pushes.
 */
import ModelView from '../modelView/modelView';

/** @import { Channel } from '../../../../../protocol' */
/** @import { SimulatorModel } from '../../../../models/simulator' */

/** @extends {ModelView<SimulatorModel>} */
export default class WorkbenchSimulator extends ModelView {
  /** @type {'light'} */
  static renderMode = 'light';

  get services() {
    const view = this.view;
    return (view?.services ?? []).map((s) => ({ ...s, selected: s.value === view?.service }));
  }

  get customers() {
    const view = this.view;
    return (view?.customers ?? []).map((c) => ({ ...c, selected: c.value === view?.customer }));
  }

  get channels() {
    return this.view?.channels ?? [];
  }

  get contacts() {
    return this.view?.contacts ?? [];
  }

  get none() {
    return this.contacts.length === 0;
  }

  get status() {
    return this.view?.status ?? '';
  }

  /** @param {Event} event */
  handleService(event) {
    this.model?.pickService(/** @type {HTMLSelectElement} */ (event.target).value);
  }

  /** @param {Event} event */
  handleCustomer(event) {
    this.model?.pickCustomer(/** @type {HTMLSelectElement} */ (event.target).value);
  }

  /** @param {Event} event */
  handlePlace(event) {
    const channel = /** @type {HTMLElement} */ (event.currentTarget).dataset.channel;
    this.model?.place(/** @type {Channel} */ (channel));
  }

  /** @param {Event} event */
  handleAction(event) {
    const { interactionId, action } = /** @type {HTMLElement} */ (event.currentTarget).dataset;
    if (interactionId === undefined) return;
    if (action === 'error' || action === 'hang' || action === 'leave') {
      this.model?.act(interactionId, action);
    }
  }
}
