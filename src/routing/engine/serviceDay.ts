/**
 * Each service's counts of the day a supervisor sees: interactions given to an agent, and those
 * whose customer left while waiting. Kept on the service's record (`ServiceRecord.today`), in the
 * same unit of work as the change they count, so they are in the store like everything else and
 * survive a restart on Redis. "Today" is the service's local day when it has opening hours (their
 * time zone), else the UTC day; a new day starts the counts again.
 */
import { DateTime } from 'luxon';
import type { InteractionRecord, ServiceRecord, ServiceDay } from '../store/store';
import type { EngineCore } from './core';

/** The service's day at `now`: `YYYY-MM-DD` in its time zone, or UTC. */
export function dayOf(service: ServiceRecord, now: number): string {
  return dayIn(service.hours?.timeZone, now).day;
}

/** A day in a time zone (undefined: UTC): its date and the instants it spans, [from, until). */
export interface Day {
  readonly day: string;
  readonly from: number;
  readonly until: number;
}

const DAY_MS = 86_400_000;

function dayIn(zone: string | undefined, now: number): Day {
  const utc = (): Day => {
    const from = Math.floor(now / DAY_MS) * DAY_MS;
    return { day: new Date(now).toISOString().slice(0, 10), from, until: from + DAY_MS };
  };
  if (zone === undefined) return utc();
  const local = DateTime.fromMillis(now, { zone });
  const day = local.toISODate();
  if (day === null) return utc();
  const from = local.startOf('day').toMillis();
  return { day, from, until: local.endOf('day').toMillis() + 1 };
}

/**
 * The last day found in each time zone, so that counting work (every routing decision) does not
 * work out the date again until the day is over. One per engine.
 */
export class Days {
  private readonly byZone = new Map<string, Day>();

  of(service: ServiceRecord, now: number): string {
    const zone = service.hours?.timeZone;
    const key = zone ?? '';
    const known = this.byZone.get(key);
    if (known !== undefined && now >= known.from && now < known.until) return known.day;
    const found = dayIn(zone, now);
    this.byZone.set(key, found);
    return found.day;
  }
}

/** The service's counts today (zero when nothing was counted yet today). */
export function today(service: ServiceRecord, now: number): ServiceDay {
  const day = dayOf(service, now);
  return service.today?.day === day ? service.today : { day, assigned: 0, abandoned: 0 };
}

function count(
  core: EngineCore,
  record: InteractionRecord,
  serviceId: string | null,
  what: 'assigned' | 'abandoned',
) {
  if (serviceId === null || record.interaction.consultId !== null) return;
  const service = core.store.service(record.accountId, serviceId);
  if (service === undefined) return;
  const now = core.clock.now();
  const day = core.days.of(service, now);
  const counts = service.today?.day === day ? service.today : { day, assigned: 0, abandoned: 0 };
  service.today = { ...counts, [what]: counts[what] + 1 };
  core.store.saveService(service);
}

/** Routed work was given to an agent (assigned at once, or an offer accepted). */
export function countAssigned(core: EngineCore, record: InteractionRecord): void {
  count(core, record, record.interaction.serviceId, 'assigned');
}

/** The customer left while the work waited at a service (or rang as an offer). */
export function countAbandoned(core: EngineCore, record: InteractionRecord): void {
  const serviceId =
    record.place.kind === 'queued' ? record.place.serviceId : record.interaction.serviceId;
  count(core, record, serviceId, 'abandoned');
}
