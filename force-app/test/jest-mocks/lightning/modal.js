/**
 * Mock of lightning/modal (sfdx-lwc-jest stubs only its header, body and footer). As the platform's
 * modal: `open(props)` puts the subclass's element in document.body with the props (an `on<event>`
 * prop becomes a listener), remembers what had focus, and resolves with what `close()` was given
 * (undefined when dismissed: Escape); `close()` takes the element away and gives focus back.
 * Test controls: `modalControl.opened` (the open modals' elements), `modalControl.dismiss()` (Escape
 * on the top one), `modalControl.reset()` (closes them all).
 */
import { LightningElement, api, createElement } from 'lwc';

/** Each open modal's element: how to resolve its open() and what had focus before it. */
const open = new Map();

/** The focused element, looked for through shadow roots. */
function deepActiveElement() {
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) {
    active = active.shadowRoot.activeElement;
  }
  return active;
}

function closeElement(element, result) {
  const entry = open.get(element);
  if (!entry) return;
  open.delete(element);
  element.remove();
  if (entry.focused && entry.focused.isConnected && typeof entry.focused.focus === 'function') {
    entry.focused.focus();
  }
  entry.resolve(result);
}

export const modalControl = {
  get opened() {
    return [...open.keys()];
  },
  dismiss() {
    const last = [...open.keys()].at(-1);
    if (last) closeElement(last, undefined);
  },
  reset() {
    for (const element of [...open.keys()]) closeElement(element, undefined);
  },
};

export default class LightningModal extends LightningElement {
  @api size = 'medium';
  @api label = '';
  @api description = '';
  @api disableClose = false;

  static open(props = {}) {
    const element = createElement('lightning-modal-mock', { is: this });
    const focused = deepActiveElement();
    for (const [key, value] of Object.entries(props)) {
      const event = /^on(.+)$/.exec(key.toLowerCase());
      if (event) element.addEventListener(event[1], value);
      else element[key] = value;
    }
    element.addEventListener('keydown', (keydown) => {
      if (keydown.key === 'Escape') closeElement(element, undefined);
    });
    return new Promise((resolve) => {
      open.set(element, { resolve, focused });
      document.body.appendChild(element);
    });
  }

  @api
  close(result) {
    if (!this.disableClose) closeElement(this.template.host, result);
  }
}
