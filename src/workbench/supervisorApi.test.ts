/**
 * The supervisor session row on a real workbench (127.0.0.1, free ports): bad input is a typed
 * error that issues nothing; a demo agent gets a supervisor token for the routing service's
 * supervisor WebSocket.
 */
import { useTestWorkbench } from './testing';

describe('workbench API: supervisor session', () => {
  const running = useTestWorkbench();

  const get = async (query: string) => {
    const response = await fetch(`${running.base}/workbench/api/supervisor/session${query}`);
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it.each([
    ['no supervisor', '', 400, 'bad-request'],
    ['an empty supervisor', '?supervisor=', 400, 'bad-request'],
    ['a supervisor that is not an id', '?supervisor=ann%20lee', 400, 'bad-request'],
    ['a supervisor id too long', `?supervisor=${'a'.repeat(65)}`, 400, 'bad-request'],
    ['a supervisor id that starts with a dot', '?supervisor=.ann', 400, 'bad-request'],
    ['a person the demo does not have', '?supervisor=nobody', 404, 'not-found'],
  ])('%s (%s) is %s %s', async (_label, query, status, code) => {
    const answer = await get(query);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ error: { code, message: expect.any(String) } });
  });

  it('a demo agent gets a supervisor token for the supervisor WebSocket', async () => {
    const answer = await get('?supervisor=ann-lee');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      routingUrl: running.workbench.routing.url.replace(/^http/, 'ws') + '/v1/supervisor',
      token: expect.any(String),
      expiresAt: expect.anything(),
    });
  });
});
