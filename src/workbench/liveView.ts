/**
 * What the page shows, pushed (Server-Sent Events): the customer contacts, every service's queue
 * and where it overflows, the calls ringing
 * outside numbers, the account's settings, the records with their Tasks, and whether the routing
 * service is up. A change (the routing service's effects, a request that changed something, a
 * restart) schedules one read of everything; each topic whose value differs from the last one sent
 * goes to every page listening. Nothing is read while no page listens.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Customer } from '../protocol';
import type { InteractionListing } from '../routing/service';
import { DEMO_ACCOUNT } from '../routing/demo';
import { ServiceAdmin } from '../routing/serviceAdmin';
import type { RunningService } from '../routing/start';
import type { RecordStore } from './fixtures';
import type { Contact, OutsideCall, ServiceQueue, Topic, WorkbenchUpdates } from './models/updates';
import { TOPICS, eventFrame } from './models/updates';

export interface LiveViewParts {
  routing(): RunningService;
  restarting(): boolean;
  readonly records: RecordStore;
  /** How long changes are gathered before one read (ms). */
  readonly settleMs?: number;
  /** Seconds between the comments that keep an idle stream open. */
  readonly keepAliveSeconds?: number;
}

/** Where an interaction is, as the simulator panel says it. */
export function whereOf(listing: Pick<InteractionListing, 'place' | 'agentIds'>): string {
  const place = listing.place;
  if (place.kind === 'queued') return `waiting at ${place.serviceId}`;
  if (place.kind === 'personal') return `in ${place.agentId}'s personal queue`;
  return `with ${[...new Set(listing.agentIds)].join(', ') || 'nobody'}`;
}

/** The customer, as the page names them: name, else number, else address. */
const whoOf = (customer: Customer): string =>
  customer.name ?? customer.phone ?? customer.email ?? 'unknown';

/** The customer contacts of a listing: consult legs left out. */
export function contactsOf(listings: readonly InteractionListing[]): Contact[] {
  return listings
    .filter((listing) => listing.consultId === null)
    .map((listing) => ({
      id: listing.id,
      channel: listing.channel,
      who: whoOf(listing.customer),
      where: whereOf(listing),
    }));
}

/**
 * Every service's queue in routing order, with where its work overflows and when its calls become
 * callback requests (the admin API's reads).
 */
export async function queuesOf(routing: RunningService): Promise<ServiceQueue[]> {
  const admin = new ServiceAdmin(routing.routing);
  const queues = await admin.queues(DEMO_ACCOUNT);
  return Promise.all(
    queues.map(async (queue) => ({
      serviceId: queue.serviceId,
      name: queue.name,
      overflow: await admin.serviceOverflow(DEMO_ACCOUNT, queue.serviceId),
      callbacks: await admin.serviceCallbacks(DEMO_ACCOUNT, queue.serviceId),
      waiting: queue.waiting.map((work) => ({
        id: work.id,
        channel: work.channel,
        who: whoOf(work.customer),
        enqueuedAt: work.enqueuedAt,
      })),
    })),
  );
}

/** Consults and outbound calls ringing an outside number, for the page to answer. */
export async function outsideCalls(routing: RunningService): Promise<OutsideCall[]> {
  // Only an agent with an interaction can have started a consult: look at those alone, not at
  // every agent of the account.
  const interactions = await routing.routing.interactions(DEMO_ACCOUNT);
  const busy = new Set(interactions.flatMap((i) => i.agentIds));
  const consults = await routing.routing.run(DEMO_ACCOUNT, (engine) =>
    [...busy].flatMap((agentId) =>
      engine.snapshot(DEMO_ACCOUNT, agentId).consults.map((consult) => ({ agentId, consult })),
    ),
  );
  return consults.flatMap(({ agentId, consult }) =>
    consult.state === 'ringing' &&
    consult.target.type === 'number' &&
    consult.initiatorId === agentId
      ? [
          {
            ref: consult.id,
            number: consult.target.number,
            from: consult.initiatorName,
            ringingUntil: consult.ringingUntil,
          },
        ]
      : [],
  );
}

export class LiveView {
  private readonly streams = new Set<ServerResponse>();
  private readonly sent = new Map<Topic, string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private reading: Promise<void> | null = null;
  private again = false;
  private readonly keepAlive: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(private readonly parts: LiveViewParts) {
    this.keepAlive = setInterval(
      () => {
        for (const stream of this.streams) stream.write(': keep-alive\n\n');
      },
      (parts.keepAliveSeconds ?? 25) * 1000,
    );
    this.keepAlive.unref();
  }

  /** Pages listening now. */
  get listeners(): number {
    return this.streams.size;
  }

  /** Answers `request` with the stream: every topic now, then each change. */
  async listen(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    // A page that reconnects waits a second, not the browser's default of three.
    response.write('retry: 1000\n\n');
    if (this.closed) {
      response.end();
      return;
    }
    const forget = () => this.streams.delete(response);
    request.once('close', forget);
    response.once('close', forget);
    response.on('error', forget);
    const view = await this.read();
    // The page may have gone while its first view was read.
    if (response.destroyed || response.writableEnded) return;
    for (const topic of TOPICS) response.write(eventFrame(topic, view[topic]));
    this.streams.add(response);
  }

  /** Something may have changed: read and push, once for every change in `settleMs`. */
  changed(): void {
    if (this.closed || this.streams.size === 0) return;
    if (this.reading !== null) {
      this.again = true;
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.reading = this.push().finally(() => {
        this.reading = null;
        if (this.again) {
          this.again = false;
          this.changed();
        }
      });
    }, this.parts.settleMs ?? 30);
  }

  /** Ends every stream (the server stops). */
  close(): void {
    this.closed = true;
    clearInterval(this.keepAlive);
    if (this.timer !== null) clearTimeout(this.timer);
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }

  private async push(): Promise<void> {
    const view = await this.read();
    for (const topic of TOPICS) {
      const text = JSON.stringify(view[topic]);
      if (this.sent.get(topic) === text) continue;
      this.sent.set(topic, text);
      const frame = eventFrame(topic, view[topic]);
      for (const stream of this.streams) stream.write(frame);
    }
  }

  /** Everything the page shows now; while the routing service restarts, what was last read. */
  private async read(): Promise<WorkbenchUpdates> {
    const { records } = this.parts;
    const last = <T extends Topic>(
      topic: T,
      fallback: WorkbenchUpdates[T],
    ): WorkbenchUpdates[T] => {
      const text = this.sent.get(topic);
      return text === undefined ? fallback : (JSON.parse(text) as WorkbenchUpdates[T]);
    };
    const view = {
      records: records.records.map((r) => ({ ...r, tasks: records.tasksOf(r.id) })),
      routing: { up: !this.parts.restarting() },
    };
    if (this.parts.restarting()) {
      return { ...view, contacts: [], queues: [], calls: [], settings: last('settings', null) };
    }
    try {
      const routing = this.parts.routing();
      const [listings, queues, calls, account] = await Promise.all([
        routing.routing.interactions(DEMO_ACCOUNT),
        queuesOf(routing),
        outsideCalls(routing),
        routing.routing.account(DEMO_ACCOUNT),
      ]);
      return { ...view, contacts: contactsOf(listings), queues, calls, settings: account.settings };
    } catch {
      // The routing service stopped under the read (a restart began): the next change reads again.
      return {
        ...view,
        contacts: last('contacts', []),
        queues: last('queues', []),
        calls: last('calls', []),
        settings: last('settings', null),
      };
    }
  }
}
