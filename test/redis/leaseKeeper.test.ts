/**
 * Lease renewal from a worker thread (store/leaseKeeper.ts) on a real redis-server: a main thread
 * busy for twice the lease keeps its lease, one that shows no life past the stall limit lets it
 * lapse, a renewal refused (the lease moved on) is reported, and a worker that dies is replaced.
 */
import type { Worker } from 'node:worker_threads';
import pino from 'pino';
import type { HeldLease } from '../../src/routing/store/leaseKeeper';
import { LeaseKeeper } from '../../src/routing/store/leaseKeeper';
import { Leases } from '../../src/routing/store/leases';
import { RedisConnection } from '../../src/routing/store/redisConnection';
import type { RedisServer } from '../support/redisServer';
import { startRedisServer } from '../support/redisServer';

jest.setTimeout(60_000);

/** Holds the main thread's event loop, as a long turn of work does. */
function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('lease renewal from a worker thread', () => {
  let redis: RedisServer;
  let connection: RedisConnection;
  const keepers: LeaseKeeper[] = [];

  /** A keeper whose refused renewals land in `lost`. */
  const start = async (prefix: string, ttlMs: number, stallMs: number) => {
    const keeper = new LeaseKeeper({
      store: redis.url,
      prefix,
      ttlMs,
      stallMs,
      log: pino({ level: 'silent' }),
    });
    keepers.push(keeper);
    const lost: HeldLease[] = [];
    await keeper.start((held) => lost.push(held));
    return { keeper, lost, leases: new Leases(connection, prefix, ttlMs) };
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    connection = new RedisConnection(redis.url);
    await connection.connect();
  });

  afterAll(async () => {
    await Promise.all(keepers.map((keeper) => keeper.stop()));
    await connection?.close();
    await redis?.dispose();
  });

  it('keeps a lease while the main thread is busy for twice the lease', async () => {
    const ttlMs = 3000;
    const { keeper, lost, leases } = await start('busy', ttlMs, 30_000);
    const takenAt = Date.now();
    const lease = (await leases.acquire('acme', 'p1'))!;
    const held = keeper.hold('acme', lease, takenAt);
    block(2 * ttlMs + 500);
    // Renewed by the worker meanwhile: recent, as this thread sees it at once.
    expect(Date.now() - keeper.renewedAt(held)).toBeLessThan(ttlMs);
    expect(await leases.renew('acme', lease)).toBe(true);
    expect(lost).toEqual([]);
    expect(keeper.holds(held)).toBe(true);

    // Dropped: renewed no more, so it lapses.
    keeper.drop(held);
    expect(keeper.renewedAt(held)).toBe(0);
    await sleep(ttlMs + 1500);
    expect(await leases.holder('acme')).toBeNull();
    expect(lost).toEqual([]);
  });

  it('lets the leases lapse when the main thread shows no life past the stall limit', async () => {
    const ttlMs = 1000;
    const stallMs = 1500;
    const { keeper, lost, leases } = await start('stall', ttlMs, stallMs);
    const lease = (await leases.acquire('acme', 'p1'))!;
    const held = keeper.hold('acme', lease, Date.now());
    // Renewed only until the stall limit: lapsed well before the thread is back.
    const blockedAt = Date.now();
    block(stallMs + ttlMs + 1500);
    expect(keeper.renewedAt(held) - blockedAt).toBeLessThan(stallMs + 200);
    expect(await leases.renew('acme', lease)).toBe(false);
    // Once the thread shows life again the worker tries, is refused, and says so.
    const until = Date.now() + 10_000;
    while (lost.length === 0 && Date.now() < until) await sleep(50);
    expect(lost).toEqual([held]);
    expect(keeper.holds(held)).toBe(false);
    expect(await leases.acquire('acme', 'p2')).toBe('p2:2');
  });

  it('reports a lease that moved on, and renews the others', async () => {
    const ttlMs = 1000;
    const { keeper, lost, leases } = await start('moved', ttlMs, 30_000);
    const moved = keeper.hold('acme', (await leases.acquire('acme', 'p1'))!, Date.now());
    const kept = keeper.hold('globex', (await leases.acquire('globex', 'p1'))!, Date.now());
    await leases.release('acme', moved.lease);
    expect(await leases.acquire('acme', 'p2')).toBe('p2:2');
    const until = Date.now() + 10_000;
    while (lost.length === 0 && Date.now() < until) await sleep(50);
    expect(lost).toEqual([moved]);
    // Nobody renews p2's lease here; p1's other lease outlives a few lease times.
    await sleep(2 * ttlMs);
    expect(await leases.holder('globex')).toBe('p1');
    expect(Date.now() - keeper.renewedAt(kept)).toBeLessThan(ttlMs);
    // The slot of the lost lease is used again.
    const next = keeper.hold('initech', (await leases.acquire('initech', 'p1'))!, Date.now());
    expect(next.slot).toBe(moved.slot);
  });

  it('replaces a worker that dies, and renews what it renewed', async () => {
    // Long enough for another worker to start on a loaded machine before the lease lapses.
    const ttlMs = 4000;
    const { keeper, lost, leases } = await start('replaced', ttlMs, 30_000);
    const held = keeper.hold('acme', (await leases.acquire('acme', 'p1'))!, Date.now());
    const worker = (keeper as unknown as { worker: Worker }).worker;
    await worker.terminate();
    await sleep(2 * ttlMs);
    expect(await leases.holder('acme')).toBe('p1');
    expect(Date.now() - keeper.renewedAt(held)).toBeLessThan(ttlMs);
    expect((keeper as unknown as { worker: Worker }).worker).not.toBe(worker);
    expect(lost).toEqual([]);
  });
});
