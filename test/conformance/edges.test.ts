/**
 * The strict edges of the routing service's HTTP API and tokens, on the real service over loopback
 * (memory, Redis or a Redis Cluster, as the suite runs): malformed request targets get a typed 400
 * and no stack in the log, /health says only up or down without the admin key and never shows
 * store credentials, token lifetimes stay within the maximum, and only tokens in the exact form
 * issued open a session.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { RunningService } from '../../src/routing/start';
import { startRoutingService } from '../../src/routing/start';
import { TokenIssuer } from '../../src/routing/server/tokens';
import type { RedisCluster } from '../support/redisCluster';
import { helloFrame, TestClient } from './client';
import type { ConformanceStoreServer } from './harness';
import {
  CONFORMANCE_STORE,
  CONFORMANCE_STORE_KIND,
  fullSettings,
  startConformanceStore,
  waitFor,
} from './harness';

interface Answer {
  readonly status: number;
  readonly body: {
    readonly error?: { code: string; message: string; field: string | null };
    readonly [key: string]: unknown;
  };
}

const MAX_TTL = 3600;
/** Redis here takes any password for its default user, so the URL can carry one to hide. */
const SECRET = 's3cret-password';

describe('strict edges of the HTTP API and tokens', () => {
  const adminKey = randomBytes(24).toString('hex');
  const signingKey = randomBytes(32);
  const logged: { level: number; msg: string; err?: { stack?: string } }[] = [];
  let store: ConformanceStoreServer | null = null;
  let service: RunningService | null = null;
  const clients: TestClient[] = [];
  const account = 'edges';

  /** A request exactly as given (fetch would normalise the target), with the admin key by default. */
  const send = (
    method: string,
    path: string,
    options: { key?: string | null; body?: unknown } = {},
  ): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const key = options.key === undefined ? adminKey : options.key;
      const body = options.body === undefined ? undefined : JSON.stringify(options.body);
      const req = httpRequest(
        (service as RunningService).url,
        {
          method,
          path,
          agent: false,
          headers: {
            ...(key === null ? {} : { authorization: `Bearer ${key}` }),
            ...(body === undefined
              ? {}
              : {
                  'content-type': 'application/json',
                  'content-length': String(Buffer.byteLength(body)),
                }),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: (text === '' ? null : JSON.parse(text)) as Answer['body'],
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const hello = async (token: string) => {
    const client = await TestClient.open((service as RunningService).agentUrl);
    clients.push(client);
    client.sendRaw(helloFrame(token));
    return client;
  };
  const tokenFor = async (agentId: string, ttlSeconds: number | null = null) => {
    const answer = await send('POST', `/admin/accounts/${account}/agents/${agentId}/token`, {
      body: { ttlSeconds },
    });
    expect(answer.status).toBe(201);
    return answer.body['token'] as string;
  };

  beforeAll(async () => {
    store = await startConformanceStore();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(JSON.parse(chunk.toString()) as (typeof logged)[number]);
        done();
      },
    });
    service = await startRoutingService({
      // A redis-cluster:// URL has no place for credentials: a cluster is given as it is.
      ...(store === null
        ? {}
        : {
            store:
              store.redis === null
                ? store.url
                : store.url.replace('redis://', `redis://default:${SECRET}@`),
          }),
      host: '127.0.0.1',
      port: 0,
      adminKey,
      signingKey,
      tokenTtlSeconds: 600,
      tokenMaxTtlSeconds: MAX_TTL,
      logger: pino({ level: 'info' }, sink),
    });
    const created = [
      await send('POST', '/admin/accounts', {
        body: { id: account, name: 'Edges', settings: fullSettings() },
      }),
      await send('POST', `/admin/accounts/${account}/agents`, {
        body: { id: 'ann', name: 'Ann', services: [], weights: null, state: 'ready' },
      }),
    ];
    expect(created.map((answer) => answer.status)).toEqual([201, 201]);
  }, 60_000); // room for installing redis-server where it is missing (and starting a cluster)

  afterAll(async () => {
    for (const client of clients) client.close();
    if (service !== null) {
      // Whatever happened above, the service is still up.
      expect((await send('GET', '/health', { key: null })).status).toBe(200);
      await service.stop();
    }
    await store?.dispose();
  });

  describe('malformed request targets', () => {
    it.each([
      ['a bad escape', 'GET', '/%ZZ'],
      ['a bad escape in an account', 'GET', '/admin/accounts/%ZZ'],
      ['an escape that is not UTF-8', 'GET', '/admin/accounts/%C0%AF'],
      ['an escaped separator', 'GET', '/admin/accounts/edges%2Fservices'],
      ['an escaped NUL', 'GET', '/health%00'],
      ['a dot-dot segment', 'GET', '/admin/accounts/../../health'],
      ['an escaped dot-dot segment', 'GET', '/admin/%2e%2e/health'],
      ['a raw backslash', 'GET', '/admin\\accounts'],
      ['a fragment', 'GET', '/health#top'],
      ['a bad escape in the query', 'GET', '/health?q=%G0'],
      ['the absolute form', 'GET', 'http://127.0.0.1/health'],
      ['the asterisk form', 'OPTIONS', '*'],
      ['a bad escape in a change', 'POST', '/admin/accounts/%ZZ/services'],
    ])('%s (%s %s): 400 bad-url, with or without the key', async (_label, method, path) => {
      const before = logged.length;
      for (const key of [adminKey, null]) {
        const body = method === 'POST' ? { id: 'x', name: 'x' } : undefined;
        const answer = await send(method, path, { key, body });
        expect(answer.status).toBe(400);
        expect(answer.body.error).toEqual({
          code: 'bad-url',
          message: expect.any(String),
          field: null,
        });
      }
      // Refused at the edge: nothing logged as a failure, no stack anywhere.
      const since = logged.slice(before);
      expect(since.filter((line) => line.level >= 40)).toEqual([]);
      expect(since.some((line) => line.err?.stack !== undefined)).toBe(false);
    });

    it('changes nothing', async () => {
      const services = await send('GET', `/admin/accounts/${account}/services`);
      expect(services).toEqual({ status: 200, body: [] });
      const accounts = await send('GET', '/admin/accounts');
      expect((accounts.body as unknown as unknown[]).length).toBe(1);
    });
  });

  describe('/health', () => {
    it('says only "up" without the admin key, or with a wrong one', async () => {
      for (const key of [null, 'wrong', `${adminKey}x`]) {
        expect(await send('GET', '/health', { key })).toEqual({
          status: 200,
          body: { status: 'up' },
        });
      }
    });

    it('gives the figures with the admin key, never the store credentials', async () => {
      const answer = await send('GET', '/health');
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        status: 'ok',
        store: { kind: CONFORMANCE_STORE_KIND, reachable: true },
        uptimeSeconds: expect.any(Number),
        sessions: expect.any(Number),
        connected: expect.any(Number),
        decisions: expect.any(Number),
      });
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('default@');
      if (store?.redis) {
        expect(answer.body['store']).toMatchObject({
          where: `redis://127.0.0.1:${store.redis.port}`,
        });
      }
      if (store?.cluster) expect(answer.body['store']).toMatchObject({ where: store.cluster.url });
    });

    /** Every node of the cluster killed, then started again on its folder (nodes.conf, AOF). */
    const stopCluster = async (cluster: RedisCluster) => {
      for (const node of cluster.nodes) {
        if (node.pid !== undefined) process.kill(node.pid, 'SIGKILL');
      }
      await waitFor(() => cluster.nodes.every((node) => node.state === 'stopped'), 5000);
    };
    const restartCluster = async (cluster: RedisCluster) => {
      await Promise.all(cluster.nodes.map((node) => cluster.restartNode(node.port)));
    };

    // Only a shared store can be out of reach: the in-memory service is up while it answers.
    (CONFORMANCE_STORE === 'memory' ? it.skip : it)(
      'says only "down" (503) without the key while the store is unreachable',
      async () => {
        const shared = store as ConformanceStoreServer;
        if (shared.redis !== null) await shared.redis.stop();
        if (shared.cluster !== null) await stopCluster(shared.cluster);
        try {
          await waitFor(
            async () => (await send('GET', '/health', { key: null })).status === 503,
            10_000,
          );
          expect(await send('GET', '/health', { key: null })).toEqual({
            status: 503,
            body: { status: 'down' },
          });
          const detailed = await send('GET', '/health');
          expect(detailed.status).toBe(503);
          expect(detailed.body).toMatchObject({
            status: 'store-unreachable',
            store: { kind: 'redis', reachable: false },
          });
        } finally {
          if (shared.redis !== null) await shared.redis.restart();
          if (shared.cluster !== null) await restartCluster(shared.cluster);
        }
        await waitFor(
          async () => (await send('GET', '/health', { key: null })).status === 200,
          15_000,
        );
        // Healthy again is not yet serving every account: the tests after this one need this one's.
        await waitFor(
          async () => (await send('GET', `/admin/accounts/${account}/agents`)).status === 200,
          15_000,
        );
      },
      45_000,
    );
  });

  describe('token lifetime', () => {
    it('the token route refuses a ttlSeconds above the maximum, naming the field', async () => {
      for (const ttlSeconds of [MAX_TTL + 1, 86_400]) {
        const answer = await send('POST', `/admin/accounts/${account}/agents/ann/token`, {
          body: { ttlSeconds },
        });
        expect(answer.status).toBe(400);
        expect(answer.body.error).toMatchObject({ code: 'bad-field', field: 'ttlSeconds' });
        expect(answer.body.error?.message).toContain(String(MAX_TTL));
      }
      const longest = await send('POST', `/admin/accounts/${account}/agents/ann/token`, {
        body: { ttlSeconds: MAX_TTL },
      });
      expect(longest.status).toBe(201);
      expect(longest.body['expiresAt']).toBeGreaterThan(Date.now() + (MAX_TTL - 60) * 1000);
    });

    it('a token signed with the right key and a ten-year lifetime is refused (4401)', async () => {
      const tenYears = 10 * 365 * 86_400;
      const { token } = await new TokenIssuer(signingKey, tenYears, Date.now, tenYears).issue({
        accountId: account,
        agentId: 'ann',
      });
      expect((await (await hello(token)).waitClose()).code).toBe(4401);
    });

    it('a token issued ahead of the clock is refused (4401)', async () => {
      const ahead = new TokenIssuer(signingKey, 600, () => Date.now() + 600_000, MAX_TTL);
      const { token } = await ahead.issue({ accountId: account, agentId: 'ann' });
      expect((await (await hello(token)).waitClose()).code).toBe(4401);
    });
  });

  describe('token encodings', () => {
    it('an issued token opens a session', async () => {
      const { client, welcome } = await TestClient.connect(
        (service as RunningService).agentUrl,
        await tokenFor('ann'),
      );
      clients.push(client);
      expect(welcome.type).toBe('welcome');
    });

    it.each([
      ['padding on the signature', (token: string) => `${token}=`],
      ['a fourth segment', (token: string) => `${token}.e30`],
      [
        'another header, signed or not',
        (token: string) =>
          `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}${token.slice(token.indexOf('.'))}`,
      ],
    ])('the same token with %s is refused (4401)', async (_label, change) => {
      const token = await tokenFor('ann');
      expect((await (await hello(change(token))).waitClose()).code).toBe(4401);
    });
  });
});
