/**
 * What the workbench API builds from what the page sends: Tasks and simulator arrivals (only known
 * fields, cut to their limits).
 */
import type { Channel } from '../protocol';
import { HttpError } from '../http/errors';
import type { Customer, Task } from './fixtures';
import { UNKNOWN_CUSTOMER_KEY } from './models/simulator';

const text = (value: unknown, max = 32_000): string | null =>
  typeof value === 'string' ? value.slice(0, max) : null;
export const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
export const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const WHO_OBJECTS = new Set(['Contact', 'Lead']);
const TASK_CALL_TYPES: Readonly<Record<string, string>> = {
  inbound: 'Inbound',
  outbound: 'Outbound',
  internal: 'Internal',
};

/** A Task from what the bridge's saveLog or ContactPad's Apex fallback sent. */
export function taskOf(body: unknown): Omit<Task, 'Id' | 'createdAt'> {
  const given = record(body);
  if (given['source'] === 'opencti') {
    const value = record(given['task']);
    return {
      Subject: text(value['Subject'], 255) ?? 'Call',
      Status: text(value['Status'], 40) ?? 'Completed',
      TaskSubtype: text(value['TaskSubtype'], 40) ?? 'Call',
      ActivityDate: text(value['ActivityDate'], 10),
      CallType: text(value['CallType'], 40),
      CallDurationInSeconds: num(value['CallDurationInSeconds']),
      CallObject: text(value['CallObject'], 255),
      CallDisposition: text(value['CallDisposition'], 255),
      Description: text(value['Description']) ?? '',
      WhoId: text(value['WhoId'], 18),
      WhatId: text(value['WhatId'], 18),
      source: 'opencti',
    };
  }
  if (given['source'] === 'apex') {
    const log = record(given['log']);
    const ref = record(log['record']);
    const recordId = text(ref['id'], 18);
    const isWho = recordId !== null && WHO_OBJECTS.has(String(ref['objectType']));
    return {
      Subject: text(log['subject'], 255) ?? 'Call',
      Status: 'Completed',
      TaskSubtype: 'Call',
      ActivityDate: text(log['activityDate'], 10),
      CallType: TASK_CALL_TYPES[String(log['callType'])] ?? null,
      CallDurationInSeconds: num(log['durationSeconds']),
      CallObject: text(log['interactionId'], 255),
      CallDisposition: text(log['disposition'], 255),
      Description: text(log['notes']) ?? '',
      WhoId: text(log['whoId'], 18) ?? (isWho ? recordId : null),
      WhatId: text(log['whatId'], 18) ?? (!isWho ? recordId : null),
      source: 'apex',
    };
  }
  throw new HttpError(400, 'bad-request', 'source must be "opencti" or "apex"');
}

/** The simulator body for a customer contact: what a channel connector would know. */
export function arrivalOf(channel: Channel, serviceId: string, customer: Customer): unknown {
  const person = { name: customer.name, phone: customer.phone, email: customer.email };
  switch (channel) {
    case 'voice':
    case 'video':
      // A call knows the caller's number only: the bridge searches for the record.
      return {
        channel,
        serviceId,
        customer: { name: null, phone: customer.phone, email: null },
        record: null,
        searchKeys: [customer.phone],
      };
    case 'chat':
      return {
        channel,
        serviceId,
        customer: person,
        record: { id: customer.contactId, objectType: 'Contact' },
      };
    case 'email':
      return {
        channel,
        serviceId,
        customer: { name: customer.name, phone: null, email: customer.email },
        record: { id: customer.contactId, objectType: 'Contact' },
        subject: `Question from ${customer.name}`,
      };
    case 'case':
      return {
        channel,
        serviceId,
        customer: person,
        record: { id: customer.caseId, objectType: 'Case' },
        subject: `Case for ${customer.name}`,
      };
    case 'callback':
      // A request to be called back (a web form): the number to call, the contact it is about.
      return {
        channel,
        serviceId,
        customer: person,
        record: { id: customer.contactId, objectType: 'Contact' },
        searchKeys: [customer.phone],
        subject: `Call back ${customer.name}`,
      };
  }
}

/** A customer with no fixture record (the simulator's "Unknown caller"). */
export const UNKNOWN_CUSTOMER = {
  key: UNKNOWN_CUSTOMER_KEY,
  name: null,
  phone: '+14155550199',
  email: 'someone@example.net',
} as const;

/** The simulator body for a customer nobody knows: search keys only, no record. */
export function unknownArrivalOf(channel: Channel, serviceId: string): unknown {
  const { phone, email } = UNKNOWN_CUSTOMER;
  const live = channel === 'voice' || channel === 'video';
  return {
    channel,
    serviceId,
    customer: { name: null, phone: live ? phone : null, email: live ? null : email },
    record: null,
    searchKeys: [live ? phone : email],
    ...(channel === 'email' || channel === 'case' ? { subject: 'A question' } : {}),
  };
}
