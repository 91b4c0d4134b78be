/**
 * The result of one directory search, cheap for a list that renders only its visible rows: entries
 * are looked up by index on demand from four sorted arrays of positions (one per rank), never
 * copied out all at once. A result is a snapshot: later directory changes do not alter it.
 */
import type { DirectoryEntry } from '../../protocol';
import { entryKey } from './entryKey';
import { positionOf } from './order';
import type { Rank } from './rank';
import { rankOf } from './rank';

/** The directory as a result sees it: the order and, per slot, the folded name and the entry. */
export interface DirectoryView {
  readonly order: Int32Array;
  readonly folded: readonly string[];
  readonly entries: readonly (DirectoryEntry | undefined)[];
  /** The directory's current slot for a key; checked against `entries` before it is trusted. */
  slotOf(key: string): number | undefined;
}

/** Positions in the order, per rank, each sorted (so alphabetical within the rank). */
export type RankedPositions = readonly [Int32Array, Int32Array, Int32Array, Int32Array];

export class SearchResult {
  readonly length: number;

  constructor(
    /** The folded query. */
    readonly query: string,
    /** Whether services were listed. */
    readonly services: boolean,
    readonly view: DirectoryView,
    readonly ranks: RankedPositions,
    /** False for a stand-in result (e.g. a telephone number was typed): nothing to narrow from. */
    readonly complete = true,
  ) {
    this.length = ranks[0].length + ranks[1].length + ranks[2].length + ranks[3].length;
  }

  /** The entry at an index of the result, or undefined past the end. */
  at(index: number): DirectoryEntry | undefined {
    const position = this.positionAt(index);
    return position < 0 ? undefined : this.view.entries[this.view.order[position] as number];
  }

  /** The entries from index `from` up to, not including, `to`. */
  slice(from: number, to: number = this.length): DirectoryEntry[] {
    const rows: DirectoryEntry[] = [];
    for (let index = Math.max(0, from); index < Math.min(to, this.length); index++) {
      const entry = this.at(index);
      if (entry !== undefined) rows.push(entry);
    }
    return rows;
  }

  /** The rank of the entry at an index, or null past the end. */
  rankAt(index: number): Rank | null {
    let rest = index;
    for (let rank = 0; rank < 4; rank++) {
      const positions = this.ranks[rank as Rank];
      if (rest < positions.length) return rank as Rank;
      rest -= positions.length;
    }
    return null;
  }

  /** B5: the index of the one entry whose whole name was typed, or null if none or several. */
  get autoSelected(): number | null {
    return this.ranks[0].length === 1 ? 0 : null;
  }

  /** The index of the entry with this key (see entryKey), or -1. */
  indexOfKey(key: string): number {
    const { view } = this;
    const slot = view.slotOf(key);
    const entry = slot === undefined ? undefined : view.entries[slot];
    // The directory moved on since this result: look the slow way.
    if (slot === undefined || entry === undefined || entryKey(entry) !== key) {
      return this.scanForKey(key);
    }
    const position = positionOf(view, view.order, slot);
    const rank = position < 0 ? null : rankOf(view.folded[slot] ?? '', this.query);
    if (rank === null) return -1;
    const positions = this.ranks[rank];
    const at = lowerBound(positions, position);
    if (positions[at] !== position) return -1;
    let offset = at;
    for (let before = 0; before < rank; before++) offset += this.ranks[before as Rank].length;
    return offset;
  }

  private positionAt(index: number): number {
    if (!Number.isInteger(index) || index < 0) return -1;
    let rest = index;
    for (const positions of this.ranks) {
      if (rest < positions.length) return positions[rest] as number;
      rest -= positions.length;
    }
    return -1;
  }

  private scanForKey(key: string): number {
    for (let index = 0; index < this.length; index++) {
      const entry = this.at(index);
      if (entry !== undefined && entryKey(entry) === key) return index;
    }
    return -1;
  }
}

function lowerBound(sorted: Int32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
