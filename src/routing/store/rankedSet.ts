/**
 * An ordered set of string members, each with a rank (compared element by element, lowest first):
 * add, remove, first and size in O(log n) or better. Service queues and the eligible-agent indexes
 * are ranked sets, so a routing decision never scans agents or interactions.
 */
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

interface Entry {
  readonly member: string;
  /** The set's own copy of the rank, changed in place when the member moves. */
  rank: number[];
  /** The rank's first element (most comparisons need no more). */
  head: number;
  /** Its position in the heap; -1 once removed (kept for the member's return, see `RankedSet`). */
  at: number;
}

/** Removed entries kept at most (beyond as many as there are members) before they are let go. */
const KEPT_REMOVED = 64;

/** Entries by rank; most differ in the first element, read without going to the rank. */
function before(a: Entry, b: Entry): number {
  return a.head !== b.head ? a.head - b.head : compare(a.rank, b.rank);
}

/** The first element of a rank; an empty rank comes before every other, as `compare` has it. */
function headOf(rank: Rank): number {
  return rank.length > 0 ? (rank[0] as number) : -Infinity;
}

/**
 * A binary min-heap whose entries know their position, found by member through a map. It keeps its
 * own copy of each rank and changes it in place when a member moves (a move makes no garbage that
 * outlives the call): `rankOf` answers a copy, `walk` the set's own (read it, do not keep it).
 * A removed member's entry stays a while, marked removed: an agent leaves an eligible index and
 * comes back many times, and its return then makes nothing new. Removed entries are let go once
 * they outnumber the members (and KEPT_REMOVED), so a set of members that never return (a queue)
 * holds at most about twice its size.
 */
export class RankedSet {
  private readonly heap: Entry[] = [];
  private entries = new Map<string, Entry>();
  private removed = 0;

  get size(): number {
    return this.heap.length;
  }

  has(member: string): boolean {
    const entry = this.entries.get(member);
    return entry !== undefined && entry.at >= 0;
  }

  /** Adds the member, or moves it to its new rank; true when it was not a member. */
  add(member: string, rank: Rank): boolean {
    const entry = this.entries.get(member);
    if (entry !== undefined && entry.at < 0) {
      this.removed--;
      this.place(entry, rank);
      entry.at = this.heap.length;
      this.heap.push(entry);
      this.up(entry);
      return true;
    }
    if (entry !== undefined) {
      const moved = compare(rank, entry.rank);
      if (moved === 0) return false;
      this.place(entry, rank);
      if (moved < 0) this.up(entry);
      else this.down(entry);
      return false;
    }
    const added: Entry = { member, rank: [...rank], head: headOf(rank), at: this.heap.length };
    this.heap.push(added);
    this.entries.set(member, added);
    this.up(added);
    return true;
  }

  remove(member: string): boolean {
    const entry = this.entries.get(member);
    if (entry === undefined || entry.at < 0) return false;
    const last = this.heap.pop() as Entry;
    if (last !== entry) {
      this.heap[entry.at] = last;
      last.at = entry.at;
      this.up(last);
      this.down(last);
    }
    entry.at = -1;
    this.removed++;
    if (this.removed > KEPT_REMOVED && this.removed > this.heap.length) this.letGoRemoved();
    return true;
  }

  /** Writes `rank` into the entry's own copy. */
  private place(entry: Entry, rank: Rank): void {
    if (rank.length === entry.rank.length) {
      for (let i = 0; i < rank.length; i++) entry.rank[i] = rank[i] as number;
    } else entry.rank = [...rank];
    entry.head = headOf(rank);
  }

  private letGoRemoved(): void {
    const kept = new Map<string, Entry>();
    for (const entry of this.heap) kept.set(entry.member, entry);
    this.entries = kept;
    this.removed = 0;
  }

  first(): string | undefined {
    return this.heap[0]?.member;
  }

  /** A copy of the member's rank (the set changes its own when the member moves). */
  rankOf(member: string): Rank | undefined {
    const entry = this.entries.get(member);
    return entry === undefined || entry.at < 0 ? undefined : [...entry.rank];
  }

  /**
   * Members with their ranks in rank order, lazily: reading the first k costs O(k log k) whatever
   * the size (a best-first walk of the heap). The set must not change while it is walked.
   */
  *walk(): Generator<readonly [string, Rank]> {
    const heap = this.heap;
    if (heap.length === 0) return;
    // A small heap of positions in `heap`, ordered by their entries' ranks.
    const frontier: number[] = [0];
    const less = (a: number, b: number) => before(heap[a] as Entry, heap[b] as Entry) < 0;
    while (frontier.length > 0) {
      const at = frontier[0] as number;
      const last = frontier.pop() as number;
      if (frontier.length > 0) siftDown(frontier, last, less);
      const entry = heap[at] as Entry;
      yield [entry.member, entry.rank];
      for (const child of [2 * at + 1, 2 * at + 2]) {
        if (child < heap.length) siftUp(frontier, child, less);
      }
    }
  }

  /** Members in rank order (copies and sorts: for listings, not for routing decisions). */
  ordered(limit = Infinity): string[] {
    return [...this.heap]
      .sort(before)
      .slice(0, limit)
      .map((entry) => entry.member);
  }

  private up(entry: Entry): void {
    const heap = this.heap;
    let i = entry.at;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent] as Entry;
      if (before(entry, above) >= 0) break;
      heap[i] = above;
      above.at = i;
      i = parent;
    }
    heap[i] = entry;
    entry.at = i;
  }

  private down(entry: Entry): void {
    const heap = this.heap;
    let i = entry.at;
    const length = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= length) break;
      const right = left + 1;
      const child =
        right < length && before(heap[right] as Entry, heap[left] as Entry) < 0 ? right : left;
      const below = heap[child] as Entry;
      if (before(below, entry) >= 0) break;
      heap[i] = below;
      below.at = i;
      i = child;
    }
    heap[i] = entry;
    entry.at = i;
  }
}

/** Puts `item` into the binary heap `items` (ordered by `less`). */
function siftUp(items: number[], item: number, less: (a: number, b: number) => boolean): void {
  let i = items.length;
  items.push(item);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const above = items[parent] as number;
    if (!less(item, above)) break;
    items[i] = above;
    i = parent;
  }
  items[i] = item;
}

/** Puts `item` at the top of the binary heap `items` (its first slot was just taken) and sinks it. */
function siftDown(items: number[], item: number, less: (a: number, b: number) => boolean): void {
  let i = 0;
  const length = items.length;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= length) break;
    const right = left + 1;
    const child =
      right < length && less(items[right] as number, items[left] as number) ? right : left;
    const below = items[child] as number;
    if (!less(below, item)) break;
    items[i] = below;
    i = child;
  }
  items[i] = item;
}

export { compare as compareRanks };
