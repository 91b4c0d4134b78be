/**
 * The values of routing protocol v1 (ids, agents, interactions, settings, the directory...) as
 * schemas, and the envelope every frame shares. messages.ts puts them together into messages.
 */
import * as limit from './limits';
import type { Schema } from './schema';
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
export const KIND_OF_CHANNEL: Readonly<Record<(typeof CHANNELS)[number], (typeof KINDS)[number]>> =
  {
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
/** A supervisor, as the agents they set the state of see them. */
export const supervisorRef = object({ id, name });

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
  /**
   * Away: the reason given (null without one); Logged out: the reason a supervisor gave when they
   * logged the agent out, else null.
   */
  awayReason: nullable(awayReason),
  /** The supervisor who set the current state (Away or Logged out); null when the agent did. */
  setBy: nullable(supervisorRef),
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
// The envelope. Every frame is an object with "v" and "type"; commands add "id", events add "seq".

export const v = literal(limit.PROTOCOL_VERSION);
export const nonce = int(0, 4_294_967_295);

export const command = <T extends string, F extends Record<string, Schema>>(type: T, fields: F) =>
  object({ v, type: literal(type), id, ...fields });

export const event = <T extends string, F extends Record<string, Schema>>(type: T, fields: F) =>
  object({ v, type: literal(type), seq, ...fields });
