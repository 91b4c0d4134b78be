/**
 * Nodes in rank order as a list, plus a binary min-heap for those whose rank did not go at the
 * list's end when they were put in. Most moves in routing put a member behind every other (an
 * agent given work is idle since now; timers and arrivals come later and later), which then costs
 * a few pointers instead of a sift through the heap. The first node is the list's or the heap's.
 * Ranked sets (rankedSet.ts) and the skill index's queues (engine/idleQueue.ts) are built on it,
 * each with its own order: `before`, a plain function (no closure made per call).
 */

/** Where a node sits when it is in the list rather than the heap. */
export const IN_LIST = -1;

/** What a node needs of its own to sit in a ListHeap. */
export interface ListHeapNode<N> {
  /** Its position in `heap`, or IN_LIST (or another negative mark of the owner's when out). */
  at: number;
  /** Its neighbours in the list (null in the heap, or at an end). */
  prev: N | null;
  next: N | null;
}

export class ListHeap<N extends ListHeapNode<N>> {
  readonly heap: N[] = [];
  /** The list's first node, and its last. */
  first: N | null = null;
  last: N | null = null;
  private listed = 0;

  /** `before(a, b)`: whether `a` ranks strictly before `b`. */
  constructor(private readonly before: (a: N, b: N) => boolean) {}

  get size(): number {
    return this.heap.length + this.listed;
  }

  /** The first node: the list's or the heap's (the list's when they tie). */
  top(): N | null {
    const top = this.heap[0];
    if (top === undefined) return this.first;
    return this.first === null || this.before(top, this.first) ? top : this.first;
  }

  /** At the list's end when it ranks there, else in the heap. */
  put(node: N): void {
    const last = this.last;
    if (last === null || !this.before(node, last)) {
      node.at = IN_LIST;
      node.prev = last;
      node.next = null;
      if (last === null) this.first = node;
      else last.next = node;
      this.last = node;
      this.listed++;
      return;
    }
    node.prev = null;
    node.next = null;
    node.at = this.heap.length;
    this.heap.push(node);
    this.up(node);
  }

  /** Takes the node out of the list or the heap (its `at` is then the caller's to mark). */
  detach(node: N): void {
    if (node.at === IN_LIST) {
      if (node.prev === null) this.first = node.next;
      else node.prev.next = node.next;
      if (node.next === null) this.last = node.prev;
      else node.next.prev = node.prev;
      node.prev = null;
      node.next = null;
      this.listed--;
      return;
    }
    const heap = this.heap;
    const last = heap.pop() as N;
    if (last !== node) {
      heap[node.at] = last;
      last.at = node.at;
      this.up(last);
      this.down(last);
    }
  }

  /** Checks the list and the heap (tests): throws on the first thing out of place or order. */
  check(): void {
    let listed = 0;
    let previous: N | null = null;
    for (let node = this.first; node !== null; node = node.next) {
      if (node.at !== IN_LIST || node.prev !== previous)
        throw new Error('a list node out of place');
      if (previous !== null && this.before(node, previous)) throw new Error('a list out of order');
      previous = node;
      listed++;
    }
    if (previous !== this.last || listed !== this.listed) throw new Error('a list miscounted');
    this.heap.forEach((node, i) => {
      if (node.at !== i) throw new Error('a heap node out of place');
      if (i > 0 && this.before(node, this.heap[(i - 1) >> 1] as N)) {
        throw new Error('a heap out of order');
      }
    });
  }

  private up(node: N): void {
    const heap = this.heap;
    let i = node.at;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent] as N;
      if (!this.before(node, above)) break;
      heap[i] = above;
      above.at = i;
      i = parent;
    }
    heap[i] = node;
    node.at = i;
  }

  private down(node: N): void {
    const heap = this.heap;
    let i = node.at;
    const length = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && this.before(heap[right] as N, heap[left] as N) ? right : left;
      const below = heap[child] as N;
      if (!this.before(below, node)) break;
      heap[i] = below;
      below.at = i;
      i = child;
    }
    heap[i] = node;
    node.at = i;
  }
}

/**
 * A walk in rank order over ListHeaps keeps the nodes to visit next in a small binary heap, a
 * frontier: a node's successors are the next in its list, or its two children in its heap.
 */
export function pushFrontier<N>(frontier: N[], node: N, before: (a: N, b: N) => boolean): void {
  let i = frontier.length;
  frontier.push(node);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const above = frontier[parent] as N;
    if (!before(node, above)) break;
    frontier[i] = above;
    i = parent;
  }
  frontier[i] = node;
}

/** Takes the first node of a non-empty frontier (pushFrontier). */
export function popFrontier<N>(frontier: N[], before: (a: N, b: N) => boolean): N {
  const first = frontier[0] as N;
  const last = frontier.pop() as N;
  const length = frontier.length;
  if (length === 0) return first;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= length) break;
    const right = left + 1;
    const child =
      right < length && before(frontier[right] as N, frontier[left] as N) ? right : left;
    if (!before(frontier[child] as N, last)) break;
    frontier[i] = frontier[child] as N;
    i = child;
  }
  frontier[i] = last;
  return first;
}
