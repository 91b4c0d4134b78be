import { HttpError } from './errors';
import { pathSegments, queryOf } from './target';

describe('pathSegments', () => {
  it.each([
    ['/health', ['health']],
    ['/admin/accounts/acme/agents/ann', ['admin', 'accounts', 'acme', 'agents', 'ann']],
    ['/admin//accounts/', ['admin', 'accounts']],
    ['/simulator/numbers/%2B14155550100', ['simulator', 'numbers', '+14155550100']],
    ['/simulator/numbers/+14155550100', ['simulator', 'numbers', '+14155550100']],
    ['/admin/accounts/caf%C3%A9', ['admin', 'accounts', 'café']],
    ['/health?verbose=1&x=%41', ['health']],
    ['/', []],
  ])('%s is %j', (target, segments) => {
    expect(pathSegments(target)).toEqual(segments);
  });

  it.each([
    ['a bad escape', '/%ZZ'],
    ['a cut escape', '/admin/accounts/%4'],
    ['an escape that is not UTF-8', '/admin/accounts/%C0%AF'],
    ['a lone surrogate', '/admin/accounts/%ED%A0%80'],
    ['an escaped separator', '/admin/accounts/a%2Fservices'],
    ['an escaped backslash', '/admin/accounts/a%5Cb'],
    ['a raw backslash', '/admin\\accounts'],
    ['an escaped NUL', '/health%00'],
    ['an escaped newline', '/admin/accounts/a%0Ab'],
    ['a dot segment', '/admin/./accounts'],
    ['a dot-dot segment', '/admin/accounts/../health'],
    ['an escaped dot-dot segment', '/admin/%2e%2e/health'],
    ['a fragment', '/health#top'],
    ['a raw quote', '/admin/accounts/"a"'],
    ['a bad escape in the query', '/health?x=%ZZ'],
    ['the absolute form', 'http://127.0.0.1/health'],
    ['the asterisk form', '*'],
    ['the authority form', '127.0.0.1:4280'],
    ['nothing', ''],
    ['no target', undefined],
  ])('refuses %s with a typed 400 bad-url', (_label, target) => {
    let caught: unknown = null;
    try {
      pathSegments(target);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HttpError);
    expect(caught).toMatchObject({ status: 400, code: 'bad-url', field: null });
  });
});

describe('queryOf', () => {
  it.each([
    ['/workbench/api/session?agent=ann-lee', 'agent', 'ann-lee'],
    ['/workbench/api/search?q=%2B1415', 'q', '+1415'],
    ['/workbench/api/search', 'q', null],
    [undefined, 'q', null],
  ])('%s has %s = %j', (target, name, value) => {
    expect(queryOf(target).get(name)).toBe(value);
  });
});
