/**
 * Opens where routing state lives, as `ServiceOptions.store` names it: `memory` (one partition for
 * every account, in this process) or Redis, single or Cluster (each account its own partition, on
 * the process that holds its lease; ownership.ts). What start.ts builds the service from.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DEFAULT_REPLICATION_LIMITS } from '../runner';
import type { SessionLimits } from '../server/session';
import type { StoreParts } from '../service';
import { LeaseKeeper } from '../store/leaseKeeper';
import { Leases } from '../store/leases';
import { MemoryStore } from '../store/memoryStore';
import { RedisConnection } from '../store/redisConnection';
import { RedisLog } from '../store/redisLog';
import { RedisSessionJournal } from '../store/redisSessionJournal';
import { Registry } from '../store/registry';
import { TrackedStore } from '../store/trackedStore';
import { Ownership } from './ownership';
import { Partition } from './partition';
import { OnePartition } from './partitions';

/** How long an account's lease lasts unless renewed: how soon a dead process's accounts move. */
export const DEFAULT_LEASE_MS = 3000;

export interface StoreChoice {
  /** `memory`, a `redis://` URL, or `redis-cluster://host:port,...` (redisConnection.ts). */
  readonly store: string;
  /** Key prefix in Redis, so that several routing services (or tests) can share one. */
  readonly prefix: string;
  readonly leaseMs: number;
  /**
   * How long the main thread may show no life before its leases are left to lapse
   * (store/leaseKeeper.ts).
   */
  readonly stallMs: number;
  readonly sessions: SessionLimits;
  readonly log: Logger;
}

export interface OpenedStore {
  readonly parts: StoreParts;
  /** Starts serving accounts once the process listens at `url` (shared stores). */
  start(url: string): Promise<void>;
  close(): Promise<void>;
}

export async function openStore(choice: StoreChoice): Promise<OpenedStore> {
  const origin = `routing-${randomUUID().slice(0, 8)}`;
  if (choice.store === 'memory') {
    return {
      parts: {
        origin,
        journal: null,
        partitions: (hooks) =>
          new OnePartition(new Partition(null, new MemoryStore(), null, hooks, origin)),
      },
      start: () => Promise.resolve(),
      close: () => Promise.resolve(),
    };
  }
  const connection = new RedisConnection(choice.store);
  await connection.connect();
  const { prefix, sessions } = choice;
  const journal = new RedisSessionJournal(connection.client, {
    prefix,
    owner: origin,
    replayEvents: sessions.replayEvents,
    answers: sessions.answers,
    ttlSeconds: Math.max(600, Math.ceil((2 * sessions.retentionMs) / 1000)),
    now: () => Date.now(),
  });
  let ownership: Ownership | null = null;
  const parts: StoreParts = {
    origin,
    journal,
    partitions: (hooks, left) =>
      (ownership = new Ownership({
        connection,
        prefix,
        registry: new Registry(connection, prefix),
        leases: new Leases(connection, prefix, choice.leaseMs),
        keeper: new LeaseKeeper({
          store: choice.store,
          prefix,
          ttlMs: choice.leaseMs,
          stallMs: choice.stallMs,
          log: choice.log,
        }),
        id: origin,
        log: choice.log,
        left,
        open: async (accountId, lease) => {
          const log = new RedisLog(connection, { prefix, accountId, lease });
          const tracked = new TrackedStore();
          const { version, changes } = await log.load();
          tracked.reset(changes);
          // The effects of recent commits, for sessions that resume here.
          const recent = await log.recent(DEFAULT_REPLICATION_LIMITS.remembered);
          return new Partition(
            accountId,
            tracked,
            { tracked, log, version, recent },
            hooks,
            origin,
          );
        },
      })),
  };
  connection.onReachable((reachable) => {
    if (reachable) choice.log.info({ store: connection.description }, 'routing store reachable');
    else choice.log.error({ store: connection.description }, 'routing store unreachable');
  });
  choice.log.info({ store: connection.description }, 'routing store connected');
  return {
    parts,
    start: (url) => ownership?.start(url) ?? Promise.resolve(),
    close: () => connection.close(),
  };
}
