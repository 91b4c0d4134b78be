/**
 * Starts a real routing service on 127.0.0.1 (free port) for a test file, with an admin client and
 * helpers to create accounts, services and agents and to connect agents. Stopped by `stop()`.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { Channel, Customer, Interaction, RecordRef, Settings } from '../../src/protocol';
import type { AgentSpec } from '../../src/routing/engine/engine';
import { DEFAULT_SETTINGS } from '../../src/routing/engine/engine';
import type { RunningService } from '../../src/routing/start';
import { startRoutingService } from '../../src/routing/start';
import type { AdmissionLimits } from '../../src/routing/server/admission';
import { DEFAULT_ADMISSION_LIMITS } from '../../src/routing/server/admission';
import type { ConnectionOptions } from '../../src/routing/server/agentSocket';
import { DEFAULT_CONNECTION_OPTIONS } from '../../src/routing/server/agentSocket';
import type { SessionLimits } from '../../src/routing/server/session';
import { DEFAULT_SESSION_LIMITS } from '../../src/routing/server/session';
import type { RedisCluster } from '../support/redisCluster';
import { startRedisCluster } from '../support/redisCluster';
import type { RedisServer } from '../support/redisServer';
import { startRedisServer } from '../support/redisServer';
import { made, triedAgain } from '../support/tryAgain';
import { TestClient } from './client';

/**
 * The store the suite runs against: `memory`, `redis` (a redis-server of its own per harness) or
 * `cluster` (a Redis Cluster of its own per harness: 3 masters, 1 replica each), chosen by
 * CONFORMANCE_STORE (jest projects `conformance`, `conformance-redis` and `conformance-cluster`).
 */
export type ConformanceStore = 'memory' | 'redis' | 'cluster';
export const CONFORMANCE_STORE: ConformanceStore =
  process.env['CONFORMANCE_STORE'] === 'redis'
    ? 'redis'
    : process.env['CONFORMANCE_STORE'] === 'cluster'
      ? 'cluster'
      : 'memory';

/** The store's `kind` in /health: a Redis Cluster is a Redis store too. */
export const CONFORMANCE_STORE_KIND: 'memory' | 'redis' =
  CONFORMANCE_STORE === 'memory' ? 'memory' : 'redis';

/** A shared store of the kind CONFORMANCE_STORE names, for a harness or a test of its own. */
export interface ConformanceStoreServer {
  /** What `ServiceOptions.store` takes. */
  readonly url: string;
  readonly redis: RedisServer | null;
  readonly cluster: RedisCluster | null;
  dispose(): Promise<void>;
}

/** Starts the store CONFORMANCE_STORE names; null for `memory` (the service keeps its own). */
export async function startConformanceStore(): Promise<ConformanceStoreServer | null> {
  if (CONFORMANCE_STORE === 'redis') {
    const redis = await startRedisServer();
    return { url: redis.url, redis, cluster: null, dispose: () => redis.dispose() };
  }
  if (CONFORMANCE_STORE === 'cluster') {
    const cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1 });
    return { url: cluster.url, redis: null, cluster, dispose: () => cluster.dispose() };
  }
  return null;
}

/** What the admin API answers: JSON, read loosely by tests. */
export interface ApiBody {
  readonly error?: {
    readonly code: string;
    readonly message: string;
    readonly field: string | null;
  };
  readonly [key: string]: unknown;
}

export interface HttpResult<T = ApiBody> {
  readonly status: number;
  readonly body: T;
}

/** Settings with features and weights given in part. */
export type SettingsPatch = Partial<Omit<Settings, 'features' | 'weights'>> & {
  readonly features?: Partial<Settings['features']>;
  readonly weights?: Partial<Settings['weights']>;
};

export interface ArrivalBody {
  readonly channel: Channel;
  readonly serviceId: string;
  readonly customer?: Partial<Customer>;
  readonly record?: RecordRef | null;
  readonly searchKeys?: readonly string[];
  readonly subject?: string | null;
  readonly priority?: number;
}

export interface AgentInput {
  readonly id: string;
  readonly name?: string;
  readonly services?: readonly string[];
  readonly weights?: Partial<Settings['weights']>;
  readonly state?: AgentSpec['state'];
}

export interface Harness {
  readonly service: RunningService;
  readonly adminKey: string;
  readonly signingKey: Uint8Array;
  /** Calls the admin or simulator API; returns status and parsed body. */
  http<T = ApiBody>(
    method: string,
    path: string,
    body?: unknown,
    key?: string | null,
  ): Promise<HttpResult<T>>;
  account(id: string, settings?: SettingsPatch): Promise<void>;
  addService(accountId: string, id: string, name?: string): Promise<void>;
  agent(accountId: string, spec: AgentInput): Promise<void>;
  /**
   * A fresh account (unique id) with services and agents, so tests do not share state. Returns its
   * id.
   */
  world(spec: {
    settings?: SettingsPatch;
    services?: readonly string[];
    agents?: readonly AgentInput[];
  }): Promise<string>;
  token(accountId: string, agentId: string, ttlSeconds?: number): Promise<string>;
  /** Connects an agent (a fresh session). */
  connect(accountId: string, agentId: string): Promise<TestClient>;
  /** A customer contact arrives (simulator). */
  arrive(accountId: string, arrival: ArrivalBody): Promise<Interaction>;
  /** PATCH of the account's settings. */
  patchSettings(accountId: string, patch: SettingsPatch): Promise<Settings>;
  /** How an outside number answers. */
  number(number: string, answer: 'auto' | 'never', afterMs: number): Promise<void>;
  /** The next release of an interaction fails or hangs. */
  failRelease(accountId: string, interactionId: string, fault: 'error' | 'hang'): Promise<void>;
  /** Interactions waiting at a service. */
  waiting(accountId: string, serviceId: string): Promise<number>;
  /** Every client opened through the harness is closed by stop(). */
  track(client: TestClient): TestClient;
  stop(): Promise<void>;
}

let worlds = 0;

export function fullSettings(settings: SettingsPatch = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    ...settings,
    features: { ...DEFAULT_SETTINGS.features, ...settings.features },
    weights: { ...DEFAULT_SETTINGS.weights, ...settings.weights },
  };
}

export async function startHarness(
  options: {
    connection?: Partial<ConnectionOptions>;
    sessions?: Partial<SessionLimits>;
    admission?: Partial<AdmissionLimits>;
  } = {},
): Promise<Harness> {
  const adminKey = randomBytes(24).toString('hex');
  const signingKey = randomBytes(32);
  const store = await startConformanceStore();
  let service: RunningService;
  try {
    service = await startRoutingService({
      ...(store === null ? {} : { store: store.url }),
      host: '127.0.0.1',
      port: 0,
      adminKey,
      signingKey,
      tokenTtlSeconds: 600,
      logger: pino({ level: 'silent' }),
      // The tests' webhook receivers listen on 127.0.0.1.
      allowPrivateWebhooks: true,
      connection: {
        ...DEFAULT_CONNECTION_OPTIONS,
        heartbeatSeconds: 15,
        commandsPerSecond: 200,
        commandBurst: 400,
        ...options.connection,
      },
      sessions: { ...DEFAULT_SESSION_LIMITS, ...options.sessions },
      admission: { ...DEFAULT_ADMISSION_LIMITS, ...options.admission },
    });
  } catch (err) {
    // No redis-server left behind when the service does not start.
    await store?.dispose();
    throw err;
  }
  const clients: TestClient[] = [];

  const http = async <T = ApiBody>(
    method: string,
    path: string,
    body?: unknown,
    key: string | null = adminKey,
  ): Promise<HttpResult<T>> => {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      },
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T };
  };
  const expectOk = (result: HttpResult<unknown>, what: string) => {
    if (result.status >= 300)
      throw new Error(`${what}: ${result.status} ${JSON.stringify(result.body)}`);
  };

  /** A record of a test's world, made once though tried again (tryAgain.ts). */
  const make = async (what: string, path: string, body: unknown) => {
    const answer = await triedAgain(() => http('POST', path, body));
    if (!made(answer)) expectOk(answer.result, what);
  };

  const harness: Harness = {
    service,
    adminKey,
    signingKey,
    http,
    async account(id, settings = {}) {
      await make('account', '/admin/accounts', { id, name: id, settings: fullSettings(settings) });
    },
    async addService(accountId, id, name = id) {
      await make('service', `/admin/accounts/${accountId}/services`, { id, name });
    },
    async agent(accountId, spec) {
      await make('agent', `/admin/accounts/${accountId}/agents`, {
        id: spec.id,
        name: spec.name ?? spec.id,
        services: spec.services ?? [],
        weights:
          spec.weights === undefined
            ? null
            : { live: null, 'semi-live': null, 'non-live': null, ...spec.weights },
        state: spec.state ?? 'ready',
      });
    },
    async world(spec) {
      const id = `acct-${++worlds}`;
      await harness.account(id, spec.settings);
      for (const serviceId of spec.services ?? []) await harness.addService(id, serviceId);
      for (const agent of spec.agents ?? []) await harness.agent(id, agent);
      return id;
    },
    async token(accountId, agentId, ttlSeconds) {
      const result = await http<{ token: string }>(
        'POST',
        `/admin/accounts/${accountId}/agents/${agentId}/token`,
        { ttlSeconds: ttlSeconds ?? null },
      );
      expectOk(result, 'token');
      return result.body.token;
    },
    async connect(accountId, agentId) {
      const { client, welcome } = await TestClient.connect(
        service.agentUrl,
        await harness.token(accountId, agentId),
      );
      if (welcome.snapshot === null) throw new Error('a fresh session must carry a snapshot');
      return harness.track(client);
    },
    async arrive(accountId, arrival) {
      const result = await http<Interaction>(
        'POST',
        `/simulator/accounts/${accountId}/interactions`,
        {
          customer: {},
          ...arrival,
        },
      );
      expectOk(result, 'arrival');
      return result.body;
    },
    async patchSettings(accountId, patch) {
      const result = await http<Settings>('PATCH', `/admin/accounts/${accountId}/settings`, patch);
      expectOk(result, 'settings');
      return result.body;
    },
    async number(number, answer, afterMs) {
      expectOk(await http('PUT', `/simulator/numbers/${number}`, { answer, afterMs }), 'number');
    },
    async failRelease(accountId, interactionId, fault) {
      expectOk(
        await http(
          'POST',
          `/simulator/accounts/${accountId}/interactions/${interactionId}/fail-release`,
          { fault },
        ),
        'fail-release',
      );
    },
    async waiting(accountId, serviceId) {
      const result = await http<{ serviceId: string; waiting: unknown[] }[]>(
        'GET',
        `/admin/accounts/${accountId}/queues`,
      );
      expectOk(result, 'queues');
      return result.body.find((queue) => queue.serviceId === serviceId)?.waiting.length ?? -1;
    },
    track(client) {
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.close();
      try {
        await service.stop();
      } finally {
        await store?.dispose();
      }
    },
  };
  return harness;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until a condition holds (or fails after timeoutMs). */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 3000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('the condition did not hold in time');
    await sleep(10);
  }
}
