import { parseRedisUrl } from './redisConnection';
import { StoreUnavailableError } from './sharedLog';

describe('parseRedisUrl', () => {
  it('reads a single Redis, with or without a replica count', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6380/2')).toEqual({
      cluster: false,
      nodes: [{ host: '127.0.0.1', port: 6380 }],
      replicas: null,
    });
    expect(parseRedisUrl('rediss://cache.internal?replicas=1')).toMatchObject({
      nodes: [{ host: 'cache.internal', port: 6379 }],
      replicas: 1,
    });
  });

  it('reads a cluster as its seed nodes', () => {
    expect(parseRedisUrl('redis-cluster://10.0.0.1:7000,10.0.0.2:7001,10.0.0.3')).toEqual({
      cluster: true,
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: '10.0.0.3', port: 6379 },
      ],
      replicas: null,
    });
    expect(parseRedisUrl('redis-cluster://127.0.0.1:7000?replicas=2').replicas).toBe(2);
  });

  it('refuses what is not a Redis URL, with a typed error', () => {
    for (const bad of [
      'http://127.0.0.1:6379',
      'redis-cluster://127.0.0.1:99999',
      'memcached://x',
    ]) {
      expect(() => parseRedisUrl(bad)).toThrow(StoreUnavailableError);
    }
  });
});
