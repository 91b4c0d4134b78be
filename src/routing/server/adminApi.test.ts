/**
 * The admin API over a stand-in for its narrow port: it needs nothing else of the routing service.
 * Routing, the admin key, typed errors, and nothing reaching the port for a refused request.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { ProtocolError } from '../../protocol';
import { adminApi } from './adminApi';
import { FORWARDED_HEADER, ForwardedMark, HttpForwarder } from './forward';
import type { AdminPort, ServiceFigures } from './routingAdmin';

const KEY = 'k'.repeat(32);

const figures: ServiceFigures = {
  store: { kind: 'memory', reachable: true, where: 'memory' },
  uptimeSeconds: 5,
  sessions: 2,
  connected: 1,
  decisions: 7,
  refusedCommits: 0,
  partitions: 1,
};

/** A port whose every method is a mock; what is not set up rejects. */
function fakePort(): jest.Mocked<AdminPort> {
  const port: Record<string, unknown> = { maxTokenTtlSeconds: 3600 };
  const methods = [
    'ownerElsewhere',
    'figures',
    'accounts',
    'account',
    'createAccount',
    'updateSettings',
    'services',
    'createService',
    'renameService',
    'agents',
    'agent',
    'createAgent',
    'updateAgent',
    'issueToken',
    'interactions',
    'queues',
    'directory',
    'arrive',
    'customerLeaves',
    'failNextRelease',
    'call',
    'answerCall',
    'setNumber',
    'startLoad',
    'load',
    'stopLoad',
    'skills',
    'defineSkill',
    'agentSkills',
    'setAgentSkills',
    'serviceSkills',
    'setServiceSkills',
    'serviceOverflow',
    'setServiceOverflow',
    'serviceHours',
    'setServiceHours',
  ];
  for (const name of methods) port[name] = jest.fn(() => Promise.reject(new Error(`${name}?`)));
  const typed = port as unknown as jest.Mocked<AdminPort>;
  typed.ownerElsewhere.mockResolvedValue(null);
  typed.figures.mockReturnValue(figures);
  return typed;
}

describe('admin API over its port', () => {
  const forwarder = new HttpForwarder(new ForwardedMark(randomBytes(32)));
  let port: jest.Mocked<AdminPort>;
  let server: Server;
  let base: string;
  const logged: unknown[] = [];

  beforeEach(async () => {
    port = fakePort();
    logged.splice(0);
    const log = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
    const metrics = { scrape: async () => ({ contentType: 'text/plain', text: 'figures 1\n' }) };
    server = createServer(adminApi({ port, adminKey: KEY, metrics, log, forwarder }));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((done) => server.close(() => done())));
  afterAll(() => forwarder.close());

  const send = async (method: string, path: string, body?: string, key: string | null = KEY) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: key === null ? {} : { authorization: `Bearer ${key}` },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) as unknown };
  };

  it('answers a route from the port, with its parameters decoded', async () => {
    port.agent.mockResolvedValue({ id: 'ann' } as never);
    const answer = await send('GET', '/admin/accounts/caf%C3%A9/agents/ann');
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ id: 'ann' });
    expect(port.agent).toHaveBeenCalledWith('café', 'ann');
  });

  it('passes a request for an account served elsewhere to its owner, and its answer back as it came', async () => {
    const seen: {
      method?: string | undefined;
      url?: string | undefined;
      headers: object;
      body: string;
    }[] = [];
    const owner = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ method: request.method, url: request.url, headers: request.headers, body });
        response.writeHead(409, { 'content-type': 'application/json; charset=utf-8' });
        response.end('{"error":{"code":"conflict","message":"taken"}}');
      });
    });
    await new Promise<void>((done) => owner.listen(0, '127.0.0.1', done));
    try {
      const ownerBase = `http://127.0.0.1:${(owner.address() as AddressInfo).port}`;
      port.ownerElsewhere.mockResolvedValue(ownerBase);
      const answer = await send('PATCH', '/admin/accounts/b/services/s1', '{"name":"Sales"}');
      expect(answer).toMatchObject({
        status: 409,
        text: '{"error":{"code":"conflict","message":"taken"}}',
      });
      expect(seen).toEqual([
        expect.objectContaining({
          method: 'PATCH',
          url: '/admin/accounts/b/services/s1',
          body: '{"name":"Sales"}',
          headers: expect.objectContaining({
            authorization: `Bearer ${KEY}`,
            [FORWARDED_HEADER]: forwarder.mark.value,
          }) as object,
        }),
      ]);
      expect(port.ownerElsewhere).toHaveBeenCalledWith('b', 'use');
      expect(port.renameService).not.toHaveBeenCalled();
      // The owner gone: `unavailable`, with nothing done here.
      await new Promise<void>((done) => {
        owner.close(() => done());
        owner.closeAllConnections();
      });
      const gone = await send('PATCH', '/admin/accounts/b/services/s1', '{"name":"Sales"}');
      expect(gone.status).toBe(503);
      expect(gone.json()).toMatchObject({ error: { code: 'unavailable' } });
    } finally {
      owner.close();
      owner.closeAllConnections();
    }
  });

  it("passes a connector's request for an account served elsewhere on with the connector's own token", async () => {
    const seen: (string | undefined)[] = [];
    const owner = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      response.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
      response.end('{"id":"i-1"}');
    });
    await new Promise<void>((done) => owner.listen(0, '127.0.0.1', done));
    try {
      port.ownerElsewhere.mockResolvedValue(
        `http://127.0.0.1:${(owner.address() as AddressInfo).port}`,
      );
      const path = '/connector/accounts/b/interactions';
      const answer = await send('POST', path, '{"channel":"chat"}', 'ctp_connector-token');
      expect(answer).toMatchObject({ status: 201, text: '{"id":"i-1"}' });
      expect(seen).toEqual([`POST ${path} Bearer ctp_connector-token`]);
      expect(port.ownerElsewhere).toHaveBeenLastCalledWith('b', 'use');
      // Admin and simulator requests are forwarded with the admin key alone.
      port.ownerElsewhere.mockClear();
      expect((await send('GET', '/admin/accounts/b/agents', undefined, 'wrong')).status).toBe(401);
      expect(port.ownerElsewhere).not.toHaveBeenCalled();
      expect(seen).toHaveLength(1);
    } finally {
      owner.close();
      owner.closeAllConnections();
    }
  });

  it("takes a request as forwarded by another process only with the service's mark", async () => {
    port.agent.mockResolvedValue({ id: 'ann' } as never);
    for (const [header, purpose] of [
      ['1', 'use'],
      [new ForwardedMark(randomBytes(32)).value, 'use'],
      [forwarder.mark.value, 'forwarded'],
    ]) {
      const answer = await fetch(`${base}/admin/accounts/b/agents/ann`, {
        headers: { authorization: `Bearer ${KEY}`, [FORWARDED_HEADER]: header as string },
      });
      expect(answer.status).toBe(200);
      expect(port.ownerElsewhere).toHaveBeenLastCalledWith('b', purpose);
    }
  });

  it('streams an answer from the owner whatever its size', async () => {
    const big = JSON.stringify(
      Array.from({ length: 120_000 }, (_, n) => ({ id: `agent-${n}`, name: `Agent number ${n}` })),
    );
    expect(big.length).toBeGreaterThan(5_000_000);
    const owner = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      // In pieces, as a large answer comes.
      for (let at = 0; at < big.length; at += 100_000) response.write(big.slice(at, at + 100_000));
      response.end();
    });
    await new Promise<void>((done) => owner.listen(0, '127.0.0.1', done));
    try {
      port.ownerElsewhere.mockResolvedValue(
        `http://127.0.0.1:${(owner.address() as AddressInfo).port}`,
      );
      const answer = await send('GET', '/admin/accounts/b/agents');
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(big);
      expect(port.agents).not.toHaveBeenCalled();
    } finally {
      owner.close();
      owner.closeAllConnections();
    }
  });

  it('skills: defined, held by agents at levels, required by services', async () => {
    port.defineSkill.mockImplementation((_account, skill) => Promise.resolve(skill));
    const fr = await send('POST', '/admin/accounts/a/skills', '{"id":"fr","name":"French"}');
    expect(fr).toMatchObject({ status: 201 });
    expect(port.defineSkill).toHaveBeenCalledWith('a', { id: 'fr', name: 'French' });
    port.setAgentSkills.mockImplementation((_a, _g, skills) => Promise.resolve([...skills]));
    const held = await send(
      'PUT',
      '/admin/accounts/a/agents/ann/skills',
      '{"skills":[{"skill":"fr","level":7}]}',
    );
    expect(held.json()).toEqual([{ skill: 'fr', level: 7 }]);
    port.setServiceSkills.mockImplementation((_a, _s, config) => Promise.resolve(config));
    const config = { requirements: [{ skill: 'fr', level: 5, optional: true }], relaxSeconds: 30 };
    const service = await send(
      'PUT',
      '/admin/accounts/a/services/s/skills',
      JSON.stringify(config),
    );
    expect(service.json()).toEqual(config);
    expect(port.setServiceSkills).toHaveBeenCalledWith('a', 's', config);
  });

  it.each([
    [
      'a level above 10',
      '/agents/ann/skills',
      '{"skills":[{"skill":"fr","level":11}]}',
      'skills.0.level',
    ],
    [
      'a level of 0',
      '/agents/ann/skills',
      '{"skills":[{"skill":"fr","level":0}]}',
      'skills.0.level',
    ],
    [
      'a requirement without optional',
      '/services/s/skills',
      '{"requirements":[{"skill":"fr","level":1}],"relaxSeconds":0}',
      'requirements.0.optional',
    ],
    [
      'a negative relaxation',
      '/services/s/skills',
      '{"requirements":[],"relaxSeconds":-1}',
      'relaxSeconds',
    ],
    [
      'a bad skill id',
      '/agents/ann/skills',
      '{"skills":[{"skill":"no spaces","level":1}]}',
      'skills.0.skill',
    ],
  ])(
    'skills: %s is a typed 400 naming the field; the port is not asked',
    async (_label, path, body, field) => {
      const answer = await send('PUT', `/admin/accounts/a${path}`, body);
      expect(answer.status).toBe(400);
      expect((answer.json() as { error: { field: string } }).error.field).toBe(field);
      expect(port.setAgentSkills).not.toHaveBeenCalled();
      expect(port.setServiceSkills).not.toHaveBeenCalled();
    },
  );

  it('health: up or down for anyone, the figures with the key', async () => {
    expect((await send('POST', '/health', undefined, null)).json()).toEqual({ status: 'up' });
    expect((await send('GET', '/health')).json()).toEqual({ status: 'ok', ...figures });
    port.figures.mockReturnValue({ ...figures, store: { ...figures.store, reachable: false } });
    expect(await send('GET', '/health', undefined, null)).toMatchObject({ status: 503 });
  });

  it('metrics with the key only', async () => {
    expect(await send('GET', '/metrics')).toMatchObject({ status: 200, text: 'figures 1\n' });
    expect((await send('GET', '/metrics', undefined, null)).status).toBe(401);
  });

  it.each([
    ['an unknown path', 'GET', '/admin/nowhere', undefined, KEY, 404, 'no-route'],
    [
      'a method the path does not take',
      'DELETE',
      '/admin/accounts',
      undefined,
      KEY,
      404,
      'no-route',
    ],
    ['no key', 'GET', '/admin/accounts', undefined, null, 401, 'unauthorised'],
    ['a wrong key', 'GET', '/admin/accounts', undefined, 'x'.repeat(32), 401, 'unauthorised'],
    ['an unknown path without the key', 'GET', '/nowhere', undefined, null, 401, 'unauthorised'],
    ['a bad request target', 'GET', '/admin/accounts/%C0%AF', undefined, KEY, 400, 'bad-url'],
    ['a body that is not JSON', 'POST', '/admin/accounts', '{"id":', KEY, 400, 'bad-json'],
    [
      'a body over 64 KiB',
      'POST',
      '/admin/accounts/a/services',
      `"${'x'.repeat(70_000)}"`,
      KEY,
      413,
      'too-large',
    ],
    ['a bad field', 'POST', '/admin/accounts/a/services', '{"id":"s"}', KEY, 400, 'missing-field'],
  ])(
    '%s: a typed error; the port is asked to change nothing',
    async (_label, method, path, body, key, status, code) => {
      const answer = await send(method, path, body, key);
      expect(answer.status).toBe(status);
      const { error } = answer.json() as { error: Record<string, unknown> };
      expect(Object.keys(error).sort()).toEqual(['code', 'field', 'message']);
      expect(error['code']).toBe(code);
      for (const change of [port.createAccount, port.createService, port.updateSettings]) {
        expect(change).not.toHaveBeenCalled();
      }
      expect(logged).toEqual([]);
    },
  );

  it('a protocol error from the port keeps its code, status and field', async () => {
    port.createService.mockRejectedValue(
      new ProtocolError('conflict', 'service s exists already', null, 'id'),
    );
    const answer = await send('POST', '/admin/accounts/a/services', '{"id":"s","name":"S"}');
    expect(answer.status).toBe(409);
    expect(answer.json()).toEqual({
      error: { code: 'conflict', message: 'service s exists already', field: 'id' },
    });
  });

  it('any other failure is a 500 that says nothing of it, and is logged', async () => {
    const answer = await send('GET', '/admin/accounts');
    expect(answer.status).toBe(500);
    expect(answer.json()).toMatchObject({ error: { code: 'internal' } });
    expect(answer.text).not.toMatch(/accounts\?/);
    expect(logged).toHaveLength(1);
  });

  it('a token longer than the service issues is a bad field, before the agent is looked at', async () => {
    const answer = await send('POST', '/admin/accounts/a/agents/ann/token', '{"ttlSeconds":7200}');
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ error: { code: 'bad-field', field: 'ttlSeconds' } });
    expect(port.issueToken).not.toHaveBeenCalled();
  });
});
