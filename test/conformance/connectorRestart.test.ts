/**
 * The connector API across a restart of the routing service on a shared store: credentials and
 * idempotency records are kept in the store, so after the restart the same token works and a
 * repeated create answers the same interaction, and the outcome feed holds each event once. With the in-memory store a restart keeps nothing,
 * so this runs on the shared stores only.
 */
import type { Restartable } from './restartable';
import { startRestartable } from './restartable';
import { CONFORMANCE_STORE, fullSettings } from './harness';

(CONFORMANCE_STORE === 'memory' ? describe.skip : describe)('connector API: restart', () => {
  let service: Restartable;
  beforeAll(async () => {
    service = await startRestartable();
  });
  afterAll(() => service.dispose());

  const send = (path: string, body: unknown, key?: string) => service.send('POST', path, body, key);
  const read = (path: string, key: string) => service.send('GET', path, undefined, key);
  const restart = () => service.restart();

  it('keeps the token and the external id: a repeat answers the same interaction', async () => {
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

    await restart();

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
    // The feed kept what it had before the restart, once: the end is its only event (the chat
    // waited, no agent), and reading it again from its cursor gives nothing twice.
    const feed = await read(`/connector/accounts/${a}/events`, token);
    expect(feed.body['events']).toEqual([
      expect.objectContaining({ type: 'ended', externalId: 'chat-1', agentId: null }),
    ]);
    const cursor = feed.body['cursor'] as number;

    await restart();
    const after = await read(`/connector/accounts/${a}/events`, token);
    expect(after.body).toEqual(feed.body);
    expect((await read(`/connector/accounts/${a}/events?after=${cursor}`, token)).body).toEqual({
      events: [],
      cursor,
      gap: false,
    });
  }, 30_000);
});
