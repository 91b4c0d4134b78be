/**
 * The scale-out benchmark's routing processes: `count` real processes (test/support) on one store
 * under a fresh key prefix, a keep-alive HTTP client of each, the benchmark's accounts seeded
 * through the first (the others get theirs forwarded), the wait until every account is served by
 * exactly one process, and snapshots of what each process says about itself (`/health` with the
 * admin key, and its CPU from `/metrics`).
 */
import { DEFAULT_SETTINGS } from '../../../src/routing/engine/engine';
import { accountKeys, serviceKeys } from '../../../src/routing/store/keys';
import { holderOf } from '../../../src/routing/store/leases';
import { RedisConnection } from '../../../src/routing/store/redisConnection';
import type { RoutingProcess } from '../../../test/support/routingProcess';
import { startRoutingProcess } from '../../../test/support/routingProcess';
import type { JsonClient } from '../jsonClient';
import { jsonClient } from '../jsonClient';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const nowMs = () => performance.now();

export type ApiClient = JsonClient;

export const ACCOUNTS = Array.from({ length: 8 }, (_, n) => `acct-${n}`);
export const SERVICES = ['sales', 'support'];

/** What one process says about itself at one moment. */
export interface ProcessSnapshot {
  readonly decisions: number;
  readonly refusedCommits: number;
  readonly partitions: number;
  readonly sessions: number;
  /** process.cpuUsage() user + system, in seconds (prom-client's default metrics). */
  readonly cpuSeconds: number;
}

export interface Snapshot {
  readonly at: number;
  readonly processes: readonly ProcessSnapshot[];
}

interface Health {
  decisions: number;
  refusedCommits: number;
  partitions: number;
  sessions: number;
}

function metric(text: string, name: string): number {
  const line = text.split('\n').find((each) => each.startsWith(`${name} `));
  if (line === undefined) throw new Error(`/metrics has no ${name}`);
  return Number(line.slice(name.length + 1).split(' ')[0]);
}

export interface Fleet {
  readonly processes: readonly RoutingProcess[];
  readonly apis: readonly ApiClient[];
  /** Creates the accounts (services, `agentsPerAccount` Ready agents each); the agents' tokens. */
  seed(agentsPerAccount: number): Promise<{ accountId: string; token: string }[][]>;
  /** Waits until every account is served by exactly one process; the accounts per process. */
  settle(timeoutMs?: number): Promise<number[]>;
  health(): Promise<Health[]>;
  /**
   * The process (index) holding each account's lease now, read from the store (the lease keys and
   * the members' addresses), for runs that send everything to the owner directly.
   */
  owners(): Promise<number[]>;
  snapshot(): Promise<Snapshot>;
  /** What the processes last printed (for failures). */
  output(): string;
  stop(): Promise<void>;
}

/** Agents hold many interactions each (small weights): work does not wait for capacity. */
export const SETTINGS = {
  ...DEFAULT_SETTINGS,
  wrapSeconds: 0,
  weights: { live: 100, 'semi-live': 5, 'non-live': 5 },
};

export async function startFleet(options: {
  readonly store: string;
  readonly prefix: string;
  readonly count: number;
  readonly adminKey: string;
  readonly signingKey: string;
  readonly maxSockets?: number;
}): Promise<Fleet> {
  const started = await Promise.allSettled(
    Array.from({ length: options.count }, () =>
      startRoutingProcess({
        store: options.store,
        prefix: options.prefix,
        adminKey: options.adminKey,
        signingKey: options.signingKey,
        // The lease lasts 3 s: each process beats (renews, hands over, takes) every second.
        env: { LOG_LEVEL: 'warn', ROUTING_LEASE_MS: '3000' },
      }),
    ),
  );
  const processes = started.flatMap((each) => (each.status === 'fulfilled' ? [each.value] : []));
  const failed = started.find((each) => each.status === 'rejected');
  if (failed !== undefined) {
    await Promise.all(processes.map((each) => each.kill()));
    throw (failed as PromiseRejectedResult).reason;
  }
  const apis = processes.map((each) =>
    jsonClient(each.url, options.adminKey, {
      maxSockets: options.maxSockets,
      retryUnavailableMs: 10_000,
    }),
  );
  const first = apis[0] as ApiClient;

  const health = () =>
    Promise.all(apis.map((api) => api.must<Health>('GET', '/health').catch(() => null))).then(
      (all) => {
        const missing = all.findIndex((each) => each === null);
        if (missing >= 0) throw new Error(`process ${missing} did not answer /health`);
        return all as Health[];
      },
    );

  return {
    processes,
    apis,
    health,

    async seed(agentsPerAccount) {
      // Every process beats once with all the others alive before accounts are placed.
      await sleep(1500);
      const tokens: { accountId: string; token: string }[][] = [];
      for (const accountId of ACCOUNTS) {
        await first.must('POST', '/admin/accounts', {
          id: accountId,
          name: accountId,
          settings: SETTINGS,
        });
        for (const id of SERVICES)
          await first.must('POST', `/admin/accounts/${accountId}/services`, { id, name: id });
        const agents = Array.from({ length: agentsPerAccount }, (_, n) => `agent-${n}`);
        for (const id of agents) {
          await first.must('POST', `/admin/accounts/${accountId}/agents`, {
            id,
            name: id,
            services: SERVICES,
            weights: null,
            state: 'ready',
          });
        }
        const issued = await Promise.all(
          agents.map((id) =>
            first.must<{ token: string }>(
              'POST',
              `/admin/accounts/${accountId}/agents/${id}/token`,
              {
                ttlSeconds: null,
              },
            ),
          ),
        );
        tokens.push(issued.map(({ token }) => ({ accountId, token })));
      }
      return tokens;
    },

    async settle(timeoutMs = 20_000) {
      // Settled: the counts add up to the accounts and stay so for more than a beat.
      const deadline = Date.now() + timeoutMs;
      let stableSince = 0;
      let last = '';
      let counts: number[] = [];
      for (;;) {
        counts = (await health()).map((each) => each.partitions);
        const key = counts.join(',');
        const sum = counts.reduce((a, b) => a + b, 0);
        if (sum !== ACCOUNTS.length || key !== last) stableSince = 0;
        else if (stableSince === 0) stableSince = Date.now();
        last = key;
        if (stableSince > 0 && Date.now() - stableSince >= 1500) return counts;
        if (Date.now() > deadline)
          throw new Error(
            `ownership did not settle within ${timeoutMs} ms: partitions per process ${key} ` +
              `(want a sum of ${ACCOUNTS.length}, stable for 1.5 s)`,
          );
        await sleep(250);
      }
    },

    async snapshot() {
      const at = nowMs();
      const processes = await Promise.all(
        apis.map(async (api, index) => {
          const [healthAnswer, metrics] = await Promise.all([
            api.must<Health>('GET', '/health'),
            api.call('GET', '/metrics'),
          ]);
          if (metrics.status !== 200)
            throw new Error(`process ${index}: /metrics answered ${metrics.status}`);
          return {
            decisions: healthAnswer.decisions,
            refusedCommits: healthAnswer.refusedCommits,
            partitions: healthAnswer.partitions,
            sessions: healthAnswer.sessions,
            cpuSeconds:
              metric(metrics.text, 'contactpad_process_cpu_user_seconds_total') +
              metric(metrics.text, 'contactpad_process_cpu_system_seconds_total'),
          };
        }),
      );
      return { at: (at + nowMs()) / 2, processes };
    },

    async owners() {
      const connection = new RedisConnection(options.store);
      await connection.connect();
      try {
        const members = await connection.client.hgetall(serviceKeys(options.prefix).members);
        return await Promise.all(
          ACCOUNTS.map(async (accountId) => {
            const lease = await connection.client.get(accountKeys(options.prefix, accountId).lease);
            const member = lease === null ? undefined : members[holderOf(lease)];
            const url = member === undefined ? '' : (JSON.parse(member) as { url: string }).url;
            const index = processes.findIndex((each) => each.url === url);
            if (index < 0) throw new Error(`no process holds ${accountId} (lease ${lease})`);
            return index;
          }),
        );
      } finally {
        await connection.close();
      }
    },

    output: () =>
      processes
        .map((each, n) => `--- routing process ${n} (pid ${each.pid}):\n${each.output()}`)
        .join('\n'),

    async stop() {
      for (const api of apis) api.close();
      // A process buried under its backlog may not stop cleanly: then it is killed.
      await Promise.all(
        processes.map((each) => Promise.race([each.stop(), sleep(10_000).then(() => each.kill())])),
      );
    },
  };
}
