/**
 * Redis unreachable: the routing service says so (health, logs, typed errors to clients), refuses
 * new work rather than losing it, and recovers by itself when Redis returns.
 */
import pino from 'pino';
import type { RunningService } from '../../src/routing/start';

import { StoreUnavailableError } from '../../src/routing/store/sharedLog';
import type { TestClient } from '../conformance/client';
import { waitFor } from '../conformance/harness';
import type { RedisServer } from '../support/redisServer';
import { freePort, startRedisServer } from '../support/redisServer';
import { ACCOUNT, Admin, agentId, KEYS, startOn } from './world';

jest.setTimeout(60_000);

describe('the routing service when Redis is unreachable', () => {
  let redis: RedisServer;
  let service: RunningService;
  let admin: Admin;
  const logged: string[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
    service = await startOn(redis.url, { logger });
    admin = new Admin(service.url);
    await admin.seed(2);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await service?.stop();
    await redis?.dispose();
  });

  it('refuses to start, saying why, when Redis cannot be reached at all', async () => {
    const port = await freePort();
    await expect(startOn(`redis://127.0.0.1:${port}`)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it('reports it, refuses work with typed errors and changes nothing, then recovers', async () => {
    const ann = await admin.connect(service.agentUrl, agentId(0));
    clients.push(ann);
    const before = await admin.interactions();
    expect((await fetch(`${service.url}/health`)).status).toBe(200);

    await redis.stop();
    await waitFor(async () => (await fetch(`${service.url}/health`)).status === 503, 10_000);
    expect(await (await fetch(`${service.url}/health`)).json()).toEqual({ status: 'down' });
    const withKey = await fetch(`${service.url}/health`, {
      headers: { authorization: `Bearer ${KEYS.adminKey}` },
    });
    const health = (await withKey.json()) as {
      status: string;
      store: { kind: string; reachable: boolean };
    };
    expect(health).toMatchObject({
      status: 'store-unreachable',
      store: { kind: 'redis', reachable: false },
    });
    expect(logged.some((line) => line.includes('routing store unreachable'))).toBe(true);

    // New work is refused, not taken and lost.
    const arrival = await admin.call<{ error: { code: string } }>(
      'POST',
      `/simulator/accounts/${ACCOUNT}/interactions`,
      { channel: 'chat', serviceId: 'sales', customer: { email: 'c@example.com' } },
    );
    expect(arrival.status).toBe(503);
    expect(arrival.body.error.code).toBe('unavailable');
    // An agent's command gets the typed error too.
    const refused = await ann.refused({ type: 'presence.set', state: 'away', reason: null });
    expect(refused.code).toBe('unavailable');

    await redis.restart();
    await waitFor(async () => (await fetch(`${service.url}/health`)).status === 200, 15_000);
    expect(logged.some((line) => line.includes('routing store reachable'))).toBe(true);
    // Nothing changed meanwhile, and work flows again.
    expect(await admin.interactions()).toEqual(before);
    const chat = await admin.ok<{ id: string }>(
      'POST',
      `/simulator/accounts/${ACCOUNT}/interactions`,
      { channel: 'chat', serviceId: 'sales', customer: { email: 'c@example.com' } },
    );
    expect((await admin.interactions()).map(({ id }) => id)).toContain(chat.id);
    await ann.ok({ type: 'presence.set', state: 'ready', reason: null });
  });
});
