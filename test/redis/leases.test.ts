/**
 * Account leases and fencing on a real redis-server: one holder at a time, each lease a new fence
 * number, a lapsed or released lease never valid again, and a commit under any lease but the
 * current one refused with nothing written.
 */
import { Leases } from '../../src/routing/store/leases';
import { RedisLog } from '../../src/routing/store/redisLog';
import { connectedRedis } from './world';

jest.setTimeout(30_000);

describe('leases and fencing on Redis', () => {
  const redis = connectedRedis();

  const entry = (n: number) => ({
    origin: 'test',
    changes: [{ key: JSON.stringify(['account', 'acme']), value: JSON.stringify({ n }) }],
    effects: [],
  });

  it('gives one holder at a time, a new fence number each time, and none after a release', async () => {
    const leases = new Leases(redis.connection, 'one', 10_000);
    const first = await leases.acquire('acme', 'p1');
    expect(first).toBe('p1:1');
    expect(await leases.acquire('acme', 'p2')).toBeNull();
    expect(await leases.holder('acme')).toBe('p1');
    expect(await leases.renew('acme', first!)).toBe(true);
    await leases.release('acme', 'p2:7'); // not the holder's: nothing happens
    expect(await leases.holder('acme')).toBe('p1');
    await leases.release('acme', first!);
    expect(await leases.holder('acme')).toBeNull();
    expect(await leases.renew('acme', first!)).toBe(false);
    expect(await leases.acquire('acme', 'p2')).toBe('p2:2');
    // Another account has a lease of its own.
    expect(await leases.acquire('globex', 'p1')).toBe('p1:1');
  });

  it('lets a lease lapse unless renewed, and then it is never valid again', async () => {
    const leases = new Leases(redis.connection, 'two', 300);
    const lapsed = await leases.acquire('acme', 'p1');
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await leases.holder('acme')).toBeNull();
    expect(await leases.renew('acme', lapsed!)).toBe(false);
    const next = await leases.acquire('acme', 'p2');
    expect(next).toBe('p2:2');
  });

  it('refuses a commit under a lease that is not the current one, writing nothing', async () => {
    const leases = new Leases(redis.connection, 'three', 10_000);
    const old = (await leases.acquire('acme', 'p1'))!;
    const oldLog = new RedisLog(redis.connection, {
      prefix: 'three',
      accountId: 'acme',
      lease: old,
    });
    expect(await oldLog.commit(0, entry(1))).toEqual({ ok: true, version: 1 });
    await leases.release('acme', old);
    const current = (await leases.acquire('acme', 'p2'))!;
    const log = new RedisLog(redis.connection, {
      prefix: 'three',
      accountId: 'acme',
      lease: current,
    });

    // The old holder wakes up and commits on the version it has: refused, fenced.
    expect(await oldLog.commit(1, entry(2))).toEqual({ ok: false, version: 1, fenced: true });
    expect(await log.load()).toEqual({ version: 1, changes: [entry(1).changes[0]] });

    // The holder commits; a stale version is refused without the fence.
    expect(await log.commit(1, entry(3))).toEqual({ ok: true, version: 2 });
    expect(await log.commit(1, entry(4))).toEqual({ ok: false, version: 2, fenced: false });
    expect((await log.since(0))?.map((e) => e.version)).toEqual([1, 2]);
  });
});
