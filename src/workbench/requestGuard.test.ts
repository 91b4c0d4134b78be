import type { IncomingMessage } from 'node:http';
import { ownHosts, refusal } from './requestGuard';

const requestOf = (
  headers: Record<string, string>,
  method = 'GET',
  url = '/workbench/api/agents',
): IncomingMessage => ({ method, url, headers }) as unknown as IncomingMessage;

describe('ownHosts', () => {
  it.each([
    ['127.0.0.1', ['127.0.0.1:4280', 'localhost:4280']],
    ['::1', ['[::1]:4280', 'localhost:4280']],
    ['[::1]', ['[::1]:4280', 'localhost:4280']],
    ['localhost', ['127.0.0.1:4280', 'localhost:4280', '[::1]:4280']],
    ['0.0.0.0', ['127.0.0.1:4280', 'localhost:4280', '[::1]:4280']],
    ['::', ['127.0.0.1:4280', 'localhost:4280', '[::1]:4280']],
    ['192.168.1.20', ['192.168.1.20:4280']],
  ])('listening on %s answers to %j', (host, expected) => {
    expect([...ownHosts(host, 4280)].sort()).toEqual([...expected].sort());
  });

  it('takes the bare name on port 80, where browsers leave the port out', () => {
    expect(ownHosts('127.0.0.1', 80)).toEqual(
      new Set(['127.0.0.1:80', 'localhost:80', '127.0.0.1', 'localhost']),
    );
  });
});

describe('refusal', () => {
  const hosts = ownHosts('127.0.0.1', 4280);

  it.each([
    ['no Origin (a tool on this machine)', { host: '127.0.0.1:4280' }, 'POST'],
    ['its own origin', { host: '127.0.0.1:4280', origin: 'http://127.0.0.1:4280' }, 'POST'],
    ['localhost', { host: 'localhost:4280', origin: 'http://localhost:4280' }, 'PATCH'],
    ['a name in capitals', { host: 'LOCALHOST:4280', origin: 'http://LocalHost:4280' }, 'POST'],
    [
      'same-origin fetch metadata',
      { host: '127.0.0.1:4280', 'sec-fetch-site': 'same-origin' },
      'DELETE',
    ],
    ['a typed address', { host: '127.0.0.1:4280', 'sec-fetch-site': 'none' }, 'GET'],
  ])('lets through %s', (_label, headers, method) => {
    expect(refusal(requestOf(headers, method), hosts)).toBeNull();
  });

  it.each([
    ['no Host', {}, 'GET', 'foreign-host'],
    ['a rebound name', { host: 'attacker.example:4280' }, 'GET', 'foreign-host'],
    ['another port', { host: '127.0.0.1:4281' }, 'GET', 'foreign-host'],
    ['no port', { host: '127.0.0.1' }, 'GET', 'foreign-host'],
    ['an address it does not listen on', { host: '[::1]:4280' }, 'GET', 'foreign-host'],
    [
      'a page on another port',
      { host: '127.0.0.1:4280', origin: 'http://127.0.0.1:8080' },
      'POST',
      'foreign-origin',
    ],
    ['Origin: null', { host: '127.0.0.1:4280', origin: 'null' }, 'POST', 'foreign-origin'],
    [
      'its other name (another origin)',
      { host: '127.0.0.1:4280', origin: 'http://localhost:4280' },
      'GET',
      'foreign-origin',
    ],
    [
      'https of the same address',
      { host: '127.0.0.1:4280', origin: 'https://127.0.0.1:4280' },
      'GET',
      'foreign-origin',
    ],
    [
      'a cross-site POST without Origin',
      { host: '127.0.0.1:4280', 'sec-fetch-site': 'cross-site' },
      'POST',
      'cross-site',
    ],
    [
      'a same-site PUT',
      { host: '127.0.0.1:4280', 'sec-fetch-site': 'same-site' },
      'PUT',
      'cross-site',
    ],
    [
      'a cross-site read of the API',
      { host: '127.0.0.1:4280', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
      'GET',
      'cross-site',
    ],
    [
      'a cross-site form POST (a navigation that changes state)',
      { host: '127.0.0.1:4280', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
      'POST',
      'cross-site',
    ],
  ])('refuses %s', (_label, headers, method, code) => {
    expect(refusal(requestOf(headers, method), hosts)).toMatchObject({ status: 403, code });
  });

  it('lets a link from another site open the page (a GET navigation)', () => {
    const headers = {
      host: '127.0.0.1:4280',
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'navigate',
    };
    expect(refusal(requestOf(headers, 'GET', '/?agent=ann-lee'), hosts)).toBeNull();
    // Anything else another site's page asks for is refused, page files included.
    const image = { ...headers, 'sec-fetch-mode': 'no-cors' };
    expect(refusal(requestOf(image, 'GET', '/index.html'), hosts)).toMatchObject({
      code: 'cross-site',
    });
  });
});
