/**
 * The lease worker: a worker thread (node:worker_threads) that renews the account leases this
 * process holds, over a Redis connection of its own, so that a long turn of work on the main
 * event loop does not let them lapse. Started by leaseKeeper.ts through leaseWorker.cjs.
 *
 * Every third of a lease it renews each lease it was given, if the main thread showed life within
 * the stall limit (leaseClock.ts): a main thread hung longer lets its leases lapse, so that other
 * processes take its accounts. Each renewal Redis confirms is written to the lease's slot as the
 * time it was sent; a renewal refused (the lease lapsed or moved on) is reported, and the lease is
 * not renewed again. The renewal script checks the exact lease (leases.ts), so a lease that lapsed,
 * for instance while the whole process was paused, is never renewed: fencing holds.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LeaseClock } from './leaseClock';
import { Leases } from './leases';
import { RedisConnection } from './redisConnection';

export interface LeaseWorkerData {
  /** The store URL (`redis://` or `redis-cluster://`), as the main thread's connection has it. */
  readonly store: string;
  readonly prefix: string;
  readonly ttlMs: number;
  /** How long the main thread may show no life before the leases are left to lapse. */
  readonly stallMs: number;
  readonly shared: SharedArrayBuffer;
}

/** From the main thread. */
export type ToLeaseWorker =
  | {
      readonly type: 'hold';
      readonly slot: number;
      readonly accountId: string;
      readonly lease: string;
    }
  | { readonly type: 'drop'; readonly slot: number }
  | { readonly type: 'close' };

/** To the main thread. */
export type FromLeaseWorker =
  | { readonly type: 'ready' }
  | {
      readonly type: 'lost';
      readonly slot: number;
      readonly accountId: string;
      readonly lease: string;
    }
  | { readonly type: 'dropped'; readonly slot: number }
  | { readonly type: 'stalled'; readonly sinceMs: number };

interface Held {
  readonly accountId: string;
  readonly lease: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connect(store: string, closed: () => boolean): Promise<RedisConnection | null> {
  for (;;) {
    const connection = new RedisConnection(store);
    try {
      await connection.connect();
      return connection;
    } catch {
      // Redis is away for now: the main thread judges by the time of the last renewal.
      if (closed()) return null;
      await sleep(500);
    }
  }
}

async function run(port: NonNullable<typeof parentPort>, data: LeaseWorkerData): Promise<void> {
  const clock = new LeaseClock(data.shared);
  const held = new Map<number, Held>();
  const post = (message: FromLeaseWorker) => port.postMessage(message);
  let closed = false;
  port.on('message', (message: ToLeaseWorker) => {
    if (message.type === 'hold') {
      held.set(message.slot, { accountId: message.accountId, lease: message.lease });
    } else if (message.type === 'drop') {
      held.delete(message.slot);
      post({ type: 'dropped', slot: message.slot });
    } else {
      closed = true;
    }
  });
  const connection = await connect(data.store, () => closed);
  if (connection === null) return;
  const leases = new Leases(connection, data.prefix, data.ttlMs);
  post({ type: 'ready' });

  let stalled = false;
  const renewAll = async () => {
    const sentAt = Date.now();
    const since = sentAt - clock.heartbeat();
    if (since > data.stallMs) {
      if (!stalled) post({ type: 'stalled', sinceMs: since });
      stalled = true;
      return;
    }
    stalled = false;
    await Promise.all(
      [...held].map(async ([slot, lease]) => {
        let renewed: boolean;
        try {
          renewed = await leases.renew(lease.accountId, lease.lease);
        } catch {
          return; // unreachable: tried again next round, while the lease may still hold
        }
        if (held.get(slot) !== lease) return; // dropped meanwhile
        if (renewed) {
          clock.renewed(slot, sentAt);
        } else {
          held.delete(slot);
          post({ type: 'lost', slot, ...lease });
        }
      }),
    );
  };
  const every = data.ttlMs / 3;
  while (!closed) {
    const startedAt = Date.now();
    await renewAll();
    await sleep(Math.max(0, every - (Date.now() - startedAt)));
  }
  await connection.close();
}

if (parentPort !== null) {
  const port = parentPort;
  void run(port, workerData as LeaseWorkerData).then(() => port.close());
}
