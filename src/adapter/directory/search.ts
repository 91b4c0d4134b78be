/**
 * B5/B6 search: every entry whose folded name holds the folded query, ranked whole name, prefix of
 * the name, prefix of a later word, anywhere else, and alphabetical within a rank.
 *
 * Ranks 0 and 1 are one slice of the alphabetical order (binary search). Ranks 2 and 3 come from
 * a pass over the candidates in order: every position, or, when the query extends the previous
 * one, only the previous matches. Queries of one or two characters are answered from the gram
 * bitsets alone; longer ones use the bitsets of their two-character pieces to skip most names
 * before `indexOf` confirms.
 */
import type { GramIndex } from './gramIndex';
import { prefixRange } from './order';
import type { DirectoryView, RankedPositions } from './searchResult';
import { SearchResult } from './searchResult';

/** Per slot: whether it holds a service, so a listing without services can skip it. */
export const SERVICE_KIND = 2;

/** Everything a search reads, plus reusable buffers owned by the directory. */
export interface SearchIndex extends DirectoryView {
  readonly kinds: Uint8Array;
  readonly grams: GramIndex;
  /** At least as long as the order; overwritten by every search. */
  readonly scratch: {
    readonly candidates: Int32Array;
    readonly two: Int32Array;
    readonly three: Int32Array;
  };
}

/** Gram bitsets prepared for one query, or null when no name can hold it past its prefix. */
interface Filters {
  readonly anywhere: readonly Uint32Array[];
  readonly wordStart: Uint32Array | undefined;
  /** Whether the bitsets answer exactly (query of one or two characters). */
  readonly exact: boolean;
}

/** Running counts of the rank 2 and rank 3 positions written to the scratch buffers. */
interface Tally {
  two: number;
  three: number;
}

/** Searches the directory for a folded query, narrowing from a previous result where it can. */
export function searchDirectory(
  index: SearchIndex,
  query: string,
  services: boolean,
  previous: SearchResult | null,
): SearchResult {
  const { order } = index;
  const { from, to } = prefixRange(index.folded, order, query);
  const [whole, prefix] = prefixRanks(index, query, services, from, to);
  const tally: Tally = { two: 0, three: 0 };
  const filters = query === '' ? null : filtersFor(index.grams, query);
  if (filters !== null) {
    const classify = filters.exact ? classifyExact : classifyVerify;
    if (previous !== null && narrowsFrom(previous, order, query, services)) {
      const count = previousMatches(index, previous, from, to);
      classify(index, query, filters, services, index.scratch.candidates, 0, count, tally);
    } else {
      classify(index, query, filters, services, null, 0, from, tally);
      classify(index, query, filters, services, null, to, order.length, tally);
    }
  }
  const ranks: RankedPositions = [
    whole,
    prefix,
    index.scratch.two.slice(0, tally.two),
    index.scratch.three.slice(0, tally.three),
  ];
  return new SearchResult(query, services, index, ranks);
}

/** Ranks 0 and 1: the prefix slice [from, to), whose whole-name matches sort first. */
function prefixRanks(
  index: SearchIndex,
  query: string,
  services: boolean,
  from: number,
  to: number,
): [Int32Array, Int32Array] {
  const { order, folded, kinds } = index;
  let position = from;
  const whole: number[] = [];
  for (; query !== '' && position < to && folded[order[position] as number] === query; position++) {
    if (services || kinds[order[position] as number] !== SERVICE_KIND) whole.push(position);
  }
  const prefix = new Int32Array(to - position);
  let count = 0;
  for (; position < to; position++) {
    if (services || kinds[order[position] as number] !== SERVICE_KIND) prefix[count++] = position;
  }
  return [Int32Array.from(whole), prefix.subarray(0, count)];
}

/** Whether every match of `query` is among the previous result's matches. */
function narrowsFrom(
  previous: SearchResult,
  order: Int32Array,
  query: string,
  services: boolean,
): boolean {
  return (
    previous.complete &&
    previous.view.order === order &&
    previous.services === services &&
    previous.query !== '' &&
    query.startsWith(previous.query)
  );
}

function filtersFor(grams: GramIndex, query: string): Filters | null {
  if (query.length <= 2) {
    const anywhere = grams.anywhereBits(query);
    if (anywhere === undefined) return null;
    return { anywhere: [anywhere], wordStart: grams.wordStartBits(query), exact: true };
  }
  // A handful of pieces spread over the query filters as well as all of them, for less work.
  const pieces = new Set<string>();
  const last = query.length - 2;
  for (const at of [0, last, last >>> 1, (last * 3) >>> 2]) pieces.add(query.slice(at, at + 2));
  const anywhere: Uint32Array[] = [];
  for (const piece of pieces) {
    const bits = grams.anywhereBits(piece);
    if (bits === undefined) return null;
    anywhere.push(bits);
  }
  return { anywhere, wordStart: grams.wordStartBits(query.slice(0, 2)), exact: false };
}

/**
 * Ranks 2 and 3 of a one- or two-character query from the bitsets alone, for candidates[start..end)
 * (or positions start..end when there is no candidate list). Branch-free: both buffers are
 * written and only the right count moves, which is what makes the first keystroke cheap.
 */
function classifyExact(
  index: SearchIndex,
  _query: string,
  filters: Filters,
  services: boolean,
  candidates: Int32Array | null,
  start: number,
  end: number,
  tally: Tally,
): void {
  const { order, kinds, scratch } = index;
  const { two, three } = scratch;
  const anywhere = filters.anywhere[0] as Uint32Array;
  const wordStart = filters.wordStart ?? anywhere.subarray(0, 0);
  const listed = services ? 1 : 0;
  let twos = tally.two;
  let threes = tally.three;
  for (let i = start; i < end; i++) {
    const position = candidates === null ? i : (candidates[i] as number);
    const slot = order[position] as number;
    const word = slot >>> 5;
    const shift = slot & 31;
    // Agents are kind 1, services kind 2: the low bit says "always listed".
    const found = ((anywhere[word] as number) >>> shift) & 1 & (listed | (kinds[slot] as number));
    const atWordStart = (((wordStart[word] ?? 0) as number) >>> shift) & found;
    two[twos] = position;
    three[threes] = position;
    twos += atWordStart;
    threes += found ^ atWordStart;
  }
  tally.two = twos;
  tally.three = threes;
}

/** Ranks 2 and 3 of a longer query: the bitsets of its pieces skip names, `indexOf` confirms. */
function classifyVerify(
  index: SearchIndex,
  query: string,
  filters: Filters,
  services: boolean,
  candidates: Int32Array | null,
  start: number,
  end: number,
  tally: Tally,
): void {
  const { order, folded, kinds, scratch } = index;
  const { wordStart } = filters;
  const spaced = ` ${query}`;
  candidate: for (let i = start; i < end; i++) {
    const position = candidates === null ? i : (candidates[i] as number);
    const slot = order[position] as number;
    if (!services && kinds[slot] === SERVICE_KIND) continue;
    const word = slot >>> 5;
    const bit = 1 << (slot & 31);
    for (let f = 0; f < filters.anywhere.length; f++) {
      if ((((filters.anywhere[f] as Uint32Array)[word] as number) & bit) === 0) continue candidate;
    }
    const name = folded[slot] as string;
    const at = name.indexOf(query);
    if (at < 0) continue;
    const atWordStart = wordStart !== undefined && ((wordStart[word] as number) & bit) !== 0;
    if (atWordStart && (name.charCodeAt(at - 1) === 32 || name.includes(spaced, at))) {
      scratch.two[tally.two++] = position;
    } else {
      scratch.three[tally.three++] = position;
    }
  }
}

/** The previous result's matches outside [from, to), in order: a merge of three sorted lists. */
function previousMatches(
  index: SearchIndex,
  previous: SearchResult,
  from: number,
  to: number,
): number {
  const candidates = index.scratch.candidates;
  // Rank 0 of the previous query is its whole name, too short to hold the longer query.
  const [, one, two, three] = previous.ranks;
  let count = 0;
  let i = 0;
  let j = 0;
  let k = 0;
  for (;;) {
    const a = i < one.length ? (one[i] as number) : Infinity;
    const b = j < two.length ? (two[j] as number) : Infinity;
    const c = k < three.length ? (three[k] as number) : Infinity;
    const next = Math.min(a, b, c);
    if (next === Infinity) return count;
    if (next === a) i++;
    else if (next === b) j++;
    else k++;
    if (next < from || next >= to) candidates[count++] = next;
  }
}
