// @ts-check
/**
 * Presentational: the Consult | Transfer directory (B5, B6) as a console modal (`lightning/modal`):
 * a Search combobox over a virtual listbox of the directory's agents and services. Arrow keys or
 * the mouse highlight a row, Return or a click selects it, then Return or Dial (Transfer) connects.
 * The state lives in DirectoryModel; what is listed and what can be chosen come from the core.
 *
 * Opened with `ContactPadDirectory.choose(props)`; props: `directory` (a core Directory, changing in
 * place), `watch` ((listener) => unwatch: calls the listener with the directory on every change),
 * `mode`, `modes`, `kind`, `features`, `agentId`, and `onmodechange` ({ mode }). It closes with the
 * choice { mode, target }, or nothing (Escape, Cancel, the close button).
 */
import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import { DirectoryModel, NO_FEATURES, isMode } from './directoryModel';
import { directoryView } from './directoryView';
import { scrollToShow } from './virtualWindow';
import LABEL_MODE_CONSULT from '@salesforce/label/c.ContactPad_Consult';
import LABEL_MODE_TRANSFER from '@salesforce/label/c.ContactPad_Transfer';
import LABEL_CONSULT_OR_TRANSFER from '@salesforce/label/c.ContactPad_ConsultOrTransfer';
import LABEL_SEARCH from '@salesforce/label/c.ContactPad_Search';
import LABEL_DIRECTORY from '@salesforce/label/c.ContactPad_Directory';
import LABEL_CANCEL from '@salesforce/label/c.ContactPad_Cancel';

/**
 * @import { Directory, Kind, ListingMode, Target } from 'c/contactPadCore'
 * @import { Features, Move } from './directoryModel'
 */

/**
 * What the dialog closes with when the agent connects.
 * @typedef {{ mode: ListingMode, target: Target }} DirectoryChoice
 */

/**
 * Called with the directory whenever it changes; returns the function that stops the calls.
 * @typedef {(listener: (directory: Directory | null) => void) => () => void} DirectoryWatch
 */

/** @typedef {{ search?: HTMLInputElement, scroller?: HTMLElement }} DirectoryRefs */

/** @type {Readonly<Record<string, Move>>} */
const MOVES = {
  ArrowDown: 'next',
  Down: 'next',
  ArrowUp: 'previous',
  Up: 'previous',
  Home: 'first',
  End: 'last',
};

export default class ContactPadDirectory extends LightningModal {
  /**
   * Opens the directory. Resolves, once the agent connects or closes it, with the choice (or
   * null) and `gone`: a promise kept once the dialog has left the page and focus is back where it
   * was when it opened (the opener), so the caller can move focus on from there.
   * @param {Record<string, unknown>} props
   * @returns {Promise<{ choice: DirectoryChoice | null, gone: Promise<void> }>}
   */
  static async choose(props) {
    /** @type {() => void} */
    let left = () => {};
    const gone = new Promise((resolve) => {
      left = () => resolve(undefined);
    });
    const result = await this.open({ size: 'small', ...props, gone: left });
    return { choice: isChoice(result) ? result : null, gone };
  }

  labels = {
    consultOrTransfer: LABEL_CONSULT_OR_TRANSFER,
    consult: LABEL_MODE_CONSULT,
    transfer: LABEL_MODE_TRANSFER,
    search: LABEL_SEARCH,
    directory: LABEL_DIRECTORY,
    cancel: LABEL_CANCEL,
  };

  model = new DirectoryModel();
  /** @type {ListingMode[]} */
  _modes = ['consult'];
  /** @type {DirectoryWatch | null} */
  _watch = null;
  /** @type {(() => void) | null} */
  unwatch = null;
  /** Bumped when the model changes, so the template reads it again. */
  revision = 0;
  /** The scroller's scroll position as the window of rendered rows follows it. */
  scrollTop = 0;
  /**
   * A scroll position to apply to the scroller after the next render (keyboard moves).
   * @type {number | null}
   */
  pendingScroll = null;
  /** Where the scroller is, as last seen in a scroll event or set here. */
  shownScrollTop = 0;
  connected = false;
  focused = false;
  /** Whether the dialog has left the page (and `gone` was called). */
  left = false;
  /**
   * The last view built, under the state it was built from.
   * @type {{ key: string, view: ReturnType<ContactPadDirectory['viewNow']> | null }}
   */
  shown = { key: '', view: null };

  /**
   * Called once the dialog has left the page (see choose).
   * @type {(() => void) | null}
   */
  @api gone = null;

  /** The directory (a core `Directory`); it changes in place: see `watch`. */
  @api
  get directory() {
    return this.model.directory;
  }
  /** @param {Directory | null | undefined} value */
  set directory(value) {
    this.model.directory = value ?? null;
    this.relist(false);
  }

  /** Follows the directory's changes while the dialog is open. */
  @api
  get watch() {
    return this._watch;
  }
  /** @param {DirectoryWatch | null | undefined} value */
  set watch(value) {
    this._watch = typeof value === 'function' ? value : null;
    if (this.connected) this.startWatching();
  }

  /** 'consult' or 'transfer'. */
  @api
  get mode() {
    return this.model.mode;
  }
  /** @param {unknown} value */
  set mode(value) {
    const mode = isMode(value) ? value : 'consult';
    if (mode === this.model.mode) return;
    this.model.mode = mode;
    this.relist(false);
  }

  /** The modes offered; with both, the Consult | Transfer switch shows. */
  @api
  get modes() {
    return this._modes;
  }
  /** @param {unknown} value */
  set modes(value) {
    this._modes = Array.isArray(value) ? value.filter(isMode) : [];
  }

  /** The interaction's kind: in transfer, numbers only for live work (B6). */
  @api
  get kind() {
    return this.model.kind;
  }
  /** @param {Kind | null | undefined} value */
  set kind(value) {
    this.model.kind = value ?? null;
    this.relist(false);
  }

  /** The signed-in agent's id: listed, never a target of their own consult or transfer. */
  @api
  get agentId() {
    return this.model.self;
  }
  /** @param {string | null | undefined} value */
  set agentId(value) {
    this.model.self = value ?? null;
    this.relist(false);
  }

  /**
   * The account's features (transferToService decides services in a transfer).
   * @returns {Readonly<Partial<Features>>}
   */
  @api
  get features() {
    return this.model.features;
  }
  /** @param {Features | null | undefined} value */
  set features(value) {
    this.model.features = value ?? NO_FEATURES;
    this.relist(false);
  }

  connectedCallback() {
    this.connected = true;
    this.startWatching();
    this.relist(false);
  }

  disconnectedCallback() {
    this.connected = false;
    this.unwatch?.();
    this.unwatch = null;
    // Called once: a dialog is not put back on the page.
    if (!this.left) this.gone?.();
    this.left = true;
  }

  renderedCallback() {
    const refs = /** @type {DirectoryRefs} */ (this.refs);
    if (!this.focused && refs.search) {
      this.focused = true;
      const search = refs.search;
      search.focus();
      // The modal moves focus to its heading a frame after it renders: Search takes it back.
      // eslint-disable-next-line @lwc/lwc/no-async-operation
      requestAnimationFrame(() => requestAnimationFrame(() => search.focus()));
    }
    if (this.pendingScroll !== null && refs.scroller) {
      // Compared with what was last seen, not read back: reading would force a layout.
      if (this.pendingScroll !== this.shownScrollTop) {
        refs.scroller.scrollTop = this.pendingScroll;
        this.shownScrollTop = this.pendingScroll;
      }
      this.pendingScroll = null;
    }
  }

  startWatching() {
    this.unwatch?.();
    this.unwatch = null;
    if (this._watch === null) return;
    this.unwatch = this._watch((directory) => {
      this.model.directory = directory;
      this.relist(false);
    });
  }

  /**
   * Lists again; `narrow` searches within the previous result (a keystroke).
   * @param {boolean} narrow
   */
  relist(narrow) {
    if (!this.connected) return;
    this.model.relist(narrow);
    if (narrow) this.scrollTo(0);
    this.showActive();
    this.changed();
  }

  changed() {
    this.revision += 1;
  }

  // ----- template state

  /** Everything the template shows, read again whenever the model changes (`revision`). */
  get view() {
    // Read once per render, not once per expression: the template reads `view` many times.
    const key = `${this.revision}:${this.scrollTop}:${this._modes.join()}`;
    const { shown } = this;
    if (shown.view === null || shown.key !== key) {
      // Changed in place: a field assigned while rendering would ask for another render.
      shown.key = key;
      shown.view = this.viewNow();
    }
    return shown.view;
  }

  viewNow() {
    return directoryView(this.model, this._modes, this.scrollTop);
  }

  // ----- selection and scrolling

  /** @param {number} top */
  scrollTo(top) {
    this.scrollTop = top;
    this.pendingScroll = top;
  }

  /** Brings the highlighted row into full view (keyboard moves, a unique name typed). */
  showActive() {
    const { index } = this.model.active;
    if (index === null) return;
    const top = scrollToShow(index, this.scrollTop);
    if (top !== null) this.scrollTo(top);
  }

  /** @param {Target | null} target */
  connect(target) {
    if (target === null) return;
    /** @type {DirectoryChoice} */
    const choice = { mode: this.model.mode, target };
    this.close(choice);
  }

  // ----- handlers

  /** @param {Event & { target: HTMLInputElement }} event */
  handleInput(event) {
    if (this.model.setQuery(event.target.value ?? '')) {
      this.scrollTo(0);
      this.showActive();
      this.changed();
    }
  }

  /** @param {KeyboardEvent} event */
  handleSearchKeydown(event) {
    const move = MOVES[event.key];
    if (move !== undefined) {
      // Home and End stay in the field when there is no list to move in.
      if (this.model.move(move) || (move !== 'first' && move !== 'last')) event.preventDefault();
      this.showActive();
      this.changed();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const target = this.model.enter();
      this.changed();
      this.connect(target);
    }
  }

  /** @param {Event & { target: HTMLElement }} event */
  handleScroll(event) {
    this.scrollTop = event.target.scrollTop;
    this.shownScrollTop = this.scrollTop;
  }

  /** Keeps focus in the Search field while the mouse picks an option. */
  /** @param {MouseEvent} event */
  handleOptionMousedown(event) {
    event.preventDefault();
  }

  /** B5/B6: a click selects the name (Return, Dial or Transfer then connects). */
  /** @param {MouseEvent & { currentTarget: HTMLElement }} event */
  handleOptionClick(event) {
    this.model.click(Number(event.currentTarget.dataset.index));
    this.changed();
    /** @type {DirectoryRefs} */ (this.refs).search?.focus();
  }

  /** A double click connects at once. */
  /** @param {MouseEvent & { currentTarget: HTMLElement }} event */
  handleOptionDblclick(event) {
    this.handleOptionClick(event);
    if (this.model.chosen.index === Number(event.currentTarget.dataset.index)) {
      this.connect(this.model.target());
    }
  }

  /** @param {Event & { target: HTMLInputElement }} event */
  handleModeChange(event) {
    const mode = event.target.value;
    if (!isMode(mode) || mode === this.model.mode) return;
    this.model.mode = mode;
    this.relist(false);
    this.dispatchEvent(new CustomEvent('modechange', { detail: { mode } }));
  }

  handleChoose() {
    this.connect(this.model.target());
  }

  handleCancel() {
    this.close();
  }
}

/**
 * @param {unknown} value
 * @returns {value is DirectoryChoice}
 */
function isChoice(value) {
  if (typeof value !== 'object' || value === null) return false;
  const choice = /** @type {{ mode?: unknown, target?: unknown }} */ (value);
  return isMode(choice.mode) && typeof choice.target === 'object' && choice.target !== null;
}
