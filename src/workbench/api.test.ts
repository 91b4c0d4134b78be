/**
 * The workbench server's route table on a real workbench (127.0.0.1, free ports): what no route,
 * a wrong method, a bad body and a restart are answered with. Each is a typed error that changes
 * nothing.
 */
import { useTestWorkbench } from './testing';

describe('workbench server: its route table', () => {
  const running = useTestWorkbench();

  const send = async (method: string, path: string, body?: string) => {
    const response = await fetch(`${running.base}${path}`, {
      method,
      ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
    });
    const text = await response.text();
    return { status: response.status, allow: response.headers.get('allow'), text };
  };
  const tasks = async () =>
    (JSON.parse((await send('GET', '/workbench/api/tasks')).text) as []).length;

  it.each([
    ['an unknown API path', 'GET', '/workbench/api/nowhere', 404, 'no-route'],
    ['a method an API path does not take', 'DELETE', '/workbench/api/tasks', 404, 'no-route'],
    ['a record id of the wrong form', 'GET', '/workbench/api/records/short', 404, 'no-route'],
    ['a number of the wrong form', 'PUT', '/workbench/api/simulate/numbers/abc', 404, 'no-route'],
    ['an unknown record', 'GET', '/workbench/api/records/001000000000ZZZ', 404, 'not-found'],
    ['a file that is not there', 'GET', '/nothing.js', 404, 'not-found'],
    ['an unknown agent’s session', 'GET', '/workbench/api/session?agent=nobody', 404, 'not-found'],
  ])('%s (%s %s) is %s %s', async (_label, method, path, status, code) => {
    const answer = await send(method, path);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.text)).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('a method the page does not take is 405 method, with Allow', async () => {
    for (const path of ['/', '/index.html', '/slds/x.css', '/workbench/api']) {
      const answer = await send('POST', path, '{}');
      expect(answer).toMatchObject({ status: 405, allow: 'GET, HEAD' });
      expect(JSON.parse(answer.text)).toEqual({
        error: { code: 'method', message: 'only GET here' },
      });
    }
  });

  it('a body that is not JSON is 400 bad-request, and over 64 KiB 413 too-large', async () => {
    const before = await tasks();
    const bad = await send('POST', '/workbench/api/tasks', '{"source": ');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error: { code: 'bad-request' } });
    const notes = 'x'.repeat(70 * 1024);
    const big = await send(
      'POST',
      '/workbench/api/tasks',
      JSON.stringify({ source: 'apex', log: { notes } }),
    );
    expect(big.status).toBe(413);
    expect(JSON.parse(big.text)).toMatchObject({ error: { code: 'too-large' } });
    expect(await tasks()).toBe(before);
  });

  it('an empty settings change changes nothing', async () => {
    const before = await send('GET', '/workbench/api/settings');
    const patched = await send('PATCH', '/workbench/api/settings', '');
    expect(patched).toMatchObject({ status: 200, text: before.text });
  });

  it('while the routing service restarts, routes that need it are 503; session and status answer', async () => {
    const restarted = running.workbench.restartRouting(400);
    try {
      const agents = await send('GET', '/workbench/api/agents');
      expect(agents.status).toBe(503);
      expect(JSON.parse(agents.text)).toMatchObject({ error: { code: 'unavailable' } });
      expect((await send('GET', '/workbench/api/nowhere')).status).toBe(503);
      const status = await send('GET', '/workbench/api/routing');
      expect(JSON.parse(status.text)).toMatchObject({ up: false });
      expect((await send('GET', '/workbench/api/session?agent=ann-lee')).status).toBe(200);
    } finally {
      await restarted;
    }
    expect((await send('GET', '/workbench/api/agents')).status).toBe(200);
  });
});
