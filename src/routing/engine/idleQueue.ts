/**
 * The agents of one heap of the skill index (skillIndex.ts), longest idle first: ranked by idle
 * time, ties by join order. Most rank changes move an agent behind everyone (given work now, its
 * idle time is now), so a queue is a list in rank order, to whose end such a move costs a few
 * pointers, and a binary heap for the ranks that do not go at the end (an agent joining with an
 * older idle time). A walk in rank order merges the two: a list node is followed by the next, a
 * heap node by its two children.
 */

/** Where a queue node sits when it is in the list rather than the heap. */
export const IN_LIST = -1;

/** A member's place in one queue. */
export interface QueueNode<M> {
  readonly member: M;
  readonly queue: IdleQueue<M>;
  rank: number;
  /** The member's join order: breaks ties between equal ranks. */
  readonly seq: number;
  /** Its position in `queue.heap`, or IN_LIST. */
  at: number;
  /** Its neighbours in the list (null in the heap, or at an end). */
  prev: QueueNode<M> | null;
  next: QueueNode<M> | null;
}

export function before<M>(a: QueueNode<M>, b: QueueNode<M>): boolean {
  return a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq);
}

export class IdleQueue<M> {
  readonly heap: QueueNode<M>[] = [];
  /** The list's first node, and its last. */
  head: QueueNode<M> | null = null;
  private tail: QueueNode<M> | null = null;
  private listed = 0;
  /** `SkillIndex` additions when a member last joined this queue. */
  lastAdded = 0;

  get size(): number {
    return this.heap.length + this.listed;
  }

  add(member: M, rank: number, seq: number): QueueNode<M> {
    const node: QueueNode<M> = { member, queue: this, rank, seq, at: 0, prev: null, next: null };
    this.put(node);
    return node;
  }

  remove(node: QueueNode<M>): void {
    if (node.at === IN_LIST) this.unlink(node);
    else this.takeFromHeap(node);
  }

  /** The node's rank changed to `rank`. */
  rerank(node: QueueNode<M>, rank: number): void {
    if (node === this.tail && rank >= node.rank) {
      node.rank = rank;
      return;
    }
    this.remove(node);
    node.rank = rank;
    this.put(node);
  }

  /** Checks the list and the heap (tests): throws on the first thing out of order. */
  check(): number {
    let listed = 0;
    let previous: QueueNode<M> | null = null;
    for (let node = this.head; node !== null; node = node.next) {
      if (node.at !== IN_LIST || node.queue !== this || node.prev !== previous) {
        throw new Error('a list node out of place');
      }
      if (previous !== null && before(node, previous)) throw new Error('a list out of order');
      previous = node;
      listed++;
    }
    if (previous !== this.tail || listed !== this.listed) throw new Error('a list miscounted');
    this.heap.forEach((node, i) => {
      if (node.at !== i || node.queue !== this) throw new Error('a heap node out of place');
      if (i > 0 && before(node, this.heap[(i - 1) >> 1] as QueueNode<M>)) {
        throw new Error('a heap out of order');
      }
    });
    return this.size;
  }

  /** At the list's end when it ranks there, else in the heap. */
  private put(node: QueueNode<M>): void {
    const tail = this.tail;
    if (tail === null || !before(node, tail)) {
      node.at = IN_LIST;
      node.prev = tail;
      node.next = null;
      if (tail === null) this.head = node;
      else tail.next = node;
      this.tail = node;
      this.listed++;
      return;
    }
    node.prev = null;
    node.next = null;
    node.at = this.heap.length;
    this.heap.push(node);
    siftUp(this.heap, node, node.at);
  }

  private unlink(node: QueueNode<M>): void {
    if (node.prev === null) this.head = node.next;
    else node.prev.next = node.next;
    if (node.next === null) this.tail = node.prev;
    else node.next.prev = node.prev;
    node.prev = null;
    node.next = null;
    this.listed--;
  }

  private takeFromHeap(node: QueueNode<M>): void {
    const nodes = this.heap;
    const last = nodes.pop() as QueueNode<M>;
    if (last === node) return;
    put(nodes, last, node.at);
    siftUp(nodes, last, node.at);
    siftDown(nodes, last, last.at);
  }
}

function put<M>(nodes: QueueNode<M>[], node: QueueNode<M>, at: number): void {
  nodes[at] = node;
  node.at = at;
}

function siftUp<M>(nodes: QueueNode<M>[], node: QueueNode<M>, from: number): void {
  let i = from;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const above = nodes[parent] as QueueNode<M>;
    if (!before(node, above)) break;
    put(nodes, above, i);
    i = parent;
  }
  put(nodes, node, i);
}

function siftDown<M>(nodes: QueueNode<M>[], node: QueueNode<M>, from: number): void {
  let i = from;
  const length = nodes.length;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= length) break;
    const right = left + 1;
    const at =
      right < length && before(nodes[right] as QueueNode<M>, nodes[left] as QueueNode<M>)
        ? right
        : left;
    const child = nodes[at] as QueueNode<M>;
    if (!before(child, node)) break;
    put(nodes, child, i);
    i = at;
  }
  put(nodes, node, i);
}
