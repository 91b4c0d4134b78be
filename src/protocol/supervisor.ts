/**
 * The supervisor's part of routing protocol v1 (`/v1/supervisor`): the figures a supervisor
 * watches per service and per agent, the events that carry them (a snapshot in parts, then
 * coalesced changes of whole entries) and the one action a supervisor takes on an agent. The same
 * envelope, hello, welcome, heartbeats, ack and error as agent sessions; messages.ts adds these
 * variants to its unions, and `SUPERVISOR_COMMAND_TYPES` says which commands each role may send.
 */
import * as limit from './limits';
import { int, list, nullable, object, oneOf } from './schema';
import {
  agentState,
  awayReason,
  channel,
  command,
  event,
  id,
  interactionState,
  name,
  presence,
  supervisorRef,
  timestamp,
} from './values';

/** Entries (services and agents together) in one `supervisor.snapshot` or `supervisor.changed`. */
export const MAX_SUPERVISOR_ENTRIES_PER_FRAME = 1000;
/** Interactions of one agent a supervisor sees (the oldest first). */
export const MAX_SUPERVISED_INTERACTIONS = limit.MAX_INTERACTIONS;
/** Counts a supervisor sees (waiting, in progress, today's): capped here. */
export const MAX_SUPERVISOR_COUNT = 100_000_000;

const count = int(0, MAX_SUPERVISOR_COUNT);
const share = int(0, 1000);

/**
 * Capacity in use per kind of work, as a share of the agent's capacity of 100 from the weights in
 * force for them: `call` is voice and callback requests, the rest their channel.
 */
export const capacityByChannel = object({
  call: share,
  video: share,
  chat: share,
  email: share,
  case: share,
});

export const serviceStats = object({
  id,
  name,
  /** Interactions waiting at the service now. */
  waiting: count,
  /** When the one waiting longest started waiting (its `enqueuedAt`); null when none waits. */
  oldestWaitingSince: nullable(timestamp),
  /** The service's interactions agents hold now. */
  inProgress: count,
  /** Today (the service's time zone when it has opening hours, else UTC): given to an agent. */
  assignedToday: count,
  /** Today: the customer left while waiting (or while it was offered). */
  abandonedToday: count,
});

/** One interaction an agent holds, as a supervisor sees it. */
export const supervisedInteraction = object({
  id,
  channel,
  serviceId: nullable(id),
  customerName: nullable(name),
  state: interactionState,
});

export const agentStats = object({
  id,
  name,
  state: agentState,
  presence,
  stateSince: timestamp,
  /** The Away reason, or the reason a supervisor gave for Logged out; else null. */
  awayReason: nullable(awayReason),
  /** The supervisor who set the current state; null when the agent did. */
  setBy: nullable(supervisorRef),
  services: list(id, 0, 100),
  capacityUsed: capacityByChannel,
  interactions: list(supervisedInteraction, 0, MAX_SUPERVISED_INTERACTIONS),
});

const services = list(serviceStats, 0, MAX_SUPERVISOR_ENTRIES_PER_FRAME);
const agents = list(agentStats, 0, MAX_SUPERVISOR_ENTRIES_PER_FRAME);
const removed = list(id, 0, MAX_SUPERVISOR_ENTRIES_PER_FRAME);
/** The account's Away reasons (its settings' `awayReasons`): what a supervisor may choose from. */
const awayReasons = list(awayReason, 0, limit.MAX_AWAY_REASONS);

/** What a supervisor sends besides hello, ping and pong. */
export const supervisorCommands = {
  'supervisor.presence.set': command('supervisor.presence.set', {
    agentId: id,
    presence: oneOf(['away', 'logged-out']),
    /**
     * Away: one of the account's `awayReasons` (null only when it has none). Logged out: the
     * words the agent is shown, or null.
     */
    reason: nullable(awayReason),
  }),
} as const;

/** Events of a supervisor session. */
export const supervisorEvents = {
  /**
   * Everything, after `welcome` and after `resync`: parts `0` to `parts - 1` in a row, together
   * the account's services and agents as of `at`.
   */
  'supervisor.snapshot': event('supervisor.snapshot', {
    at: timestamp,
    part: int(0, limit.MAX_DIRECTORY_PARTS - 1),
    parts: int(1, limit.MAX_DIRECTORY_PARTS),
    awayReasons,
    services,
    agents,
  }),
  /** What changed since the last frame, whole entries, as of `at`; sent at most once per batch. */
  'supervisor.changed': event('supervisor.changed', {
    at: timestamp,
    /** The account's Away reasons when they changed since the last frame; else null. */
    awayReasons: nullable(awayReasons),
    services,
    agents,
    removedServices: removed,
    removedAgents: removed,
  }),
} as const;

/** The commands a supervisor session takes; every other command is refused with `not-allowed`. */
export const SUPERVISOR_COMMAND_TYPES = ['supervisor.presence.set', 'resync'] as const;
