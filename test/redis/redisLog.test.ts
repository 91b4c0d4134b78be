/**
 * An account's log on a real redis-server: a commit writes each record once (the hash; the
 * stream names its keys), catching up reads what the entries changed from the hash in one read
 * (deleted records included), entries written with their values (before the stream held keys
 * alone) are still read, and a confirmation waits for the store, its WAIT sent right behind the
 * commit when none is under way.
 */
import { Leases } from '../../src/routing/store/leases';
import { accountKeys } from '../../src/routing/store/keys';
import { RedisConnection } from '../../src/routing/store/redisConnection';
import { RedisLog } from '../../src/routing/store/redisLog';
import type { Change } from '../../src/routing/store/changes';
import { connectedRedis } from './world';

jest.setTimeout(30_000);

describe('an account log on Redis', () => {
  const redis = connectedRedis();

  async function logOn(prefix: string) {
    const lease = (await new Leases(redis.connection, prefix, 10_000).acquire('acme', 'p1'))!;
    return new RedisLog(redis.connection, { prefix, accountId: 'acme', lease });
  }
  const key = (...parts: string[]) => JSON.stringify(parts);
  const commit = (changes: Change[]) => ({ origin: 'p1', changes, effects: [] });
  /** A replica's state after applying changes in order. */
  const applied = (
    base: Map<string, string>,
    entries: readonly { changes: readonly Change[] }[],
  ) => {
    const state = new Map(base);
    for (const { changes } of entries) {
      for (const { key: k, value } of changes) {
        if (value === null) state.delete(k);
        else state.set(k, value);
      }
    }
    return state;
  };

  it('keeps each record once, and catches a replica up from any version to the current state', async () => {
    const log = await logOn('one');
    const states: Map<string, string>[] = [new Map()];
    const history = [
      [
        { key: key('agent', 'a'), value: '{"n":1}' },
        { key: key('agent', 'b'), value: '{"n":1}' },
      ],
      [
        { key: key('agent', 'a'), value: '{"n":2}' },
        { key: key('rank', 'ready', 'b'), value: '[1,2]' },
      ],
      [
        { key: key('agent', 'b'), value: null },
        { key: key('agent', 'c'), value: '{"n":3}' },
      ],
    ];
    for (const [n, changes] of history.entries()) {
      expect(await log.commit(n, commit(changes))).toEqual({ ok: true, version: n + 1 });
      await log.confirm();
      states.push(applied(states[n]!, [{ changes }]));
    }
    // The stream names the keys; the values are in the hash alone.
    const [, fields] = (
      await redis.connection.client.xrange(accountKeys('one', 'acme').log, '-', '+')
    )[2]!;
    expect(fields).toEqual([
      'origin',
      'p1',
      'effects',
      '[]',
      'keys',
      `${key('agent', 'b')}\n${key('agent', 'c')}`,
    ]);
    for (let version = 0; version <= 3; version++) {
      const entries = (await log.since(version))!;
      expect(entries.map((entry) => entry.version)).toEqual([1, 2, 3].filter((v) => v > version));
      expect(applied(states[version]!, entries)).toEqual(states[3]);
    }
    expect(await log.load()).toEqual({
      version: 3,
      changes: [...states[3]!].map(([k, value]) => ({ key: k, value })),
    });
  });

  it('catches up over entries written with their values, as the stream held them before', async () => {
    const log = await logOn('two');
    await log.commit(0, commit([{ key: key('agent', 'a'), value: '{"n":1}' }]));
    // An entry as an earlier version wrote it: key and value lines, '' for a deleted record.
    const keys = accountKeys('two', 'acme');
    await redis.connection.client.hset(keys.state, key('agent', 'b'), '{"n":2}');
    await redis.connection.client.hdel(keys.state, key('agent', 'a'));
    await redis.connection.client.xadd(
      keys.log,
      '2-1',
      'origin',
      'old',
      'effects',
      '[]',
      'changes',
      `${key('agent', 'a')}\n\n${key('agent', 'b')}\n{"n":2}`,
    );
    await redis.connection.client.set(keys.version, '2');
    const entries = (await log.since(1))!;
    expect(entries.map((entry) => entry.origin)).toEqual(['old']);
    expect(applied(new Map([[key('agent', 'a'), '{"n":1}']]), entries)).toEqual(
      new Map([[key('agent', 'b'), '{"n":2}']]),
    );
  });

  it('says it cannot catch up when the stream no longer holds every entry', async () => {
    const log = new RedisLog(redis.connection, {
      prefix: 'three',
      accountId: 'acme',
      lease: (await new Leases(redis.connection, 'three', 10_000).acquire('acme', 'p1'))!,
      logLength: 1,
    });
    for (let n = 0; n < 300; n++) {
      await log.commit(n, commit([{ key: key('agent', `a${n}`), value: '{}' }]));
    }
    expect(await log.since(0)).toBeNull();
    expect((await log.since(299))!.map((entry) => entry.version)).toEqual([300]);
  });

  it('confirms at once with no replica asked for, and refuses a confirmation no replica gives', async () => {
    const log = await logOn('four');
    await log.commit(0, commit([{ key: key('agent', 'a'), value: '{}' }]));
    await expect(log.confirm()).resolves.toBeUndefined();
    const asking = new RedisConnection(`${redis.url}?replicas=1`, { confirmMs: 100 });
    await asking.connect();
    try {
      const lease = (await new Leases(asking, 'five', 10_000).acquire('acme', 'p1'))!;
      const waiting = new RedisLog(asking, { prefix: 'five', accountId: 'acme', lease });
      expect(await waiting.commit(0, commit([{ key: key('agent', 'a'), value: '{}' }]))).toEqual({
        ok: true,
        version: 1,
      });
      await expect(waiting.confirm()).rejects.toThrow(/0 of 1 replicas confirmed/);
    } finally {
      await asking.close();
    }
  });

  /**
   * A log whose confirmations ask for a replica this Redis does not have (each WAIT runs its full
   * second), warmed up: the script loaded and the commits' connection made.
   */
  async function askingLog(prefix: string) {
    const asking = new RedisConnection(`${redis.url}?replicas=1`, { confirmMs: 1000 });
    await asking.connect();
    const lease = (await new Leases(asking, prefix, 10_000).acquire('acme', 'p1'))!;
    const log = new RedisLog(asking, { prefix, accountId: 'acme', lease });
    const change = (n: number) => commit([{ key: key('agent', 'a'), value: `{"n":${n}}` }]);
    await log.commit(0, change(0));
    await expect(log.confirm()).rejects.toThrow(/0 of 1/);
    return { log, change, close: () => asking.close() };
  }
  /** Connections Redis holds in a WAIT now. */
  const waiting = async () =>
    ((await redis.connection.client.client('LIST')) as string)
      .split('\n')
      .filter((line) => / flags=b .* cmd=wait /.test(line)).length;

  it('sends the WAIT right behind a commit while no confirmation is under way', async () => {
    const { log, change, close } = await askingLog('six');
    try {
      expect(await waiting()).toBe(0);
      expect(await log.commit(1, change(1))).toEqual({ ok: true, version: 2 });
      // Answered, and its WAIT already held by Redis before anyone asked for the confirmation.
      expect(await waiting()).toBe(1);
      await expect(log.confirm()).rejects.toThrow(/0 of 1 replicas confirmed/);
      expect(await waiting()).toBe(0);
    } finally {
      await close();
    }
  });

  it('commits while a WAIT is under way without waiting behind it; the next WAIT follows a marker', async () => {
    const { log, change, close } = await askingLog('seven');
    try {
      const marker = accountKeys('seven', 'acme').confirm;
      expect(await log.commit(1, change(1))).toEqual({ ok: true, version: 2 });
      // The first commit's WAIT holds its connection; the next commit is answered meanwhile.
      expect(await log.commit(2, change(2))).toEqual({ ok: true, version: 3 });
      expect(await waiting()).toBe(1);
      expect(await redis.connection.client.get(marker)).toBeNull();
      // Its confirmation is a round of its own, after a marker write there.
      await expect(log.confirm()).rejects.toThrow(/0 of 1 replicas confirmed/);
      expect(await redis.connection.client.get(marker)).not.toBeNull();
    } finally {
      await close();
    }
  });
});
