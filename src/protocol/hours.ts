/**
 * Opening hours of a service, as the admin API configures them: a time zone (IANA), a weekly
 * schedule of opening times on each day (local time, "HH:MM", close after open, "24:00" for
 * midnight), and holidays (local dates, closed all day). While closed, arrivals are refused
 * (`service-closed`) or overflowed (to the service's overflow service), and nothing is assigned.
 */
import { MAX_HOLIDAYS, MAX_OPENING_TIMES } from './limits';
import type { Infer } from './schema';
import { list, nullable, object, oneOf, str } from './schema';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const localTime = str(5, 5, /^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/, 'a local time "HH:MM"');

export const openingTime = object({
  day: oneOf(WEEKDAYS),
  open: localTime,
  close: localTime,
});

export const openingHours = object({
  timeZone: str(1, 64, /^[A-Za-z][A-Za-z0-9_+\-/]*$/, 'an IANA time zone ("Europe/London")'),
  weekly: list(openingTime, 0, MAX_OPENING_TIMES),
  holidays: list(
    str(10, 10, /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, 'a date "YYYY-MM-DD"'),
    0,
    MAX_HOLIDAYS,
  ),
  whenClosed: oneOf(['refuse', 'overflow']),
});

/** A service's hours; null: always open. */
export const serviceHours = object({ hours: nullable(openingHours) });

export type OpeningHours = Infer<typeof openingHours>;
export type ServiceHours = Infer<typeof serviceHours>;
