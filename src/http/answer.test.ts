import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answering, sendJson } from './answer';
import { readJson } from './body';
import { HttpError } from './errors';
import { RouteTable } from './routeTable';
import { pathSegments } from './target';

/** A small surface on loopback: one table, bodies read with a limit, errors answered by policy. */
describe('answering, on a real server', () => {
  const failed: unknown[] = [];
  const table = new RouteTable<
    (request: IncomingMessage, response: ServerResponse) => Promise<void>
  >(
    [
      {
        method: 'POST',
        path: '/echo',
        handler: async (request, response) => sendJson(response, 200, await readJson(request)),
      },
      {
        method: 'GET',
        path: '/boom',
        handler: () => Promise.reject(new Error('secret detail')),
      },
      {
        method: 'GET',
        path: '/half',
        handler: async (_request, response) => {
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.write('half');
          throw new Error('after the head');
        },
      },
    ],
    {
      noRoute: (method, path) => new HttpError(404, 'no-route', `no route ${method} ${path}`),
      wrongMethod: (method, path, allow) =>
        new HttpError(405, 'method', `${method} is not taken at ${path}`, { allow }),
    },
  );
  const server = createServer(
    answering(
      async (request, response) =>
        table.find(request.method ?? 'GET', pathSegments(request.url)).handler(request, response),
      {
        toError: (caught) =>
          caught instanceof HttpError
            ? caught
            : new HttpError(500, 'internal', 'the server failed; nothing was changed'),
        withField: true,
        failed: (caught) => failed.push(caught),
      },
    ),
  );
  let base = '';

  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));
  beforeEach(() => failed.splice(0));

  const send = async (method: string, path: string, body?: string) => {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  };

  it('answers a route', async () => {
    expect(await send('POST', '/echo', '{"a":1}')).toMatchObject({ status: 200, text: '{"a":1}' });
  });

  it.each([
    ['an unknown path', 'GET', '/nowhere', undefined, 404, 'no-route'],
    ['a bad request target', 'GET', '/%ZZ', undefined, 400, 'bad-url'],
    ['a body that is not JSON', 'POST', '/echo', '{"a":', 400, 'bad-json'],
    ['a body over 64 KiB', 'POST', '/echo', `"${'x'.repeat(70 * 1024)}"`, 413, 'too-large'],
  ])('%s is a typed error, nothing logged', async (_label, method, path, body, status, code) => {
    const answer = await send(method, path, body);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(answer.text)).toEqual({
      error: { code, message: expect.any(String), field: null },
    });
    expect(failed).toEqual([]);
  });

  it('a method the path does not take is a 405 with Allow', async () => {
    const answer = await send('DELETE', '/echo');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'method' } });
  });

  it('a failure is a 500 that says nothing of it, and is told to the policy', async () => {
    const answer = await send('GET', '/boom');
    expect(answer.status).toBe(500);
    expect(answer.text).not.toMatch(/secret/);
    expect(failed).toEqual([expect.objectContaining({ message: 'secret detail' })]);
  });

  it('a failure after the head was sent ends the answer', async () => {
    const answer = await send('GET', '/half');
    expect(answer).toMatchObject({ status: 200, text: 'half' });
    expect(failed).toHaveLength(1);
  });
});
