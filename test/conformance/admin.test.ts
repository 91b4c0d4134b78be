/**
 * The admin and simulator HTTP API: the admin key, validation of every body with a typed error
 * naming the field, unknown accounts and routes, and that a refused request changes nothing.
 */
import { fullSettings } from './harness';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('admin API', () => {
  let h: Harness;
  let account: string;
  beforeAll(async () => {
    h = await startHarness();
    account = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
  });
  afterAll(async () => {
    expect((await h.http('GET', '/health', undefined, null)).status).toBe(200);
    await h.stop();
  });

  it('GET /health says only up without the key, and reports the service with it', async () => {
    const open = await h.http('GET', '/health', undefined, null);
    expect(open).toEqual({ status: 200, body: { status: 'up' } });
    const health = await h.http('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      uptimeSeconds: expect.any(Number),
      sessions: expect.any(Number),
    });
  });

  describe('the admin key', () => {
    const routes: [string, string, unknown][] = [
      ['GET', '/admin/accounts', undefined],
      ['POST', '/admin/accounts', { id: 'x', name: 'x', settings: null }],
      ['GET', '/admin/accounts/ACCOUNT/settings', undefined],
      ['PATCH', '/admin/accounts/ACCOUNT/settings', { wrapSeconds: 1 }],
      ['POST', '/admin/accounts/ACCOUNT/agents/ann/token', { ttlSeconds: null }],
      ['POST', '/simulator/accounts/ACCOUNT/interactions', { channel: 'chat', serviceId: 's' }],
      ['PUT', '/simulator/numbers/+14155550100', { answer: 'auto', afterMs: 0 }],
    ];

    it.each(routes)(
      '%s %s without a key, or with a wrong one, is 401 unauthorised',
      async (method, path, body) => {
        const url = path.replace('ACCOUNT', account);
        for (const key of [null, 'wrong', `${h.adminKey}x`, h.adminKey.slice(0, -1)]) {
          const result = await h.http(method, url, body, key);
          expect(result.status).toBe(401);
          expect(result.body.error).toMatchObject({ code: 'unauthorised' });
        }
        // The key in another scheme does not count either.
        const basic = await fetch(`${h.service.url}${url}`, {
          method,
          headers: { authorization: `Basic ${h.adminKey}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        expect(basic.status).toBe(401);
      },
    );

    it('refused requests change nothing', async () => {
      const before = await h.http('GET', `/admin/accounts/${account}/settings`);
      await h.http('PATCH', `/admin/accounts/${account}/settings`, { wrapSeconds: 99 }, 'wrong');
      await h.http('POST', '/admin/accounts', { id: 'sneaky', name: 'x', settings: null }, null);
      expect((await h.http('GET', `/admin/accounts/${account}/settings`)).body).toEqual(
        before.body,
      );
      expect((await h.http('GET', '/admin/accounts/sneaky')).status).toBe(404);
    });
  });

  describe('validation', () => {
    const cases: [string, string, string, unknown, string, string | null][] = [
      [
        'account without name',
        'POST',
        '/admin/accounts',
        { id: 'a1', settings: null },
        'missing-field',
        'name',
      ],
      [
        'account with a bad id',
        'POST',
        '/admin/accounts',
        { id: '-a', name: 'A', settings: null },
        'bad-field',
        'id',
      ],
      [
        'account with an unknown field',
        'POST',
        '/admin/accounts',
        { id: 'a2', name: 'A', settings: null, owner: 'x' },
        'unknown-field',
        'owner',
      ],
      [
        'account with a consult timeout under 5 s',
        'POST',
        '/admin/accounts',
        { id: 'a3', name: 'A', settings: fullSettings({ consultTimeoutSeconds: 4 }) },
        'bad-field',
        'settings.consultTimeoutSeconds',
      ],
      [
        'account with a live weight under 51',
        'POST',
        '/admin/accounts',
        { id: 'a4', name: 'A', settings: fullSettings({ weights: { live: 50 } }) },
        'bad-field',
        'settings.weights.live',
      ],
      [
        'PATCH settings with a negative wrap',
        'PATCH',
        '/admin/accounts/ACCOUNT/settings',
        { wrapSeconds: -1 },
        'bad-field',
        'wrapSeconds',
      ],
      [
        'PATCH settings with a string timeout',
        'PATCH',
        '/admin/accounts/ACCOUNT/settings',
        { releaseTimeoutSeconds: '5' },
        'bad-field',
        'releaseTimeoutSeconds',
      ],
      [
        'PATCH settings with an unknown feature',
        'PATCH',
        '/admin/accounts/ACCOUNT/settings',
        { features: { teleport: true } },
        'unknown-field',
        'features.teleport',
      ],
      [
        'PATCH settings with an unknown field',
        'PATCH',
        '/admin/accounts/ACCOUNT/settings',
        { colour: 'red' },
        'unknown-field',
        'colour',
      ],
      [
        'PATCH settings with a non-live weight of 0',
        'PATCH',
        '/admin/accounts/ACCOUNT/settings',
        { weights: { 'non-live': 0 } },
        'bad-field',
        'weights.non-live',
      ],
      [
        'PATCH settings offering a kind that does not exist',
        'PATCH',
        '/admin/accounts/ACCOUNT/settings',
        { offers: { kinds: ['urgent'] } },
        'bad-field',
        'offers.kinds.0',
      ],
      [
        'PATCH settings with an offer timeout under 5 s',
        'PATCH',
        '/admin/accounts/ACCOUNT/settings',
        { offers: { timeoutSeconds: 1 } },
        'bad-field',
        'offers.timeoutSeconds',
      ],
      [
        'PUT settings without features',
        'PUT',
        '/admin/accounts/ACCOUNT/settings',
        { ...fullSettings(), features: undefined },
        'missing-field',
        'features',
      ],
      [
        'service without id',
        'POST',
        '/admin/accounts/ACCOUNT/services',
        { name: 'S' },
        'missing-field',
        'id',
      ],
      [
        'agent in state busy',
        'POST',
        '/admin/accounts/ACCOUNT/agents',
        { id: 'z', name: 'Z', services: [], weights: null, state: 'busy' },
        'bad-field',
        'state',
      ],
      [
        'agent with a bad weight',
        'POST',
        '/admin/accounts/ACCOUNT/agents',
        {
          id: 'z',
          name: 'Z',
          services: [],
          weights: { live: 101, 'semi-live': null, 'non-live': null },
          state: null,
        },
        'bad-field',
        'weights.live',
      ],
      [
        'token with a ttl under 10 s',
        'POST',
        '/admin/accounts/ACCOUNT/agents/ann/token',
        { ttlSeconds: 5 },
        'bad-field',
        'ttlSeconds',
      ],
      [
        'arrival on an unknown channel',
        'POST',
        '/simulator/accounts/ACCOUNT/interactions',
        { channel: 'fax', serviceId: 's' },
        'bad-field',
        'channel',
      ],
      [
        'arrival with a bad phone',
        'POST',
        '/simulator/accounts/ACCOUNT/interactions',
        { channel: 'voice', serviceId: 's', customer: { phone: 'call me' } },
        'bad-field',
        'customer.phone',
      ],
      [
        'arrival with a priority of 10',
        'POST',
        '/simulator/accounts/ACCOUNT/interactions',
        { channel: 'chat', serviceId: 's', priority: 10 },
        'bad-field',
        'priority',
      ],
      [
        'an unknown release fault',
        'POST',
        '/simulator/accounts/ACCOUNT/interactions/i-1/fail-release',
        { fault: 'boom' },
        'bad-field',
        'fault',
      ],
      [
        'a number that is not one',
        'PUT',
        '/simulator/numbers/abc',
        { answer: 'auto', afterMs: 0 },
        'bad-field',
        null,
      ],
      [
        'a number behaviour without afterMs',
        'PUT',
        '/simulator/numbers/+14155550100',
        { answer: 'never' },
        'missing-field',
        'afterMs',
      ],
      ['a body that is not JSON', 'POST', '/admin/accounts', '{"id": ', 'bad-json', null],
    ];

    it.each(cases)(
      '%s is 400 with a typed error',
      async (_label, method, path, body, code, field) => {
        const result = await h.http(method, path.replace('ACCOUNT', account), body);
        expect(result.status).toBe(400);
        expect(result.body.error).toMatchObject({ code, ...(field === null ? {} : { field }) });
        expect(result.body.error?.message).toEqual(expect.any(String));
      },
    );

    it('a body over 64 KiB is 413', async () => {
      const result = await h.http('POST', '/admin/accounts', {
        id: 'big',
        name: 'x'.repeat(70 * 1024),
        settings: null,
      });
      expect(result.status).toBe(413);
      expect(result.body.error?.code).toBe('too-large');
    });

    it('nothing changes after invalid bodies', async () => {
      const before = (await h.http('GET', `/admin/accounts/${account}/settings`)).body;
      await h.http('PATCH', `/admin/accounts/${account}/settings`, {
        wrapSeconds: 5,
        consultTimeoutSeconds: 1,
      });
      expect((await h.http('GET', `/admin/accounts/${account}/settings`)).body).toEqual(before);
      for (const id of ['a1', 'a2', 'a3', 'a4']) {
        expect((await h.http('GET', `/admin/accounts/${id}`)).status).toBe(404);
      }
      expect((await h.http('GET', `/admin/accounts/${account}/agents/z`)).status).toBe(404);
    });

    it('duplicates are 409 conflict', async () => {
      const account2 = await h.http('POST', '/admin/accounts', {
        id: account,
        name: 'x',
        settings: null,
      });
      expect(account2.status).toBe(409);
      expect(account2.body.error).toMatchObject({ code: 'conflict', field: 'id' });
      const service = await h.http('POST', `/admin/accounts/${account}/services`, {
        id: 's',
        name: 'S',
      });
      expect(service.status).toBe(409);
      const agent = await h.http('POST', `/admin/accounts/${account}/agents`, {
        id: 'ann',
        name: 'Ann',
        services: [],
        weights: null,
        state: null,
      });
      expect(agent.status).toBe(409);
    });
  });

  describe('unknown things', () => {
    const routes: [string, string, unknown][] = [
      ['GET', '/admin/accounts/nope', undefined],
      ['GET', '/admin/accounts/nope/settings', undefined],
      ['PUT', '/admin/accounts/nope/settings', fullSettings()],
      ['PATCH', '/admin/accounts/nope/settings', { wrapSeconds: 3 }],
      ['GET', '/admin/accounts/nope/services', undefined],
      ['POST', '/admin/accounts/nope/services', { id: 's', name: 'S' }],
      ['GET', '/admin/accounts/nope/agents', undefined],
      [
        'POST',
        '/admin/accounts/nope/agents',
        { id: 'a', name: 'A', services: [], weights: null, state: null },
      ],
      ['GET', '/admin/accounts/nope/interactions', undefined],
      ['GET', '/admin/accounts/nope/queues', undefined],
      ['GET', '/admin/accounts/nope/directory', undefined],
      ['POST', '/admin/accounts/nope/agents/ann/token', { ttlSeconds: null }],
      ['POST', '/simulator/accounts/nope/interactions', { channel: 'chat', serviceId: 's' }],
    ];

    it.each(routes)('%s %s on an unknown account is 404 not-found', async (method, path, body) => {
      const result = await h.http(method, path, body);
      expect(result.status).toBe(404);
      expect(result.body.error?.code).toBe('not-found');
    });

    it('unknown agents, services and interactions of a known account are 404', async () => {
      const token = await h.http('POST', `/admin/accounts/${account}/agents/nobody/token`, {
        ttlSeconds: null,
      });
      expect(token.status).toBe(404);
      const agent = await h.http('POST', `/admin/accounts/${account}/agents`, {
        id: 'z2',
        name: 'Z',
        services: ['nowhere'],
        weights: null,
        state: null,
      });
      expect(agent.status).toBe(404);
      expect(agent.body.error).toMatchObject({ code: 'not-found', field: 'serviceId' });
      const arrival = await h.http('POST', `/simulator/accounts/${account}/interactions`, {
        channel: 'chat',
        serviceId: 'nowhere',
      });
      expect(arrival.status).toBe(404);
      const fault = await h.http(
        'POST',
        `/simulator/accounts/${account}/interactions/i-nope/fail-release`,
        { fault: 'error' },
      );
      expect(fault.status).toBe(404);
    });

    it('an unknown route is 404 no-route', async () => {
      const result = await h.http('DELETE', '/admin/accounts');
      expect(result.status).toBe(404);
      expect(result.body.error?.code).toBe('no-route');
    });
  });

  it('lists what it made: accounts, agents, settings, queues', async () => {
    const agents = await h.http<{ id: string; services: string[]; presence: string | null }[]>(
      'GET',
      `/admin/accounts/${account}/agents`,
    );
    expect(agents.status).toBe(200);
    expect(agents.body).toEqual([
      expect.objectContaining({ id: 'ann', services: ['s'], state: 'ready' }),
    ]);
    const patched = await h.http('PATCH', `/admin/accounts/${account}/settings`, {
      features: { callLogging: true },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual(fullSettings({ features: { callLogging: true } }));
    // Offers merge one level down too: the kinds change, the rest stays.
    const offers = await h.http<{ offers: unknown }>(
      'PATCH',
      `/admin/accounts/${account}/settings`,
      {
        offers: { kinds: ['semi-live'] },
      },
    );
    expect(offers.body.offers).toEqual({ ...fullSettings().offers, kinds: ['semi-live'] });
    expect(await h.waiting(account, 's')).toBe(0);
  });
});
