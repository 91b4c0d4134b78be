/**
 * Skills-based routing over the wire (admin API, simulator, agent sockets): skills defined, agents'
 * levels, a service's requirements and relaxation; work goes to the longest idle agent who
 * qualifies, optional skills relax after the service's time, and bad configuration is refused with
 * a typed error that changes nothing.
 */
import type { Interaction } from '../../src/protocol';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('skills-based routing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  /** An account with service `s`, skills fr and billing, and agents with these levels. */
  async function skilled(agents: Record<string, Record<string, number>>): Promise<string> {
    const a = await h.world({ services: ['s'] });
    for (const id of ['fr', 'billing']) {
      expect((await h.http('POST', `/admin/accounts/${a}/skills`, { id, name: id })).status).toBe(
        201,
      );
    }
    for (const [id, levels] of Object.entries(agents)) {
      await h.agent(a, { id, services: ['s'], state: 'logged-out' });
      const skills = Object.entries(levels).map(([skill, level]) => ({ skill, level }));
      const put = await h.http('PUT', `/admin/accounts/${a}/agents/${id}/skills`, { skills });
      expect(put).toMatchObject({ status: 200, body: skills });
    }
    return a;
  }

  const arrive = async (a: string, body: Record<string, unknown>) => {
    const result = await h.http<Interaction>('POST', `/simulator/accounts/${a}/interactions`, {
      channel: 'chat',
      serviceId: 's',
      customer: { name: 'Customer' },
      ...body,
    });
    expect(result.status).toBe(201);
    return result.body;
  };

  it('gives the work to the agent who holds every required skill at its level', async () => {
    const a = await skilled({
      ann: { fr: 9 },
      bob: { fr: 4, billing: 8 },
      cat: { fr: 6, billing: 5 },
    });
    const clients = [];
    for (const id of ['ann', 'bob', 'cat']) {
      const client = await h.connect(a, id);
      await client.ok({ type: 'presence.set', state: 'ready', reason: null });
      clients.push(client);
    }
    const created = await arrive(a, {
      skills: [
        { skill: 'fr', level: 5, optional: false },
        { skill: 'billing', level: 5, optional: false },
      ],
    });
    const [, , cat] = clients;
    const added = await cat!.event('interaction.added', (e) => e.interaction.id === created.id);
    expect(added.interaction.serviceId).toBe('s');
  });

  it("relaxes optional skills after the service's relaxation time", async () => {
    const a = await skilled({ ann: { fr: 3 } });
    const config = {
      requirements: [{ skill: 'billing', level: 9, optional: true }],
      relaxSeconds: 1,
    };
    expect(await h.http('PUT', `/admin/accounts/${a}/services/s/skills`, config)).toMatchObject({
      status: 200,
      body: config,
    });
    expect((await h.http('GET', `/admin/accounts/${a}/services/s/skills`)).body).toEqual(config);
    const ann = await h.connect(a, 'ann');
    await ann.ok({ type: 'presence.set', state: 'ready', reason: null });
    const started = Date.now();
    const created = await arrive(a, {});
    expect(await h.waiting(a, 's')).toBe(1);
    await ann.event('interaction.added', (e) => e.interaction.id === created.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await h.waiting(a, 's')).toBe(0);
  });

  it('refuses bad skills configuration with a typed error, changing nothing', async () => {
    const a = await skilled({ ann: { fr: 3 } });
    const cases: [string, string, unknown, number, string, string][] = [
      [
        'PUT',
        `/agents/ann/skills`,
        { skills: [{ skill: 'klingon', level: 3 }] },
        404,
        'not-found',
        'skills.0.skill',
      ],
      [
        'PUT',
        `/agents/ann/skills`,
        { skills: [{ skill: 'fr', level: 11 }] },
        400,
        'bad-field',
        'skills.0.level',
      ],
      [
        'PUT',
        `/agents/ann/skills`,
        {
          skills: [
            { skill: 'fr', level: 2 },
            { skill: 'fr', level: 3 },
          ],
        },
        400,
        'bad-field',
        'skills.1.skill',
      ],
      ['PUT', `/agents/nobody/skills`, { skills: [] }, 404, 'not-found', ''],
      [
        'PUT',
        `/services/s/skills`,
        { requirements: [{ skill: 'nope', level: 1, optional: false }], relaxSeconds: 5 },
        404,
        'not-found',
        'requirements.0.skill',
      ],
      [
        'PUT',
        `/services/s/skills`,
        { requirements: [], relaxSeconds: 86_401 },
        400,
        'bad-field',
        'relaxSeconds',
      ],
      ['POST', `/skills`, { id: 'fr', name: 'French again' }, 409, 'conflict', 'id'],
      ['POST', `/skills`, { id: 'bad id', name: 'x' }, 400, 'bad-field', 'id'],
    ];
    for (const [method, path, body, status, code, field] of cases) {
      const result = await h.http<{ error: { code: string; field: string | null } }>(
        method,
        `/admin/accounts/${a}${path}`,
        body,
      );
      expect([path, result.status, result.body.error.code]).toEqual([path, status, code]);
      if (field !== '') expect(result.body.error.field).toBe(field);
    }
    const arrival = await h.http<{ error: { code: string; field: string } }>(
      'POST',
      `/simulator/accounts/${a}/interactions`,
      { channel: 'chat', serviceId: 's', skills: [{ skill: 'nope', level: 1, optional: false }] },
    );
    expect(arrival).toMatchObject({
      status: 404,
      body: { error: { code: 'not-found', field: 'skills.0.skill' } },
    });
    expect((await h.http('GET', `/admin/accounts/${a}/agents/ann/skills`)).body).toEqual([
      { skill: 'fr', level: 3 },
    ]);
    expect((await h.http('GET', `/admin/accounts/${a}/services/s/skills`)).body).toEqual({
      requirements: [],
      relaxSeconds: 0,
    });
    expect((await h.http('GET', `/admin/accounts/${a}/skills`)).body).toEqual([
      { id: 'fr', name: 'fr' },
      { id: 'billing', name: 'billing' },
    ]);
    expect(await h.waiting(a, 's')).toBe(0);
  });
});
