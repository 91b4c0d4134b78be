import { HttpError } from './errors';
import type { Method } from './routeTable';
import { RouteTable, param } from './routeTable';

const table = (withWrongMethod: boolean) =>
  new RouteTable<string>(
    [
      { method: 'GET', path: '/accounts', handler: 'list' },
      { method: 'POST', path: '/accounts', handler: 'create' },
      { method: 'GET', path: '/accounts/:accountId', handler: 'one' },
      { method: 'PUT', path: '/numbers/:number', handler: 'number' },
      { method: 'GET', path: '/records/:id([A-Za-z0-9]{15,18})', handler: 'record' },
      { method: ['GET', 'HEAD'], path: '/files/*', handler: 'file' },
      { method: '*', path: '/health', handler: 'health' },
    ],
    {
      noRoute: (method, path) => new HttpError(404, 'no-route', `no route ${method} ${path}`),
      ...(withWrongMethod
        ? {
            wrongMethod: (method: string, path: string, allow: readonly Method[]) =>
              new HttpError(405, 'method', `${method} is not taken at ${path}`, { allow }),
          }
        : {}),
    },
  );

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
};

describe('RouteTable', () => {
  const routes = table(true);

  it.each([
    ['GET', ['accounts'], 'list', {}],
    ['POST', ['accounts'], 'create', {}],
    ['GET', ['accounts', 'acme'], 'one', { accountId: 'acme' }],
    ['GET', ['accounts', 'café'], 'one', { accountId: 'café' }],
    ['PUT', ['numbers', '+14155550100'], 'number', { number: '+14155550100' }],
    ['PUT', ['numbers', '50%?#'], 'number', { number: '50%?#' }],
    ['GET', ['records', '0010000000000AAA'], 'record', { id: '0010000000000AAA' }],
    ['HEAD', ['files', 'a', 'b.css'], 'file', { '*': 'a/b.css' }],
    ['GET', ['files', 'a b', 'c%d.css'], 'file', { '*': 'a b/c%d.css' }],
    ['DELETE', ['health'], 'health', {}],
  ])('%s %j is %s with %j', (method, segments, handler, params) => {
    expect(routes.find(method, segments)).toEqual({ handler, params });
  });

  it('gives a parameter long past the router default of 100 characters', () => {
    const id = 'x'.repeat(5000);
    expect(param(routes.find('GET', ['accounts', id]).params, 'accountId')).toBe(id);
  });

  it.each([
    ['an unknown path', 'GET', ['nowhere'], '/nowhere'],
    ['a deeper path', 'GET', ['accounts', 'acme', 'agents'], '/accounts/acme/agents'],
    ['a parameter its pattern refuses', 'GET', ['records', 'short'], '/records/short'],
    ['the root', 'GET', [], '/'],
    ['a method nobody knows', 'BREW', ['nowhere'], '/nowhere'],
  ])('%s is the surface’s no-route error', (_label, method, segments, shown) => {
    expect(thrown(() => routes.find(method, segments))).toMatchObject({
      status: 404,
      code: 'no-route',
      message: `no route ${method} ${shown}`,
    });
  });

  it('a method the path does not take is a 405 listing the ones it does (Allow)', () => {
    const error = thrown(() => routes.find('DELETE', ['accounts']));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 405, code: 'method', allow: ['GET', 'POST'] });
    expect(thrown(() => routes.find('POST', ['files', 'x']))).toMatchObject({
      allow: ['GET', 'HEAD'],
    });
  });

  it('without wrongMethod, a method the path does not take is no-route', () => {
    expect(thrown(() => table(false).find('DELETE', ['accounts']))).toMatchObject({
      status: 404,
      code: 'no-route',
      allow: [],
    });
  });

  it('param names a missing parameter as a bug of the table', () => {
    expect(() => param({}, 'accountId')).toThrow(/accountId/);
  });
});
