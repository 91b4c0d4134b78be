// @ts-check
/**
 * The directory dialog's state as a plain model (B5, B6): the query, the listing of the mode, the
 * highlighted row (arrow keys, the mouse) and the selected one (Return or a click), and what Return
 * or Dial connects. What is listed and what can be chosen come from the core's listing.
 */
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

/**
 * @import { Directory, Kind, Listing, ListingMode, ListingRow, Selection, Settings, Target } from 'c/contactPadCore'
 */

/**
 * The account's features (settings.features).
 * @typedef {Settings['features']} Features
 */

/** The keys that move the highlight. @typedef {'next' | 'previous' | 'first' | 'last'} Move */

/**
 * Before the settings come: transfer to a service off (the one feature the listing reads).
 * @type {Readonly<Partial<Features>>}
 */
export const NO_FEATURES = Object.freeze({ transferToService: false });

/**
 * Whether `value` is a listing mode.
 * @param {unknown} value
 * @returns {value is ListingMode}
 */
export function isMode(value) {
  return value === 'consult' || value === 'transfer';
}

export class DirectoryModel {
  /** @type {Directory | null} */
  directory = null;
  /** @type {ListingMode} */
  mode = 'consult';
  /**
   * The interaction's kind: in a transfer, numbers only for live work (B6).
   * @type {Kind | null}
   */
  kind = null;
  /** @type {Readonly<Partial<Features>>} */
  features = NO_FEATURES;
  /**
   * The signed-in agent: listed, never a target of their own consult or transfer.
   * @type {string | null}
   */
  self = null;
  query = '';
  /** @type {Listing | null} */
  listing = null;
  /**
   * The highlighted row (arrow keys, the mouse): the combobox's active descendant.
   * @type {Selection}
   */
  active = NO_SELECTION;
  /**
   * The selected row (Return or a click, or a unique whole name typed): what Return or Dial
   * (Transfer) connects.
   * @type {Selection}
   */
  chosen = NO_SELECTION;

  /**
   * Lists the directory for the query again; `narrow` searches within the previous result.
   * @param {boolean} narrow
   */
  relist(narrow) {
    if (this.directory === null) {
      this.listing = null;
      this.active = NO_SELECTION;
      this.chosen = NO_SELECTION;
      return;
    }
    // No interaction (dialling from the panel): no live work to hand over.
    // targetsFor reads transferToService only, which NO_FEATURES sets.
    const features = /** @type {Features} */ (this.features);
    const targets = targetsFor(this.mode, this.kind ?? 'non-live', features);
    const options = {
      mode: this.mode,
      services: targets.services,
      numbers: targets.numbers,
      self: this.self,
    };
    const previous = narrow ? this.listing : null;
    this.listing = listDirectory(this.directory, this.query, options, previous);
    this.chosen = reconcileSelection(this.listing, this.chosen);
    this.active = reconcileSelection(this.listing, this.active);
  }

  /**
   * The query typed; false when it did not change.
   * @param {string} query
   * @returns {boolean}
   */
  setQuery(query) {
    if (query === this.query) return false;
    this.query = query;
    this.relist(true);
    return true;
  }

  /**
   * Moves the highlight; false when there is no list to move in.
   * @param {Move} move
   * @returns {boolean}
   */
  move(move) {
    const { listing } = this;
    if (listing === null || listing.length === 0) return false;
    if (move === 'next') this.active = selectNext(listing, this.active);
    else if (move === 'previous') this.active = selectPrevious(listing, this.active);
    else if (move === 'first') this.active = selectFirst(listing);
    else this.active = selectLast(listing);
    return true;
  }

  /**
   * A click on a row: highlights and selects it when it can be chosen.
   * @param {number} index
   */
  click(index) {
    if (this.listing === null) return;
    this.active = selectIndex(this.listing, this.active, index);
    if (this.active.index === index) this.chosen = this.active;
  }

  /**
   * Return (B5, B6): on a highlighted row not yet selected, selects it and connects nothing; else
   * the target to connect (the selected row, or the telephone number typed), or null.
   * @returns {Target | null}
   */
  enter() {
    if (this.active.index !== null && this.active.key !== this.chosen.key) {
      this.chosen = this.active;
      return null;
    }
    return this.target();
  }

  /**
   * What Dial (Transfer) connects: the selected row, else the number typed, else null.
   * @returns {Target | null}
   */
  target() {
    const row = this.chosenRow;
    if (row !== null) return { type: row.entry.type, id: row.entry.id };
    const { number } = this;
    return number === null ? null : { type: 'number', number };
  }

  /** @returns {ListingRow | null} the selected row */
  get chosenRow() {
    if (this.chosen.index === null || this.listing === null) return null;
    const row = this.listing.at(this.chosen.index);
    return row && row.selectable ? row : null;
  }

  /** The telephone number typed, when it can be dialled (B5; transfer: live work only). */
  get number() {
    return this.listing ? this.listing.number : null;
  }

  get length() {
    return this.listing ? this.listing.length : 0;
  }

  get noMatches() {
    return this.listing !== null && this.listing.noMatches;
  }
}
