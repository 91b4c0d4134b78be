/**
 * The ContactPad Setup page's rules, framework-free: what the admin API's answers (passed through
 * ContactPadSetupController as JSON text) must look like, the limits of every field the page edits
 * (read off the protocol's schemas, never copied), and what an agent is saved as.
 */
import type { AgentState, Kind, Presence, Settings, Weights } from '../../protocol';
import {
  agentState,
  id as idSchema,
  KINDS,
  name as nameSchema,
  presence as presenceSchema,
  settings as settingsSchema,
  weights as weightsSchema,
} from '../../protocol';
import type { Failure, IntSchema } from '../../protocol/schema';
import { compile } from '../../protocol/schema';
import { SetupError } from './errors';

/** A service as the Setup page lists it. */
export interface SetupService {
  readonly id: string;
  readonly name: string;
}

/** An agent as the Setup page lists it (the admin API's agent listing, the parts it shows). */
export interface SetupAgent {
  readonly id: string;
  readonly name: string;
  readonly services: readonly string[];
  /** The agent's own weights per kind; a kind not given takes the account's. */
  readonly weightOverrides: Readonly<Partial<Weights>>;
  /** As the directory shows it; null when the routing service does not say. */
  readonly presence: Presence | null;
  readonly state: AgentState | null;
}

/** A Salesforce User that may be made an agent (ContactPadSetupController.searchUsers). */
export interface UserOption {
  readonly userId: string;
  readonly name: string;
  readonly username: string;
  /** The agent id the session Apex uses for this user (Federation Id, else the User Id). */
  readonly agentId: string;
  /** Whether agentId is an id the routing service takes. */
  readonly agentIdValid: boolean;
}

/** What ContactPadSetupController.saveAgent takes: creates the agent or changes it. */
export interface AgentSave {
  readonly id: string;
  readonly name: string;
  readonly services: readonly string[];
  /** Every kind: the agent's own weight, or null for the account's. */
  readonly weights: Readonly<Record<Kind, number | null>>;
}

/** The smallest and largest whole number a field takes. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

const rangeOf = (schema: IntSchema): Range => ({ min: schema.min, max: schema.max });

const dispositions = settingsSchema.fields.dispositions;

/** The limits of every field the Setup page edits, from the protocol's schemas. */
export const SETUP_LIMITS = Object.freeze({
  consultTimeoutSeconds: rangeOf(settingsSchema.fields.consultTimeoutSeconds),
  wrapSeconds: rangeOf(settingsSchema.fields.wrapSeconds),
  weights: Object.freeze(
    Object.fromEntries(KINDS.map((kind) => [kind, rangeOf(weightsSchema.fields[kind])])) as Record<
      Kind,
      Range
    >,
  ),
  dispositions: Object.freeze({ maxItems: dispositions.max, maxLength: dispositions.of.max }),
  /** Service and agent names. */
  name: Object.freeze({ maxLength: nameSchema.max }),
});

/** The kinds, in the protocol's order (live, semi-live, non-live). */
export const SETUP_KINDS: readonly Kind[] = KINDS;

const checkSettings = compile(settingsSchema);
const checkName = compile(nameSchema);
const checkId = compile(idSchema);
const checkPresence = compile(presenceSchema);
const checkState = compile(agentState);
const checkWeight = Object.fromEntries(
  KINDS.map((kind) => [kind, compile(weightsSchema.fields[kind])]),
) as Record<Kind, (value: unknown) => Failure | null>;

/** Why settings would be refused (the first failure, its field a dotted path), or null. */
export function settingsFailure(value: unknown): Failure | null {
  return checkSettings(value);
}

/** Whether a service or agent name would be taken. */
export function isValidName(value: unknown): boolean {
  return checkName(value) === null;
}

/** Whether a whole number is a weight the kind takes. */
export function isValidWeight(kind: Kind, value: unknown): boolean {
  return checkWeight[kind](value) === null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const badAnswer = (what: string): SetupError =>
  new SetupError('bad-answer', `the routing service answered ${what} the page cannot read`);

/** JSON text (what the Apex passes through) or a value already parsed. */
function parsed(value: unknown, what: string): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw badAnswer(what);
  }
}

function listOf<T>(value: unknown, what: string, read: (item: unknown) => T): T[] {
  const list = parsed(value, what);
  if (!Array.isArray(list)) throw badAnswer(what);
  return list.map(read);
}

function serviceOf(value: unknown): SetupService {
  const item = parsed(value, 'a service');
  if (!isRecord(item) || checkId(item['id']) !== null || checkName(item['name']) !== null) {
    throw badAnswer('a service');
  }
  return { id: item['id'] as string, name: item['name'] as string };
}

function overridesOf(value: unknown): Partial<Weights> {
  if (value === null || value === undefined) return {};
  if (!isRecord(value)) throw badAnswer('agents');
  const overrides: Partial<Record<Kind, number>> = {};
  for (const kind of KINDS) {
    const weight = value[kind];
    if (weight === undefined || weight === null) continue;
    if (checkWeight[kind](weight) !== null) throw badAnswer('agents');
    overrides[kind] = weight as number;
  }
  return overrides;
}

function agentOf(value: unknown): SetupAgent {
  const item = parsed(value, 'an agent');
  if (!isRecord(item) || checkId(item['id']) !== null || checkName(item['name']) !== null) {
    throw badAnswer('agents');
  }
  const services = item['services'];
  if (!Array.isArray(services) || services.some((s) => checkId(s) !== null)) {
    throw badAnswer('agents');
  }
  const presence = item['presence'];
  const state = item['state'];
  return {
    id: item['id'] as string,
    name: item['name'] as string,
    services: services as string[],
    weightOverrides: overridesOf(item['weightOverrides']),
    presence: checkPresence(presence) === null ? (presence as Presence) : null,
    state: checkState(state) === null ? (state as AgentState) : null,
  };
}

function userOf(value: unknown): UserOption {
  if (!isRecord(value)) throw badAnswer('users');
  const text = (key: string) => {
    const field = value[key];
    if (typeof field !== 'string' || field === '') throw badAnswer('users');
    return field;
  };
  const agentId = text('agentId');
  return {
    userId: text('userId'),
    name: text('name'),
    username: text('username'),
    agentId,
    agentIdValid: checkId(agentId) === null,
  };
}

/** The answer of listServices (JSON text of the admin API's service list). */
export const readServices = (value: unknown): SetupService[] =>
  listOf(value, 'services', serviceOf);
/** The answer of createService and renameService. */
export const readService = (value: unknown): SetupService => serviceOf(value);
/** The answer of listAgents. */
export const readAgents = (value: unknown): SetupAgent[] => listOf(value, 'agents', agentOf);
/** The answer of saveAgent. */
export const readAgent = (value: unknown): SetupAgent => agentOf(value);
/** The answer of searchUsers (a list of UserOption, not JSON text). */
export const readUsers = (value: unknown): UserOption[] => listOf(value, 'users', userOf);

/** The answer of getSettings and saveSettings: the account's whole settings. */
export function readSettings(value: unknown): Settings {
  const settings = parsed(value, 'settings');
  if (settingsFailure(settings) !== null) throw badAnswer('settings');
  return settings as Settings;
}

/**
 * What saveAgent is given: each service once, and every kind's weight (null: the account's), so a
 * change that drops an override drops it.
 */
export function agentSave(
  person: { readonly id: string; readonly name: string },
  services: readonly string[],
  overrides: Readonly<Partial<Record<Kind, number | null>>>,
): AgentSave {
  const weights = Object.fromEntries(
    KINDS.map((kind) => [kind, overrides[kind] ?? null]),
  ) as Record<Kind, number | null>;
  return { id: person.id, name: person.name, services: [...new Set(services)], weights };
}
