/**
 * Every message of routing protocol v1, as schemas, and the TypeScript types read off them: the
 * values are in values.ts, the supervisor's messages in supervisor.ts. PROTOCOL.md is the prose of
 * these files; a test keeps the two in step.
 */
import { BRIDGE_MESSAGE_FIELDS, BRIDGE_SEND_FIELDS } from './bridge';
import { ERROR_CODES } from './errors';
import * as limit from './limits';
import type { Infer } from './schema';
import { bool, int, list, literal, nullable, object, oneOf, str, union } from './schema';
import type {
  agentStats,
  capacityByChannel,
  serviceStats,
  supervisedInteraction,
} from './supervisor';
import { supervisorCommands, supervisorEvents } from './supervisor';
import type {
  CHANNELS,
  CONSULT_END_REASONS,
  customer,
  features,
  INTERACTION_STATES,
  KINDS,
  offers,
  pendingLog,
  PRESENCES,
  AGENT_STATES,
  RECORDING_STATES,
  releaseFailure,
  supervisorRef,
  weights,
  conference,
} from './values';
import {
  agent,
  awayReason,
  command,
  consult,
  declineReason,
  directoryEntry,
  directoryRef,
  event,
  id,
  interaction,
  nextState,
  nonce,
  record,
  REMOVE_REASONS,
  phoneNumber,
  seq,
  settings,
  snapshot,
  target,
  timestamp,
  v,
  version,
} from './values';

export * from './values';
export * from './supervisor';

// ---------------------------------------------------------------------------------------------
// Messages. Every frame is an object with "v" and "type"; commands add "id", events add "seq".

const onInteraction = { interactionId: id, version };
const onConsult = { consultId: id };
/** DTMF: the keys of a telephone keypad. */
const digits = str(1, limit.MAX_DIGITS, /^[0-9*#]+$/, 'keypad digits (0-9, * and #)');

/** Messages a client sends. */
export const clientMessage = union({
  hello: object({
    /** The highest version the client speaks; `versions` lists all of them. */
    v: int(1, 1000),
    type: literal('hello'),
    versions: list(int(1, 1000), 1, 8),
    token: str(1, limit.MAX_TOKEN_LENGTH, /^[A-Za-z0-9._~+/=-]+$/, 'a token'),
    client: object({ name: str(1, 64), version: str(1, 32) }),
    resume: nullable(object({ sessionId: id, lastSeq: seq })),
  }),
  ping: object({ v, type: literal('ping'), nonce, now: timestamp }),
  pong: object({ v, type: literal('pong'), nonce, now: timestamp }),
  'presence.set': command('presence.set', {
    state: oneOf(['ready', 'away', 'logged-out']),
    /** Away: one of the account's `awayReasons` (null when it has none); otherwise null. */
    reason: nullable(awayReason),
  }),
  'presence.next': command('presence.next', { next: nullable(nextState) }),
  'wrap.extend': command('wrap.extend', {}),
  release: command('release', onInteraction),
  abandon: command('abandon', onInteraction),
  hold: command('hold', onInteraction),
  retrieve: command('retrieve', onInteraction),
  mute: command('mute', onInteraction),
  unmute: command('unmute', onInteraction),
  'recording.pause': command('recording.pause', onInteraction),
  'recording.resume': command('recording.resume', onInteraction),
  'digits.send': command('digits.send', { ...onInteraction, digits }),
  'callback.dial': command('callback.dial', onInteraction),
  'offer.accept': command('offer.accept', onInteraction),
  'offer.decline': command('offer.decline', {
    ...onInteraction,
    reason: nullable(declineReason),
  }),
  'conference.leave': command('conference.leave', onInteraction),
  'party.release': command('party.release', onInteraction),
  transfer: command('transfer', { ...onInteraction, target }),
  'consult.start': command('consult.start', { ...onInteraction, target }),
  'consult.cancel': command('consult.cancel', onConsult),
  'consult.accept': command('consult.accept', onConsult),
  'consult.decline': command('consult.decline', onConsult),
  'consult.transfer': command('consult.transfer', onConsult),
  'consult.conference': command('consult.conference', onConsult),
  dial: command('dial', { number: phoneNumber, record: nullable(record) }),
  'log.submit': command('log.submit', {
    interactionId: id,
    disposition: nullable(str(1, limit.MAX_DISPOSITION_LENGTH, /\S/, 'a disposition')),
    notes: str(0, limit.MAX_NOTES_LENGTH),
  }),
  'directory.subscribe': command('directory.subscribe', {}),
  'directory.unsubscribe': command('directory.unsubscribe', {}),
  resync: command('resync', {}),
  'bridge.send': command('bridge.send', BRIDGE_SEND_FIELDS),
  ...supervisorCommands,
});

/** Messages the server sends. */
export const serverMessage = union({
  welcome: object({
    v,
    type: literal('welcome'),
    sessionId: id,
    /** True when the session was resumed: missed events follow, and `snapshot` is null. */
    resumed: bool,
    /** The last event seq the client has (resumed) or the snapshot stands for (fresh). */
    seq,
    now: timestamp,
    heartbeatSeconds: int(1, 300),
    snapshot: nullable(snapshot),
  }),
  ack: object({
    v,
    type: literal('ack'),
    id,
    /** The seq of the last event sent before this ack: the command's effects are in it. */
    seq,
    interactionId: nullable(id),
    consultId: nullable(id),
  }),
  error: object({
    v,
    type: literal('error'),
    /** The command's id, or null when the frame was too broken to read one. */
    id: nullable(id),
    code: oneOf(ERROR_CODES),
    message: str(1, limit.MAX_MESSAGE_LENGTH),
    messageType: nullable(str(1, 64)),
    field: nullable(str(1, 200)),
    interactionId: nullable(id),
    currentVersion: nullable(version),
  }),
  ping: object({ v, type: literal('ping'), nonce, now: timestamp }),
  pong: object({ v, type: literal('pong'), nonce, now: timestamp }),
  /** Not an event: no seq, not replayed (bridge.ts). */
  'bridge.message': object({ v, type: literal('bridge.message'), ...BRIDGE_MESSAGE_FIELDS }),
  snapshot: event('snapshot', { snapshot }),
  'agent.changed': event('agent.changed', { agent }),
  'settings.changed': event('settings.changed', { settings }),
  'interaction.added': event('interaction.added', { interaction }),
  'interaction.changed': event('interaction.changed', { interaction }),
  'interaction.removed': event('interaction.removed', {
    interactionId: id,
    reason: oneOf(REMOVE_REASONS),
  }),
  'consult.changed': event('consult.changed', { consult }),
  'directory.snapshot': event('directory.snapshot', {
    part: int(0, limit.MAX_DIRECTORY_PARTS - 1),
    parts: int(1, limit.MAX_DIRECTORY_PARTS),
    entries: list(directoryEntry, 0, limit.MAX_DIRECTORY_ENTRIES_PER_FRAME),
  }),
  'directory.changed': event('directory.changed', {
    upserted: list(directoryEntry, 0, limit.MAX_DIRECTORY_ENTRIES_PER_FRAME),
    removed: list(directoryRef, 0, limit.MAX_DIRECTORY_ENTRIES_PER_FRAME),
  }),
  ...supervisorEvents,
});

// ---------------------------------------------------------------------------------------------
// Types

export type Kind = (typeof KINDS)[number];
export type Channel = (typeof CHANNELS)[number];
export type AgentState = (typeof AGENT_STATES)[number];
export type Presence = (typeof PRESENCES)[number];
export type InteractionState = (typeof INTERACTION_STATES)[number];
export type RecordingState = (typeof RECORDING_STATES)[number];
export type RemoveReason = (typeof REMOVE_REASONS)[number];
export type ConsultEndReason = (typeof CONSULT_END_REASONS)[number];
export type Customer = Infer<typeof customer>;
export type RecordRef = Infer<typeof record>;
export type Weights = Infer<typeof weights>;
export type Features = Infer<typeof features>;
export type Settings = Infer<typeof settings>;
export type Offers = Infer<typeof offers>;
export type NextState = Infer<typeof nextState>;
export type PendingLog = Infer<typeof pendingLog>;
export type Agent = Infer<typeof agent>;
export type ReleaseFailure = Infer<typeof releaseFailure>;
export type Interaction = Infer<typeof interaction>;
export type Conference = Infer<typeof conference>;
export type Target = Infer<typeof target>;
export type Consult = Infer<typeof consult>;
export type DirectoryEntry = Infer<typeof directoryEntry>;
export type DirectoryRef = Infer<typeof directoryRef>;
export type Snapshot = Infer<typeof snapshot>;
export type SupervisorRef = Infer<typeof supervisorRef>;
export type CapacityByChannel = Infer<typeof capacityByChannel>;
export type ServiceStats = Infer<typeof serviceStats>;
export type AgentStats = Infer<typeof agentStats>;
export type SupervisedInteraction = Infer<typeof supervisedInteraction>;

export type ClientMessage = Infer<typeof clientMessage>;
export type ServerMessage = Infer<typeof serverMessage>;
export type ClientMessageType = ClientMessage['type'];
export type ServerMessageType = ServerMessage['type'];
export type ClientMessageOf<T extends ClientMessageType> = Extract<ClientMessage, { type: T }>;
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;

/** Client messages that are commands: they carry an `id` and are answered by `ack` or `error`. */
export type Command = Exclude<ClientMessage, { type: 'hello' | 'ping' | 'pong' }>;
export type CommandType = Command['type'];
/** Server messages that are not events: no `seq`, never replayed. */
const UNNUMBERED = ['welcome', 'ack', 'error', 'ping', 'pong', 'bridge.message'] as const;
/** Server messages that are events: they carry a `seq` and are replayed on resume. */
export type Event = Exclude<ServerMessage, { type: (typeof UNNUMBERED)[number] }>;
export type EventType = Event['type'];

type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command as code builds it; the connection adds `v` and `id`. */
export type CommandBody = Without<Command, 'v' | 'id'>;
/** An event as the engine produces it; the server adds `v` and the session's `seq`. */
export type EventBody = Without<Event, 'v' | 'seq'>;

export const COMMAND_TYPES = Object.keys(clientMessage.variants).filter(
  (type) => !['hello', 'ping', 'pong'].includes(type),
) as readonly CommandType[];
export const EVENT_TYPES = Object.keys(serverMessage.variants).filter(
  (type) => !(UNNUMBERED as readonly string[]).includes(type),
) as readonly EventType[];
