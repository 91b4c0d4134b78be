/**
 * The connector API across a restart of the routing service on a shared store: credentials and
 * idempotency records are kept in the store, so after the restart the same token works and a
 * repeated create answers the same interaction. With the in-memory store a restart keeps nothing,
 * so this runs on the shared stores only.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { RunningService } from '../../src/routing/start';
import { startRoutingService } from '../../src/routing/start';
import type { ConformanceStoreServer } from './harness';
import { CONFORMANCE_STORE, fullSettings, startConformanceStore } from './harness';

(CONFORMANCE_STORE === 'memory' ? describe.skip : describe)('connector API: restart', () => {
  const adminKey = randomBytes(24).toString('hex');
  let store: ConformanceStoreServer;
  let service: RunningService | null = null;

  const start = async () => {
    service = await startRoutingService({
      store: store.url,
      host: '127.0.0.1',
      port: 0,
      adminKey,
      signingKey: randomBytes(32),
      tokenTtlSeconds: 600,
      logger: pino({ level: 'silent' }),
    });
    return service;
  };

  const send = async (path: string, body: unknown, key = adminKey) => {
    const running = service as RunningService;
    const response = await fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    store = (await startConformanceStore()) as ConformanceStoreServer;
  });
  afterAll(async () => {
    await service?.stop();
    await store.dispose();
  });

  it('keeps the token and the external id: a repeat answers the same interaction', async () => {
    await start();
    const a = 'restart-acme';
    expect(
      (await send('/admin/accounts', { id: a, name: 'Acme', settings: fullSettings() })).status,
    ).toBe(201);
    expect((await send(`/admin/accounts/${a}/services`, { id: 's', name: 'S' })).status).toBe(201);
    const issued = await send(`/admin/accounts/${a}/connectors`, {
      id: 'web',
      name: 'Web',
      channels: ['chat'],
      services: ['s'],
    });
    const token = issued.body['token'] as string;
    const body = {
      externalId: 'chat-1',
      channel: 'chat',
      serviceId: 's',
      customer: { name: 'Dana' },
    };
    const first = await send(`/connector/accounts/${a}/interactions`, body, token);
    expect(first.status).toBe(201);

    await (service as RunningService).stop();
    service = null;
    await start();

    const again = await send(`/connector/accounts/${a}/interactions`, body, token);
    expect(again).toMatchObject({ status: 200, body: { id: first.body['id'] } });
    const conflict = await send(
      `/connector/accounts/${a}/interactions`,
      { ...body, subject: 'Other' },
      token,
    );
    expect(conflict.status).toBe(409);
    const ended = await send(
      `/connector/accounts/${a}/interactions/end`,
      { externalId: 'chat-1', reason: 'ended' },
      token,
    );
    expect(ended).toMatchObject({ status: 200, body: { ended: true } });
  }, 30_000);
});
