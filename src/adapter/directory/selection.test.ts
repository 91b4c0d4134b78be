import type { SelectableList, Selection } from './selection';
import {
  NO_SELECTION,
  reconcileSelection,
  selectFirst,
  selectIndex,
  selectLast,
  selectNext,
  selectPrevious,
} from './selection';

/** A list of keys; "-" marks a row that cannot be chosen. */
function list(rows: string[], autoSelected: number | null = null): SelectableList {
  const keys = rows.map((row) => row.replace(/^-/, ''));
  return {
    length: rows.length,
    isSelectable: (index) => rows[index] !== undefined && !rows[index].startsWith('-'),
    keyAt: (index) => keys[index] ?? null,
    indexOfKey: (key) => keys.indexOf(key),
    autoSelected,
  };
}

const at = (index: number, key: string): Selection => ({ index, key });

describe('directory selection', () => {
  const rows = list(['-a', 'b', '-c', '-d', 'e', 'f', '-g']);

  it('moves to the next and previous selectable rows, skipping the others', () => {
    expect(selectNext(rows, NO_SELECTION)).toEqual(at(1, 'b'));
    expect(selectNext(rows, at(1, 'b'))).toEqual(at(4, 'e'));
    expect(selectPrevious(rows, at(4, 'e'))).toEqual(at(1, 'b'));
  });

  it('stays at the ends instead of wrapping around', () => {
    expect(selectNext(rows, at(5, 'f'))).toEqual(at(5, 'f'));
    expect(selectPrevious(rows, at(1, 'b'))).toEqual(at(1, 'b'));
  });

  it('goes to the first and last selectable rows, or nothing', () => {
    expect(selectFirst(rows)).toEqual(at(1, 'b'));
    expect(selectLast(rows)).toEqual(at(5, 'f'));
    expect(selectPrevious(rows, NO_SELECTION)).toEqual(at(5, 'f'));
    expect(selectFirst(list(['-x', '-y']))).toEqual(NO_SELECTION);
    expect(selectNext(list([]), NO_SELECTION)).toEqual(NO_SELECTION);
  });

  it('selects a clicked row only if it can be chosen', () => {
    expect(selectIndex(rows, at(1, 'b'), 4)).toEqual(at(4, 'e'));
    expect(selectIndex(rows, at(1, 'b'), 2)).toEqual(at(1, 'b'));
    expect(selectIndex(rows, at(1, 'b'), 99)).toEqual(at(1, 'b'));
  });

  it('keeps the same entry when the list changes, else selects nothing', () => {
    const changed = list(['-x', 'y', 'e', 'b']);
    expect(reconcileSelection(changed, at(4, 'e'))).toEqual(at(2, 'e'));
    expect(reconcileSelection(changed, at(5, 'f'))).toEqual(NO_SELECTION);
    expect(reconcileSelection(list(['-e', 'z']), at(4, 'e'))).toEqual(NO_SELECTION);
    expect(reconcileSelection(changed, NO_SELECTION)).toEqual(NO_SELECTION);
  });

  it('prefers the unique whole name typed', () => {
    expect(reconcileSelection(list(['k', 'e', 'b'], 0), at(1, 'e'))).toEqual(at(0, 'k'));
  });
});
