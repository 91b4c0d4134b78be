import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import pino from 'pino';
import { DEFAULT_SETTINGS } from './engine/engine';
import { webhookReceiver } from '../../test/support/webhookReceiver';
import type { RunningService } from './start';
import { startRoutingService } from './start';
import { DEFAULT_WEBHOOK_OPTIONS, retryDelay } from './webhooks';

describe('webhook retries', () => {
  it('double the delay after each failure, capped', () => {
    const options = { ...DEFAULT_WEBHOOK_OPTIONS, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 50, 5000].map((n) => retryDelay(n, options))).toEqual([
      100, 200, 400, 800, 1000, 1000, 1000,
    ]);
  });
});

/** A receiver on 127.0.0.1 noting the signed events it took, and when. */
async function receiver() {
  const state = { taken: [] as { externalId: string; at: number }[], unsigned: 0 };
  const server = await webhookReceiver(({ events, signed }) => {
    if (!signed) state.unsigned++;
    else
      for (const event of events)
        state.taken.push({ externalId: event.externalId, at: Date.now() });
    return 204;
  });
  return { state, server };
}

describe('webhook delivery', () => {
  const adminKey = randomBytes(24).toString('hex');
  const services: RunningService[] = [];
  afterAll(async () => {
    for (const service of services) await service.stop();
  });

  /** A routing service with account a, service s and connector web (rounds every `intervalMs`). */
  async function world(allowPrivateWebhooks: boolean, intervalMs = 60_000) {
    const service = await startRoutingService({
      host: '127.0.0.1',
      port: 0,
      adminKey,
      signingKey: randomBytes(32),
      tokenTtlSeconds: 600,
      logger: pino({ level: 'silent' }),
      // The timer alone, or a retry after a failure, would take a minute: what arrives sooner
      // was sent on the commit, at the first try.
      webhooks: { ...DEFAULT_WEBHOOK_OPTIONS, intervalMs, baseDelayMs: 60_000 },
      allowPrivateWebhooks,
    });
    services.push(service);
    const send = async (method: string, path: string, body?: unknown, key = adminKey) => {
      const response = await fetch(`${service.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const account = await send('POST', '/admin/accounts', {
      id: 'a',
      name: 'A',
      settings: DEFAULT_SETTINGS,
    });
    expect(account.status).toBe(201);
    await send('POST', '/admin/accounts/a/services', { id: 's', name: 'S' });
    const issued = await send('POST', '/admin/accounts/a/connectors', {
      id: 'web',
      name: 'Web',
      channels: ['chat'],
      services: ['s'],
    });
    return { send, service, token: issued.body['token'] as string };
  }

  it('takes no turn of an account whose connectors have no webhook', async () => {
    const hook = await receiver();
    try {
      const { send, service, token } = await world(true, 20);
      const partition = service.routing.partitions.local('a');
      if (partition === undefined) throw new Error('account a is not served here');
      const run = jest.spyOn(partition, 'run');
      const chat = { externalId: 'c1', channel: 'chat', serviceId: 's', customer: { name: 'C' } };
      await send('POST', '/connector/accounts/a/interactions', chat, token);
      await send(
        'POST',
        '/connector/accounts/a/interactions/end',
        { externalId: 'c1', reason: 'customer-left' },
        token,
      );
      const commits = run.mock.calls.length;
      // Ten rounds of the timer, and the rounds the outcome events asked for.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(run.mock.calls.length).toBe(commits);
      // Once the connector has a webhook, a round reads the account's feed.
      const set = await send('PUT', '/admin/accounts/a/connectors/web/webhook', {
        url: hook.server.url,
      });
      expect(set.status).toBe(200);
      const deadline = Date.now() + 5_000;
      while (run.mock.calls.length <= commits + 1 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(run.mock.calls.length).toBeGreaterThan(commits + 1);
    } finally {
      await hook.server.close();
    }
  });

  it('refuses a webhook at a loopback or private address with a typed 400 unless allowed', async () => {
    const { send } = await world(false);
    for (const url of ['http://127.0.0.1:9/hook', 'http://localhost:9/hook', 'http://[::1]:9/x']) {
      const refused = await send('PUT', '/admin/accounts/a/connectors/web/webhook', { url });
      expect(refused).toMatchObject({
        status: 400,
        body: { error: { code: 'private-address', field: 'url' } },
      });
    }
    const listed = await send('GET', '/admin/accounts/a/connectors');
    expect(listed.body).toMatchObject([{ id: 'web', webhook: null }]);
  });

  it('posts an event as soon as the commit that made it, not on the next timer', async () => {
    const hook = await receiver();
    try {
      const { send, token } = await world(true);
      const set = await send('PUT', '/admin/accounts/a/connectors/web/webhook', {
        url: hook.server.url,
      });
      expect(set.status).toBe(200);
      hook.server.secret = set.body['signingSecret'] as string;
      const chat = { externalId: 'c1', channel: 'chat', serviceId: 's', customer: { name: 'C' } };
      expect((await send('POST', '/connector/accounts/a/interactions', chat, token)).status).toBe(
        201,
      );
      const endedAt = Date.now();
      const end = { externalId: 'c1', reason: 'customer-left' };
      expect(
        (await send('POST', '/connector/accounts/a/interactions/end', end, token)).status,
      ).toBe(200);
      const deadline = Date.now() + 10_000;
      while (hook.state.taken.length === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(hook.state.taken.map((event) => event.externalId)).toEqual(['c1']);
      expect((hook.state.taken[0]?.at ?? Infinity) - endedAt).toBeLessThan(10_000);
      expect(hook.state.unsigned).toBe(0);
    } finally {
      await hook.server.close();
    }
  }, 20_000);

  it('sends a batch again on a new connection when the kept-alive one was closed', async () => {
    const requests = new WeakMap<Socket, number>();
    const taken: string[] = [];
    const server = await webhookReceiver(({ events }, request) => {
      const count = (requests.get(request.socket) ?? 0) + 1;
      requests.set(request.socket, count);
      // The second request on a connection finds it closed, as after the receiver's idle timeout.
      if (count === 2) {
        request.socket.destroy();
        return 500;
      }
      taken.push(...events.map((event) => event.externalId));
      return 204;
    });
    try {
      const { send, token } = await world(true);
      const set = await send('PUT', '/admin/accounts/a/connectors/web/webhook', {
        url: server.url,
      });
      server.secret = set.body['signingSecret'] as string;
      for (const externalId of ['c1', 'c2']) {
        const chat = { externalId, channel: 'chat', serviceId: 's', customer: { name: 'C' } };
        await send('POST', '/connector/accounts/a/interactions', chat, token);
        const end = { externalId, reason: 'customer-left' };
        await send('POST', '/connector/accounts/a/interactions/end', end, token);
        const deadline = Date.now() + 10_000;
        while (!taken.includes(externalId) && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(taken).toEqual(['c1', 'c2']);
    } finally {
      await server.close();
    }
  }, 30_000);
});
