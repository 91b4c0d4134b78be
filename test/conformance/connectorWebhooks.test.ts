/**
 * Webhook delivery over the wire (CONNECTORS.md), against a real receiver on 127.0.0.1 that fails
 * and recovers: each request signed (HMAC over timestamp and body), retried with capped backoff
 * until taken, every event delivered with its id, none after it was taken; on a shared store a
 * restart of the routing service loses none. Runs on every store; the restart on shared ones only.
 */
import { webhookReceiver } from '../support/webhookReceiver';
import { CONFORMANCE_STORE, fullSettings, waitFor } from './harness';
import type { Restartable } from './restartable';
import { startRestartable } from './restartable';

interface Received {
  readonly status: number;
  readonly signed: boolean;
  readonly ids: string[];
}

/** A receiver that answers `fail` requests with 500 first, then 200, checking each signature. */
async function receiver() {
  const state = { fail: 0, received: [] as Received[] };
  const server = await webhookReceiver(({ events, signed }) => {
    const status = state.fail > 0 ? 500 : 200;
    if (state.fail > 0) state.fail -= 1;
    state.received.push({ status, signed, ids: events.map((event) => event.id) });
    return status;
  });
  /** The ids the receiver took (answered 200), in order, with repeats. */
  const taken = () => state.received.filter((r) => r.status === 200).flatMap((r) => r.ids);
  return { state, server, url: server.url, close: () => server.close(), taken };
}

describe('connector API: webhooks', () => {
  let service: Restartable;
  let hook: Awaited<ReturnType<typeof receiver>>;
  const send = (method: string, path: string, body?: unknown, key?: string) =>
    service.send(method, path, body, key);

  let accounts = 0;
  /** A fresh account with service s and connector web whose webhook is the receiver. */
  async function world() {
    const a = `hooks-${++accounts}`;
    await send('POST', '/admin/accounts', { id: a, name: a, settings: fullSettings() });
    await send('POST', `/admin/accounts/${a}/services`, { id: 's', name: 'S' });
    const issued = await send('POST', `/admin/accounts/${a}/connectors`, {
      id: 'web',
      name: 'Web',
      channels: ['chat'],
      services: ['s'],
    });
    const set = await send('PUT', `/admin/accounts/${a}/connectors/web/webhook`, {
      url: hook.url,
    });
    expect(set.status).toBe(200);
    hook.server.secret = set.body['signingSecret'] as string;
    return { a, token: issued.body['token'] as string };
  }

  /** A chat made and ended while it waits: one `ended` event each. */
  async function endedChats(a: string, token: string, ids: readonly string[]) {
    for (const externalId of ids) {
      const body = { externalId, channel: 'chat', serviceId: 's', customer: { name: 'C' } };
      expect(
        (await send('POST', `/connector/accounts/${a}/interactions`, body, token)).status,
      ).toBe(201);
      const end = { externalId, reason: 'customer-left' };
      expect(
        (await send('POST', `/connector/accounts/${a}/interactions/end`, end, token)).status,
      ).toBe(200);
    }
  }

  beforeAll(async () => {
    hook = await receiver();
    service = await startRestartable({
      webhooks: { intervalMs: 40, timeoutMs: 2000, baseDelayMs: 40, maxDelayMs: 300, batch: 50 },
    });
  });
  afterAll(async () => {
    await service.dispose();
    await hook.close();
  });
  beforeEach(() => {
    hook.state.received.length = 0;
    hook.state.fail = 0;
  });

  it('retries a failing receiver with backoff until it takes every event, signed', async () => {
    const { a, token } = await world();
    hook.state.fail = 3;
    await endedChats(a, token, ['c1', 'c2', 'c3']);
    await waitFor(() => new Set(hook.taken()).size === 3, 10_000);
    const feed = await send('GET', `/connector/accounts/${a}/events`, undefined, token);
    const ids = (feed.body['events'] as { id: string }[]).map((event) => event.id);
    expect(new Set(hook.taken())).toEqual(new Set(ids));
    expect(hook.state.received.filter((r) => r.status === 500).length).toBe(3);
    expect(hook.state.received.every((r) => r.signed)).toBe(true);
    // Taken once: nothing more is sent.
    const count = hook.state.received.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hook.state.received.length).toBe(count);
    expect(hook.taken()).toHaveLength(3);
  }, 20_000);

  it('refuses a bad URL or an unknown connector, and a removed webhook sends nothing', async () => {
    const { a, token } = await world();
    for (const url of ['ftp://127.0.0.1/x', 'not a url', 'http://user:pw@127.0.0.1/x']) {
      const result = await send('PUT', `/admin/accounts/${a}/connectors/web/webhook`, { url });
      expect(result).toMatchObject({ status: 400, body: { error: { field: 'url' } } });
    }
    const unknown = await send('PUT', `/admin/accounts/${a}/connectors/nope/webhook`, {
      url: hook.url,
    });
    expect(unknown.status).toBe(404);
    const removed = await send('DELETE', `/admin/accounts/${a}/connectors/web/webhook`);
    expect(removed).toMatchObject({ status: 200, body: { webhook: null } });
    await endedChats(a, token, ['r1']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hook.state.received).toEqual([]);
    const listed = await send('GET', `/admin/accounts/${a}/connectors`);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
  });

  (CONFORMANCE_STORE === 'memory' ? it.skip : it)(
    'loses no event across a restart on a shared store, and repeats none once taken',
    async () => {
      const { a, token } = await world();
      hook.state.fail = 1_000_000;
      await endedChats(a, token, ['x1', 'x2']);
      await waitFor(() => hook.state.received.length >= 2, 5000);
      await service.restart();
      await endedChats(a, token, ['x3']);
      hook.state.fail = 0;
      await waitFor(() => new Set(hook.taken()).size === 3, 10_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hook.taken()).toHaveLength(3);
      expect(hook.state.received.every((r) => r.signed)).toBe(true);
    },
    30_000,
  );
});
