// @ts-check
/**
 * The state of the user search combobox (plain, no template): the users a search found, the
 * highlighted one (moved by the arrow keys, Home and End through the core's selection rules, users
 * who cannot be agents skipped), and the answers of searches that arrive out of order ignored.
 */
import {
  NO_SELECTION,
  selectFirst,
  selectIndex,
  selectLast,
  selectNext,
  selectPrevious,
} from 'c/contactPadCore';

/** @import { Selection, SelectableList, UserOption } from 'c/contactPadCore' */

export class UserSearch {
  /** What was typed. */
  term = '';
  /** @type {readonly UserOption[]} */
  users = [];
  /** @type {Selection} */
  selection = NO_SELECTION;
  /** Whether the list of users shows (a search answered and nothing chosen since). */
  open = false;
  /** Whether the last search answered (its count may be read out). */
  answered = false;
  /** The number of the latest search; an answer of an older one is dropped. */
  latest = 0;

  /**
   * A new term typed: the list waits for its answer.
   * @param {string} term
   * @returns {number} the number of the search to run for it
   */
  typed(term) {
    this.term = term;
    this.latest += 1;
    this.answered = false;
    if (term.trim() === '') this.close();
    return this.latest;
  }

  /**
   * The answer of search `number`; false when it was dropped (a newer one was asked).
   * @param {number} number
   * @param {readonly UserOption[]} users
   * @returns {boolean}
   */
  received(number, users) {
    if (number !== this.latest || this.term.trim() === '') return false;
    this.users = users;
    this.selection = NO_SELECTION;
    this.open = true;
    this.answered = true;
    return true;
  }

  /** @returns {SelectableList} */
  list() {
    const users = this.users;
    return {
      length: users.length,
      isSelectable: (index) => users[index]?.agentIdValid === true,
      keyAt: (index) => users[index]?.userId ?? null,
      indexOfKey: (key) => users.findIndex((user) => user.userId === key),
      autoSelected: null,
    };
  }

  /**
   * A key pressed in the combobox; true when the search used it.
   * @param {string} key
   * @returns {boolean}
   */
  key(key) {
    if (!this.open) return false;
    const list = this.list();
    /** @type {Record<string, () => Selection>} */
    const moves = {
      ArrowDown: () => selectNext(list, this.selection),
      ArrowUp: () => selectPrevious(list, this.selection),
      Home: () => selectFirst(list),
      End: () => selectLast(list),
    };
    const move = moves[key];
    if (move === undefined) return false;
    this.selection = move();
    return true;
  }

  /**
   * A click on the user at `index`: highlighted when they can be an agent.
   * @param {number} index
   */
  pick(index) {
    this.selection = selectIndex(this.list(), this.selection, index);
  }

  /** @returns {UserOption | null} the highlighted user */
  highlighted() {
    const index = this.selection.index;
    return index === null ? null : (this.users[index] ?? null);
  }

  /** Closes the list (Escape, or a user chosen). */
  close() {
    this.open = false;
    this.users = [];
    this.selection = NO_SELECTION;
  }
}
