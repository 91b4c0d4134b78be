/**
 * A long turn of work on a routing process on a real redis-server: one that holds the main event
 * loop for twice the lease keeps its account and commits (the leases are renewed from a worker
 * thread), and one that holds it past the stall limit loses the account: its lease lapses and its
 * commit is refused (fencing).
 */
import pino from 'pino';
import type { Engine } from '../../src/routing/engine/engine';
import type { RunningService } from '../../src/routing/start';
import { startRoutingService } from '../../src/routing/start';
import { accountKeys } from '../../src/routing/store/keys';
import { RedisConnection } from '../../src/routing/store/redisConnection';
import type { RedisServer } from '../support/redisServer';
import { startRedisServer } from '../support/redisServer';
import { ACCOUNT, Admin, KEYS, SETTINGS } from './world';

jest.setTimeout(90_000);

/** Holds the main thread's event loop, as a long turn of work does. */
function block(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy
  }
}

describe('a long turn of work on Redis', () => {
  let redis: RedisServer;
  let connection: RedisConnection;
  const services: RunningService[] = [];

  const start = async (prefix: string, times: { leaseMs?: number; stallMs?: number } = {}) => {
    const service = await startRoutingService({
      host: '127.0.0.1',
      port: 0,
      adminKey: KEYS.adminKey,
      signingKey: new TextEncoder().encode(KEYS.signingKey),
      tokenTtlSeconds: 600,
      logger: pino({ level: 'silent' }),
      store: redis.url,
      storePrefix: prefix,
      ...times,
    });
    services.push(service);
    await service.routing.run(
      ACCOUNT,
      (engine) => engine.createAccount(ACCOUNT, 'Acme', SETTINGS),
      undefined,
      'create',
    );
    return service;
  };
  const lease = (prefix: string) => connection.client.get(accountKeys(prefix, ACCOUNT).lease);
  /** A turn that holds the event loop for `ms`, then creates a service. */
  const longTurn = (ms: number, id: string) => (engine: Engine) => {
    block(ms);
    engine.createService(ACCOUNT, id, id);
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    connection = new RedisConnection(redis.url);
    await connection.connect();
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await connection?.close();
    await redis?.dispose();
  });

  it('keeps its account through a turn twice the lease, and the commit lands', async () => {
    const service = await start('busy'); // the default lease, 3 s
    const before = await lease('busy');
    expect(before).not.toBeNull();
    await service.routing.run(ACCOUNT, longTurn(2 * 3000 + 500, 'sales'));
    expect(service.routing.partitions.local(ACCOUNT)).toBeDefined();
    expect(await lease('busy')).toBe(before);
    const services = await new Admin(service.url).ok<{ id: string }[]>(
      'GET',
      `/admin/accounts/${ACCOUNT}/services`,
    );
    expect(services.map(({ id }) => id)).toEqual(['sales']);
  });

  it('loses its account when a turn holds the main thread past the stall limit', async () => {
    const leaseMs = 1000;
    const stallMs = 1500;
    const service = await start('stalled', { leaseMs, stallMs });
    const before = await lease('stalled');
    await expect(
      service.routing.run(ACCOUNT, longTurn(stallMs + leaseMs + 2000, 'sales')),
    ).rejects.toMatchObject({ code: 'unavailable' });
    // The lease lapsed meanwhile; the account is taken again, under a new lease.
    const services = await new Admin(service.url).ok<{ id: string }[]>(
      'GET',
      `/admin/accounts/${ACCOUNT}/services`,
    );
    expect(services).toEqual([]);
    const after = await lease('stalled');
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
  });
});
