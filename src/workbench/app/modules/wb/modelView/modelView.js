// @ts-check
/**
 * The base of the page's panels: each renders one model (src/workbench/models), given as `model`,
 * and re-renders with its state (`view`) on every change until it leaves the page.
 */
import { LightningElement, api } from 'lwc';

/**
 * @template {{ readonly state: unknown, subscribe(listener: (state: any) => void): () => void }} M
 */
export default class ModelView extends LightningElement {
  /** @type {'light'} */
  static renderMode = 'light';

  /** @type {M | undefined} */
  @api model;

  /** @type {M['state'] | null} */
  view = null;
  /** @type {(() => void) | null} */
  unsubscribe = null;

  connectedCallback() {
    this.unsubscribe = this.model?.subscribe((state) => (this.view = state)) ?? null;
  }

  disconnectedCallback() {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
