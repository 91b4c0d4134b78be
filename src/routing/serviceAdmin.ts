/**
 * The routing service as the admin and simulator API see it (server/routingAdmin.ts): every read
 * and change through `RoutingService.run` on the account's partition, the simulator's customers
 * and numbers, and the figures `/health` shows. The API gets this and nothing else of the service.
 */
import type {
  AgentSkill,
  DirectoryEntry,
  Interaction,
  ServiceHours,
  ServiceCallbacks,
  ServiceOverflow,
  ServiceSkills,
  Settings,
  Skill,
} from '../protocol';
import { CLOSE_CODES } from '../protocol';
import { HttpError } from '../http/errors';
import type { AgentSpec, Arrival } from './engine/engine';
import type { Refusal } from './engine/removal';
import type { Purpose } from './partitions/partitions';
import type { AdminPort, AgentChange, QueueListing, ServiceFigures } from './server/routingAdmin';
import type { IssuedToken } from './server/tokens';
import type { AgentListing, InteractionListing, RoutingService } from './service';
import type { LoadRun, LoadSpec, NumberBehaviour } from './simulator/simulator';
import type { CallState } from './simulator/telephony';
import type { AccountRecord, ReleaseFault, ServiceRecord } from './store/store';

export class ServiceAdmin implements AdminPort {
  constructor(private readonly routing: RoutingService) {}

  ownerElsewhere(accountId: string, purpose: Purpose): Promise<string | null> {
    return this.routing.ownerElsewhere(accountId, purpose);
  }

  figures(): ServiceFigures {
    const { routing } = this;
    const store = routing.storeHealth();
    return {
      store: { ...store, where: withoutCredentials(store.where) },
      uptimeSeconds: Math.round((Date.now() - routing.startedAt) / 1000),
      sessions: routing.hub.size,
      connected: routing.hub.connected().length,
      decisions: routing.decisions,
      refusedCommits: routing.refusedCommits,
      partitions: routing.partitions.all().length,
    };
  }

  get maxTokenTtlSeconds(): number {
    return this.routing.tokens.maxTtlSeconds;
  }

  accounts(): Promise<AccountRecord[]> {
    return this.routing.accounts();
  }

  account(accountId: string): Promise<AccountRecord> {
    return this.routing.account(accountId);
  }

  createAccount(id: string, name: string, settings: Settings | null): Promise<AccountRecord> {
    return this.routing.run(
      id,
      (engine) => engine.createAccount(id, name, settings ?? undefined),
      undefined,
      'create',
    );
  }

  updateSettings(accountId: string, settings: Settings): Promise<Settings> {
    return this.routing.run(accountId, (engine) => engine.updateSettings(accountId, settings));
  }

  services(accountId: string): Promise<ServiceRecord[]> {
    return this.routing.services(accountId);
  }

  createService(accountId: string, id: string, name: string): Promise<ServiceRecord> {
    return this.routing.run(accountId, (engine) => engine.createService(accountId, id, name));
  }

  renameService(accountId: string, serviceId: string, name: string): Promise<ServiceRecord> {
    return this.routing.run(accountId, (engine) =>
      engine.renameService(accountId, serviceId, name),
    );
  }

  async removeService(accountId: string, serviceId: string): Promise<void> {
    refused(
      await this.routing.run(accountId, (engine) => engine.removeService(accountId, serviceId)),
    );
  }

  async removeAgent(accountId: string, agentId: string): Promise<void> {
    const refusal = await this.routing.run(
      accountId,
      (engine) => engine.removeAgent(accountId, agentId),
      // Once committed, before any other operation: no session of theirs outlives the agent.
      (result) => {
        if (result === null) {
          this.routing.hub.closeAgent(accountId, agentId, CLOSE_CODES.unauthorised, AGENT_REMOVED);
        }
      },
    );
    refused(refusal);
  }

  agents(accountId: string): Promise<AgentListing[]> {
    return this.routing.agents(accountId);
  }

  agent(accountId: string, agentId: string): Promise<AgentListing> {
    return this.routing.agent(accountId, agentId);
  }

  async createAgent(accountId: string, agent: AgentSpec): Promise<AgentListing> {
    await this.routing.run(accountId, (engine) => engine.createAgent(accountId, agent));
    return this.routing.agent(accountId, agent.id);
  }

  async updateAgent(
    accountId: string,
    agentId: string,
    change: AgentChange,
  ): Promise<AgentListing> {
    await this.routing.run(accountId, (engine) => engine.updateAgent(accountId, agentId, change));
    return this.routing.agent(accountId, agentId);
  }

  async issueToken(accountId: string, agentId: string, ttlSeconds?: number): Promise<IssuedToken> {
    await this.routing.agent(accountId, agentId);
    return this.routing.issueToken(accountId, agentId, ttlSeconds);
  }

  async issueSupervisorToken(
    accountId: string,
    supervisorId: string,
    name: string,
    ttlSeconds?: number,
  ): Promise<IssuedToken> {
    await this.routing.account(accountId);
    return this.routing.tokens.issueSupervisor({ accountId, supervisorId, name }, ttlSeconds);
  }

  interactions(accountId: string): Promise<InteractionListing[]> {
    return this.routing.interactions(accountId);
  }

  async queues(accountId: string): Promise<QueueListing[]> {
    const services = await this.routing.services(accountId);
    return this.routing.run(accountId, (engine) =>
      services.map((service) => ({
        serviceId: service.id,
        name: service.name,
        waiting: engine.queue(accountId, service.id),
      })),
    );
  }

  directory(accountId: string): Promise<DirectoryEntry[]> {
    return this.routing.run(accountId, (engine) => engine.directory(accountId));
  }

  skills(accountId: string): Promise<Skill[]> {
    return this.routing.run(accountId, (engine) => engine.skills(accountId));
  }

  defineSkill(accountId: string, skill: Skill): Promise<Skill> {
    return this.routing.run(accountId, (engine) => engine.defineSkill(accountId, skill));
  }

  agentSkills(accountId: string, agentId: string): Promise<AgentSkill[]> {
    return this.routing.run(accountId, (engine) => engine.agentSkills(accountId, agentId));
  }

  setAgentSkills(
    accountId: string,
    agentId: string,
    skills: readonly AgentSkill[],
  ): Promise<AgentSkill[]> {
    return this.routing.run(accountId, (engine) =>
      engine.setAgentSkills(accountId, agentId, skills),
    );
  }

  serviceSkills(accountId: string, serviceId: string): Promise<ServiceSkills> {
    return this.routing.run(accountId, (engine) => engine.serviceSkills(accountId, serviceId));
  }

  setServiceSkills(
    accountId: string,
    serviceId: string,
    config: ServiceSkills,
  ): Promise<ServiceSkills> {
    return this.routing.run(accountId, (engine) =>
      engine.setServiceSkills(accountId, serviceId, config),
    );
  }

  serviceOverflow(accountId: string, serviceId: string): Promise<ServiceOverflow> {
    return this.routing.run(accountId, (engine) => engine.serviceOverflow(accountId, serviceId));
  }

  setServiceOverflow(
    accountId: string,
    serviceId: string,
    rule: ServiceOverflow,
  ): Promise<ServiceOverflow> {
    return this.routing.run(accountId, (engine) =>
      engine.setServiceOverflow(accountId, serviceId, rule),
    );
  }

  serviceCallbacks(accountId: string, serviceId: string): Promise<ServiceCallbacks> {
    return this.routing.run(accountId, (engine) => engine.serviceCallbacks(accountId, serviceId));
  }

  setServiceCallbacks(
    accountId: string,
    serviceId: string,
    rule: ServiceCallbacks,
  ): Promise<ServiceCallbacks> {
    return this.routing.run(accountId, (engine) =>
      engine.setServiceCallbacks(accountId, serviceId, rule),
    );
  }

  serviceHours(accountId: string, serviceId: string): Promise<ServiceHours> {
    return this.routing.run(accountId, (engine) => engine.serviceHours(accountId, serviceId));
  }

  setServiceHours(
    accountId: string,
    serviceId: string,
    hours: ServiceHours,
  ): Promise<ServiceHours> {
    return this.routing.run(accountId, (engine) =>
      engine.setServiceHours(accountId, serviceId, hours),
    );
  }

  arrive(accountId: string, arrival: Arrival): Promise<Interaction> {
    return this.routing.simulator.arrive(accountId, arrival);
  }

  customerLeaves(accountId: string, interactionId: string): Promise<void> {
    return this.routing.simulator.customerLeaves(accountId, interactionId);
  }

  failNextRelease(accountId: string, interactionId: string, fault: ReleaseFault): Promise<void> {
    return this.routing.simulator.failNextRelease(accountId, interactionId, fault);
  }

  call(accountId: string, ref: string): CallState | undefined {
    return this.routing.simulator.telephony.call(accountId, ref);
  }

  answerCall(accountId: string, ref: string): Promise<void> {
    return this.routing.simulator.answer(accountId, ref);
  }

  setNumber(number: string, behaviour: NumberBehaviour): void {
    this.routing.simulator.setNumber(number, behaviour);
  }

  async startLoad(spec: LoadSpec): Promise<LoadRun> {
    // Every service must exist before anything arrives (`not-found` otherwise).
    await this.routing.run(spec.accountId, (engine) => {
      for (const serviceId of spec.serviceIds) engine.queue(spec.accountId, serviceId);
    });
    return this.routing.simulator.startLoad(spec);
  }

  load(id: string): LoadRun | undefined {
    return this.routing.simulator.load(id);
  }

  stopLoad(id: string): LoadRun | undefined {
    return this.routing.simulator.stopLoad(id);
  }
}

/** Why a removed agent's sessions were closed (the close frame's reason). */
export const AGENT_REMOVED = 'the agent was removed from the account';

/** A removal the engine refused: 409 with its code and words; nothing was changed. */
function refused(refusal: Refusal | null): void {
  if (refusal !== null) throw new HttpError(409, refusal.code, refusal.message);
}

/** A store address as health may show it: scheme, host, port and database, never credentials. */
export function withoutCredentials(where: string): string {
  if (where === 'memory') return where;
  // A cluster's seed nodes, as redisConnection.ts describes them: host:port pairs, no credentials.
  if (/^redis-cluster:\/\/[A-Za-z0-9.:,\[\]-]+$/.test(where)) return where;
  try {
    const url = new URL(where);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'unknown';
  }
}
