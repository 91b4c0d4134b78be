/**
 * The Setup rows of the workbench API on a real workbench (127.0.0.1, free ports, the demo account
 * seeded): bad input is a typed 400 naming the field and changes nothing; services, agents,
 * settings and the user search reach the routing service's admin API.
 */
import { MAX_USER_MATCHES, fixtureUsers, searchUsers } from './fixtures';
import { MAX_USER_TERM, serviceIdFor } from './setupApi';
import { useTestWorkbench } from './testing';

describe('workbench API: Setup', () => {
  const running = useTestWorkbench();

  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${running.base}/workbench/api/setup${path}`, {
      method,
      ...(body === undefined
        ? {}
        : {
            body: typeof body === 'string' ? body : JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const list = async (path: string) => (await send('GET', path)).body as { id: string }[];
  const typed = (code: string) => ({ error: { code, message: expect.any(String) } });

  it.each([
    ['a service without a name', 'POST', '/services', {}, 'missing-field'],
    ['a service with a blank name', 'POST', '/services', { name: '  ' }, 'bad-field'],
    ['a service name too long', 'POST', '/services', { name: 'x'.repeat(201) }, 'too-large'],
    ['a service body that is a list', 'POST', '/services', ['Sales'], 'bad-field'],
    ['a rename without a name', 'PATCH', '/services/sales', { name: null }, 'bad-field'],
    [
      'a rename with another field',
      'PATCH',
      '/services/sales',
      { name: 'S', id: 'x' },
      'unknown-field',
    ],
    [
      'an agent without services',
      'PUT',
      '/agents/kim-novak',
      { id: 'kim-novak', name: 'Kim Novak', weights: null },
      'missing-field',
    ],
    [
      'an agent with a service id that is not one',
      'PUT',
      '/agents/kim-novak',
      { id: 'kim-novak', name: 'Kim', services: ['a b'], weights: null },
      'bad-field',
    ],
    [
      'an agent with a live weight below 51',
      'PUT',
      '/agents/kim-novak',
      {
        id: 'kim-novak',
        name: 'Kim',
        services: [],
        weights: { live: 50, 'semi-live': null, 'non-live': null },
      },
      'bad-field',
    ],
    [
      'an agent whose id is not the path’s',
      'PUT',
      '/agents/kim-novak',
      { id: 'ann-lee', name: 'Ann', services: [], weights: null },
      'bad-field',
    ],
    ['settings out of their limits', 'PUT', '/settings', { wrapSeconds: -1 }, 'missing-field'],
  ])('%s is a typed 400 and changes nothing', async (_label, method, path, body, code) => {
    const before = [await list('/services'), await list('/agents')];
    const answer = await send(method, path, body);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject(typed(code));
    expect([await list('/services'), await list('/agents')]).toEqual(before);
  });

  it('a body that is not JSON is 400 bad-request', async () => {
    const answer = await send('POST', '/services', '{"name":');
    expect(answer).toEqual({ status: 400, body: typed('bad-request') });
  });

  it('settings out of their limits name the field and leave the settings as they were', async () => {
    const settings = (await send('GET', '/settings')).body as Record<string, unknown>;
    const answer = await send('PUT', '/settings', { ...settings, consultTimeoutSeconds: 4 });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: { code: 'bad-field', message: expect.stringContaining('consultTimeoutSeconds') },
    });
    expect((await send('GET', '/settings')).body).toEqual(settings);
  });

  it('the whole settings are saved and read back', async () => {
    const settings = (await send('GET', '/settings')).body as { wrapSeconds: number };
    const changed = { ...settings, wrapSeconds: settings.wrapSeconds + 7 };
    expect(await send('PUT', '/settings', changed)).toEqual({ status: 200, body: changed });
    expect((await send('GET', '/settings')).body).toEqual(changed);
  });

  it('creates a service with an id from its name, then renames it', async () => {
    const created = await send('POST', '/services', { name: ' Premium Care ' });
    expect(created).toEqual({
      status: 201,
      body: expect.objectContaining({ id: 'premium-care', name: 'Premium Care' }),
    });
    const again = await send('POST', '/services', { name: 'Premium care' });
    expect(again.body).toMatchObject({ id: 'premium-care-2' });
    const renamed = await send('PATCH', '/services/premium-care', { name: 'Premium' });
    expect(renamed).toEqual({ status: 200, body: { id: 'premium-care', name: 'Premium' } });
  });

  it('renaming or removing a service the account does not have is 404 not-found', async () => {
    expect(await send('PATCH', '/services/nothing', { name: 'X' })).toMatchObject({
      status: 404,
      body: { error: { code: 'not-found' } },
    });
    expect((await send('DELETE', '/services/nothing')).status).toBe(404);
  });

  it('makes a user an agent, changes them, then removes them', async () => {
    const agent = {
      id: 'kim-novak',
      name: 'Kim Novak',
      services: ['sales'],
      weights: { live: null, 'semi-live': null, 'non-live': 20 },
    };
    const made = await send('PUT', '/agents/kim-novak', agent);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      id: 'kim-novak',
      services: ['sales'],
      presence: 'logged-out',
    });
    const changed = await send('PUT', '/agents/kim-novak', {
      ...agent,
      services: ['sales', 'billing'],
      weights: { live: null, 'semi-live': null, 'non-live': null },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ services: ['sales', 'billing'], weightOverrides: {} });
    expect(await send('DELETE', '/agents/kim-novak')).toEqual({
      status: 200,
      body: { removed: 'kim-novak' },
    });
    expect((await list('/agents')).map((a) => a.id)).not.toContain('kim-novak');
  });

  it('finds users by the words of their name, with the agent id the session Apex would use', async () => {
    const found = await send('GET', '/users?q=lars');
    expect(found).toEqual({
      status: 200,
      body: [
        {
          userId: expect.stringMatching(/^005/),
          name: 'Lars Berg',
          username: 'lars.berg@contactpad.example',
          agentId: (found.body as { userId: string }[])[0]?.userId,
        },
      ],
    });
    expect((await send('GET', '/users?q=ANN%20lee')).body).toEqual([
      expect.objectContaining({ name: 'Ann Lee', agentId: 'ann-lee' }),
    ]);
    expect((await send('GET', '/users?q=%20')).body).toEqual([]);
    expect((await send('GET', '/users')).body).toEqual([]);
  });

  it('a search term too long is 400 too-large', async () => {
    const answer = await send('GET', `/users?q=${'a'.repeat(MAX_USER_TERM + 1)}`);
    expect(answer).toEqual({ status: 400, body: typed('too-large') });
  });

  it('a search answers at most MAX_USER_MATCHES users, by name', () => {
    const found = searchUsers(fixtureUsers(), 'e');
    expect(found).toHaveLength(MAX_USER_MATCHES);
    expect(found.map((u) => u.name)).toEqual([...found.map((u) => u.name)].sort());
  });

  it('service ids come from names, unique', () => {
    expect(serviceIdFor('Après-vente & Retours', new Set())).toBe('apres-vente-retours');
    expect(serviceIdFor('!!!', new Set())).toBe('service');
    expect(serviceIdFor('Sales', new Set(['sales', 'sales-2']))).toBe('sales-3');
  });
});
