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
  const zone = service.hours?.timeZone;
  if (zone === undefined) return new Date(now).toISOString().slice(0, 10);
  return DateTime.fromMillis(now, { zone }).toISODate() ?? new Date(now).toISOString().slice(0, 10);
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
  const counts = today(service, core.clock.now());
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
