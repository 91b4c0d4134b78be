/**
 * Opening hours of services: whether a service is open at an instant, when it next opens, where an
 * arrival goes while it is closed, and the admin's changes. The local day, weekday and time in the
 * service's time zone come from luxon (the IANA zone rules of the platform's Intl, daylight saving
 * included): no date arithmetic of our own.
 */
import { DateTime, IANAZone } from 'luxon';
import type { OpeningHours, ServiceHours } from '../../protocol';
import { WEEKDAYS } from '../../protocol';
import type { ServiceRecord } from '../store/store';
import type { EngineCore } from './core';
import { error } from './errors';

/** Monday to Friday, each from `open` to `close`. */
export function weekdays(open: string, close: string): OpeningHours['weekly'] {
  return WEEKDAYS.slice(0, 5).map((day) => ({ day, open, close }));
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Whether the hours are open at `at` (ms): not a holiday there, and a time of that weekday spans it. */
export function isOpen(hours: OpeningHours | null | undefined, at: number): boolean {
  if (hours === null || hours === undefined) return true;
  const local = DateTime.fromMillis(at, { zone: hours.timeZone });
  if (!local.isValid || hours.holidays.includes(local.toISODate())) return false;
  const day = WEEKDAYS[local.weekday - 1];
  const minute = local.hour * 60 + local.minute;
  return hours.weekly.some(
    (time) => time.day === day && minutesOf(time.open) <= minute && minute < minutesOf(time.close),
  );
}

/** When the hours next open after `at` (ms), looking a year and a week ahead; undefined: never. */
export function nextOpening(hours: OpeningHours, at: number): number | undefined {
  const today = DateTime.fromMillis(at, { zone: hours.timeZone }).startOf('day');
  if (!today.isValid) return undefined;
  for (let days = 0; days <= 372; days++) {
    const day = today.plus({ days });
    if (hours.holidays.includes(day.toISODate() ?? '')) continue;
    const name = WEEKDAYS[day.weekday - 1];
    const opens = hours.weekly
      .filter((time) => time.day === name)
      .map((time) => minutesOf(time.open))
      .sort((a, b) => a - b);
    for (const minute of opens) {
      const when = day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();
      if (when > at) return when;
    }
  }
  return undefined;
}

/**
 * Where an arrival at `service` waits: the service while it is open; while it is closed, its
 * overflow service when it says so and that one is open; else `service-closed`.
 */
export function serviceForArrival(core: EngineCore, service: ServiceRecord): ServiceRecord {
  const now = core.clock.now();
  if (isOpen(service.hours, now)) return service;
  const target = service.overflow?.serviceId ?? null;
  if (service.hours?.whenClosed === 'overflow' && target !== null) {
    const other = core.store.service(service.accountId, target);
    if (other !== undefined && isOpen(other.hours, now)) return other;
  }
  throw error('service-closed', `service ${service.id} is closed now`, null, 'serviceId');
}

/** A closed service with work waiting: route its queues again when it opens. */
export function wakeAtOpening(core: EngineCore, service: ServiceRecord): void {
  if (service.hours === null || service.hours === undefined) return;
  const now = core.clock.now();
  const opens = nextOpening(service.hours, now);
  if (opens === undefined) return;
  core.startTimer(service.accountId, 'service-opens', service.id, (opens - now) / 1000);
}

/** The service's hours (null: always open). */
export function hoursOf(service: ServiceRecord): ServiceHours {
  return { hours: service.hours ?? null };
}

/** Sets the service's hours, checked whole first (zone, times, dates): `bad-field` naming it. */
export function setHours(
  core: EngineCore,
  accountId: string,
  serviceId: string,
  change: ServiceHours,
): ServiceHours {
  const service = core.service(accountId, serviceId);
  const { hours } = change;
  if (hours !== null) check(hours);
  service.hours = hours;
  core.store.saveService(service);
  core.recheckServiceQueue(serviceId);
  return hoursOf(service);
}

function check(hours: OpeningHours): void {
  if (!IANAZone.isValidZone(hours.timeZone)) {
    throw error('bad-field', `no time zone ${hours.timeZone}`, null, 'hours.timeZone');
  }
  hours.weekly.forEach((time, index) => {
    if (minutesOf(time.close) <= minutesOf(time.open)) {
      throw error('bad-field', 'a time closes after it opens', null, `hours.weekly.${index}.close`);
    }
  });
  hours.holidays.forEach((date, index) => {
    if (!DateTime.fromISO(date).isValid) {
      throw error('bad-field', `no date ${date}`, null, `hours.holidays.${index}`);
    }
  });
}
