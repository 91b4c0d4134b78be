/**
 * The Redis Cluster harness itself: a real cluster of Debian's redis-server on loopback, reached by
 * ioredis's Cluster client, with keys spread over the masters, a hash tag keeping keys on one slot,
 * and a master killed so that its replica takes over with the replicated data.
 */
import { Cluster, Redis } from 'ioredis';
import type { RedisCluster } from '../support/redisCluster';
import { clusterNodesOf } from '../support/clusterNodes';
import { startRedisCluster } from '../support/redisCluster';

jest.setTimeout(40_000);

describe('a Redis Cluster on loopback', () => {
  let cluster: RedisCluster;
  let client: Cluster;

  beforeAll(async () => {
    cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 1 });
    client = new Cluster(clusterNodesOf(cluster.url), {
      retryDelayOnFailover: 200,
      retryDelayOnClusterDown: 200,
      slotsRefreshTimeout: 2000,
      redisOptions: { connectTimeout: 2000 },
    });
  });

  afterAll(async () => {
    client?.disconnect();
    await cluster?.dispose();
  });

  it('has three masters, each with a replica, every node on loopback', async () => {
    expect(cluster.nodes).toHaveLength(6);
    expect(clusterNodesOf(cluster.url)).toEqual(
      cluster.nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
    );
    const masters = await cluster.masters();
    expect(masters).toHaveLength(3);
    expect(masters.map((master) => master.slots.reduce((n, [a, b]) => n + b - a + 1, 0))).toEqual(
      expect.arrayContaining([5461, 5461, 5462]),
    );
    expect(cluster.nodes.filter((node) => node.role === 'replica')).toHaveLength(3);
    expect(new Set(cluster.nodes.map((node) => node.pid)).size).toBe(6);
  });

  it('spreads keys over the masters, and the client follows the slots', async () => {
    const keys = Array.from({ length: 12 }, (_, i) => `key-${i}`);
    const servedBy = new Set<number>();
    for (const key of keys) {
      await client.set(key, `value of ${key}`);
      servedBy.add(await cluster.masterOf(key));
    }
    expect(servedBy.size).toBe(3);
    for (const key of keys) expect(await client.get(key)).toBe(`value of ${key}`);
    // On the master that serves it, not merely through the client.
    const direct = new Redis({ host: '127.0.0.1', port: await cluster.masterOf('key-0') });
    try {
      expect(await direct.get('key-0')).toBe('value of key-0');
    } finally {
      direct.disconnect();
    }
  });

  it('keeps keys with one hash tag on one slot, where a script may touch them all', async () => {
    expect(await client.cluster('KEYSLOT', '{a}x')).toBe(await client.cluster('KEYSLOT', '{a}y'));
    expect(await cluster.masterOf('{a}x')).toBe(await cluster.masterOf('{a}y'));
    const script =
      "redis.call('SET', KEYS[1], ARGV[1]); redis.call('SET', KEYS[2], ARGV[2]); return redis.call('MGET', KEYS[1], KEYS[2])";
    expect(await client.eval(script, 2, '{a}x', '{a}y', 'one', 'two')).toEqual(['one', 'two']);
    // Keys on different slots: the real cluster refuses the script.
    expect(await client.cluster('KEYSLOT', 'x')).not.toBe(await client.cluster('KEYSLOT', 'y'));
    await expect(client.eval(script, 2, 'x', 'y', 'one', 'two')).rejects.toThrow(/CROSSSLOT/);
  });

  it("fails over: a killed master's replica takes over with the replicated data", async () => {
    const old = await cluster.masterOf('{a}');
    const written = await client.pipeline().set('{a}x', 'replicated').wait(1, 5000).exec();
    expect(written).toEqual([
      [null, 'OK'],
      [null, 1],
    ]);

    await cluster.killMaster(old);
    expect(cluster.nodes.find((node) => node.port === old)).toMatchObject({
      state: 'stopped',
      pid: undefined,
    });
    const successor = await cluster.waitForFailover(old);
    expect(successor).not.toBe(old);
    expect(await cluster.masterOf('{a}x')).toBe(successor);
    expect(cluster.nodes.find((node) => node.port === successor)?.role).toBe('master');

    const promoted = new Redis({ host: '127.0.0.1', port: successor });
    try {
      expect(await promoted.get('{a}x')).toBe('replicated');
    } finally {
      promoted.disconnect();
    }
    expect(await client.get('{a}x')).toBe('replicated');
    expect(await client.get('{a}y')).toBe('two');

    // The old master comes back as a replica of its successor.
    await cluster.restartNode(old);
    expect((await cluster.masters()).map((master) => master.port)).not.toContain(old);
    expect(cluster.nodes.find((node) => node.port === old)?.role).toBe('replica');
  });

  it('fails over a paused master too, which comes back as a replica when resumed', async () => {
    const old = await cluster.masterOf('key-0');
    await cluster.pause(old);
    const successor = await cluster.waitForFailover(old);
    expect(successor).not.toBe(old);
    await cluster.resume(old);
    expect(cluster.nodes.find((node) => node.port === old)).toMatchObject({
      state: 'running',
      role: 'replica',
    });
    expect(await cluster.masters()).toHaveLength(3);
    expect(await client.get('key-0')).toBe('value of key-0');
  });
});
