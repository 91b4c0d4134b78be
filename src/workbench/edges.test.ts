/**
 * The workbench server answers only its own page: a real workbench on 127.0.0.1 (free ports) and
 * requests as another page, a rebound name or a malformed URL would send them. Each is refused with
 * a typed error and changes nothing; the page's own requests go through.
 */
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { useTestWorkbench } from './testing';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

describe('workbench server: its own page only', () => {
  let own: string;
  let port: number;
  /** The levels of what the workbench logged (50: error). */
  const logged: number[] = [];

  /** A request exactly as given: its Host, Origin and target are not normalised as fetch's are. */
  const send = (
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const text = body === undefined ? undefined : JSON.stringify(body);
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent: false,
          setHost: false,
          headers: {
            host: `127.0.0.1:${port}`,
            ...(text === undefined
              ? {}
              : {
                  'content-type': 'application/json',
                  'content-length': String(Buffer.byteLength(text)),
                }),
            ...headers,
          },
        },
        (res) => {
          let received = '';
          res.on('data', (chunk: Buffer) => (received += chunk.toString()));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text: received }),
          );
        },
      );
      req.on('error', reject);
      req.end(text);
    });
  const json = async (answer: Promise<Answer>) => {
    const { status, text } = await answer;
    return { status, body: JSON.parse(text) as Record<string, unknown> & unknown[] };
  };

  const running = useTestWorkbench({
    logger: pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logged.push((JSON.parse(chunk.toString()) as { level: number }).level);
          done();
        },
      }),
    ),
  });
  beforeAll(() => {
    own = running.base;
    port = Number(new URL(running.workbench.url).port);
  });

  const task = { source: 'apex', log: { subject: 'Call', notes: 'from a test' } };
  const arrival = { channel: 'chat', serviceId: 'sales', customer: 'ada' };

  /** What the refused requests below could have changed. */
  const state = async () => ({
    tasks: (await json(send('GET', '/workbench/api/tasks'))).body.length,
    interactions: (await json(send('GET', '/workbench/api/interactions'))).body.length,
    settings: (await json(send('GET', '/workbench/api/settings'))).body,
    routing: running.workbench.routing,
  });

  describe('refused with 403 and a typed error, nothing changed', () => {
    const refusals: [string, string, string, Record<string, string>, unknown, string][] = [
      [
        'a page on another port creating a Task',
        'POST',
        '/workbench/api/tasks',
        { origin: 'http://127.0.0.1:9999' },
        task,
        'foreign-origin',
      ],
      [
        'a sandboxed page (Origin: null) placing a chat',
        'POST',
        '/workbench/api/simulate/arrive',
        { origin: 'null' },
        arrival,
        'foreign-origin',
      ],
      [
        'a page on another port restarting the routing service',
        'POST',
        '/workbench/api/routing/restart',
        { origin: 'http://localhost:3000' },
        { downMs: 0 },
        'foreign-origin',
      ],
      [
        'a cross-site no-cors POST without Origin',
        'POST',
        '/workbench/api/tasks',
        { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
        task,
        'cross-site',
      ],
      [
        'a same-site settings change',
        'PATCH',
        '/workbench/api/settings',
        { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors' },
        { wrapSeconds: 99 },
        'cross-site',
      ],
      [
        'a rebound name asking for an agent token',
        'GET',
        '/workbench/api/session?agent=ann-lee',
        { host: 'attacker.example:PORT' },
        undefined,
        'foreign-host',
      ],
      [
        'a rebound name placing a chat',
        'POST',
        '/workbench/api/simulate/arrive',
        { host: 'attacker.example:PORT' },
        arrival,
        'foreign-host',
      ],
      [
        'a Host of another port',
        'GET',
        '/workbench/api/agents',
        { host: '127.0.0.1:1' },
        undefined,
        'foreign-host',
      ],
      [
        'the page itself under a rebound name',
        'GET',
        '/',
        { host: 'attacker.example:PORT' },
        undefined,
        'foreign-host',
      ],
      [
        'a WebSocket upgrade from another page',
        'GET',
        '/workbench/api/session?agent=ann-lee',
        {
          origin: 'http://127.0.0.1:9999',
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
        undefined,
        'foreign-origin',
      ],
    ];

    it.each(refusals)('%s', async (_label, method, path, given, body, code) => {
      const headers = Object.fromEntries(
        Object.entries(given).map(([name, value]) => [name, value.replace('PORT', String(port))]),
      );
      const before = await state();
      const answer = await send(method, path, headers, body);
      expect(answer.status).toBe(403);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      const error = (JSON.parse(answer.text) as { error: Record<string, unknown> }).error;
      expect(error).toEqual({ code, message: expect.any(String) });
      expect(answer.text).not.toMatch(/token/i);
      expect(await state()).toEqual(before);
    });
  });

  describe('malformed URLs: 400 bad-url, nothing logged as a failure', () => {
    it.each([
      ['/%ZZ'],
      ['/workbench/api/records/%ZZ'],
      ['/workbench/api/search?q=%ZZ'],
      ['/slds/%C0%AF'],
      ['/index.html%00'],
      ['/slds/..%2F..%2Fpackage.json'],
      ['http://127.0.0.1/workbench/api/agents'],
    ])('%s', async (path) => {
      const before = logged.length;
      const answer = await json(send('GET', path));
      expect(logged.slice(before).filter((level) => level >= 40)).toEqual([]);
      expect(answer).toEqual({
        status: 400,
        body: { error: { code: 'bad-url', message: expect.any(String) } },
      });
    });
  });

  describe('its own page goes through', () => {
    it.each([
      ['no Origin', {}],
      ['its own Origin', { origin: `OWN` }],
      ['same-origin fetch metadata', { origin: 'OWN', 'sec-fetch-site': 'same-origin' }],
      ['localhost', { host: 'localhost:PORT', origin: 'http://localhost:PORT' }],
    ])('a Task saved with %s', async (_label, given) => {
      const headers = Object.fromEntries(
        Object.entries(given).map(([name, value]) => [
          name,
          value.replace('OWN', own).replace('PORT', String(port)),
        ]),
      );
      const before = (await json(send('GET', '/workbench/api/tasks'))).body.length;
      const saved = await send('POST', '/workbench/api/tasks', headers, task);
      expect(saved.status).toBe(201);
      expect((await json(send('GET', '/workbench/api/tasks'))).body.length).toBe(before + 1);
    });

    it('a link from another site opens the page, and a session is still issued to the page', async () => {
      const page = await send('GET', '/?agent=ann-lee', {
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'navigate',
      });
      expect(page.status).toBe(503); // the page is not built in this test, but it was not refused
      const session = await json(
        send('GET', '/workbench/api/session?agent=ann-lee', {
          origin: own,
          'sec-fetch-site': 'same-origin',
        }),
      );
      expect(session.status).toBe(200);
      expect(session.body).toMatchObject({ agentId: 'ann-lee', token: expect.any(String) });
    });

    it('a WebSocket upgrade is not taken: the workbench proxies none', async () => {
      const answer = await send('GET', '/workbench/api/routing', {
        origin: own,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      });
      expect(answer.status).toBe(200);
      expect(answer.headers['upgrade']).toBeUndefined();
    });
  });
});
