/**
 * What the Setup page needs of the admin API: renaming and removing services, removing agents
 * (their sessions closed), and agents listed with their presence. A refused removal is a typed 409
 * saying why, and changes nothing.
 */
import { CLOSE_CODES } from '../../src/protocol';
import type { Harness } from './harness';
import { startHarness } from './harness';
import { helloFrame, TestClient } from './client';

interface ServiceBody {
  readonly id: string;
  readonly name: string;
}

describe('admin API for the Setup page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const services = async (a: string) =>
    (await h.http<ServiceBody[]>('GET', `/admin/accounts/${a}/services`)).body
      .map((service) => `${service.id}:${service.name}`)
      .sort();

  describe('renaming a service', () => {
    it('answers the service and shows the new name in the list and the directory', async () => {
      const a = await h.world({ services: ['sales'], agents: [{ id: 'ava', services: [] }] });
      const ava = await h.connect(a, 'ava');
      await ava.ok({ type: 'directory.subscribe' });
      await ava.event('directory.snapshot');
      const renamed = await h.http('PATCH', `/admin/accounts/${a}/services/sales`, {
        name: 'Sales EMEA',
      });
      expect(renamed).toEqual({ status: 200, body: { id: 'sales', name: 'Sales EMEA' } });
      expect(await services(a)).toEqual(['sales:Sales EMEA']);
      const changed = await ava.event('directory.changed', (e) =>
        e.upserted.some((entry) => entry.id === 'sales'),
      );
      expect(changed.upserted).toContainEqual(
        expect.objectContaining({ type: 'service', id: 'sales', name: 'Sales EMEA' }),
      );
    });

    it.each([
      ['without a name', {}, 'missing-field', 'name'],
      ['with an empty name', { name: '' }, 'bad-field', 'name'],
      ['with another field', { name: 'X', id: 'other' }, 'unknown-field', 'id'],
    ])('%s is 400 naming the field and changes nothing', async (_label, body, code, field) => {
      const a = await h.world({ services: ['sales'] });
      const result = await h.http('PATCH', `/admin/accounts/${a}/services/sales`, body);
      expect(result.status).toBe(400);
      expect(result.body.error).toMatchObject({ code, field });
      expect(await services(a)).toEqual(['sales:sales']);
    });

    it('an unknown service or account is 404', async () => {
      const a = await h.world({ services: ['sales'] });
      const unknown = await h.http('PATCH', `/admin/accounts/${a}/services/nope`, { name: 'X' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error?.code).toBe('not-found');
      const noAccount = await h.http('PATCH', '/admin/accounts/nope/services/sales', {
        name: 'X',
      });
      expect(noAccount.status).toBe(404);
    });
  });

  describe('removing a service', () => {
    it('is refused while work waits there, saying so, and nothing changes', async () => {
      const a = await h.world({ services: ['sales'] });
      await h.arrive(a, { channel: 'email', serviceId: 'sales' });
      const refused = await h.http('DELETE', `/admin/accounts/${a}/services/sales`);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'service-in-use' });
      expect(refused.body.error?.message).toContain('1 interaction is waiting');
      expect(await services(a)).toEqual(['sales:sales']);
      expect(await h.waiting(a, 'sales')).toBe(1);
    });

    it('is refused while agents serve it, while in progress work or an overflow rule needs it', async () => {
      const a = await h.world({
        services: ['sales', 'support', 'spare'],
        agents: [
          { id: 'ann', services: ['sales'] },
          { id: 'bob', services: ['sales'], state: 'logged-out' },
        ],
      });
      const byAgents = await h.http('DELETE', `/admin/accounts/${a}/services/sales`);
      expect(byAgents.status).toBe(409);
      expect(byAgents.body.error).toMatchObject({ code: 'service-in-use' });
      expect(byAgents.body.error?.message).toContain('2 agents serve it');

      // Work in progress at a service no agent serves any more still needs it.
      const ann = await h.connect(a, 'ann');
      await h.arrive(a, { channel: 'email', serviceId: 'sales' });
      await ann.added();
      for (const id of ['ann', 'bob']) {
        const moved = await h.http('PATCH', `/admin/accounts/${a}/agents/${id}`, {
          name: null,
          services: ['support'],
          weights: null,
        });
        expect(moved.status).toBe(200);
      }
      const inProgress = await h.http('DELETE', `/admin/accounts/${a}/services/sales`);
      expect(inProgress.status).toBe(409);
      expect(inProgress.body.error?.message).toContain('1 interaction is in progress');

      const rule = { serviceId: 'spare', afterSeconds: 60 };
      expect(
        (await h.http('PUT', `/admin/accounts/${a}/services/support/overflow`, rule)).status,
      ).toBe(200);
      const target = await h.http('DELETE', `/admin/accounts/${a}/services/spare`);
      expect(target.status).toBe(409);
      expect(target.body.error?.message).toContain('1 service overflows to it');
      expect(await services(a)).toEqual(['sales:sales', 'spare:spare', 'support:support']);
    });

    it('removes an unused service: 204, gone from the list and the directory, its id free again', async () => {
      const a = await h.world({
        services: ['sales', 'old'],
        agents: [{ id: 'ava', services: ['sales'] }],
      });
      const ava = await h.connect(a, 'ava');
      await ava.ok({ type: 'directory.subscribe' });
      await ava.event('directory.snapshot');
      const removed = await h.http('DELETE', `/admin/accounts/${a}/services/old`);
      expect(removed).toEqual({ status: 204, body: null });
      expect(await services(a)).toEqual(['sales:sales']);
      const changed = await ava.event('directory.changed', (e) => e.removed.length > 0);
      expect(changed.removed).toEqual([{ type: 'service', id: 'old' }]);
      const again = await h.http('DELETE', `/admin/accounts/${a}/services/old`);
      expect(again.status).toBe(404);
      expect(again.body.error?.code).toBe('not-found');
      // Work for it is refused now, and the id may be used again.
      const arrival = await h.http('POST', `/simulator/accounts/${a}/interactions`, {
        channel: 'chat',
        serviceId: 'old',
      });
      expect(arrival.status).toBe(404);
      await h.addService(a, 'old', 'Old again');
      expect(await services(a)).toEqual(['old:Old again', 'sales:sales']);
    });
  });

  describe('removing an agent', () => {
    it('is refused while the agent holds work, and nothing changes', async () => {
      const a = await h.world({
        services: ['sales'],
        agents: [{ id: 'ann', services: ['sales'] }],
      });
      const ann = await h.connect(a, 'ann');
      await h.arrive(a, { channel: 'chat', serviceId: 'sales' });
      await ann.added();
      const refused = await h.http('DELETE', `/admin/accounts/${a}/agents/ann`);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'agent-has-work' });
      expect(refused.body.error?.message).toContain('1 interaction');
      expect((await h.http('GET', `/admin/accounts/${a}/agents/ann`)).status).toBe(200);
      // The session is untouched.
      expect(ann.closed).toBeNull();
      await ann.ok({ type: 'directory.subscribe' });
    });

    it('closes their sessions (unauthorised), removes them everywhere, and refuses their old token', async () => {
      const a = await h.world({
        services: ['sales'],
        agents: [
          { id: 'ann', services: ['sales'] },
          { id: 'ava', services: [] },
        ],
      });
      const token = await h.token(a, 'ann');
      const { client: ann } = await TestClient.connect(h.service.agentUrl, token);
      h.track(ann);
      const ava = await h.connect(a, 'ava');
      await ava.ok({ type: 'directory.subscribe' });
      await ava.event('directory.snapshot');

      expect(await h.http('DELETE', `/admin/accounts/${a}/agents/ann`)).toEqual({
        status: 204,
        body: null,
      });
      const closed = await ann.waitClose();
      expect(closed).toEqual({
        code: CLOSE_CODES.unauthorised,
        reason: 'the agent was removed from the account',
      });
      const changed = await ava.event('directory.changed', (e) => e.removed.length > 0);
      expect(changed.removed).toEqual([{ type: 'agent', id: 'ann' }]);
      // Nobody can take a consult at sales any more.
      expect(changed.upserted).toContainEqual(
        expect.objectContaining({ type: 'service', id: 'sales', consultable: false }),
      );
      expect((await h.http('GET', `/admin/accounts/${a}/agents/ann`)).status).toBe(404);
      const agents = await h.http<{ id: string }[]>('GET', `/admin/accounts/${a}/agents`);
      expect(agents.body.map((agent) => agent.id)).toEqual(['ava']);
      // No new token, and the old one opens nothing.
      const newToken = await h.http('POST', `/admin/accounts/${a}/agents/ann/token`, {
        ttlSeconds: null,
      });
      expect(newToken.status).toBe(404);
      const again = h.track(await TestClient.open(h.service.agentUrl));
      again.sendRaw(helloFrame(token));
      expect((await again.waitClose()).code).toBe(CLOSE_CODES.unauthorised);
      // Nobody serves sales any more: it can go.
      expect((await h.http('DELETE', `/admin/accounts/${a}/services/sales`)).status).toBe(204);
    });

    it('an unknown agent is 404; without the key, 401 and nothing changes', async () => {
      const a = await h.world({ agents: [{ id: 'ann' }] });
      expect((await h.http('DELETE', `/admin/accounts/${a}/agents/nope`)).status).toBe(404);
      const noKey = await h.http('DELETE', `/admin/accounts/${a}/agents/ann`, undefined, null);
      expect(noKey.status).toBe(401);
      expect(
        (await h.http('DELETE', `/admin/accounts/${a}/services/x`, undefined, 'wrong')).status,
      ).toBe(401);
      expect((await h.http('GET', `/admin/accounts/${a}/agents/ann`)).status).toBe(200);
    });
  });

  it('lists agents with their presence as the directory shows it', async () => {
    const a = await h.world({
      services: ['sales'],
      agents: [
        { id: 'ann', services: ['sales'] },
        { id: 'bob', services: ['sales'], state: 'logged-out' },
      ],
    });
    const listed = await h.http<{ id: string; presence: string }[]>(
      'GET',
      `/admin/accounts/${a}/agents`,
    );
    const presence = Object.fromEntries(listed.body.map((agent) => [agent.id, agent.presence]));
    expect(presence).toEqual({ ann: 'available-now', bob: 'logged-out' });
    const directory = await h.http<{ id: string; presence?: string }[]>(
      'GET',
      `/admin/accounts/${a}/directory`,
    );
    for (const agent of listed.body) {
      expect(directory.body.find((entry) => entry.id === agent.id)?.presence).toBe(agent.presence);
    }
  });
});
