/**
 * What the fault tests on the Redis Cluster share: routing processes with short leases, an admin
 * client whose every call is bounded in time, a flow of arrivals that records what became of
 * each one, a look at the leases in Redis, and agents that resume through whichever process
 * answers. Builds on test/redis/world.ts (seeded account `acme`, checkAssignments).
 */
import { request as httpRequest } from 'node:http';
import { Cluster } from 'ioredis';
import type { ServerMessage, ServerMessageOf } from '../../src/protocol';
import { accountKeys, serviceKeys } from '../../src/routing/store/keys';
import { helloFrame, TestClient } from '../conformance/client';
import { ACCOUNT, Admin, KEYS } from '../redis/world';
import { clusterNodesOf } from '../support/clusterNodes';
import type { RoutingProcess } from '../support/routingProcess';
import { startRoutingProcess } from '../support/routingProcess';

/** Short leases, so that an account leaves a dead or paused process within two seconds. */
export const LEASE_MS = 1500;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` routing processes on `store`, keys under `prefix`, leases of LEASE_MS. */
export function startProcesses(
  store: string,
  prefix: string,
  count: number,
): Promise<RoutingProcess[]> {
  return Promise.all(
    Array.from({ length: count }, () =>
      startRoutingProcess({
        store,
        prefix,
        ...KEYS,
        env: { ROUTING_LEASE_MS: String(LEASE_MS) },
      }),
    ),
  );
}

/**
 * Stops a process however it is: woken first if paused (SIGCONT), SIGTERM, SIGKILL after 5 s
 * (a clean stop may wait on a store that is not there).
 */
export async function stopProcess(routing: RoutingProcess): Promise<void> {
  if (!routing.running()) return;
  try {
    process.kill(routing.pid, 'SIGCONT');
  } catch {
    // gone already
  }
  const stopped = routing.stop();
  const timer = setTimeout(() => void routing.kill(), 5000);
  await stopped;
  clearTimeout(timer);
}

/** A bounded HTTP answer: the status and JSON body, or how it failed to come. */
export interface Answer {
  readonly status: number | 'network' | 'timeout';
  readonly body: unknown;
  readonly ms: number;
}

/**
 * One admin-keyed request, never waiting longer than `timeoutMs`, on a connection of its own (no
 * keep-alive): a call to a process paused here must not fail with a reset merely because it went
 * on an idle connection that the server's keep-alive timer closes the moment the process wakes.
 */
export function request(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 15_000,
): Promise<Answer> {
  const startedAt = Date.now();
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<Answer>((resolve) => {
    const failed = (status: 'timeout' | 'network', err: unknown) =>
      resolve({ status, body: String(err), ms: Date.now() - startedAt });
    const call = httpRequest(
      `${url}${path}`,
      {
        method,
        agent: false,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${KEYS.adminKey}`,
          ...(text === undefined ? {} : { 'content-length': Buffer.byteLength(text) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (err) => failed('network', err));
        response.on('end', () => {
          const answer = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({
              status: response.statusCode ?? 0,
              body: answer === '' ? null : (JSON.parse(answer) as unknown),
              ms: Date.now() - startedAt,
            });
          } catch (err) {
            failed('network', err);
          }
        });
      },
    );
    const timer = setTimeout(() => {
      failed('timeout', new Error(`no answer within ${timeoutMs} ms`));
      call.destroy();
    }, timeoutMs);
    call.on('close', () => clearTimeout(timer));
    call.on('error', (err) => failed('network', err));
    call.end(text);
  });
}

/** The error code of a typed error body (`{ error: { code } }`), else null. */
export function errorCode(body: unknown): string | null {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'string' ? error.code : null;
}

/** Admin of test/redis/world.ts, with every call bounded in time (a paused process never answers). */
export class BoundedAdmin extends Admin {
  constructor(
    url: string,
    private readonly timeoutMs = 15_000,
  ) {
    super(url);
  }

  override async call<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const answer = await request(this.url, method, path, body, this.timeoutMs);
    if (typeof answer.status !== 'number') {
      throw new Error(`${method} ${this.url}${path}: ${answer.status} (${String(answer.body)})`);
    }
    return { status: answer.status, body: answer.body as T };
  }
}

/** What became of one arrival sent by a Flow. */
export interface Outcome extends Answer {
  /** The process it was sent to (its URL). */
  readonly via: string;
  readonly sentAt: number;
  /** The interaction's id when acknowledged (201). */
  readonly id: string | null;
}

/**
 * Arrivals sent without pause, `parallel` at a time, to the targets in turn, until stopped; each
 * outcome is kept.
 */
export class Flow {
  /** Every flow not stopped yet, so that a failed test's afterEach stops it. */
  static readonly active = new Set<Flow>();
  readonly outcomes: Outcome[] = [];
  private running = true;
  private sent = 0;
  private readonly workers: Promise<void>[];

  constructor(
    private readonly targets: () => readonly string[],
    parallel: number,
    private readonly first = 0,
    /** A pause after each answer, to bound the rate. */
    private readonly gapMs = 0,
  ) {
    this.workers = Array.from({ length: parallel }, () => this.work());
    Flow.active.add(this);
  }

  /** The ids acknowledged (201), optionally only those sent from `since` on. */
  acknowledged(since = 0): string[] {
    return this.outcomes
      .filter((outcome) => outcome.status === 201 && outcome.sentAt >= since)
      .map((outcome) => outcome.id as string);
  }

  /** Waits until `count` arrivals sent from `since` on are acknowledged. */
  async waitFor(count: number, since = 0, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.acknowledged(since).length < count) {
      if (Date.now() > deadline) {
        throw new Error(
          `${count} arrivals not acknowledged within ${timeoutMs} ms: ${summary(this.outcomes)}\n` +
            messages(this.outcomes).join('\n'),
        );
      }
      await sleep(50);
    }
  }

  /** Stops sending, waits for the answers still to come; every outcome. */
  async stop(): Promise<Outcome[]> {
    this.running = false;
    Flow.active.delete(this);
    await Promise.all(this.workers);
    return this.outcomes;
  }

  private async work(): Promise<void> {
    while (this.running) {
      const targets = this.targets();
      const n = this.first + this.sent++;
      const via = targets[n % targets.length] as string;
      const sentAt = Date.now();
      const answer = await request(via, 'POST', `/simulator/accounts/${ACCOUNT}/interactions`, {
        channel: n % 3 === 0 ? 'chat' : n % 3 === 1 ? 'email' : 'case',
        serviceId: n % 2 === 0 ? 'sales' : 'support',
        customer: { name: `Customer ${n}`, email: `c${n}@example.com` },
      });
      const id = answer.status === 201 ? (answer.body as { id: string }).id : null;
      this.outcomes.push({ ...answer, via, sentAt, id });
      // Refusals come at once: do not spin on them.
      if (answer.status !== 201) await sleep(50);
      else if (this.gapMs > 0) await sleep(this.gapMs);
    }
  }
}

/** Counts of outcomes by status (and error code), for messages. */
export function summary(outcomes: readonly Answer[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) {
    const code = errorCode(outcome.body);
    const key = `${outcome.status}${code === null ? '' : ` ${code}`}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return JSON.stringify(Object.fromEntries(counts));
}

/** The distinct error messages among outcomes (the last `count`), for failure messages. */
export function messages(outcomes: readonly Answer[], count = 5): string[] {
  const texts = outcomes
    .filter((outcome) => outcome.status !== 201)
    .map((outcome) => {
      const error = (outcome.body as { error?: { message?: unknown } } | null)?.error;
      return `${outcome.status}: ${typeof error?.message === 'string' ? error.message : String(outcome.body)}`;
    });
  return [...new Set(texts)].slice(-count);
}

/** The leases, fences, commits and members in Redis, read through a Cluster client of its own. */
export class StoreView {
  private readonly client: Cluster;

  constructor(url: string) {
    this.client = new Cluster(clusterNodesOf(url), {
      retryDelayOnFailover: 100,
      retryDelayOnClusterDown: 100,
      slotsRefreshTimeout: 1000,
      redisOptions: { connectTimeout: 1000, commandTimeout: 2000 },
    });
    this.client.on('error', () => undefined);
  }

  /** The account's lease value, `<process>:<fence>`, or null when nobody holds it. */
  lease(prefix: string): Promise<string | null> {
    return this.client.get(accountKeys(prefix, ACCOUNT).lease);
  }

  async fence(prefix: string): Promise<number> {
    return Number((await this.client.get(accountKeys(prefix, ACCOUNT).fence)) ?? 0);
  }

  /** Every commit kept in the account's stream: its version and the process that made it. */
  async commits(prefix: string): Promise<{ version: number; origin: string }[]> {
    const entries = (await this.client.xrange(accountKeys(prefix, ACCOUNT).log, '-', '+')) as [
      string,
      string[],
    ][];
    return entries.map(([id, fields]) => ({
      version: Number(id.split('-')[0]),
      origin: fields[fields.indexOf('origin') + 1] ?? '',
    }));
  }

  /** The routing processes registered (alive or not yet forgotten): id to URL. */
  async members(prefix: string): Promise<Map<string, string>> {
    const all = await this.client.hgetall(serviceKeys(prefix).members);
    return new Map(
      Object.entries(all).map(([id, text]) => [id, (JSON.parse(text) as { url: string }).url]),
    );
  }

  /** Waits until the processes at `urls` are all registered. */
  async waitForMembers(prefix: string, urls: readonly string[], timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const registered = new Set((await this.members(prefix)).values());
      if (urls.every((url) => registered.has(url))) return;
      if (Date.now() > deadline) throw new Error(`not all of ${urls.join(', ')} registered`);
      await sleep(50);
    }
  }

  /**
   * The process among `processes` whose lease is current, its process id and fence, once there
   * is one (and `accept` it).
   */
  async owner(
    prefix: string,
    processes: readonly RoutingProcess[],
    accept: (owner: RoutingProcess) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<{ routing: RoutingProcess; id: string; fence: number; lease: string }> {
    const deadline = Date.now() + timeoutMs;
    let last: string | null = null;
    for (;;) {
      try {
        last = await this.lease(prefix);
        if (last !== null) {
          const id = holderOf(last);
          const url = (await this.members(prefix)).get(id);
          const routing = processes.find((candidate) => candidate.url === url);
          if (routing !== undefined && accept(routing)) {
            return { routing, id, fence: fenceOf(last), lease: last };
          }
        }
      } catch {
        // The slot is moving (failover): ask again.
      }
      if (Date.now() > deadline) throw new Error(`no accepted owner; last lease ${last}`);
      await sleep(50);
    }
  }

  close(): void {
    this.client.disconnect();
  }
}

export const holderOf = (lease: string) => lease.slice(0, lease.lastIndexOf(':'));
export const fenceOf = (lease: string) => Number(lease.slice(lease.lastIndexOf(':') + 1));

/**
 * Resumes a session through the first of `urls` that welcomes it, trying them in turn until
 * `timeoutMs` (while the account moves, a process may close the socket with shuttingDown).
 */
export async function resumeSession(
  urls: readonly string[],
  token: string,
  resume: { sessionId: string; lastSeq: number },
  timeoutMs = 10_000,
): Promise<{ client: TestClient; welcome: ServerMessageOf<'welcome'>; attempts: number }> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const url = urls[attempt % urls.length] as string;
    let client: TestClient | null = null;
    try {
      client = await TestClient.open(url);
      client.lastSeq = resume.lastSeq;
      client.sendRaw(helloFrame(token, { resume }));
      const opened = client;
      const welcome = await new Promise<ServerMessage>((resolve, reject) => {
        opened.next((m) => m.type === 'welcome', 5000).then(resolve, reject);
        opened
          .waitClose(5000)
          .then((closed) => reject(new Error(`closed ${closed.code} ${closed.reason}`)))
          .catch(() => undefined);
      });
      return {
        client: opened,
        welcome: welcome as ServerMessageOf<'welcome'>,
        attempts: attempt + 1,
      };
    } catch (err) {
      lastError = `${url}: ${String(err)}`;
      client?.close();
      await sleep(200);
    }
  }
  throw new Error(`the session did not resume within ${timeoutMs} ms (${lastError})`);
}
