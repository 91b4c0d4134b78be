/** Opening hours as pure functions: local days, times, holidays and daylight saving. */
import type { OpeningHours } from '../../protocol';
import { isOpen, nextOpening, weekdays } from './hours';

const london: OpeningHours = {
  timeZone: 'Europe/London',
  weekly: weekdays('09:00', '17:00'),
  holidays: ['2026-12-25'],
  whenClosed: 'refuse',
};
const at = (iso: string) => Date.parse(iso);

describe('opening hours', () => {
  it('are open on a listed weekday between its times, local time', () => {
    // Winter: London is UTC.
    expect(isOpen(london, at('2026-12-01T08:59:00Z'))).toBe(false);
    expect(isOpen(london, at('2026-12-01T09:00:00Z'))).toBe(true);
    expect(isOpen(london, at('2026-12-01T16:59:59Z'))).toBe(true);
    expect(isOpen(london, at('2026-12-01T17:00:00Z'))).toBe(false);
    expect(isOpen(london, at('2026-12-05T12:00:00Z'))).toBe(false);
  });

  it('follow daylight saving: in summer 09:00 in London is 08:00 UTC', () => {
    expect(isOpen(london, at('2026-07-01T08:00:00Z'))).toBe(true);
    expect(isOpen(london, at('2026-07-01T16:00:00Z'))).toBe(false);
  });

  it('are closed all day on a holiday, and always open when null', () => {
    expect(isOpen(london, at('2026-12-25T12:00:00Z'))).toBe(false);
    expect(isOpen(null, at('2026-12-25T12:00:00Z'))).toBe(true);
  });

  it('read the local day in the zone, not in UTC', () => {
    const tokyo: OpeningHours = { ...london, timeZone: 'Asia/Tokyo', holidays: [] };
    // Friday 23:30 UTC is Saturday 08:30 in Tokyo; Sunday 23:30 UTC is Monday 08:30.
    expect(isOpen(tokyo, at('2026-12-04T23:30:00Z'))).toBe(false);
    expect(isOpen(tokyo, at('2026-12-07T00:30:00Z'))).toBe(true);
  });

  it('next open at the next opening time, past weekends, holidays and clock changes', () => {
    expect(nextOpening(london, at('2026-12-01T17:00:00Z'))).toBe(at('2026-12-02T09:00:00Z'));
    expect(nextOpening(london, at('2026-12-04T18:00:00Z'))).toBe(at('2026-12-07T09:00:00Z'));
    expect(nextOpening(london, at('2026-12-24T18:00:00Z'))).toBe(at('2026-12-28T09:00:00Z'));
    // The clocks go forward on Sunday 29 March 2026: Monday opens at 08:00 UTC.
    expect(nextOpening(london, at('2026-03-27T18:00:00Z'))).toBe(at('2026-03-30T08:00:00Z'));
    expect(nextOpening({ ...london, weekly: [] }, at('2026-12-01T00:00:00Z'))).toBeUndefined();
  });
});
