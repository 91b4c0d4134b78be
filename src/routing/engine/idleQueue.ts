/**
 * The agents of one heap of the skill index (skillIndex.ts), longest idle first: ranked by idle
 * time, ties by join order. Most rank changes move an agent behind everyone (given work now, its
 * idle time is now), so a queue is a ListHeap (store/listHeap.ts): a list in rank order, to whose
 * end such a move costs a few pointers, and a binary heap for the ranks that do not go at the end
 * (an agent joining with an older idle time). A walk in rank order merges the two: a list node is
 * followed by the next, a heap node by its two children.
 */
import { IN_LIST, ListHeap } from '../store/listHeap';
import type { ListHeapNode } from '../store/listHeap';

export { IN_LIST };

/** A member's place in one queue. */
export interface QueueNode<M> extends ListHeapNode<QueueNode<M>> {
  readonly member: M;
  readonly queue: IdleQueue<M>;
  rank: number;
  /** The member's join order: breaks ties between equal ranks. */
  readonly seq: number;
  /**
   * Bits the owner sets for what the member holds (skillIndex.ts: its skills), kept in the node so
   * that a walk can pass over most members without reading them.
   */
  readonly mask: number;
}

export function before<M>(a: QueueNode<M>, b: QueueNode<M>): boolean {
  return a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq);
}

export class IdleQueue<M> extends ListHeap<QueueNode<M>> {
  constructor() {
    super(before);
  }

  add(member: M, rank: number, seq: number, mask: number): QueueNode<M> {
    const node: QueueNode<M> = {
      member,
      queue: this,
      rank,
      seq,
      mask,
      at: 0,
      prev: null,
      next: null,
    };
    this.put(node);
    return node;
  }

  remove(node: QueueNode<M>): void {
    this.detach(node);
  }

  /** The node's rank changed to `rank`. */
  rerank(node: QueueNode<M>, rank: number): void {
    if (node === this.last && rank >= node.rank) {
      node.rank = rank;
      return;
    }
    this.detach(node);
    node.rank = rank;
    this.put(node);
  }

  /** Checks the list and the heap (tests), and that every node is this queue's; its size. */
  override check(): number {
    super.check();
    for (let node = this.first; node !== null; node = node.next) {
      if (node.queue !== this) throw new Error('a list node out of place');
    }
    for (const node of this.heap)
      if (node.queue !== this) throw new Error('a heap node out of place');
    return this.size;
  }
}
