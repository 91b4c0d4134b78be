/** Test support: valid sample interactions, records, call logs and bridge messages. */
import type { FromContactPadOf } from './messages';
import { BRIDGE_PROTOCOL_VERSION } from './messages';
import type { CallLog } from './recordOpener';
import { interactionFixture } from '../protocol/fixtures';
import type { Interaction, RecordRef } from '../protocol/messages';

export const CONTACT: RecordRef = { id: '003000000000001AAA', objectType: 'Contact' };
export const CASE: RecordRef = { id: '500000000000001AAA', objectType: 'Case' };

/** An inbound call with a contact record, changed by `overrides`. */
export function anInteraction(overrides: Partial<Interaction> = {}): Interaction {
  return interactionFixture({
    customer: { name: 'Ada Lovelace', phone: '+442079460000', email: null },
    record: CONTACT,
    searchKeys: ['+442079460000'],
    serviceId: 'support',
    serviceName: 'Support',
    ...overrides,
  });
}

/** A call log for a contact, changed by `overrides`. */
export function aCallLog(overrides: Partial<CallLog> = {}): CallLog {
  return {
    interactionId: 'i-1',
    subject: 'Call with Ada Lovelace',
    callType: 'inbound',
    durationSeconds: 125,
    disposition: 'Resolved',
    notes: 'Asked about the engine.',
    record: CONTACT,
    whoId: null,
    whatId: null,
    activityDate: '2024-05-17',
    ...overrides,
  };
}

/** The `select` message for `anInteraction()`, changed by `overrides`. */
export function aSelectMessage(
  overrides: Partial<FromContactPadOf<'select'>> = {},
): FromContactPadOf<'select'> {
  return {
    v: BRIDGE_PROTOCOL_VERSION,
    type: 'select',
    requestId: 'r-1',
    interactionId: 'i-1',
    record: CONTACT,
    searchKeys: ['+442079460000'],
    callType: 'inbound',
    ...overrides,
  };
}

/** A `log` message. */
export function aLogMessage(
  overrides: Partial<CallLog> = {},
  requestId = 'r-1',
): FromContactPadOf<'log'> {
  return { v: BRIDGE_PROTOCOL_VERSION, type: 'log', requestId, ...aCallLog(overrides) };
}
