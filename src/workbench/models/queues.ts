/**
 * The queue view's state: per service, where its waiting work overflows and the work waiting there
 * now (pushed, in routing order), each with how long it has waited. The clock is read on every
 * push and tick, so an admin sees work move from one service to the next as it overflows.
 */
import type { Channel } from '../../protocol';
import type { ServiceQueue, WaitingWork } from './updates';
import { Observable } from './observable';

/** A waiting interaction as its row says it. */
export interface WaitingRow {
  readonly id: string;
  readonly channel: Channel;
  readonly text: string;
}

/** A service's card: its name, its overflow in words, what waits there. */
export interface QueueCard {
  readonly serviceId: string;
  readonly name: string;
  /** The waiting list's accessible name: "Waiting at Support". */
  readonly label: string;
  readonly overflow: string;
  readonly waiting: readonly WaitingRow[];
  /** "Nothing waiting", or how many wait. */
  readonly summary: string;
}

export interface QueuesState {
  readonly queues: readonly QueueCard[];
}

/** A wait in words: "0 s", "59 s", "1 min 5 s". */
export function waitedText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes === 0 ? `${seconds} s` : `${minutes} min ${seconds % 60} s`;
}

/** Where a service's waiting work goes, in words (services named as the queues name them). */
export function overflowText(queue: ServiceQueue, queues: readonly ServiceQueue[]): string {
  const { serviceId, afterSeconds } = queue.overflow;
  if (serviceId === null) return 'Never overflows';
  const to = queues.find((q) => q.serviceId === serviceId)?.name ?? serviceId;
  return `Overflows to ${to} after ${afterSeconds} s`;
}

const rowOf = (work: WaitingWork, now: number): WaitingRow => ({
  id: work.id,
  channel: work.channel,
  text: `${work.channel} · ${work.who} · waited ${waitedText(now - work.enqueuedAt)}`,
});

export class QueuesModel extends Observable<QueuesState> {
  private queues: readonly ServiceQueue[] = [];

  constructor(private readonly now: () => number = Date.now) {
    super({ queues: [] });
  }

  /** The queues as pushed. */
  received(queues: readonly ServiceQueue[]): void {
    this.queues = queues;
    this.render();
  }

  /** The clock moved: each wait again (nothing to redo while nothing waits). */
  tick(): void {
    if (this.queues.some((queue) => queue.waiting.length > 0)) this.render();
  }

  private render(): void {
    const now = this.now();
    this.set({
      queues: this.queues.map((queue) => ({
        serviceId: queue.serviceId,
        name: queue.name,
        label: `Waiting at ${queue.name}`,
        overflow: overflowText(queue, this.queues),
        waiting: queue.waiting.map((work) => rowOf(work, now)),
        summary: queue.waiting.length === 0 ? 'Nothing waiting' : `${queue.waiting.length} waiting`,
      })),
    });
  }
}
