/**
 * Everything the store keeps, addressed as one key per record, rank or timer, with its JSON: the
 * form in which changes are committed to Redis, replicated to the other routing processes, and
 * restored by a rollback.
 */
import type { MemoryStore } from './memoryStore';
import type { Rank } from './rankedSet';
import type {
  AccountRecord,
  AgentRecord,
  ConsultRecord,
  ExternalRecord,
  InteractionRecord,
  OutcomeRecord,
  ServiceRecord,
  TimerRecord,
} from './store';
import { upgradeAccount, upgradeAgent, upgradeInteraction, upgradeService } from './upgrade';

/** A stored thing; encoded as a JSON array so ids may hold any character. */
export type RecordKey =
  | readonly ['account', string]
  | readonly ['service', string, string]
  | readonly ['agent', string, string]
  | readonly ['interaction', string]
  | readonly ['consult', string]
  | readonly ['external', string, string, string]
  | readonly ['outcome', string, string]
  | readonly ['rank', string, string]
  | readonly ['timer', string]
  | readonly ['order'];

/** One key's new JSON, or null when it was deleted. */
export interface Change {
  readonly key: string;
  readonly value: string | null;
}

export const keyOf = (key: RecordKey): string => JSON.stringify(key);

/** A stored change that does not decode: the store was written by something else. */
export class ChangeError extends Error {
  override readonly name = 'ChangeError';
}

/** How many ids each kind of key has. */
const ARITY: Readonly<Record<string, number>> = {
  account: 1,
  service: 2,
  agent: 2,
  interaction: 1,
  consult: 1,
  external: 3,
  outcome: 2,
  rank: 2,
  timer: 1,
  order: 0,
};

/** The parts of an encoded key; ChangeError when it is not one. */
export function decodeKey(key: string): RecordKey {
  let parts: unknown;
  try {
    parts = JSON.parse(key);
  } catch {
    throw new ChangeError(`not a record key: ${key.slice(0, 80)}`);
  }
  if (!Array.isArray(parts) || !parts.every((part) => typeof part === 'string')) {
    throw new ChangeError(`not a record key: ${key.slice(0, 80)}`);
  }
  const [kind, ...ids] = parts as string[];
  if (kind === undefined || ARITY[kind] !== ids.length) {
    throw new ChangeError(`not a record key: ${key.slice(0, 80)}`);
  }
  return parts as unknown as RecordKey;
}

/** What a key holds in the store now (the record itself, not a copy), or undefined. */
export function recordAt(store: MemoryStore, parts: RecordKey): unknown {
  switch (parts[0]) {
    case 'account':
      return store.account(parts[1]);
    case 'service':
      return store.service(parts[1], parts[2]);
    case 'agent':
      return store.agent(parts[1], parts[2]);
    case 'interaction':
      return store.interaction(parts[1]);
    case 'consult':
      return store.consult(parts[1]);
    case 'external':
      return store.external(parts[1], parts[2], parts[3]);
    case 'outcome':
      return store.outcome(parts[1], Number(parts[2]));
    case 'rank':
      return store.rankOf(parts[1], parts[2]);
    case 'timer':
      return store.timer(parts[1]);
    case 'order':
      return store.lastOrder();
  }
}

/** Makes a key hold `value` (JSON), or nothing when null. */
export function writeKey(store: MemoryStore, parts: RecordKey, value: string | null): void {
  let parsed: unknown = null;
  if (value !== null) {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new ChangeError(`not JSON at ${keyOf(parts).slice(0, 80)}`);
    }
  }
  switch (parts[0]) {
    case 'account':
      if (value === null) store.deleteAccount(parts[1]);
      else store.saveAccount(upgradeAccount(parsed as AccountRecord));
      return;
    case 'service':
      if (value === null) store.deleteService(parts[1], parts[2]);
      else store.saveService(upgradeService(parsed as ServiceRecord));
      return;
    case 'agent':
      if (value === null) store.deleteAgent(parts[1], parts[2]);
      else store.saveAgent(upgradeAgent(parsed as AgentRecord));
      return;
    case 'interaction':
      if (value === null) store.deleteInteraction(parts[1]);
      else store.saveInteraction(upgradeInteraction(parsed as InteractionRecord));
      return;
    case 'consult':
      if (value === null) store.deleteConsult(parts[1]);
      else store.saveConsult(parsed as ConsultRecord);
      return;
    case 'external':
      if (value === null) store.deleteExternal(parts[1], parts[2], parts[3]);
      else store.saveExternal(parsed as ExternalRecord);
      return;
    case 'outcome':
      if (value === null) store.deleteOutcome(parts[1], Number(parts[2]));
      else store.saveOutcome(parsed as OutcomeRecord);
      return;
    case 'rank':
      if (value === null) store.rankRemove(parts[1], parts[2]);
      else store.rankAdd(parts[1], parts[2], parsed as Rank);
      return;
    case 'timer':
      if (value === null) store.deleteTimer(parts[1]);
      else store.saveTimer(parsed as TimerRecord);
      return;
    case 'order':
      store.setLastOrder(value === null ? 0 : (parsed as number));
      return;
  }
}
