/** A routing process's replica of the Redis store: connected, and loaded with all it holds. */
import { RedisLog } from './redisLog';
import { TrackedStore } from './trackedStore';

export interface RedisReplica {
  readonly log: RedisLog;
  readonly store: TrackedStore;
  /** The version the replica was loaded at. */
  readonly version: number;
}

/** Connects to Redis (StoreUnavailableError when it cannot) and loads the whole state. */
export async function openRedisReplica(url: string, prefix?: string): Promise<RedisReplica> {
  const log = new RedisLog({ url, ...(prefix === undefined ? {} : { prefix }) });
  await log.connect();
  const store = new TrackedStore();
  const { version, changes } = await log.load();
  store.reset(changes);
  return { log, store, version };
}
