/**
 * Opening hours over the wire: a closed service refuses arrivals (409 `service-closed`) or
 * overflows them to its overflow service, as configured; bad hours are refused, changing nothing.
 */
import type { Interaction } from '../../src/protocol';
import type { Harness } from './harness';
import { startHarness } from './harness';

const NEVER_OPEN = { timeZone: 'Europe/Paris', weekly: [], holidays: [], whenClosed: 'refuse' };

describe('opening hours', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const arrive = (a: string) =>
    h.http<Interaction & { error: { code: string; field: string } }>(
      'POST',
      `/simulator/accounts/${a}/interactions`,
      { channel: 'voice', serviceId: 'sales', customer: { phone: '+14155550100' } },
    );

  it('a closed service refuses arrivals with service-closed', async () => {
    const a = await h.world({ services: ['sales'] });
    const put = await h.http('PUT', `/admin/accounts/${a}/services/sales/hours`, {
      hours: NEVER_OPEN,
    });
    expect(put).toMatchObject({ status: 200, body: { hours: NEVER_OPEN } });
    const refused = await arrive(a);
    expect(refused).toMatchObject({
      status: 409,
      body: { error: { code: 'service-closed', field: 'serviceId' } },
    });
    expect(await h.waiting(a, 'sales')).toBe(0);
  });

  it('or overflows them to its overflow service, where an agent takes them', async () => {
    const a = await h.world({
      services: ['sales', 'night'],
      agents: [{ id: 'nat', services: ['night'], state: 'logged-out' }],
    });
    await h.http('PUT', `/admin/accounts/${a}/services/sales/overflow`, {
      serviceId: 'night',
      afterSeconds: 60,
    });
    await h.http('PUT', `/admin/accounts/${a}/services/sales/hours`, {
      hours: { ...NEVER_OPEN, whenClosed: 'overflow' },
    });
    const nat = await h.connect(a, 'nat');
    await nat.ok({ type: 'presence.set', state: 'ready', reason: null });
    const created = await arrive(a);
    expect(created).toMatchObject({ status: 201, body: { serviceId: 'night' } });
    const added = await nat.event('interaction.added', (e) => e.interaction.id === created.body.id);
    expect(added.interaction.serviceId).toBe('night');
  });

  it('refuses bad hours naming the field, changing nothing', async () => {
    const a = await h.world({ services: ['sales'] });
    const path = `/admin/accounts/${a}/services/sales/hours`;
    const cases: [unknown, string][] = [
      [{ hours: { ...NEVER_OPEN, timeZone: 'Mars/Olympus' } }, 'hours.timeZone'],
      [
        { hours: { ...NEVER_OPEN, weekly: [{ day: 'mon', open: '18:00', close: '09:00' }] } },
        'hours.weekly.0.close',
      ],
      [
        { hours: { ...NEVER_OPEN, weekly: [{ day: 'mon', open: '9:00', close: '17:00' }] } },
        'hours.weekly.0.open',
      ],
      [{ hours: { ...NEVER_OPEN, holidays: ['2026-02-30'] } }, 'hours.holidays.0'],
      [{ hours: { ...NEVER_OPEN, whenClosed: 'later' } }, 'hours.whenClosed'],
    ];
    for (const [body, field] of cases) {
      const result = await h.http<{ error: { code: string; field: string } }>('PUT', path, body);
      expect([result.status, result.body.error.code, result.body.error.field]).toEqual([
        400,
        'bad-field',
        field,
      ]);
    }
    expect((await h.http('GET', path)).body).toEqual({ hours: null });
    expect((await arrive(a)).status).toBe(201);
  });
});
