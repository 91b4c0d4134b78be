/**
 * Pure derivations from engine records: weights, capacity, the agent's state and presence (B8, B9),
 * and an interaction as each of its holders sees it.
 */
import type {
  Agent,
  AgentState,
  Features,
  Interaction,
  Kind,
  PendingLog,
  Presence,
  Settings,
  Weights,
} from '../../protocol';
import * as protocol from '../../protocol';
import type { AgentRecord, InteractionRecord } from '../store/store';

/** Read once: the service runs as CommonJS, where each read of an imported binding is a call. */
const { CAPACITY } = protocol;

/** The kinds of the interactions an agent holds, consult legs marked. */
export interface Held {
  readonly kind: Kind;
  readonly leg: boolean;
}

/** The account's weights with the agent's own over them (the account's very object when none). */
export function effectiveWeights(settings: Settings, agent: AgentRecord): Weights {
  // Most agents have none: every view and reindex would otherwise copy the account's.
  for (const own in agent.weights) {
    if (Object.hasOwn(agent.weights, own)) return { ...settings.weights, ...agent.weights };
  }
  return settings.weights;
}

/** The pending logs of a view with none (shared: views are never changed once made). */
const NO_LOGS: PendingLog[] = Object.freeze([]) as unknown as PendingLog[];

export function capacityUsed(weights: Weights, held: readonly Held[]): number {
  return held.reduce((sum, item) => sum + weights[item.kind], 0);
}

/** B8: the agent's own state. */
export function agentState(agent: AgentRecord, held: readonly Held[]): AgentState {
  if (agent.chosen === 'logged-out') return 'logged-out';
  if (agent.wrap?.kind === 'logging') return 'logging-call';
  if (agent.wrap?.kind === 'auto') return 'wrap-auto';
  if (agent.chosen === 'away') return 'away';
  if (agent.noAnswer) return 'no-answer';
  return held.length > 0 ? 'busy' : 'ready';
}

/** B8/B9: what colleagues see. Holding only non-live work (and not draining) is Interruptible. */
export function presenceOf(agent: AgentRecord, held: readonly Held[]): Presence {
  const state = agentState(agent, held);
  if (state === 'logged-out') return 'logged-out';
  if (state === 'ready') return 'available-now';
  if (state === 'busy' && !agent.draining && held.every((item) => item.kind === 'non-live')) {
    return 'interruptible';
  }
  return 'logged-in';
}

/** Whether routing may give this agent one more interaction of a kind now (B3, B7, B9). */
export function canTake(
  agent: AgentRecord,
  features: Features,
  weights: Weights,
  held: readonly Held[],
  kind: Kind,
): boolean {
  if (agent.chosen !== 'ready' || agent.wrap !== null || agent.draining || agent.noAnswer) {
    return false;
  }
  if (!features.multiInteraction) return held.length === 0;
  return capacityUsed(weights, held) + weights[kind] <= CAPACITY;
}

export function agentView(agent: AgentRecord, settings: Settings, held: readonly Held[]): Agent {
  const weights = effectiveWeights(settings, agent);
  return {
    id: agent.id,
    name: agent.name,
    state: agentState(agent, held),
    stateSince: agent.stateSince,
    weights,
    capacityUsed: Math.min(capacityUsed(weights, held), 1000),
    draining: agent.draining,
    wrapEndsAt: agent.wrap?.kind === 'auto' ? agent.wrap.endsAt : null,
    wrapExtended: agent.wrap?.kind === 'auto' && agent.wrap.extended === true,
    awayReason: reasonShown(agent),
    setBy: agent.setBy ?? null,
    next: agent.next,
    pendingLogs: agent.pendingLogs.length === 0 ? NO_LOGS : agent.pendingLogs.slice(0, 200),
  };
}

/** Away: its reason; Logged out by a supervisor: theirs; otherwise none. */
export function reasonShown(agent: AgentRecord): string | null {
  if (agent.chosen === 'away') return agent.awayReason;
  return agent.chosen === 'logged-out' && (agent.setBy ?? null) !== null ? agent.awayReason : null;
}

/**
 * The interaction as one of its holders sees it: muted when their own microphone is off; the target
 * of a consult leg sees it inbound from the initiator; the colleague brought into a conference
 * sees its host as the third party.
 */
export function viewFor(record: InteractionRecord, agentId: string): Interaction {
  const muted = record.mutedBy?.includes(agentId) ?? record.interaction.muted;
  const interaction =
    muted === record.interaction.muted ? record.interaction : { ...record.interaction, muted };
  const side = record.targetSide;
  if (side !== null && side.agentId === agentId) {
    return { ...interaction, direction: 'inbound', customer: side.customer };
  }
  const conference = record.conference ?? null;
  if (conference !== null && conference.partyAgentId === agentId) {
    return { ...interaction, conference: { partyName: conference.hostName, partyNumber: null } };
  }
  return interaction;
}
