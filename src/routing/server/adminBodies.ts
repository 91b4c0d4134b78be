/**
 * The bodies the admin and simulator API accept, as protocol schemas compiled once, and their
 * check: a bad body is a typed 400 naming the field (`HttpError`).
 */
import {
  agentSkills,
  CHANNELS,
  serviceHours,
  serviceOverflow,
  serviceCallbacks,
  serviceSkills,
  settings as settingsSchema,
  skill,
  skillRequirements,
} from '../../protocol';
import * as m from '../../protocol/messages';
import type { Checker, Infer, Schema } from '../../protocol/schema';
import { compile, int, list, nullable, object, oneOf } from '../../protocol/schema';
import { MAX_LOAD_RATE, MAX_LOAD_SECONDS } from '../simulator/simulator';
import { HttpError } from '../../http/errors';

const partialWeights = object({
  live: nullable(m.weights.fields.live),
  'semi-live': nullable(m.weights.fields['semi-live']),
  'non-live': nullable(m.weights.fields['non-live']),
});

export const bodies = {
  account: object({ id: m.id, name: m.name, settings: nullable(settingsSchema) }),
  service: object({ id: m.id, name: m.name }),
  serviceChange: object({ name: m.name }),
  agent: object({
    id: m.id,
    name: m.name,
    services: list(m.id, 0, 100),
    weights: nullable(partialWeights),
    state: nullable(oneOf(['ready', 'away', 'logged-out'])),
  }),
  agentChange: object({
    name: nullable(m.name),
    services: nullable(list(m.id, 0, 100)),
    weights: nullable(partialWeights),
  }),
  token: object({ ttlSeconds: nullable(int(10, 86_400)) }),
  supervisorToken: object({ name: m.name, ttlSeconds: nullable(int(10, 86_400)) }),
  arrival: object({
    channel: m.channel,
    serviceId: m.id,
    customer: m.customer,
    record: nullable(m.record),
    searchKeys: m.interaction.fields.searchKeys,
    subject: m.interaction.fields.subject,
    priority: m.interaction.fields.priority,
    skills: skillRequirements,
  }),
  fault: object({ fault: oneOf(['error', 'hang']) }),
  connector: object({
    id: m.id,
    name: m.name,
    channels: list(m.channel, 1, CHANNELS.length),
    services: list(m.id, 1, 100),
  }),
  skill,
  agentSkills: object({ skills: agentSkills }),
  serviceSkills,
  serviceOverflow,
  serviceCallbacks,
  serviceHours,
  number: object({ answer: oneOf(['auto', 'never']), afterMs: int(0, 600_000) }),
  load: object({
    ratePerSecond: int(1, MAX_LOAD_RATE),
    durationSeconds: int(1, MAX_LOAD_SECONDS),
    channels: list(m.channel, 0, CHANNELS.length),
    serviceIds: list(m.id, 1, 100),
  }),
};

/** Every body schema compiled once, when the module loads. */
const CHECKS: ReadonlyMap<Schema, Checker> = new Map(
  [...Object.values(bodies), settingsSchema, m.phoneNumber].map((schema) => [
    schema,
    compile(schema),
  ]),
);

export function validated<S extends Schema>(schema: S, value: unknown, what: string): Infer<S> {
  const check = CHECKS.get(schema) ?? compile(schema);
  const failure = check(value);
  if (failure !== null) {
    const field = failure.field === '' ? null : failure.field;
    const detail =
      failure.code === 'unknown-field' ? 'no such field' : `expected ${failure.expected}`;
    throw new HttpError(
      400,
      failure.code,
      `${what}${field === null ? '' : `.${field}`}: ${detail}`,
      {
        field,
      },
    );
  }
  return value as Infer<S>;
}
