/**
 * Callbacks: a live call that waits at a service longer than the service's callback time becomes a
 * callback request: non-live work (channel `callback`) carrying the caller's number, keeping its
 * age, priority and record, waiting at the same service. The agent who gets it calls the number
 * back with one action (`callback.dial`): the request becomes that outbound call.
 */
import type { ServiceCallbacks } from '../../protocol';
import { KIND_OF_CHANNEL } from '../../protocol';
import type { AgentRecord, InteractionRecord, ServiceRecord } from '../store/store';
import { checkAction } from './actionRules';
import { dial } from './commands';
import type { CommandResult, EngineCore } from './core';
import { error } from './errors';
import { timerId } from './keys';
import { retimeWaiting } from './routing';

/** A live call queued at `service`: its callback timer starts (when the service has one). */
export function callbackLater(
  core: EngineCore,
  record: InteractionRecord,
  service: ServiceRecord,
): void {
  const after = service.callbacks?.afterSeconds ?? null;
  if (after === null || record.interaction.kind !== 'live') return;
  if (record.interaction.customer.phone === null) return;
  core.startTimer(record.accountId, 'callback', record.interaction.id, after);
}

/** The callback time passed: a call still waiting becomes a callback request where it waits. */
export function callbackNow(core: EngineCore, interactionId: string): void {
  const record = core.store.interaction(interactionId);
  if (record?.place.kind !== 'queued' || record.interaction.kind !== 'live') return;
  const service = core.store.service(record.accountId, record.place.serviceId);
  if (service === undefined) return;
  core.unqueue(record);
  core.store.deleteTimer(timerId('overflow', interactionId));
  const { customer, subject } = record.interaction;
  record.interaction = {
    ...record.interaction,
    channel: 'callback',
    kind: KIND_OF_CHANNEL.callback,
    direction: 'inbound',
    searchKeys: customer.phone === null ? [] : [customer.phone],
    subject: subject ?? `Call back ${customer.name ?? customer.phone ?? ''}`.slice(0, 255),
    muted: false,
    recording: 'off',
  };
  core.enqueue(record, service);
}

/** `callback.dial`: the request becomes an outbound call to its number, about its record. */
export function callBack(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
): CommandResult {
  checkAction(core, agent, record, 'call-back');
  const number = record.interaction.customer.phone;
  if (number === null) {
    throw error(
      'not-allowed',
      'the callback request carries no number',
      'callback.dial',
      null,
      record.interaction.id,
    );
  }
  core.dropUnlogged(record, agent, 'released');
  core.store.deleteInteraction(record.interaction.id);
  return dial(core, agent, number, record.interaction.record);
}

/** The service's callback rule (none by default). */
export function callbacksOf(service: ServiceRecord): ServiceCallbacks {
  return service.callbacks ?? { afterSeconds: null };
}

/** Sets the service's callback rule; calls already waiting follow it. */
export function setCallbacks(
  core: EngineCore,
  accountId: string,
  serviceId: string,
  rule: ServiceCallbacks,
): ServiceCallbacks {
  const service = core.service(accountId, serviceId);
  service.callbacks = { afterSeconds: rule.afterSeconds };
  core.store.saveService(service);
  retimeWaiting(core, accountId, serviceId, ['live'], 'callback', rule.afterSeconds);
  return service.callbacks;
}
