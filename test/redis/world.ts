/**
 * What the Redis tests share: an admin client for a routing process (or several on one Redis),
 * a seeded account, bounded bursts of arrivals, and checks over the whole state.
 */
import { randomBytes } from 'node:crypto';
import type { Interaction, ServerMessage, Settings } from '../../src/protocol';
import { DEFAULT_SETTINGS } from '../../src/routing/engine/engine';
import pino from 'pino';
import type { Logger } from 'pino';
import type { SessionLimits } from '../../src/routing/server/session';
import type { AgentListing, InteractionListing } from '../../src/routing/service';
import type { RunningService, ServiceOptions } from '../../src/routing/start';
import { startRoutingService } from '../../src/routing/start';
import { RedisConnection } from '../../src/routing/store/redisConnection';
import { TestClient } from '../conformance/client';
import type { RedisServer } from '../support/redisServer';
import { startRedisServer } from '../support/redisServer';
import { made, triedAgain } from '../support/tryAgain';

export const ACCOUNT = 'acme';

/**
 * A redis-server and a connection to it for the tests of one file: started before them, closed
 * and stopped after them. Read its fields inside tests (they are set once it has started).
 */
export function connectedRedis(): { readonly url: string; readonly connection: RedisConnection } {
  let server: RedisServer | undefined;
  let connection: RedisConnection | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
    connection = new RedisConnection(server.url);
    await connection.connect();
  });
  afterAll(async () => {
    await connection?.close();
    await server?.dispose();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the redis-server of this file is not started');
    return value;
  };
  return {
    get url() {
      return started(server).url;
    },
    get connection() {
      return started(connection);
    },
  };
}

export const KEYS = {
  adminKey: randomBytes(24).toString('hex'),
  signingKey: randomBytes(24).toString('hex'),
};

/**
 * Waits until the routing processes at `urls` hold `accounts` accounts between them, unchanged for
 * more than a beat (1.5 s): processes started together place accounts before they all know each
 * other, then hand them over to where they belong.
 */
export async function ownershipSettled(
  urls: readonly string[],
  accounts: number,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let stableSince = 0;
  for (;;) {
    const counts = await Promise.all(
      urls.map(async (url) => {
        const answer = await fetch(`${url}/health`, {
          headers: { authorization: `Bearer ${KEYS.adminKey}` },
        });
        const health = (await answer.json()) as { partitions?: number };
        return health.partitions ?? -1;
      }),
    );
    const key = counts.join(',');
    const held = counts.reduce((sum, count) => sum + count, 0);
    if (held !== accounts || key !== last) stableSince = 0;
    else if (stableSince === 0) stableSince = Date.now();
    last = key;
    if (stableSince > 0 && Date.now() - stableSince >= 1500) return;
    if (Date.now() > deadline) {
      throw new Error(`ownership did not settle: accounts held per process ${key}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A routing service in this process on `store` (a redis:// URL), on 127.0.0.1 and a free port. */
export function startOn(
  store: string,
  options: { logger?: Logger; sessions?: SessionLimits; leaseMs?: number } = {},
): Promise<RunningService> {
  const service: ServiceOptions = {
    host: '127.0.0.1',
    port: 0,
    adminKey: KEYS.adminKey,
    signingKey: new TextEncoder().encode(KEYS.signingKey),
    tokenTtlSeconds: 600,
    logger: options.logger ?? pino({ level: 'silent' }),
    store,
    ...(options.sessions === undefined ? {} : { sessions: options.sessions }),
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
  };
  return startRoutingService(service);
}

/** Multi-interaction routing with small weights, so that agents hold many interactions each. */
export const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  wrapSeconds: 0,
  weights: { live: 100, 'semi-live': 10, 'non-live': 5 },
};

/** An answer from 300 up, as an Error that names the call. */
const failure = (method: string, path: string, result: { status: number; body: unknown }) =>
  new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);

export class Admin {
  constructor(readonly url: string) {}

  async call<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${KEYS.adminKey}`,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
  }

  /** The answer, or an Error for any status from 300 up (`unavailable` tried again: tryAgain.ts). */
  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { result } = await triedAgain(() => this.call<T>(method, path, body));
    if (result.status >= 300) throw failure(method, path, result);
    return result.body;
  }

  /** Makes something with an id of its own (made once though tried again: tryAgain.ts). */
  async create(path: string, body: unknown): Promise<void> {
    const answer = await triedAgain(() => this.call('POST', path, body));
    if (!made(answer)) throw failure('POST', path, answer.result);
  }

  async seed(agents: number): Promise<void> {
    await this.create('/admin/accounts', { id: ACCOUNT, name: 'Acme', settings: SETTINGS });
    for (const id of ['sales', 'support']) {
      await this.create(`/admin/accounts/${ACCOUNT}/services`, { id, name: id });
    }
    for (let n = 0; n < agents; n++) {
      await this.create(`/admin/accounts/${ACCOUNT}/agents`, {
        id: agentId(n),
        name: `Agent ${n}`,
        services: ['sales', 'support'],
        weights: null,
        state: 'ready',
      });
    }
  }

  async token(agent: string): Promise<string> {
    const issued = await this.ok<{ token: string }>(
      'POST',
      `/admin/accounts/${ACCOUNT}/agents/${agent}/token`,
      { ttlSeconds: null },
    );
    return issued.token;
  }

  async connect(agentUrl: string, agent: string): Promise<TestClient> {
    const { client } = await TestClient.connect(agentUrl, await this.token(agent));
    return client;
  }

  /** `count` arrivals, `parallel` at a time; the ones the service acknowledged. */
  async arrivals(
    count: number,
    parallel = 25,
    from = 0,
    progress: (created: number) => void = () => {},
  ): Promise<Interaction[]> {
    const created: Interaction[] = [];
    for (let start = 0; start < count; start += parallel) {
      const batch = Array.from({ length: Math.min(parallel, count - start) }, (_, i) => {
        const n = from + start + i;
        return this.call<Interaction>('POST', `/simulator/accounts/${ACCOUNT}/interactions`, {
          channel: n % 3 === 0 ? 'chat' : n % 3 === 1 ? 'email' : 'case',
          serviceId: n % 2 === 0 ? 'sales' : 'support',
          customer: { name: `Customer ${n}`, email: `c${n}@example.com` },
        });
      });
      for (const result of await Promise.allSettled(batch)) {
        if (result.status === 'fulfilled' && result.value.status === 201) {
          created.push(result.value.body);
        }
      }
      progress(created.length);
    }
    return created;
  }

  /** Every interaction of the account, by id. */
  async interactions(): Promise<InteractionListing[]> {
    const listed = await this.ok<InteractionListing[]>(
      'GET',
      `/admin/accounts/${ACCOUNT}/interactions`,
    );
    return listed.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Every agent of the account, by id. */
  async agents(): Promise<AgentListing[]> {
    const listed = await this.ok<AgentListing[]>('GET', `/admin/accounts/${ACCOUNT}/agents`);
    return listed.sort((a, b) => a.id.localeCompare(b.id));
  }
}

export const agentId = (n: number) => `agent-${n}`;

/**
 * Throws unless no interaction is held twice and no agent holds more than its capacity, and (when
 * both listings were read at one state: `sameState`) every agent's list holds what names them.
 */
export function checkAssignments(
  interactions: readonly InteractionListing[],
  agents: readonly AgentListing[],
  sameState = true,
): void {
  const weight = (interaction: InteractionListing) => SETTINGS.weights[interaction.kind];
  const held = new Map<string, number>();
  for (const interaction of interactions) {
    if (interaction.place.kind !== 'assigned') continue;
    // A routed interaction has one agent; two only for a consult leg between agents.
    if (interaction.agentIds.length !== 1 && interaction.consultId === null) {
      throw new Error(`${interaction.id} is held by ${interaction.agentIds.join(', ')}`);
    }
    for (const agent of interaction.agentIds) {
      held.set(agent, (held.get(agent) ?? 0) + weight(interaction));
    }
  }
  for (const agent of agents) {
    const used = held.get(agent.id) ?? 0;
    if (used > 100) throw new Error(`${agent.id} holds ${used}% of their capacity`);
    if (!sameState) continue;
    const listed = new Set(agent.interactionIds);
    for (const interaction of interactions) {
      if (interaction.agentIds.includes(agent.id) && !listed.has(interaction.id)) {
        throw new Error(`${interaction.id} names ${agent.id}, whose list lacks it`);
      }
    }
  }
}

/** The interactions a client holds, from the events it received (snapshot, added, removed). */
export function heldFrom(messages: readonly ServerMessage[], start: Iterable<string>): Set<string> {
  const held = new Set(start);
  for (const message of messages) {
    if (message.type === 'interaction.added') held.add(message.interaction.id);
    else if (message.type === 'interaction.removed') held.delete(message.interactionId);
    else if (message.type === 'snapshot') {
      held.clear();
      for (const interaction of message.snapshot.interactions) held.add(interaction.id);
    }
  }
  return held;
}
