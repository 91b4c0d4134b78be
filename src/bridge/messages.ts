/**
 * The contract between ContactPad (the utility bar LWC) and the bridge (the Open CTI softphone
 * page) over the package's Lightning Message Channel `ContactPad__c`. Each LMS payload has one
 * field, `message`, carrying one of the objects below. Versioned (`v: 1`), told apart by `type`,
 * described once as schemas (src/protocol/schema.ts) and validated on arrival at both ends.
 */
import { MAX_MESSAGE_LENGTH, MAX_INTERACTIONS, MAX_SUBJECT_LENGTH } from '../protocol/limits';
import { clientMessage, id, interaction, name, phoneNumber, record } from '../protocol/messages';
import type { Checker, Infer, Variants } from '../protocol/schema';
import {
  bool,
  compile,
  int,
  list,
  literal,
  nullable,
  object,
  oneOf,
  str,
  union,
} from '../protocol/schema';
import { BRIDGE_ERROR_CODES, BridgeError } from './errors';

export const BRIDGE_PROTOCOL_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Values, reused from routing protocol v1 where the thing is the same.

/** A Salesforce record id (15 or 18 characters). */
export const recordId = record.fields.id;
/** An object's API name ("Contact", "Case", "Foo__c"). */
export const objectType = record.fields.objectType;
/** The search keys of an interaction (a telephone number, an e-mail address). */
export const searchKeys = interaction.fields.searchKeys;
const logSubmit = clientMessage.variants['log.submit'].fields;
/** A disposition or null, as the routing protocol's `log.submit` carries it. */
export const disposition = logSubmit.disposition;
/** Free-text notes, as long as `log.submit` allows. */
export const notes = logSubmit.notes;
export const CALL_TYPES = ['inbound', 'outbound', 'internal'] as const;
export const callType = oneOf(CALL_TYPES);
/** What the bridge can do; `announce` lists them. */
export const CAPABILITIES = [
  'screen-pop',
  'search-pop',
  'save-log',
  'panel',
  'click-to-dial',
  'navigation',
] as const;
export const capability = oneOf(CAPABILITIES);
/** An SLDS icon key for the utility item ("call", "end_call"). */
export const iconKey = str(1, 80, /^[a-z][a-z0-9_]*$/, 'an SLDS icon key');
/** A calendar date, YYYY-MM-DD, as Task.ActivityDate takes it. */
export const date = str(10, 10, /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'a date');
const version = str(1, 32, /^[0-9A-Za-z.+-]+$/, 'a version');
const url = str(1, 2048);

const v = literal(BRIDGE_PROTOCOL_VERSION);
const requestId = id;

// ---------------------------------------------------------------------------------------------
// Messages

/** Messages ContactPad publishes for the bridge. */
export const fromContactPad = union({
  /** ContactPad asks whether a bridge is listening; a bridge answers `announce`. */
  hello: object({ v, type: literal('hello'), contactPadVersion: version }),
  /** An interaction became current: open (or focus) its record, else search on its first key. */
  select: object({
    v,
    type: literal('select'),
    requestId,
    interactionId: id,
    record: nullable(record),
    searchKeys,
    callType,
  }),
  /** Log this call as a completed Task. `whoId`/`whatId` win over what `record` implies. */
  log: object({
    v,
    type: literal('log'),
    requestId,
    interactionId: id,
    subject: str(1, MAX_SUBJECT_LENGTH, /\S/, 'a subject'),
    callType,
    durationSeconds: int(0, 7 * 24 * 3600),
    disposition,
    notes,
    record: nullable(record),
    whoId: nullable(recordId),
    whatId: nullable(recordId),
    activityDate: date,
  }),
  /** The panel state, for the softphone utility item: presence label, interaction count, icon. */
  panel: object({
    v,
    type: literal('panel'),
    requestId,
    presence: name,
    interactions: int(0, MAX_INTERACTIONS),
    icon: nullable(iconKey),
  }),
});

/** Messages the bridge publishes for ContactPad. */
export const fromBridge = union({
  /** The bridge is up: sent at start and in answer to `hello`. */
  announce: object({
    v,
    type: literal('announce'),
    bridgeVersion: version,
    capabilities: list(capability, 0, CAPABILITIES.length),
  }),
  /** The outcome of a `select`, `log` or `panel`. */
  result: object({
    v,
    type: literal('result'),
    requestId,
    ok: bool,
    error: nullable(
      object({ code: oneOf(BRIDGE_ERROR_CODES), message: str(1, MAX_MESSAGE_LENGTH) }),
    ),
    /** The record opened (select) or saved (log), when Open CTI says which. */
    recordId: nullable(recordId),
  }),
  /** The agent clicked a phone number in Salesforce (click-to-dial). */
  dial: object({
    v,
    type: literal('dial'),
    number: phoneNumber,
    recordId: nullable(recordId),
    objectType: nullable(objectType),
  }),
  /** The console navigated. */
  navigation: object({
    v,
    type: literal('navigation'),
    url: nullable(url),
    recordId: nullable(recordId),
    objectType: nullable(objectType),
  }),
});

export type CallType = (typeof CALL_TYPES)[number];
export type Capability = (typeof CAPABILITIES)[number];
export type FromContactPad = Infer<typeof fromContactPad>;
export type FromBridge = Infer<typeof fromBridge>;
export type ChannelMessage = FromContactPad | FromBridge;
export type FromContactPadOf<T extends FromContactPad['type']> = Extract<
  FromContactPad,
  { type: T }
>;
export type FromBridgeOf<T extends FromBridge['type']> = Extract<FromBridge, { type: T }>;
/** Who published a message on the channel. */
export type Sender = 'contactpad' | 'bridge';

// ---------------------------------------------------------------------------------------------
// Parsing and checking

export type ParsedBridgeMessage<T> =
  | { readonly ok: true; readonly message: T }
  | {
      readonly ok: false;
      readonly error: BridgeError;
      /**
       * True when the value looks like a message of the other direction: LMS also delivers what
       * an end publishes itself, so receivers drop these silently instead of warning.
       */
      readonly echo: boolean;
    };

const checkersOf = (variants: Variants) =>
  new Map<string, Checker>(Object.entries(variants).map(([type, s]) => [type, compile(s)]));

const CHECKERS: Readonly<Record<Sender, ReadonlyMap<string, Checker>>> = {
  contactpad: checkersOf(fromContactPad.variants),
  bridge: checkersOf(fromBridge.variants),
};

/** Validates a value taken off the channel as a message from `from`; never throws. */
export function parseBridgeMessage(
  value: unknown,
  from: 'contactpad',
): ParsedBridgeMessage<FromContactPad>;
export function parseBridgeMessage(value: unknown, from: 'bridge'): ParsedBridgeMessage<FromBridge>;
export function parseBridgeMessage(
  value: unknown,
  from: Sender,
): ParsedBridgeMessage<ChannelMessage>;
export function parseBridgeMessage(
  value: unknown,
  from: Sender,
): ParsedBridgeMessage<ChannelMessage> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return bad('a message must be an object');
  }
  const fields = value as Record<string, unknown>;
  const type = fields['type'];
  if (typeof type !== 'string') return bad('a message must have a string "type"');
  const shown = JSON.stringify(type.slice(0, 64));
  const checker = CHECKERS[from].get(type);
  if (checker === undefined) {
    const echo = CHECKERS[from === 'contactpad' ? 'bridge' : 'contactpad'].has(type);
    return bad(`${from} sends no message of type ${shown}`, echo);
  }
  if (fields['v'] !== BRIDGE_PROTOCOL_VERSION) {
    return bad(`${type}.v: this bridge contract is version ${BRIDGE_PROTOCOL_VERSION}`);
  }
  const failure = checker(fields);
  if (failure !== null) {
    const why = failure.code === 'unknown-field' ? 'no such field' : `expected ${failure.expected}`;
    return bad(`${type}.${failure.field}: ${why}`);
  }
  return { ok: true, message: value as ChannelMessage };
}

/** Validates a message before it is published; throws BridgeError('bad-message') if it is not valid. */
export function checkBridgeMessage<T extends ChannelMessage>(message: T, from: Sender): T {
  const parsed = parseBridgeMessage(message, from);
  if (!parsed.ok) throw parsed.error;
  return message;
}

function bad(message: string, echo = false): ParsedBridgeMessage<never> {
  return { ok: false, error: new BridgeError('bad-message', message), echo };
}
