/**
 * B5/B6: the keyboard and mouse selection of the directory listbox, as pure functions from a list
 * and a selection to the next selection. Rows that cannot be chosen are skipped; there is no
 * wrap-around; the selection follows its entry (by key) when the list changes.
 */

/** What the selection needs from a list. */
export interface SelectableList {
  readonly length: number;
  isSelectable(index: number): boolean;
  keyAt(index: number): string | null;
  indexOfKey(key: string): number;
  /** The row to select by itself (a unique whole name was typed), or null. */
  readonly autoSelected: number | null;
}

/** The selected row's index and its entry's key, both null when nothing is selected. */
export interface Selection {
  readonly index: number | null;
  readonly key: string | null;
}

export const NO_SELECTION: Selection = Object.freeze({ index: null, key: null });

function selectionAt(list: SelectableList, index: number): Selection {
  return { index, key: list.keyAt(index) };
}

/** The first selectable index from `start` stepping by `step`, or null. */
function findSelectable(list: SelectableList, start: number, step: 1 | -1): number | null {
  for (let index = start; index >= 0 && index < list.length; index += step) {
    if (list.isSelectable(index)) return index;
  }
  return null;
}

/** Arrow Down: the next selectable row; stays put at the end. */
export function selectNext(list: SelectableList, selection: Selection): Selection {
  if (selection.index === null) return selectFirst(list);
  const index = findSelectable(list, selection.index + 1, 1);
  return index === null ? selection : selectionAt(list, index);
}

/** Arrow Up: the previous selectable row; stays put at the start; from nothing, the last. */
export function selectPrevious(list: SelectableList, selection: Selection): Selection {
  if (selection.index === null) return selectLast(list);
  const index = findSelectable(list, selection.index - 1, -1);
  return index === null ? selection : selectionAt(list, index);
}

/** Home: the first selectable row, or nothing. */
export function selectFirst(list: SelectableList): Selection {
  const index = findSelectable(list, 0, 1);
  return index === null ? NO_SELECTION : selectionAt(list, index);
}

/** End: the last selectable row, or nothing. */
export function selectLast(list: SelectableList): Selection {
  const index = findSelectable(list, list.length - 1, -1);
  return index === null ? NO_SELECTION : selectionAt(list, index);
}

/** A click: that row if it can be chosen, else the selection unchanged. */
export function selectIndex(list: SelectableList, selection: Selection, index: number): Selection {
  return Number.isInteger(index) && index >= 0 && index < list.length && list.isSelectable(index)
    ? selectionAt(list, index)
    : selection;
}

/**
 * After the list changed (a keystroke, a directory change): a unique whole name typed (B5), else the
 * same entry if it is still listed and selectable, else nothing: the agent chooses, not the list.
 */
export function reconcileSelection(list: SelectableList, previous: Selection): Selection {
  if (list.autoSelected !== null) return selectionAt(list, list.autoSelected);
  if (previous.key !== null) {
    const index = list.indexOfKey(previous.key);
    if (index >= 0 && list.isSelectable(index)) return selectionAt(list, index);
  }
  return NO_SELECTION;
}
