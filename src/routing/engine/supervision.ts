/**
 * What a supervisor sees and does (the supervisor's part of the protocol, src/protocol/supervisor.ts):
 * the account's services and agents with their figures, read from the engine's records as they are
 * now (nothing kept in a process's memory), and the supervisor setting an agent Away or Logged out.
 */
import type {
  AgentStats,
  CapacityByChannel,
  Channel,
  ClientMessageOf,
  ServiceStats,
  Settings,
  SupervisorRef,
} from '../../protocol';
import { MAX_SUPERVISED_INTERACTIONS, MAX_SUPERVISOR_COUNT } from '../../protocol';
import type { AgentRecord, InteractionRecord } from '../store/store';
import type { EngineCore } from './core';
import { error, notListed } from './errors';
import { setPresence } from './presence';
import { today } from './serviceDay';
import { agentState, effectiveWeights, presenceOf, reasonShown, viewFor } from './views';

/** The figures of a supervisor frame, as of `at`. */
export interface SupervisorFigures {
  readonly at: number;
  /** The account's Away reasons (its settings'). */
  readonly awayReasons: readonly string[];
  readonly services: ServiceStats[];
  readonly agents: AgentStats[];
  /** Agents asked for that no longer exist. */
  readonly missingAgents: string[];
}

/** Where each channel's capacity shows (`call`: voice and callback requests). */
const BUCKET: Readonly<Record<Channel, keyof CapacityByChannel>> = {
  voice: 'call',
  callback: 'call',
  video: 'video',
  chat: 'chat',
  email: 'email',
  case: 'case',
};

const capped = (n: number) => Math.min(n, MAX_SUPERVISOR_COUNT);

/**
 * Every service's figures (one pass over the account's interactions) and the figures of the agents
 * named (`null`: every agent).
 */
export function figures(
  core: EngineCore,
  accountId: string,
  agentIds: readonly string[] | null,
): SupervisorFigures {
  const account = core.account(accountId);
  const now = core.clock.now();
  const agents: AgentStats[] = [];
  const missingAgents: string[] = [];
  const records =
    agentIds === null
      ? core.store.agents(accountId)
      : agentIds.map((id) => core.store.agent(accountId, id) ?? id);
  for (const record of records) {
    if (typeof record === 'string') missingAgents.push(record);
    else agents.push(agentStats(core, record, account.settings));
  }
  return {
    at: now,
    awayReasons: account.settings.awayReasons,
    services: serviceStats(core, accountId, now),
    agents,
    missingAgents,
  };
}

function serviceStats(core: EngineCore, accountId: string, now: number): ServiceStats[] {
  const tally = new Map<string, { waiting: number; oldest: number | null; inProgress: number }>();
  const of = (serviceId: string) => {
    let entry = tally.get(serviceId);
    if (entry === undefined)
      tally.set(serviceId, (entry = { waiting: 0, oldest: null, inProgress: 0 }));
    return entry;
  };
  for (const record of core.store.interactions(accountId)) {
    const { place, interaction } = record;
    if (place.kind === 'queued') {
      const entry = of(place.serviceId);
      entry.waiting++;
      entry.oldest = Math.min(entry.oldest ?? interaction.enqueuedAt, interaction.enqueuedAt);
    } else if (
      place.kind === 'assigned' &&
      interaction.serviceId !== null &&
      interaction.consultId === null
    ) {
      of(interaction.serviceId).inProgress++;
    }
  }
  return core.store.services(accountId).map((service) => {
    const entry = tally.get(service.id);
    const day = today(service, now);
    return {
      id: service.id,
      name: service.name,
      waiting: capped(entry?.waiting ?? 0),
      oldestWaitingSince: entry?.oldest ?? null,
      inProgress: capped(entry?.inProgress ?? 0),
      assignedToday: capped(day.assigned),
      abandonedToday: capped(day.abandoned),
    };
  });
}

function agentStats(core: EngineCore, agent: AgentRecord, settings: Settings): AgentStats {
  const held = core.held(agent);
  const weights = effectiveWeights(settings, agent);
  const capacityUsed = { call: 0, video: 0, chat: 0, email: 0, case: 0 };
  const records = agent.interactionIds
    .map((id) => core.store.interaction(id))
    .filter((record): record is InteractionRecord => record !== undefined);
  for (const { interaction } of records) {
    const bucket = BUCKET[interaction.channel];
    capacityUsed[bucket] = Math.min(1000, capacityUsed[bucket] + weights[interaction.kind]);
  }
  return {
    id: agent.id,
    name: agent.name,
    state: agentState(agent, held),
    presence: presenceOf(agent, held),
    stateSince: agent.stateSince,
    awayReason: reasonShown(agent),
    setBy: agent.setBy ?? null,
    services: agent.services.slice(0, 100),
    capacityUsed,
    interactions: records.slice(0, MAX_SUPERVISED_INTERACTIONS).map((record) => {
      const view = viewFor(record, agent.id);
      return {
        id: view.id,
        channel: view.channel,
        serviceId: view.serviceId,
        customerName: view.customer.name,
        state: view.state,
      };
    }),
  };
}

/**
 * `supervisor.presence.set`: the supervisor sets an agent of their account Away (with one of the
 * account's Away reasons, none only when it has none) or Logged out (with words of their own, or
 * none). Checked before anything changes; the agent's view then names the supervisor (`setBy`).
 */
export function setAgentPresence(
  core: EngineCore,
  accountId: string,
  supervisor: SupervisorRef,
  command: ClientMessageOf<'supervisor.presence.set'>,
): void {
  const type = command.type;
  const agent = core.store.agent(accountId, command.agentId);
  if (agent === undefined) {
    throw error('not-found', `no agent ${command.agentId} in this account`, type, 'agentId');
  }
  if (command.presence === 'away') {
    const reasons = core.account(accountId).settings.awayReasons;
    const listed =
      command.reason === null ? reasons.length === 0 : reasons.includes(command.reason);
    if (!listed) {
      throw error(
        'bad-field',
        reasons.length === 0
          ? 'this account has no Away reasons: reason must be null'
          : notListed('reason', reasons),
        type,
        'reason',
      );
    }
  }
  setPresence(core, agent, command.presence, command.reason, supervisor);
}
