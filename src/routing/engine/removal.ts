/**
 * Renaming and removing services and agents (admin API). A removal is refused while anything still
 * needs the service or the agent; the refusal is a value, returned before anything changed, so the
 * operation commits nothing and the runner has nothing to undo.
 */
import type { DirectoryEntry } from '../../protocol';
import { KINDS } from '../../protocol';
import type { AgentRecord, ServiceRecord } from '../store/store';
import type { EngineCore } from './core';
import { eligibleKey, personalKey, timerId } from './keys';
import * as skills from './skills';

/** Why a removal was refused: a stable code and words saying what still needs it. */
export interface Refusal {
  readonly code: 'service-in-use' | 'agent-has-work';
  readonly message: string;
}

/** A service's new name, in the directory at once. */
export function renameService(
  core: EngineCore,
  accountId: string,
  serviceId: string,
  name: string,
): ServiceRecord {
  const service = core.service(accountId, serviceId);
  service.name = name;
  core.store.saveService(service);
  core.serviceEntryChanged(serviceId);
  return service;
}

/** What still needs a service, in words; empty when nothing does. */
function serviceUses(core: EngineCore, service: ServiceRecord): string[] {
  const { accountId, id } = service;
  const waiting = core.waitingAt(accountId, id);
  const inProgress = core.store
    .interactions(accountId)
    .filter(
      (record) =>
        record.interaction.serviceId === id &&
        !(record.place.kind === 'queued' && record.place.serviceId === id),
    ).length;
  const agents = core.store.agents(accountId).filter((agent) => agent.services.includes(id));
  const overflowing = core.store
    .services(accountId)
    .filter((other) => other.id !== id && other.overflow?.serviceId === id);
  const connectors = (core.account(accountId).connectors ?? []).filter((connector) =>
    connector.services.includes(id),
  );
  const uses: string[] = [];
  if (waiting > 0) uses.push(count(waiting, 'interaction is waiting', 'interactions are waiting'));
  if (inProgress > 0) {
    uses.push(count(inProgress, 'interaction is in progress', 'interactions are in progress'));
  }
  if (agents.length > 0) uses.push(count(agents.length, 'agent serves it', 'agents serve it'));
  if (overflowing.length > 0) {
    uses.push(count(overflowing.length, 'service overflows to it', 'services overflow to it'));
  }
  if (connectors.length > 0) {
    uses.push(
      count(
        connectors.length,
        'connector may create work at it',
        'connectors may create work at it',
      ),
    );
  }
  return uses;
}

/** Removes a service nothing needs any more; otherwise says why not and changes nothing. */
export function removeService(
  core: EngineCore,
  accountId: string,
  serviceId: string,
): Refusal | null {
  const service = core.service(accountId, serviceId);
  const uses = serviceUses(core, service);
  if (uses.length > 0) {
    return {
      code: 'service-in-use',
      message: `service ${serviceId} cannot be removed: ${uses.join('; ')}`,
    };
  }
  core.store.deleteTimer(timerId('service-opens', serviceId));
  core.store.deleteService(accountId, serviceId);
  core.emitDirectory(accountId, [], [{ type: 'service', id: serviceId }]);
  return null;
}

/** What work an agent still holds, in words; empty when none. */
function agentWork(core: EngineCore, agent: AgentRecord): string[] {
  const work: string[] = [];
  const held = agent.interactionIds.length;
  if (held > 0) work.push(count(held, 'interaction', 'interactions'));
  if (agent.consultIds.length > 0) {
    work.push(count(agent.consultIds.length, 'consult', 'consults'));
  }
  const personal = core.store.rankSize(personalKey(agent.accountId, agent.id));
  if (personal > 0) {
    work.push(count(personal, 'interaction waiting for them', 'interactions waiting for them'));
  }
  if (agent.wrap !== null && held === 0) work.push('wrap in progress');
  return work;
}

/**
 * Removes an agent who holds no work: out of every index, their directory entry removed, their
 * services' entries sent again (who can take a consult changed). Their sessions are the server's
 * to close, once this is committed.
 */
export function removeAgent(core: EngineCore, accountId: string, agentId: string): Refusal | null {
  const agent = core.agent(accountId, agentId);
  const work = agentWork(core, agent);
  if (work.length > 0) {
    return {
      code: 'agent-has-work',
      message: `agent ${agentId} cannot be removed while holding work: ${work.join('; ')}`,
    };
  }
  for (const serviceId of agent.services) {
    for (const kind of KINDS)
      core.store.rankRemove(eligibleKey(accountId, serviceId, kind), agentId);
  }
  skills.unindexSkills(core, agent);
  core.store.deleteTimer(timerId('wrap-end', agentId));
  core.store.deleteAgent(accountId, agentId);
  const services: DirectoryEntry[] = agent.services
    .map((serviceId) => core.store.service(accountId, serviceId))
    .filter((service): service is ServiceRecord => service !== undefined)
    .map((service) => core.serviceEntry(service));
  core.emitDirectory(accountId, services, [{ type: 'agent', id: agentId }]);
  return null;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
