/**
 * Overflow over the wire: work waiting at a service past its overflow time moves to the overflow
 * service and reaches an agent there; bad overflow configuration is refused, changing nothing.
 */
import type { Interaction } from '../../src/protocol';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('overflow', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('moves waiting work to the overflow service after its time', async () => {
    const a = await h.world({
      services: ['sales', 'support'],
      agents: [{ id: 'bob', services: ['support'], state: 'logged-out' }],
    });
    const rule = { serviceId: 'support', afterSeconds: 1 };
    const put = await h.http('PUT', `/admin/accounts/${a}/services/sales/overflow`, rule);
    expect(put).toMatchObject({ status: 200, body: rule });
    expect((await h.http('GET', `/admin/accounts/${a}/services/sales/overflow`)).body).toEqual(
      rule,
    );
    const bob = await h.connect(a, 'bob');
    await bob.ok({ type: 'presence.set', state: 'ready', reason: null });
    const started = Date.now();
    const created = await h.http<Interaction>('POST', `/simulator/accounts/${a}/interactions`, {
      channel: 'email',
      serviceId: 'sales',
      customer: { name: 'Customer' },
    });
    expect(created.status).toBe(201);
    expect(await h.waiting(a, 'sales')).toBe(1);
    const added = await bob.event('interaction.added', (e) => e.interaction.id === created.body.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(added.interaction).toMatchObject({
      serviceId: 'support',
      enqueuedAt: created.body.enqueuedAt,
    });
    expect(await h.waiting(a, 'sales')).toBe(0);
  });

  it('refuses an unknown service, the service itself and a bad time, changing nothing', async () => {
    const a = await h.world({ services: ['sales', 'support'] });
    const path = `/admin/accounts/${a}/services/sales/overflow`;
    const cases: [unknown, number, string, string][] = [
      [{ serviceId: 'nowhere', afterSeconds: 5 }, 404, 'not-found', 'serviceId'],
      [{ serviceId: 'sales', afterSeconds: 5 }, 400, 'bad-field', 'serviceId'],
      [{ serviceId: 'support', afterSeconds: 0 }, 400, 'bad-field', 'afterSeconds'],
      [{ serviceId: 'support' }, 400, 'missing-field', 'afterSeconds'],
    ];
    for (const [body, status, code, field] of cases) {
      const result = await h.http<{ error: { code: string; field: string } }>('PUT', path, body);
      expect([result.status, result.body.error.code, result.body.error.field]).toEqual([
        status,
        code,
        field,
      ]);
    }
    expect(
      (
        await h.http('PUT', `/admin/accounts/${a}/services/nowhere/overflow`, {
          serviceId: 'sales',
          afterSeconds: 5,
        })
      ).status,
    ).toBe(404);
    expect((await h.http('GET', path)).body).toEqual({ serviceId: null, afterSeconds: 60 });
  });
});
