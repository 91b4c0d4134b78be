// @ts-check
/**
 * Presentational: the Consult | Transfer dialog (B5, B6). A Search combobox over a virtual listbox
 * of the directory's agents and services; every rule (what is listed, what can be chosen, what a
 * telephone number is) comes from the core's listing. Data in through `@api`, events out:
 * `choose` ({ mode, target }), `modechange` ({ mode }), `close` (null).
 */
import { LightningElement, api } from 'lwc';
import { format } from 'c/contactPadText';
import {
  NO_SELECTION,
  listDirectory,
  reconcileSelection,
  selectFirst,
  selectIndex,
  selectLast,
  selectNext,
  selectPrevious,
  targetsFor,
} from 'c/contactPadCore';
import LABEL_CONSULT from '@salesforce/label/c.ContactPad_Consult';
import LABEL_TRANSFER from '@salesforce/label/c.ContactPad_Transfer';
import LABEL_CONSULT_OR_TRANSFER from '@salesforce/label/c.ContactPad_ConsultOrTransfer';
import LABEL_SEARCH from '@salesforce/label/c.ContactPad_Search';
import LABEL_DIRECTORY from '@salesforce/label/c.ContactPad_Directory';
import LABEL_NO_MATCHES from '@salesforce/label/c.ContactPad_NoMatchesFound';
import LABEL_WAITING from '@salesforce/label/c.ContactPad_Waiting';
import LABEL_DIAL from '@salesforce/label/c.ContactPad_Dial';
import LABEL_DIAL_NUMBER from '@salesforce/label/c.ContactPad_DialNumber';
import LABEL_CANCEL from '@salesforce/label/c.ContactPad_Cancel';
import LABEL_CLOSE from '@salesforce/label/c.ContactPad_Close';
import LABEL_AVAILABLE_NOW from '@salesforce/label/c.ContactPad_AvailableNow';
import LABEL_INTERRUPTIBLE from '@salesforce/label/c.ContactPad_Interruptible';
import LABEL_LOGGED_IN from '@salesforce/label/c.ContactPad_LoggedIn';
import LABEL_LOGGED_OUT from '@salesforce/label/c.ContactPad_LoggedOut';
import LABEL_CANNOT_CONSULT from '@salesforce/label/c.ContactPad_CannotConsultAgent';
import LABEL_YOU from '@salesforce/label/c.ContactPad_CannotChooseYourself';
import LABEL_HANDLED_NOW from '@salesforce/label/c.ContactPad_HandledNow';
import LABEL_HANDLED_WHEN_AVAILABLE from '@salesforce/label/c.ContactPad_HandledWhenAvailable';
import LABEL_HANDLED_AT_NEXT_LOG_IN from '@salesforce/label/c.ContactPad_HandledAtNextLogIn';

/**
 * @import { Directory, Kind, Listing, ListingMode, ListingRow, Presence, Selection, Settings, Target } from 'c/contactPadCore'
 */

/**
 * The account's features (settings.features).
 * @typedef {Settings['features']} Features
 */

/**
 * The elements the template names with lwc:ref (absent while not rendered).
 * @typedef {{ search?: HTMLInputElement, scroller?: HTMLElement }} DirectoryRefs
 */

/** Fixed row height and viewport of the virtual list, in px (the scroller's style uses them). */
const ROW_HEIGHT = 52;
const VISIBLE_ROWS = 6;
/** Rows rendered above and below the viewport so a fast scroll shows no gap. */
const OVERSCAN = 5;
const VIEWPORT_HEIGHT = ROW_HEIGHT * VISIBLE_ROWS;

/** @type {readonly ListingMode[]} */
const MODES = ['consult', 'transfer'];
/**
 * Before the settings come: transfer to a service off (the one feature the listing reads).
 * @type {Readonly<Partial<Features>>}
 */
const NO_FEATURES = Object.freeze({ transferToService: false });

/**
 * Whether `value` is one of MODES.
 * @param {unknown} value
 * @returns {value is ListingMode}
 */
function isMode(value) {
  return value === 'consult' || value === 'transfer';
}

/** @type {Readonly<Record<Presence, string>>} */
const PRESENCE = {
  'available-now': LABEL_AVAILABLE_NOW,
  interruptible: LABEL_INTERRUPTIBLE,
  'logged-in': LABEL_LOGGED_IN,
  'logged-out': LABEL_LOGGED_OUT,
};

/**
 * B6: when a transferred interaction is handled (interruptible agents count as logged in).
 * @type {Readonly<Record<Presence, string>>}
 */
const TRANSFER_NOTE = {
  'available-now': LABEL_HANDLED_NOW,
  interruptible: LABEL_HANDLED_WHEN_AVAILABLE,
  'logged-in': LABEL_HANDLED_WHEN_AVAILABLE,
  'logged-out': LABEL_HANDLED_AT_NEXT_LOG_IN,
};

export default class ContactPadDirectory extends LightningElement {
  labels = {
    consultOrTransfer: LABEL_CONSULT_OR_TRANSFER,
    consult: LABEL_CONSULT,
    transfer: LABEL_TRANSFER,
    search: LABEL_SEARCH,
    directory: LABEL_DIRECTORY,
    noMatches: LABEL_NO_MATCHES,
    cancel: LABEL_CANCEL,
    close: LABEL_CLOSE,
  };

  /** @type {Directory | null} */
  _directory = null;
  _version = 0;
  /** @type {ListingMode} */
  _mode = 'consult';
  /** @type {ListingMode[]} */
  _modes = ['consult'];
  /** @type {Kind | null} */
  _kind = null;
  /** @type {Readonly<Partial<Features>>} */
  _features = NO_FEATURES;
  /** @type {string | null} */
  _self = null;

  query = '';
  /** @type {Listing | null} */
  listing = null;
  /** @type {Selection} */
  selection = NO_SELECTION;
  /** The scroller's scroll position as the window of rendered rows follows it. */
  scrollTop = 0;
  /**
   * A scroll position to apply to the scroller after the next render (keyboard moves).
   * @type {number | null}
   */
  pendingScroll = null;
  /**
   * Where the scroller is, as last seen in a scroll event or set here: writing the same position
   * again would still force a layout in the middle of every keystroke.
   */
  shownScrollTop = 0;
  connected = false;
  focused = false;

  /** The directory (a core `Directory`); it changes in place, so bump `version` when it does. */
  @api
  get directory() {
    return this._directory;
  }
  /** @param {Directory | null | undefined} value */
  set directory(value) {
    this._directory = value ?? null;
    this.relist(false);
  }

  /** Bumped by the container on `directorychange`: the current search runs again. */
  @api
  get version() {
    return this._version;
  }
  /** @param {number} value */
  set version(value) {
    if (value === this._version) return;
    this._version = value;
    this.relist(false);
  }

  /** 'consult' or 'transfer'. */
  @api
  get mode() {
    return this._mode;
  }
  /** @param {unknown} value */
  set mode(value) {
    const mode = isMode(value) ? value : 'consult';
    if (mode === this._mode) return;
    this._mode = mode;
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
    return this._kind;
  }
  /** @param {Kind | null | undefined} value */
  set kind(value) {
    const kind = value ?? null;
    if (kind === this._kind) return;
    this._kind = kind;
    this.relist(false);
  }

  /** The signed-in agent's id: listed, never a target of their own consult or transfer. */
  @api
  get agentId() {
    return this._self;
  }
  /** @param {string | null | undefined} value */
  set agentId(value) {
    const self = value ?? null;
    if (self === this._self) return;
    this._self = self;
    this.relist(false);
  }

  /**
   * The account's features (transferToService decides services in a transfer).
   * @returns {Readonly<Partial<Features>>}
   */
  @api
  get features() {
    return this._features;
  }
  /** @param {Features | null | undefined} value */
  set features(value) {
    const features = value ?? NO_FEATURES;
    // The store hands out a new object on every settings change: only this one matters here.
    const changed =
      Boolean(features.transferToService) !== Boolean(this._features.transferToService);
    this._features = features;
    if (changed) this.relist(false);
  }

  connectedCallback() {
    this.connected = true;
    this.relist(false);
  }

  disconnectedCallback() {
    this.connected = false;
    this.focused = false;
    // A scroller rendered again starts at the top.
    this.shownScrollTop = 0;
  }

  renderedCallback() {
    const refs = /** @type {DirectoryRefs} */ (this.refs);
    if (!this.focused && refs.search) {
      this.focused = true;
      refs.search.focus();
    }
    if (this.pendingScroll !== null && refs.scroller) {
      if (this.pendingScroll !== this.shownScrollTop) {
        refs.scroller.scrollTop = this.pendingScroll;
        this.shownScrollTop = this.pendingScroll;
      }
      this.pendingScroll = null;
    }
  }

  /**
   * Lists the directory for the query; `narrow` searches within the previous result.
   * @param {boolean} narrow
   */
  relist(narrow) {
    if (!this.connected) return;
    if (!this._directory) {
      this.listing = null;
      this.selection = NO_SELECTION;
      return;
    }
    // No interaction (dialling from the directory): no live work to hand over.
    // targetsFor reads transferToService only, which NO_FEATURES sets.
    const features = /** @type {Features} */ (this._features);
    const targets = targetsFor(this._mode, this._kind ?? 'non-live', features);
    const options = {
      mode: this._mode,
      services: targets.services,
      numbers: targets.numbers,
      self: this._self,
    };
    const previous = narrow ? this.listing : null;
    this.listing = listDirectory(this._directory, this.query, options, previous);
    this.selection = reconcileSelection(this.listing, this.selection);
    if (narrow) this.scrollTo(0);
    this.scrollIntoView();
  }

  // ----- template state

  get heading() {
    return this._mode === 'transfer' ? LABEL_TRANSFER : LABEL_CONSULT;
  }

  get showSwitch() {
    return MODES.every((mode) => this._modes.includes(mode));
  }

  get consultChecked() {
    return this._mode === 'consult';
  }

  get transferChecked() {
    return this._mode === 'transfer';
  }

  get rowCount() {
    return this.listing ? this.listing.length : 0;
  }

  get noMatches() {
    return this.listing !== null && this.listing.noMatches;
  }

  /** The telephone number typed, when it can be dialled (B5; transfer: live work only). */
  get number() {
    return this.listing ? this.listing.number : null;
  }

  get status() {
    return this.noMatches ? LABEL_NO_MATCHES : '';
  }

  get activeId() {
    return this.selection.index === null ? null : `option-${this.selection.index}`;
  }

  get canChoose() {
    return this.selection.index !== null || this.number !== null;
  }

  get chooseDisabled() {
    return !this.canChoose;
  }

  get chooseLabel() {
    if (this._mode === 'transfer') return LABEL_TRANSFER;
    return this.selection.index === null && this.number !== null
      ? format(LABEL_DIAL_NUMBER, this.number)
      : LABEL_DIAL;
  }

  get scrollerStyle() {
    return `height: ${VIEWPORT_HEIGHT}px;`;
  }

  get spacerStyle() {
    return `height: ${this.rowCount * ROW_HEIGHT}px;`;
  }

  /** Only the rows in view plus the overscan, and the active row wherever it is. */
  get rows() {
    const { listing } = this;
    if (listing === null || listing.length === 0) return [];
    const from = Math.max(0, Math.floor(this.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const to = Math.min(
      listing.length,
      Math.ceil((this.scrollTop + VIEWPORT_HEIGHT) / ROW_HEIGHT) + OVERSCAN,
    );
    const rows = listing.slice(from, to).map((row, offset) => this.view(row, from + offset));
    const active = this.selection.index;
    if (active !== null && (active < from || active >= to)) {
      const row = listing.at(active);
      if (row) rows.push(this.view(row, active));
    }
    return rows;
  }

  /**
   * @param {ListingRow} row
   * @param {number} index
   */
  view(row, index) {
    const { entry } = row;
    const active = index === this.selection.index;
    let meta;
    if (entry.type === 'service') {
      meta = format(LABEL_WAITING, entry.waiting);
    } else {
      const presence = PRESENCE[entry.presence] ?? '';
      const extra = row.self
        ? LABEL_YOU
        : !row.selectable
          ? LABEL_CANNOT_CONSULT
          : row.note !== null
            ? TRANSFER_NOTE[entry.presence]
            : null;
      meta = extra ? `${presence} · ${extra}` : presence;
    }
    let className =
      'slds-media slds-listbox__option slds-listbox__option_entity slds-listbox__option_has-meta row';
    if (active) className += ' slds-has-focus';
    return {
      key: row.key,
      id: `option-${index}`,
      index,
      name: entry.name,
      meta,
      selected: active ? 'true' : 'false',
      disabled: row.selectable ? null : 'true',
      nameClass: row.selectable
        ? 'slds-listbox__option-text slds-listbox__option-text_entity'
        : 'slds-listbox__option-text slds-listbox__option-text_entity slds-text-color_weak',
      className,
      style: `top: ${index * ROW_HEIGHT}px; height: ${ROW_HEIGHT}px;`,
      posinset: index + 1,
    };
  }

  // ----- selection and scrolling

  /** @param {Selection} selection */
  select(selection) {
    this.selection = selection;
    this.scrollIntoView();
  }

  /** @param {number} top */
  scrollTo(top) {
    this.scrollTop = top;
    this.pendingScroll = top;
  }

  /** Brings the active row into the viewport (keyboard moves, a unique name typed). */
  scrollIntoView() {
    const index = this.selection.index;
    if (index === null) return;
    const top = index * ROW_HEIGHT;
    if (top < this.scrollTop) this.scrollTo(top);
    else if (top + ROW_HEIGHT > this.scrollTop + VIEWPORT_HEIGHT) {
      this.scrollTo(top + ROW_HEIGHT - VIEWPORT_HEIGHT);
    }
  }

  choose() {
    /** @type {Target | null} */
    let target = null;
    if (this.selection.index !== null && this.listing) {
      const row = this.listing.at(this.selection.index);
      if (row && row.selectable) target = { type: row.entry.type, id: row.entry.id };
    } else if (this.number !== null) {
      target = { type: 'number', number: this.number };
    }
    if (target === null) return;
    this.dispatchEvent(new CustomEvent('choose', { detail: { mode: this._mode, target } }));
  }

  close() {
    this.dispatchEvent(new CustomEvent('close', { detail: null }));
  }

  // ----- handlers

  /** @param {Event & { target: HTMLInputElement }} event */
  handleInput(event) {
    const query = event.target.value ?? '';
    if (query === this.query) return;
    this.query = query;
    this.relist(true);
  }

  /** @param {KeyboardEvent} event */
  handleSearchKeydown(event) {
    const { listing } = this;
    switch (event.key) {
      case 'ArrowDown':
      case 'Down':
        event.preventDefault();
        if (listing) this.select(selectNext(listing, this.selection));
        break;
      case 'ArrowUp':
      case 'Up':
        event.preventDefault();
        if (listing) this.select(selectPrevious(listing, this.selection));
        break;
      case 'Home':
        if (!listing || listing.length === 0) return;
        event.preventDefault();
        this.select(selectFirst(listing));
        break;
      case 'End':
        if (!listing || listing.length === 0) return;
        event.preventDefault();
        this.select(selectLast(listing));
        break;
      case 'Enter':
        event.preventDefault();
        this.choose();
        break;
      default:
    }
  }

  /** Escape closes from anywhere in the dialog; Tab stays inside it (aria-modal). */
  /** @param {KeyboardEvent} event */
  handleDialogKeydown(event) {
    if (event.key === 'Escape' || event.key === 'Esc') {
      event.preventDefault();
      event.stopPropagation();
      this.close();
      return;
    }
    if (event.key !== 'Tab') return;
    // A shadow DOM component: its template is never null.
    const template = /** @type {ShadowRoot} */ (this.template);
    /** @type {NodeListOf<HTMLElement>} */
    const found = template.querySelectorAll(
      'input:not([type="radio"]), input[type="radio"]:checked, button:not([disabled])',
    );
    const focusable = [...found];
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const current = template.activeElement;
    if (event.shiftKey && current === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && current === last) {
      event.preventDefault();
      first?.focus();
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

  /** B5/B6: a click selects the name (Dial, Transfer or Return then connects). */
  /** @param {MouseEvent & { currentTarget: HTMLElement }} event */
  handleOptionClick(event) {
    if (!this.listing) return;
    const index = Number(event.currentTarget.dataset.index);
    this.selection = selectIndex(this.listing, this.selection, index);
    const refs = /** @type {DirectoryRefs} */ (this.refs);
    if (refs.search) refs.search.focus();
  }

  /** A double click chooses at once. */
  /** @param {MouseEvent & { currentTarget: HTMLElement }} event */
  handleOptionDblclick(event) {
    this.handleOptionClick(event);
    const index = Number(event.currentTarget.dataset.index);
    if (this.selection.index === index) this.choose();
  }

  /** @param {Event & { target: HTMLInputElement }} event */
  handleModeChange(event) {
    const mode = event.target.value;
    if (!isMode(mode) || mode === this._mode) return;
    this._mode = mode;
    this.relist(false);
    this.dispatchEvent(new CustomEvent('modechange', { detail: { mode } }));
  }

  handleChoose() {
    this.choose();
  }

  handleClose() {
    this.close();
  }
}
