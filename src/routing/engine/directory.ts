/**
 * The account's directory (agents with their presence, services with their waiting counts) and
 * what an operation sends when it settles: changed agent views and changed directory entries.
 */
import type { DirectoryEntry, Presence } from '../../protocol';
import * as protocol from '../../protocol';
import type { AgentRecord, ServiceRecord } from '../store/store';
import type { EngineCore } from './core';
import * as views from './views';

/** Read once: the service runs as CommonJS, where each read of an imported binding is a call. */
const { KINDS } = protocol;
const { agentView, presenceOf } = views;

/** The agent's directory entry (`presence`: its presence now, when the caller has it). */
export function agentEntry(
  core: EngineCore,
  agent: AgentRecord,
  presence: Presence = presenceOf(agent, core.held(agent)),
): DirectoryEntry {
  return { type: 'agent', id: agent.id, name: agent.name, presence };
}

export function serviceEntry(core: EngineCore, service: ServiceRecord): DirectoryEntry {
  return {
    type: 'service',
    id: service.id,
    name: service.name,
    waiting: Math.min(waitingAt(core, service.accountId, service.id), 1_000_000),
    consultable: someoneConsultable(core, service),
  };
}

/** B5: a presence that can take a consult (Available now or Interruptible). */
function canTakeConsult(presence: Presence | null): boolean {
  return presence === 'available-now' || presence === 'interruptible';
}

/**
 * B5: whether someone who serves the service could take a consult now, so the directory offers it
 * for a consult only then (consult.start picks the longest idle of them, never the caller).
 */
export function someoneConsultable(core: EngineCore, service: ServiceRecord): boolean {
  // Most often the longest idle agent who can take work is Available now: no need to read all.
  const eligible = core.keys.of(service.accountId, service.id).eligible;
  for (const kind of KINDS) {
    const first = core.store.rankFirst(eligible[kind]);
    const agent = first === undefined ? undefined : core.store.agent(service.accountId, first);
    if (agent !== undefined && core.consultable(agent)) return true;
  }
  return core.store
    .agents(service.accountId)
    .some((agent) => agent.services.includes(service.id) && core.consultable(agent));
}

/** How many interactions of every kind wait at a service. */
export function waitingAt(core: EngineCore, accountId: string, serviceId: string): number {
  let sum = 0;
  const queues = core.keys.of(accountId, serviceId).queue;
  for (const kind of KINDS) sum += core.store.rankSize(queues[kind]);
  return sum;
}

/**
 * Sends the views of the agents that changed (only when they differ from the last one sent),
 * and one directory change with the presences and service counts that changed.
 */
export function flush(
  core: EngineCore,
  accountId: string,
  agents: readonly AgentRecord[],
  serviceIds: readonly string[],
): void {
  const now = core.clock.now();
  const upserted: DirectoryEntry[] = [];
  // A presence that changed may change whether its services can take a consult.
  const services = new Set(serviceIds);
  const account = core.store.account(accountId);
  for (const agent of agents) {
    if (account === undefined) break;
    const held = core.held(agent);
    let view = agentView(agent, account.settings, held);
    if (agent.lastView !== null && agent.lastView.state !== view.state) {
      agent.stateSince = now;
      view = { ...view, stateSince: now };
    }
    if (agent.lastView === null) agent.lastView = { ...view };
    else if (!sameJson(agent.lastView, view)) {
      core.emit(accountId, agent.id, { type: 'agent.changed', agent: view });
      // The agent's copy changes in place (the event has its own): nothing made here outlives
      // the operation with the agent, for the collector to move.
      Object.assign(agent.lastView, view);
    }
    const presence = presenceOf(agent, held);
    if (presence !== agent.lastPresence) {
      if (canTakeConsult(presence) !== canTakeConsult(agent.lastPresence)) {
        for (const serviceId of agent.services) services.add(serviceId);
      }
      agent.lastPresence = presence;
      upserted.push(agentEntry(core, agent, presence));
    }
    core.store.saveAgent(agent);
  }
  for (const serviceId of services) {
    const service = core.store.service(accountId, serviceId);
    if (service !== undefined) upserted.push(serviceEntry(core, service));
  }
  if (upserted.length > 0) core.emitDirectory(accountId, upserted);
}

/**
 * Whether two JSON values read the same (as their JSON texts would: a property holding undefined
 * counts as absent), without writing the texts: every routing decision sends a view or two.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // for-in with own checks rather than Object.keys: no key lists made for every view compared.
  for (const key in x) {
    if (Object.hasOwn(x, key) && !sameJson(x[key], y[key])) return false;
  }
  for (const key in y) {
    if (Object.hasOwn(y, key) && !(key in x) && y[key] !== undefined) return false;
  }
  return true;
}
