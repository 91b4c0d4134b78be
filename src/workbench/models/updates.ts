/**
 * What the workbench server pushes to its page (Server-Sent Events on `UPDATES_PATH`): one event
 * per topic, its data the topic's whole value as JSON, sent when it changes and once to every page
 * that connects. The server (../liveView.ts) and the page (app/) both read these types.
 */
import type { Channel, ServiceCallbacks, ServiceOverflow, Settings } from '../../protocol';
import type { FixtureRecord, Task } from '../fixtures';

export const UPDATES_PATH = '/workbench/api/updates';

/** A customer contact as the simulator panel lists it. */
export interface Contact {
  readonly id: string;
  readonly channel: Channel;
  /** The customer: name, else number, else address. */
  readonly who: string;
  /** Where it is: "waiting at support", "with ann-lee"... */
  readonly where: string;
}

/** Work waiting at a service, as the queue view lists it. */
export interface WaitingWork {
  readonly id: string;
  readonly channel: Channel;
  /** The customer, as a contact names them. */
  readonly who: string;
  /** When it began to wait (ms since 1970); kept when it overflows to another service. */
  readonly enqueuedAt: number;
}

/** A service's queue: where its work overflows, and what waits there now in routing order. */
export interface ServiceQueue {
  readonly serviceId: string;
  readonly name: string;
  readonly overflow: ServiceOverflow;
  /** When a call waiting there becomes a callback request. */
  readonly callbacks: ServiceCallbacks;
  readonly waiting: readonly WaitingWork[];
}

/** A consult or outbound call ringing an outside number. */
export interface OutsideCall {
  readonly ref: string;
  readonly number: string;
  /** The agent calling. */
  readonly from: string;
  /** When it stops ringing unanswered (ms since 1970). */
  readonly ringingUntil: number;
}

/** A fixture record with its Tasks. */
export type WorkbenchRecord = FixtureRecord & { readonly tasks: readonly Task[] };

/** Every topic and its value. */
export interface WorkbenchUpdates {
  readonly contacts: readonly Contact[];
  /** Every service's queue (empty while the routing service restarts). */
  readonly queues: readonly ServiceQueue[];
  readonly calls: readonly OutsideCall[];
  /** The demo account's settings (null while the routing service restarts and none was read). */
  readonly settings: Settings | null;
  readonly records: readonly WorkbenchRecord[];
  /** Whether the routing service is up (false while it restarts). */
  readonly routing: { readonly up: boolean };
}

export type Topic = keyof WorkbenchUpdates;

export const TOPICS: readonly Topic[] = [
  'contacts',
  'queues',
  'calls',
  'settings',
  'records',
  'routing',
];

/** One frame of the stream: `event: <topic>` and the value on one `data:` line. */
export function eventFrame(topic: Topic, value: unknown): string {
  return `event: ${topic}\ndata: ${JSON.stringify(value)}\n\n`;
}

/** What the page listens to: an EventSource, or a stand-in in tests. */
export interface UpdateSource {
  addEventListener(type: string, listener: (event: { readonly data: unknown }) => void): void;
  close(): void;
}

export type UpdateHandlers = { readonly [T in Topic]?: (value: WorkbenchUpdates[T]) => void };

/**
 * Hands each topic's pushed value to its handler (a frame that is not JSON is dropped); returns
 * the function that stops listening (and closes the source).
 */
export function listenForUpdates(source: UpdateSource, handlers: UpdateHandlers): () => void {
  let open = true;
  for (const topic of TOPICS) {
    const handler = handlers[topic] as ((value: unknown) => void) | undefined;
    if (handler === undefined) continue;
    source.addEventListener(topic, (event) => {
      if (!open || typeof event.data !== 'string') return;
      let value: unknown;
      try {
        value = JSON.parse(event.data);
      } catch {
        return;
      }
      handler(value);
    });
  }
  return () => {
    open = false;
    source.close();
  };
}
