/**
 * How every interaction starts, written once: a customer arriving at a service (`Engine.arrive`),
 * an outbound call (`dial`), a consult leg (`connectConsult`). Callers name only what differs;
 * the rest starts the same for all. The record is returned unsaved.
 */
import type { Channel, Customer, Interaction, RecordRef } from '../../protocol';
import * as protocol from '../../protocol';
import type { InteractionRecord, Place, ServiceRecord } from '../store/store';
import type { EngineCore } from './core';

/** Read once: the service runs as CommonJS, where each read of an imported binding is a call. */
const { KIND_OF_CHANNEL } = protocol;

/** What differs between new interactions; the kind follows from the channel. */
export interface NewInteraction {
  readonly accountId: string;
  readonly channel: Channel;
  readonly direction: Interaction['direction'];
  readonly state: Interaction['state'];
  readonly customer: Customer;
  /** Waiting at a service, or already with an agent. */
  readonly place: Place;
  readonly record?: RecordRef | null;
  readonly searchKeys?: readonly string[];
  readonly subject?: string | null;
  /** The service it arrived at, if any. */
  readonly service?: ServiceRecord;
  readonly priority?: number;
  /** For a consult leg: the consult it belongs to. */
  readonly consultId?: string;
  readonly targetSide?: InteractionRecord['targetSide'];
}

/** A new interaction at version 1, with a fresh id and arrival order, held by nobody yet. */
export function newInteraction(
  core: Pick<EngineCore, 'account' | 'clock' | 'newId' | 'store'>,
  spec: NewInteraction,
): InteractionRecord {
  const now = core.clock.now();
  const kind = KIND_OF_CHANNEL[spec.channel];
  const recorded = kind === 'live' && core.account(spec.accountId).settings.features.recording;
  return {
    accountId: spec.accountId,
    interaction: {
      id: core.newId('i'),
      version: 1,
      kind,
      channel: spec.channel,
      direction: spec.direction,
      state: spec.state,
      stateSince: now,
      customer: spec.customer,
      record: spec.record ?? null,
      searchKeys: [...(spec.searchKeys ?? [])],
      subject: spec.subject ?? null,
      serviceId: spec.service?.id ?? null,
      serviceName: spec.service?.name ?? null,
      priority: spec.priority ?? 0,
      enqueuedAt: now,
      assignedAt: now,
      consultId: spec.consultId ?? null,
      releaseFailure: null,
      muted: false,
      recording: recorded ? 'on' : 'off',
      offerEndsAt: null,
      conference: null,
    },
    place: spec.place,
    agentIds: [],
    order: core.store.nextOrder(),
    releaseFault: null,
    targetSide: spec.targetSide ?? null,
    conference: null,
    declinedBy: [],
  };
}
