/**
 * Overflow: work that has waited at a service for the service's overflow time moves to its
 * overflow service, keeping its age and priority, and is routed there as that service's work. It
 * never moves to a service it overflowed from, so a chain of services ends and a loop does not go
 * round. The timer starts each time the work is queued at a service (a re-queue starts it again).
 */
import type { ServiceOverflow } from '../../protocol';
import type { InteractionRecord, ServiceRecord } from '../store/store';
import type { EngineCore } from './core';
import { error } from './errors';
import { KINDS } from '../../protocol';
import { retimeWaiting } from './routing';

/** Queued at `service`: its overflow timer starts (when the service overflows). */
export function overflowLater(core: EngineCore, record: InteractionRecord, service: ServiceRecord) {
  const rule = service.overflow;
  if (rule === undefined || rule.serviceId === null) return;
  core.startTimer(record.accountId, 'overflow', record.interaction.id, rule.afterSeconds);
}

/** The overflow time passed: the work moves on if it still waits where it was. */
export function overflowNow(core: EngineCore, interactionId: string): void {
  const record = core.store.interaction(interactionId);
  if (record?.place.kind !== 'queued') return;
  const from = core.store.service(record.accountId, record.place.serviceId);
  const rule = from?.overflow;
  if (from === undefined || rule === undefined || rule.serviceId === null) return;
  const to = core.store.service(record.accountId, rule.serviceId);
  const visited = record.overflowedFrom ?? [];
  if (to === undefined || to.id === from.id || visited.includes(to.id)) return;
  record.overflowedFrom = [...visited, from.id];
  core.unqueue(record);
  core.enqueue(record, to);
}

/** Where the service's waiting work overflows (never, by default). */
export function overflowOf(service: ServiceRecord): ServiceOverflow {
  return service.overflow ?? { serviceId: null, afterSeconds: 60 };
}

/** Sets where the service's waiting work overflows; work already waiting follows the new rule. */
export function setOverflow(
  core: EngineCore,
  accountId: string,
  serviceId: string,
  rule: ServiceOverflow,
): ServiceOverflow {
  const service = core.service(accountId, serviceId);
  if (rule.serviceId !== null) {
    if (rule.serviceId === serviceId) {
      throw error('bad-field', 'a service cannot overflow to itself', null, 'serviceId');
    }
    if (core.store.service(accountId, rule.serviceId) === undefined) {
      throw error('not-found', `no service ${rule.serviceId} in this account`, null, 'serviceId');
    }
  }
  service.overflow = { serviceId: rule.serviceId, afterSeconds: rule.afterSeconds };
  core.store.saveService(service);
  const after = rule.serviceId === null ? null : rule.afterSeconds;
  retimeWaiting(core, accountId, serviceId, KINDS, 'overflow', after);
  return service.overflow;
}
