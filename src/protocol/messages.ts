/**
 * Every message of routing protocol v1, as schemas, and the TypeScript types read off them.
 * PROTOCOL.md is the prose of this file; a test keeps the two in step.
 */
import { ERROR_CODES } from './errors';
import * as limit from './limits';
import type { Infer, Schema } from './schema';
import { bool, int, list, literal, nullable, object, oneOf, str, union } from './schema';

// ---------------------------------------------------------------------------------------------
// Values

export const id = str(1, limit.MAX_ID_LENGTH, /^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'an id');
export const name = str(1, limit.MAX_NAME_LENGTH, /\S/, 'a name');
/** A telephone number as the adapter normalises it: an optional "+" and digits only. */
export const phoneNumber = str(
  2,
  21,
  /^\+?[0-9]{2,20}$/,
  'a telephone number ("+" and 2-20 digits)',
);
export const email = str(3, limit.MAX_EMAIL_LENGTH, /^[^\s@]+@[^\s@]+$/, 'an e-mail address');
export const timestamp = int(0, limit.MAX_TIMESTAMP);
export const seq = int(0, limit.MAX_SEQ);
export const version = int(1, limit.MAX_VERSION);

export const KINDS = ['live', 'semi-live', 'non-live'] as const;
export const kind = oneOf(KINDS);
/** `callback`: a caller's request to be called back (a live call that waited too long). */
export const CHANNELS = ['voice', 'video', 'chat', 'email', 'case', 'callback'] as const;
export const channel = oneOf(CHANNELS);
/** B1: the kind each channel belongs to. */
export const KIND_OF_CHANNEL: Readonly<Record<Channel, Kind>> = {
  voice: 'live',
  video: 'live',
  chat: 'semi-live',
  email: 'non-live',
  case: 'non-live',
  callback: 'non-live',
};

/** B8: the agent's own state. */
export const AGENT_STATES = [
  'ready',
  'busy',
  'away',
  'wrap-auto',
  'logging-call',
  'logged-out',
  /** Declined or let an offer time out: not routed to until they choose Ready. */
  'no-answer',
] as const;
export const agentState = oneOf(AGENT_STATES);
/** B8: the presence colleagues see. */
export const PRESENCES = ['available-now', 'interruptible', 'logged-in', 'logged-out'] as const;
export const presence = oneOf(PRESENCES);

export const INTERACTION_STATES = [
  /** Offered to the agent, who accepts or declines it before its offer ends. */
  'offered',
  'ringing',
  'active',
  'held',
  'releasing',
  'release-failed',
] as const;
export const interactionState = oneOf(INTERACTION_STATES);

/** Whether a live call is being recorded: `off` when the account does not record calls. */
export const RECORDING_STATES = ['off', 'on', 'paused'] as const;
export const recordingState = oneOf(RECORDING_STATES);

export const customer = object({
  name: nullable(name),
  phone: nullable(phoneNumber),
  email: nullable(email),
});

/** A Salesforce record: its 15- or 18-character id and its object's API name. */
export const record = object({
  id: str(15, 18, /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/, 'a Salesforce record id'),
  objectType: str(1, 80, /^[A-Za-z][A-Za-z0-9_]*$/, 'an object API name'),
});

export const weights = object({
  live: int(51, limit.CAPACITY),
  'semi-live': int(1, limit.CAPACITY),
  'non-live': int(1, limit.CAPACITY),
});

export const features = object({
  multiInteraction: bool,
  crossMediaConsult: bool,
  transferToService: bool,
  callLogging: bool,
  /** Live calls are recorded (the agent may pause and resume it). */
  recording: bool,
});

export const declineReason = str(1, limit.MAX_NAME_LENGTH, /\S/, 'a decline reason');
export const awayReason = str(1, limit.MAX_NAME_LENGTH, /\S/, 'an away reason');

/** What an agent chose to become once their work (and its wrap) is over. */
export const nextState = object({ state: oneOf(['ready', 'away']), reason: nullable(awayReason) });

/**
 * How routed work reaches agents: the kinds offered (the agent accepts or declines before the
 * offer times out), the others assigned at once.
 */
export const offers = object({
  kinds: list(kind, 0, KINDS.length),
  timeoutSeconds: int(5, 600),
  /** A declined or missed interaction is not offered to the same agent again for this long. */
  reofferAfterSeconds: int(0, 3600),
  /** The reasons an agent picks one of when declining; none: declining needs no reason. */
  declineReasons: list(declineReason, 0, limit.MAX_DECLINE_REASONS),
});

/** B10: system settings of the account. */
export const settings = object({
  consultTimeoutSeconds: int(5, 600),
  wrapSeconds: int(0, 3600),
  releaseTimeoutSeconds: int(1, 300),
  features,
  weights,
  dispositions: list(
    str(1, limit.MAX_DISPOSITION_LENGTH, /\S/, 'a disposition'),
    0,
    limit.MAX_DISPOSITIONS,
  ),
  offers,
  /** The reasons an agent picks one of when going Away; none: Away needs no reason. */
  awayReasons: list(awayReason, 0, limit.MAX_AWAY_REASONS),
  /** How long Wrap (Auto) may be extended, once per wrap; 0: it may not. */
  wrapExtensionSeconds: int(0, 3600),
});

export const direction = oneOf(['inbound', 'outbound']);

/** Logging the call: a finished interaction whose disposition and notes the agent still owes. */
export const pendingLog = object({
  interactionId: id,
  kind,
  channel,
  direction,
  customer,
  record: nullable(record),
  assignedAt: timestamp,
  releasedAt: timestamp,
});

export const agent = object({
  id,
  name,
  state: agentState,
  stateSince: timestamp,
  /** The weights in force for this agent: the account's, or the agent's own override. */
  weights,
  /** Share of capacity in use; above 100 only while a consult is connected to an Interruptible agent. */
  capacityUsed: int(0, 1000),
  /** B7: released one interaction, so no new routing until all are released. */
  draining: bool,
  wrapEndsAt: nullable(timestamp),
  /** This Wrap (Auto) was extended already (once per wrap). */
  wrapExtended: bool,
  pendingLogs: list(pendingLog, 0, limit.MAX_PENDING_LOGS),
  /** Away: the reason the agent gave (null without one). */
  awayReason: nullable(awayReason),
  /** What the agent becomes once their work and its wrap are over; null: Ready, as always. */
  next: nullable(nextState),
});

export const releaseFailure = object({
  reason: oneOf(['error', 'timeout']),
  message: str(1, limit.MAX_MESSAGE_LENGTH),
});

/** The third party of a conference: a colleague (by name) or a telephone number. */
export const conference = object({ partyName: nullable(name), partyNumber: nullable(phoneNumber) });

export const interaction = object({
  id,
  version,
  kind,
  channel,
  direction,
  state: interactionState,
  stateSince: timestamp,
  customer,
  record: nullable(record),
  /** What the bridge searches on when there is no record (a telephone number, an e-mail address). */
  searchKeys: list(
    str(1, limit.MAX_EMAIL_LENGTH, /^\S(?:.*\S)?$/, 'a search key'),
    0,
    limit.MAX_SEARCH_KEYS,
  ),
  subject: nullable(str(1, limit.MAX_SUBJECT_LENGTH)),
  serviceId: nullable(id),
  serviceName: nullable(name),
  priority: int(0, 9),
  enqueuedAt: timestamp,
  assignedAt: timestamp,
  /** While offered: when the offer ends (then it goes to another agent). */
  offerEndsAt: nullable(timestamp),
  /** Set when this interaction is the connected leg of a consult. */
  consultId: nullable(id),
  releaseFailure: nullable(releaseFailure),
  /** A live call: the agent's microphone is muted. */
  muted: bool,
  recording: recordingState,
  /** A live call the agent merged with a connected consult: the third party, as this agent sees it. */
  conference: nullable(conference),
});

/** Where a consult or transfer goes. */
export const target = union({
  agent: object({ type: literal('agent'), id }),
  service: object({ type: literal('service'), id }),
  number: object({ type: literal('number'), number: phoneNumber }),
});

export const CONSULT_END_REASONS = [
  'timed-out',
  'declined',
  'cancelled',
  'released',
  'transferred',
  'conferenced',
  'failed',
] as const;

export const consult = object({
  id,
  /** The original interaction the consult is about (the initiator's). */
  interactionId: id,
  initiatorId: id,
  initiatorName: name,
  target,
  /** The agent or service name, or null for a number. */
  targetName: nullable(name),
  state: oneOf(['ringing', 'connected', 'ended']),
  ringingUntil: timestamp,
  /** The consult call's own interaction once connected. */
  legId: nullable(id),
  endReason: nullable(oneOf(CONSULT_END_REASONS)),
});

export const directoryEntry = union({
  agent: object({ type: literal('agent'), id, name, presence }),
  service: object({
    type: literal('service'),
    id,
    name,
    waiting: int(0, 1_000_000),
    /** B5: someone in the service can take a consult now (Available now or Interruptible). */
    consultable: bool,
  }),
});

/** Names a directory entry: agent and service ids are separate spaces. */
export const directoryRef = object({ type: oneOf(['agent', 'service']), id });

export const snapshot = object({
  agent,
  settings,
  interactions: list(interaction, 0, limit.MAX_INTERACTIONS),
  consults: list(consult, 0, limit.MAX_CONSULTS),
});

export const REMOVE_REASONS = [
  'released',
  'abandoned',
  'transferred',
  'ended',
  /** An offer the agent declined, or let time out (missed): it goes to another agent. */
  'declined',
  'missed',
] as const;

// ---------------------------------------------------------------------------------------------
// Messages. Every frame is an object with "v" and "type"; commands add "id", events add "seq".

const v = literal(limit.PROTOCOL_VERSION);
const nonce = int(0, 4_294_967_295);

const command = <T extends string, F extends Record<string, Schema>>(type: T, fields: F) =>
  object({ v, type: literal(type), id, ...fields });

const event = <T extends string, F extends Record<string, Schema>>(type: T, fields: F) =>
  object({ v, type: literal(type), seq, ...fields });

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

export type ClientMessage = Infer<typeof clientMessage>;
export type ServerMessage = Infer<typeof serverMessage>;
export type ClientMessageType = ClientMessage['type'];
export type ServerMessageType = ServerMessage['type'];
export type ClientMessageOf<T extends ClientMessageType> = Extract<ClientMessage, { type: T }>;
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;

/** Client messages that are commands: they carry an `id` and are answered by `ack` or `error`. */
export type Command = Exclude<ClientMessage, { type: 'hello' | 'ping' | 'pong' }>;
export type CommandType = Command['type'];
/** Server messages that are events: they carry a `seq` and are replayed on resume. */
export type Event = Exclude<ServerMessage, { type: 'welcome' | 'ack' | 'error' | 'ping' | 'pong' }>;
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
  (type) => !['welcome', 'ack', 'error', 'ping', 'pong'].includes(type),
) as readonly EventType[];
