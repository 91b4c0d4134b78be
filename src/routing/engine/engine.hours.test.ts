/** Opening hours in the engine, on the fake clock: refused or overflowed while closed, nothing assigned. */
import type { OpeningHours } from '../../protocol';
import { weekdays } from './hours';
import { ACCOUNT, expectCode, harness } from './testing';
import type { Harness } from './testing';

// The fake clock starts on Tuesday 14 November 2023, 22:13:20 UTC.
const OFFICE: OpeningHours = {
  timeZone: 'UTC',
  weekly: weekdays('09:00', '17:00'),
  holidays: [],
  whenClosed: 'refuse',
};
const TO_NINE = (10 * 60 + 46) * 60 + 40; // from 22:13:20 to 09:00 the next day, in seconds

function world(): Harness {
  const h = harness({ wrapSeconds: 0 });
  h.service('sales');
  h.service('night');
  h.agent({ id: 'ann', services: ['sales'] });
  h.agent({ id: 'nat', services: ['night'], state: 'ready' });
  return h;
}

describe('opening hours', () => {
  it('refuse an arrival while closed with service-closed, changing nothing', () => {
    const h = world();
    h.engine.setServiceHours(ACCOUNT, 'sales', { hours: OFFICE });
    h.take();
    const before = h.state();
    const refused = expectCode(() => h.arrive('sales', 'voice'), 'service-closed');
    expect(refused.field).toBe('serviceId');
    expect(h.state()).toEqual(before);
    expect(h.take()).toEqual([]);
  });

  it('overflow an arrival while closed when the service says so', () => {
    const h = world();
    h.engine.setServiceOverflow(ACCOUNT, 'sales', { serviceId: 'night', afterSeconds: 600 });
    h.engine.setServiceHours(ACCOUNT, 'sales', { hours: { ...OFFICE, whenClosed: 'overflow' } });
    const call = h.arrive('sales', 'voice');
    expect(call.serviceId).toBe('night');
    expect(h.ids('nat')).toEqual([call.id]);
  });

  it('refuse when the overflow service is closed too', () => {
    const h = world();
    h.engine.setServiceOverflow(ACCOUNT, 'sales', { serviceId: 'night', afterSeconds: 600 });
    h.engine.setServiceHours(ACCOUNT, 'sales', { hours: { ...OFFICE, whenClosed: 'overflow' } });
    h.engine.setServiceHours(ACCOUNT, 'night', { hours: OFFICE });
    expectCode(() => h.arrive('sales', 'voice'), 'service-closed');
  });

  it('assign nothing while closed, and route waiting work when the service opens', () => {
    const h = world();
    const call = h.arrive('sales', 'voice');
    h.engine.setServiceHours(ACCOUNT, 'sales', { hours: OFFICE });
    h.presenceSet('ann', 'ready');
    expect(h.ids('ann')).toEqual([]);
    h.advance(TO_NINE - 1);
    expect(h.ids('ann')).toEqual([]);
    h.advance(1);
    expect(h.ids('ann')).toEqual([call.id]);
    // Open now: arrivals are taken.
    h.release('ann', call.id);
    const next = h.arrive('sales', 'chat');
    expect(h.ids('ann')).toEqual([next.id]);
  });

  it('close on holidays; null hours: always open', () => {
    const h = world();
    h.engine.setServiceHours(ACCOUNT, 'sales', { hours: { ...OFFICE, holidays: ['2023-11-15'] } });
    h.advance(TO_NINE);
    expectCode(() => h.arrive('sales', 'voice'), 'service-closed');
    h.engine.setServiceHours(ACCOUNT, 'sales', { hours: null });
    expect(h.arrive('sales', 'voice').serviceId).toBe('sales');
    expect(h.engine.serviceHours(ACCOUNT, 'sales')).toEqual({ hours: null });
  });

  it('refuse bad hours naming the field, changing nothing', () => {
    const h = world();
    h.take();
    const before = h.state();
    const bad = (hours: OpeningHours, field: string) =>
      expect(
        expectCode(() => h.engine.setServiceHours(ACCOUNT, 'sales', { hours }), 'bad-field').field,
      ).toBe(field);
    bad({ ...OFFICE, timeZone: 'Mars/Olympus' }, 'hours.timeZone');
    bad(
      { ...OFFICE, weekly: [...OFFICE.weekly, { day: 'sat', open: '12:00', close: '11:00' }] },
      'hours.weekly.5.close',
    );
    bad({ ...OFFICE, holidays: ['2023-02-30'] }, 'hours.holidays.0');
    expectCode(() => h.engine.setServiceHours(ACCOUNT, 'nowhere', { hours: null }), 'not-found');
    expect(h.state()).toEqual(before);
    expect(h.engine.serviceHours(ACCOUNT, 'sales')).toEqual({ hours: null });
  });
});
