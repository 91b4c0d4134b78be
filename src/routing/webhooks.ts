/**
 * Webhook delivery (CONNECTORS.md): each connector with a webhook gets its outcome events pushed,
 * signed, in feed order, from the cursor kept in its record. A batch is acknowledged (the cursor
 * moves, in the store) only once the receiver answered 2xx, so delivery is at least once and
 * resumes after a restart on Redis; a receiver that fails is retried with capped exponential
 * backoff. Only the process that serves an account delivers its events. A round starts as soon as
 * a commit added an outcome event (and on a timer, for retries and what a commit elsewhere added);
 * requests go over kept-alive connections, to the addresses webhookTargets.ts allows.
 */
import http from 'node:http';
import https from 'node:https';
import type { Logger } from 'pino';
import { outcomesMark } from './engine/outcomes';
import type { OutcomeEvent } from './server/connectorPort';
import { SIGNATURE_HEADER, signature } from './server/webhookSignature';
import { isRefusedHost, webhookLookup } from './server/webhookTargets';
import type { RoutingService } from './service';
import type { Partition } from './partitions/partition';
import type { AccountRecord, OutcomeRecord } from './store/store';

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
  /** A round was asked for while one was under way: it runs right after. */
  private again = false;
  private soon: NodeJS.Immediate | null = null;
  /** Failures in a row and when the next attempt may go, by account and connector. */
  private readonly backoff = new Map<string, { failures: number; nextAt: number }>();
  /** Each account's outcome mark (outcomes.ts) when a round last looked at it. */
  private readonly marks = new Map<string, number>();
  private unobserve: (() => void) | null = null;
  private readonly agents: { readonly http: http.Agent; readonly https: https.Agent };

  constructor(
    private readonly routing: RoutingService,
    private readonly log: Logger,
    private readonly options: WebhookOptions = DEFAULT_WEBHOOK_OPTIONS,
    /** Whether receivers may be at loopback, private and link-local addresses (webhookTargets.ts). */
    private readonly allowPrivate = false,
  ) {
    const lookup = webhookLookup(allowPrivate);
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: 4, lookup }),
      https: new https.Agent({ keepAlive: true, maxSockets: 4, lookup }),
    };
  }

  start(): void {
    this.timer = setInterval(() => this.round(), this.options.intervalMs);
    this.timer.unref();
    // After each commit: a round at once if it added an outcome event to an account served here.
    this.unobserve = this.routing.observe(() => {
      if (this.soon === null && this.added()) this.soon = setImmediate(() => this.round());
    });
  }

  /** No more attempts; settles once the one under way (if any) is done. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.unobserve?.();
    if (this.soon !== null) clearImmediate(this.soon);
    await this.running;
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** Starts a round, or asks for one after the round under way. */
  private round(): void {
    this.soon = null;
    if (this.timer === null) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    this.running = this.tick()
      // A round that fails is tried again on the next tick; it must never crash the process.
      .catch((err: unknown) => this.log.error({ err }, 'a round of webhook delivery failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.soon ??= setImmediate(() => this.round());
        }
      });
  }

  /** Whether an account with a webhook served here gained an outcome event since a round looked. */
  private added(): boolean {
    for (const partition of this.routing.partitions.all()) {
      for (const account of partition.store.accounts()) {
        if (!this.hooked(partition, account)) continue;
        const mark = outcomesMark(partition.store, account.id);
        if (mark !== (this.marks.get(account.id) ?? 0)) return true;
      }
    }
    return false;
  }

  /**
   * Whether `partition` serves `account` here and it has a connector with a webhook. A round reads
   * only such accounts' partitions: a turn of every partition's runner after each commit would cost
   * a decision of an account without webhooks (e.g. fed by a connector that reads its feed) more
   * than the decision.
   */
  private hooked(partition: Partition, account: AccountRecord): boolean {
    return (
      this.routing.partitions.local(account.id) === partition &&
      account.connectors?.some((connector) => connector.webhook !== undefined) === true
    );
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
        // There may be more after this batch: another round right after this one.
        this.again = true;
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
      if (!partition.store.accounts().some((account) => this.hooked(partition, account))) continue;
      try {
        const part = await partition.run((engine) => {
          const items: Pending[] = [];
          for (const account of partition.store.accounts()) {
            if (!this.hooked(partition, account)) continue;
            this.marks.set(account.id, outcomesMark(partition.store, account.id));
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
  private send(pending: Pending): Promise<boolean> {
    const body = JSON.stringify({ events: pending.events.map(eventOf) });
    const timestamp = Math.floor(Date.now() / 1000);
    let url: URL;
    try {
      url = new URL(pending.url);
    } catch {
      return Promise.resolve(false);
    }
    // An address written in the URL is not looked up: the rule is checked on it here.
    if (isRefusedHost(url.hostname, this.allowPrivate)) return Promise.resolve(false);
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      [SIGNATURE_HEADER]: signature(pending.secret, timestamp, body),
    };
    return this.post(url, headers, body, true);
  }

  /**
   * One POST: whether it was answered 2xx in time. A kept-alive connection the receiver closed
   * while it was idle fails as it is reused; that is no failure of the receiver, and the request
   * goes again once on a new connection.
   */
  private post(
    url: URL,
    headers: http.OutgoingHttpHeaders,
    body: string,
    again: boolean,
  ): Promise<boolean> {
    const secure = url.protocol === 'https:';
    return new Promise<boolean>((resolve) => {
      const request = (secure ? https : http).request(
        url,
        {
          method: 'POST',
          agent: secure ? this.agents.https : this.agents.http,
          timeout: this.options.timeoutMs,
          headers,
        },
        (response) => {
          // Redirects are not followed: only a 2xx takes the batch.
          const status = response.statusCode ?? 0;
          response.resume();
          response.on('end', () => resolve(status >= 200 && status < 300));
          response.on('error', () => resolve(false));
        },
      );
      request.on('timeout', () => request.destroy(new Error('the receiver did not answer')));
      request.on('error', (err: NodeJS.ErrnoException) => {
        const closedWhileIdle = request.reusedSocket && err.code === 'ECONNRESET';
        resolve(closedWhileIdle && again ? this.post(url, headers, body, false) : false);
      });
      request.end(body);
    });
  }
}

/** An event as the feed and the webhook show it. */
export function eventOf(record: OutcomeRecord): OutcomeEvent {
  const { seq, type, externalId, interactionId, agentId, at } = record;
  return { id: `${record.accountId}:${seq}`, seq, type, externalId, interactionId, agentId, at };
}
