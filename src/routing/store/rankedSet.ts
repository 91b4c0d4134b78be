/**
 * An ordered set of string members, each with a rank (compared element by element, lowest first):
 * add, remove, first and size in O(log n) or better. Service queues and the eligible-agent indexes
 * are ranked sets, so a routing decision never scans agents or interactions.
 */
import {
  IN_LIST as LIST_MARK,
  ListHeap,
  popFrontier as pop,
  pushFrontier as push,
} from './listHeap';
import type { ListHeapNode } from './listHeap';

// Read once: the service runs as CommonJS, where each read of an imported binding is a call, and
// routing walks queues and makes sets many times per decision.
const IN_LIST = LIST_MARK;
const popFrontier = pop;
const pushFrontier = push;

export type Rank = readonly number[];

function compare(a: Rank, b: Rank): number {
  // Most ranks differ in their first element: decide that without the loop.
  if (a.length > 0 && b.length > 0 && a[0] !== b[0]) return (a[0] as number) - (b[0] as number);
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** A member's entry; `at` is REMOVED while it is kept for the member's return. */
interface Entry extends ListHeapNode<Entry> {
  readonly member: string;
  /** The set's own copy of the rank, changed in place when the member moves. */
  rank: number[];
  /** The rank's first element (most comparisons need no more). */
  head: number;
}

const REMOVED = -2;

/** Removed entries kept at most (beyond as many as there are members) before they are let go. */
const KEPT_REMOVED = 64;

/** Entries by rank; most differ in the first element, read without going to the rank. */
function before(a: Entry, b: Entry): number {
  return a.head !== b.head ? a.head - b.head : compare(a.rank, b.rank);
}

/** Whether `a` ranks strictly before `b` (a plain function: a walk makes no closure). */
function earlier(a: Entry, b: Entry): boolean {
  return before(a, b) < 0;
}

/** The first element of a rank; an empty rank comes before every other, as `compare` has it. */
function headOf(rank: Rank): number {
  return rank.length > 0 ? (rank[0] as number) : -Infinity;
}

/**
 * Members in a ListHeap (listHeap.ts): a list in rank order, and a binary min-heap for those whose
 * rank did not go at the list's end. Entries are found by member through a map.
 *
 * The set keeps its own copy of each rank and changes it in place when a member moves (a move
 * makes no garbage that outlives the call): `rankOf` answers a copy, `walk` the set's own (read
 * it, do not keep it). A removed member's entry stays a while, marked removed: an agent leaves an
 * eligible index and comes back many times, and its return then makes nothing new. Removed
 * entries are let go once they outnumber the members (and KEPT_REMOVED), so a set of members that
 * never return (a queue) holds at most about twice its size.
 */
export class RankedSet {
  private readonly nodes = new ListHeap<Entry>(earlier);
  private entries = new Map<string, Entry>();
  private removed = 0;

  get size(): number {
    return this.nodes.size;
  }

  has(member: string): boolean {
    const entry = this.entries.get(member);
    return entry !== undefined && entry.at !== REMOVED;
  }

  /** Adds the member, or moves it to its new rank; true when it was not a member. */
  add(member: string, rank: Rank): boolean {
    const entry = this.entries.get(member);
    if (entry === undefined) {
      const added: Entry = {
        member,
        rank: [...rank],
        head: headOf(rank),
        at: REMOVED,
        prev: null,
        next: null,
      };
      this.entries.set(member, added);
      this.nodes.put(added);
      return true;
    }
    if (entry.at === REMOVED) {
      this.removed--;
      this.write(entry, rank);
      this.nodes.put(entry);
      return true;
    }
    const moved = compare(rank, entry.rank);
    if (moved === 0) return false;
    // The last of the list moving later stays the last.
    if (moved > 0 && entry === this.nodes.last) {
      this.write(entry, rank);
      return false;
    }
    this.nodes.detach(entry);
    this.write(entry, rank);
    this.nodes.put(entry);
    return false;
  }

  remove(member: string): boolean {
    const entry = this.entries.get(member);
    if (entry === undefined || entry.at === REMOVED) return false;
    this.nodes.detach(entry);
    entry.at = REMOVED;
    this.removed++;
    if (this.removed > KEPT_REMOVED && this.removed > this.size) this.letGoRemoved();
    return true;
  }

  first(): string | undefined {
    return this.nodes.top()?.member;
  }

  /** A copy of the member's rank (the set changes its own when the member moves). */
  rankOf(member: string): Rank | undefined {
    const entry = this.entries.get(member);
    return entry === undefined || entry.at === REMOVED ? undefined : [...entry.rank];
  }

  /**
   * Members with their ranks in rank order, lazily: reading the first k costs O(k log k) whatever
   * the size (a best-first walk of the list and the heap). The set must not change while walked.
   */
  *walk(): Generator<readonly [string, Rank]> {
    const heap = this.nodes.heap;
    // A small heap of the entries to yield next: one list entry at most, and heap entries.
    const frontier: Entry[] = [];
    if (heap[0] !== undefined) pushFrontier(frontier, heap[0], earlier);
    if (this.nodes.first !== null) pushFrontier(frontier, this.nodes.first, earlier);
    while (frontier.length > 0) {
      const entry = popFrontier(frontier, earlier);
      yield [entry.member, entry.rank];
      if (entry.at === IN_LIST) {
        if (entry.next !== null) pushFrontier(frontier, entry.next, earlier);
      } else {
        const left = 2 * entry.at + 1;
        if (left < heap.length) pushFrontier(frontier, heap[left] as Entry, earlier);
        if (left + 1 < heap.length) pushFrontier(frontier, heap[left + 1] as Entry, earlier);
      }
    }
  }

  /** Members in rank order (copies and sorts: for listings, not for routing decisions). */
  ordered(limit = Infinity): string[] {
    const all: Entry[] = [];
    for (let entry = this.nodes.first; entry !== null; entry = entry.next) all.push(entry);
    return all
      .concat(this.nodes.heap)
      .sort(before)
      .slice(0, limit)
      .map((entry) => entry.member);
  }

  /** Writes `rank` into the entry's own copy. */
  private write(entry: Entry, rank: Rank): void {
    if (rank.length === entry.rank.length) {
      for (let i = 0; i < rank.length; i++) entry.rank[i] = rank[i] as number;
    } else entry.rank = [...rank];
    entry.head = headOf(rank);
  }

  private letGoRemoved(): void {
    const kept = new Map<string, Entry>();
    for (let entry = this.nodes.first; entry !== null; entry = entry.next)
      kept.set(entry.member, entry);
    for (const entry of this.nodes.heap) kept.set(entry.member, entry);
    this.entries = kept;
    this.removed = 0;
  }
}

export { compare as compareRanks };
