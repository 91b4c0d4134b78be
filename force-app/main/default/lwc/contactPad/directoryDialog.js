// @ts-check
/**
 * The container's side of the Consult | Transfer directory (B5, B6), a console modal
 * (c/contactPadDirectory): opens it with what it lists, follows the adapter's directory while it
 * is open, runs the choice, and then puts focus where the agent goes on: the ringing consult's
 * Cancel after a consult, else back on the button that opened it (the modal does that), or on the
 * interaction list when that button has gone (a transfer took the interaction away).
 */
import ContactPadDirectory from 'c/contactPadDirectory';

/** @import { ContactPadAdapter, Directory, Kind, ListingMode, Settings, Target } from 'c/contactPadCore' */

/**
 * What the dialog reads of the container when it runs.
 * @typedef {object} DialogHost
 * @property {() => ContactPadAdapter | null} adapter
 * @property {(mode: ListingMode, target: Target) => Promise<boolean>} choose runs the choice
 * @property {(mode: ListingMode) => void} modeChanged the Consult | Transfer switch was used
 * @property {() => boolean} focusCancel focuses the ringing consult's Cancel, if it shows
 * @property {() => void} focusList focuses the interaction list
 */

/**
 * What the directory lists.
 * @typedef {object} DialogProps
 * @property {ListingMode} mode
 * @property {ListingMode[]} modes
 * @property {Kind} kind
 * @property {Settings['features'] | null} features
 * @property {string | null} agentId
 */

/**
 * Calls `listener` with the adapter's directory whenever it changes or the state is replaced.
 * @param {ContactPadAdapter | null} adapter
 * @param {(directory: Directory | null) => void} listener
 * @returns {() => void} stops the calls
 */
export function watchDirectory(adapter, listener) {
  if (adapter === null) return () => {};
  const changed = () => listener(adapter.store.directory);
  adapter.addEventListener('directorychange', changed);
  adapter.addEventListener('statereset', changed);
  return () => {
    adapter.removeEventListener('directorychange', changed);
    adapter.removeEventListener('statereset', changed);
  };
}

/** Whether focus went nowhere (to the page itself). */
function focusLost() {
  const active = document.activeElement;
  return active === null || active === document.body;
}

export class DirectoryDialog {
  /** @param {DialogHost} host */
  constructor(host) {
    this.host = host;
    this.isOpen = false;
  }

  /**
   * Opens the directory (once at a time); resolves when it closed and focus has moved on.
   * @param {DialogProps} props
   * @returns {Promise<void>}
   */
  async open(props) {
    if (this.isOpen) return;
    this.isOpen = true;
    const { host } = this;
    const adapter = host.adapter();
    /** @type {Awaited<ReturnType<typeof ContactPadDirectory.choose>>} */
    let closed;
    try {
      closed = await ContactPadDirectory.choose({
        ...props,
        directory: adapter?.store.directory ?? null,
        watch: (/** @type {(directory: Directory | null) => void} */ listener) =>
          watchDirectory(host.adapter(), listener),
        onmodechange: (/** @type {CustomEvent<{ mode: ListingMode }>} */ event) => {
          event.stopPropagation();
          host.modeChanged(event.detail.mode);
        },
      });
    } finally {
      this.isOpen = false;
    }
    const { choice, gone } = closed;
    const done = choice === null ? Promise.resolve(false) : host.choose(choice.mode, choice.target);
    // Focus is back on the opener once the dialog has gone: move it on from there.
    const [ok] = await Promise.all([done, gone]);
    if (ok && choice?.mode === 'consult' && host.focusCancel()) return;
    if (focusLost()) host.focusList();
  }
}
