/**
 * An ordered set of string members, each with a rank (compared element by element, lowest first):
 * add, remove, first and size in O(log n) or better. Service queues and the eligible-agent indexes
 * are ranked sets, so a routing decision never scans agents or interactions.
 */
export type Rank = readonly number[];

function compare(a: Rank, b: Rank): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

interface Entry {
  readonly member: string;
  readonly rank: Rank;
}

/** A binary min-heap with a position map, so any member can be removed or re-ranked. */
export class RankedSet {
  private readonly heap: Entry[] = [];
  private readonly position = new Map<string, number>();

  get size(): number {
    return this.heap.length;
  }

  has(member: string): boolean {
    return this.position.has(member);
  }

  /** Adds the member, or moves it to its new rank; true when it was not a member. */
  add(member: string, rank: Rank): boolean {
    const at = this.position.get(member);
    if (at !== undefined) {
      const old = this.heap[at] as Entry;
      const moved = compare(rank, old.rank);
      if (moved === 0) return false;
      this.heap[at] = { member, rank };
      if (moved < 0) this.up(at);
      else this.down(at);
      return false;
    }
    this.heap.push({ member, rank });
    this.position.set(member, this.heap.length - 1);
    this.up(this.heap.length - 1);
    return true;
  }

  remove(member: string): boolean {
    const at = this.position.get(member);
    if (at === undefined) return false;
    const last = this.heap.pop() as Entry;
    this.position.delete(member);
    if (at < this.heap.length) {
      this.heap[at] = last;
      this.position.set(last.member, at);
      this.up(at);
      this.down(at);
    }
    return true;
  }

  first(): string | undefined {
    return this.heap[0]?.member;
  }

  rankOf(member: string): Rank | undefined {
    const at = this.position.get(member);
    return at === undefined ? undefined : (this.heap[at] as Entry).rank;
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
    const less = (a: number, b: number) =>
      compare((heap[a] as Entry).rank, (heap[b] as Entry).rank) < 0;
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
      .sort((a, b) => compare(a.rank, b.rank))
      .slice(0, limit)
      .map((entry) => entry.member);
  }

  private up(index: number): void {
    let i = index;
    const entry = this.heap[i] as Entry;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = this.heap[parent] as Entry;
      if (compare(entry.rank, above.rank) >= 0) break;
      this.heap[i] = above;
      this.position.set(above.member, i);
      i = parent;
    }
    this.heap[i] = entry;
    this.position.set(entry.member, i);
  }

  private down(index: number): void {
    let i = index;
    const length = this.heap.length;
    const entry = this.heap[i] as Entry;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= length) break;
      const right = left + 1;
      const child =
        right < length &&
        compare((this.heap[right] as Entry).rank, (this.heap[left] as Entry).rank) < 0
          ? right
          : left;
      const below = this.heap[child] as Entry;
      if (compare(below.rank, entry.rank) >= 0) break;
      this.heap[i] = below;
      this.position.set(below.member, i);
      i = child;
    }
    this.heap[i] = entry;
    this.position.set(entry.member, i);
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
