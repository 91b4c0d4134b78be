/**
 * Webhook delivery (CONNECTORS.md): each connector with a webhook gets its outcome events pushed,
 * signed, in feed order, from the cursor kept in its record. A batch is acknowledged (the cursor
 * moves, in the store) only once the receiver answered 2xx, so delivery is at least once and
 * resumes after a restart on Redis; a receiver that fails is retried with capped exponential
 * backoff. Only the process that serves an account delivers its events.
 */
import type { Logger } from 'pino';
import type { OutcomeEvent } from './server/connectorPort';
import { SIGNATURE_HEADER, signature } from './server/webhookSignature';
import type { RoutingService } from './service';
import type { OutcomeRecord } from './store/store';

export interface WebhookOptions {
  /** How often the pending events are looked for. */
  readonly intervalMs: number;
  /** How long a receiver has to answer. */
  readonly timeoutMs: number;
  /** The first retry's delay; each failure doubles it, up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Events sent in one request at most. */
  readonly batch: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = {
  intervalMs: 250,
  timeoutMs: 5_000,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  batch: 50,
};

/** One delivery to make: a connector's webhook and the events after its cursor. */
interface Pending {
  readonly accountId: string;
  readonly connectorId: string;
  readonly url: string;
  readonly secret: string;
  readonly events: OutcomeRecord[];
}

/** The delay before the retry after `failures` failures in a row (capped). */
export function retryDelay(failures: number, options: WebhookOptions): number {
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(30, failures - 1));
}

export class WebhookDelivery {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Failures in a row and when the next attempt may go, by account and connector. */
  private readonly backoff = new Map<string, { failures: number; nextAt: number }>();

  constructor(
    private readonly routing: RoutingService,
    private readonly log: Logger,
    private readonly options: WebhookOptions = DEFAULT_WEBHOOK_OPTIONS,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        // A round that fails is tried again on the next tick; it must never crash the process.
        .catch((err: unknown) => this.log.error({ err }, 'a round of webhook delivery failed'))
        .finally(() => (this.running = null));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** No more attempts; settles once the one under way (if any) is done. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round: every due webhook of the accounts served here gets its next batch. */
  async tick(): Promise<void> {
    const now = Date.now();
    for (const pending of await this.pending()) {
      const key = `${pending.accountId}\u0000${pending.connectorId}`;
      const state = this.backoff.get(key);
      if (state !== undefined && state.nextAt > now) continue;
      if (await this.send(pending)) {
        this.backoff.delete(key);
        const last = pending.events[pending.events.length - 1] as OutcomeRecord;
        await this.routing
          .run(pending.accountId, (engine) =>
            engine
              .connectorBook()
              .delivered(pending.accountId, pending.connectorId, pending.url, last.seq),
          )
          .catch((err: unknown) => this.log.warn({ err }, 'a webhook delivery was not recorded'));
      } else {
        const failures = (state?.failures ?? 0) + 1;
        this.backoff.set(key, { failures, nextAt: now + retryDelay(failures, this.options) });
      }
    }
  }

  private async pending(): Promise<Pending[]> {
    const found: Pending[] = [];
    for (const partition of this.routing.partitions.all()) {
      try {
        const part = await partition.run((engine) => {
          const items: Pending[] = [];
          for (const account of partition.store.accounts()) {
            if (this.routing.partitions.local(account.id) !== partition) continue;
            for (const connector of account.connectors ?? []) {
              const hook = connector.webhook;
              if (hook === undefined) continue;
              const page = engine
                .connectorBook()
                .feed(account.id, connector.id, hook.deliveredSeq, this.options.batch);
              if (page.events.length === 0) continue;
              const { url, secret } = hook;
              const { events } = page;
              items.push({ accountId: account.id, connectorId: connector.id, url, secret, events });
            }
          }
          return items;
        });
        found.push(...part);
      } catch (err) {
        this.log.warn({ err }, 'pending webhook events could not be read');
      }
    }
    return found;
  }

  /** Whether the receiver took the batch (2xx in time). */
  private async send(pending: Pending): Promise<boolean> {
    const body = JSON.stringify({ events: pending.events.map(eventOf) });
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(pending.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signature(pending.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status >= 200 && response.status < 300;
    } catch {
      return false;
    }
  }
}

/** An event as the feed and the webhook show it. */
export function eventOf(record: OutcomeRecord): OutcomeEvent {
  const { seq, type, externalId, interactionId, agentId, at } = record;
  return { id: `${record.accountId}:${seq}`, seq, type, externalId, interactionId, agentId, at };
}
