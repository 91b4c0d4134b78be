// @ts-check
/**
 * The queue view: per service, where its waiting work overflows and the work waiting there now
 * (channel, customer, how long it has waited), so an admin sees work move as it overflows. It
 * renders the queues model (src/workbench/models/queues.ts), whose queues the server pushes, and
 * ticks its clock every second while it is on the page.
 */
import ModelView from '../modelView/modelView';

/** @import { QueuesModel } from '../../../../models/queues' */

/** @extends {ModelView<QueuesModel>} */
export default class WorkbenchQueues extends ModelView {
  /** @type {'light'} */
  static renderMode = 'light';

  /** @type {ReturnType<typeof setInterval> | null} */
  ticker = null;

  connectedCallback() {
    super.connectedCallback();
    // eslint-disable-next-line @lwc/lwc/no-async-operation -- the waits count up each second
    this.ticker = setInterval(() => this.model?.tick(), 1000);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
  }

  get queues() {
    return this.view?.queues ?? [];
  }
}
