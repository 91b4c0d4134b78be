/**
 * The alphabetical order of the directory: slots sorted by folded name, then id, then type
 * (plain code-unit comparison, the same in every locale). Changes merge into the order in linear
 * time instead of sorting everything again.
 */
import type { DirectoryEntry } from '../../protocol';

/** What the order is read from: per slot, the folded name and the entry. */
export interface OrderKeys {
  readonly folded: readonly string[];
  readonly entries: readonly (DirectoryEntry | undefined)[];
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative, zero or positive as slot a sorts before, with or after slot b. */
export function compareSlots(keys: OrderKeys, a: number, b: number): number {
  const byName = compareText(keys.folded[a] ?? '', keys.folded[b] ?? '');
  if (byName !== 0) return byName;
  const entryA = keys.entries[a];
  const entryB = keys.entries[b];
  return (
    compareText(entryA?.id ?? '', entryB?.id ?? '') ||
    compareText(entryA?.type ?? '', entryB?.type ?? '')
  );
}

/** A new order without the stale slots and with the fresh ones in place. */
export function mergeOrder(
  keys: OrderKeys,
  order: Int32Array,
  stale: ReadonlySet<number>,
  fresh: ReadonlySet<number>,
): Int32Array {
  const kept = stale.size === 0 ? order : order.filter((slot) => !stale.has(slot));
  const added = Int32Array.from(fresh).sort((a, b) => compareSlots(keys, a, b));
  const merged = new Int32Array(kept.length + added.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < kept.length && j < added.length) {
    const a = kept[i] as number;
    const b = added[j] as number;
    if (compareSlots(keys, a, b) <= 0) {
      merged[k++] = a;
      i++;
    } else {
      merged[k++] = b;
      j++;
    }
  }
  while (i < kept.length) merged[k++] = kept[i++] as number;
  while (j < added.length) merged[k++] = added[j++] as number;
  return merged;
}

/** The positions [from, to) of the names that start with a folded prefix. */
export function prefixRange(
  folded: readonly string[],
  order: Int32Array,
  prefix: string,
): { readonly from: number; readonly to: number } {
  const from = firstPosition(order, 0, (slot) => (folded[slot] ?? '') >= prefix);
  const to = firstPosition(order, from, (slot) => !(folded[slot] ?? '').startsWith(prefix));
  return { from, to };
}

/** The position of a slot in the order, or -1. */
export function positionOf(keys: OrderKeys, order: Int32Array, slot: number): number {
  const at = firstPosition(order, 0, (other) => compareSlots(keys, other, slot) >= 0);
  return order[at] === slot ? at : -1;
}

/** Binary search: the first position from `start` whose slot passes a monotone test. */
function firstPosition(
  order: Int32Array,
  start: number,
  passes: (slot: number) => boolean,
): number {
  let low = start;
  let high = order.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (passes(order[middle] as number)) high = middle;
    else low = middle + 1;
  }
  return low;
}
