/**
 * The routing engine: every rule of the guide about who gets which interaction and what an agent
 * may do with it. Pure and deterministic: time comes from the injected clock, ids from the injected
 * generator, state from the store; it does no I/O. Each public method applies one change, routes
 * what became routable, and leaves the resulting events in an outbox (`takeEffects`).
 */
import type {
  AgentSkill,
  Channel,
  ClientMessageOf,
  Command,
  Consult,
  Customer,
  DirectoryEntry,
  Interaction,
  RecordRef,
  ServiceHours,
  ServiceCallbacks,
  ServiceOverflow,
  ServiceSkills,
  Settings,
  Skill,
  SkillRequirement,
  Snapshot,
  SupervisorRef,
} from '../../protocol';
import { KINDS } from '../../protocol';
import type {
  AccountRecord,
  AgentRecord,
  ChosenState,
  InteractionRecord,
  ReleaseFault,
  ServiceRecord,
  Store,
} from '../store/store';
import type { Effect } from './effects';
import { agentView, viewFor } from './views';

import * as callbacks from './callbacks';
import { ConnectorBook } from './connectors';
import * as outcomes from './outcomes';
import { dispatch } from './dispatch';
import type { Clock, CommandResult, IdGenerator } from './core';
import { EngineCore } from './core';
import { error } from './errors';
import { compareQueued, eligibleKey, queueKey, timerId } from './keys';
import { newInteraction } from './newInteraction';
import * as hours from './hours';
import * as overflow from './overflow';
import * as removal from './removal';
import * as serviceDay from './serviceDay';
import type { SupervisorFigures } from './supervision';
import * as supervision from './supervision';
import * as skills from './skills';
import * as skillsAdmin from './skillsAdmin';

export type { Clock, CommandResult, IdGenerator } from './core';

export const DEFAULT_SETTINGS: Settings = {
  consultTimeoutSeconds: 30,
  wrapSeconds: 20,
  releaseTimeoutSeconds: 10,
  features: {
    multiInteraction: true,
    crossMediaConsult: true,
    transferToService: true,
    callLogging: false,
    recording: true,
  },
  weights: { live: 100, 'semi-live': 25, 'non-live': 20 },
  dispositions: ['Resolved', 'Call back', 'Escalated'],
  offers: { kinds: [], timeoutSeconds: 20, reofferAfterSeconds: 60, declineReasons: [] },
  awayReasons: [],
  wrapExtensionSeconds: 0,
};

/** What the simulator (or a channel connector) says about a new customer contact. */
export interface Arrival {
  readonly channel: Channel;
  readonly serviceId: string;
  readonly customer: Customer;
  readonly record: RecordRef | null;
  readonly searchKeys: readonly string[];
  readonly subject: string | null;
  readonly priority: number;
  /** Skills it requires besides its service's (none when absent). */
  readonly skills?: readonly SkillRequirement[];
}

export interface AgentSpec {
  readonly id: string;
  readonly name: string;
  readonly services: readonly string[];
  readonly weights?: AgentRecord['weights'];
  readonly state?: ChosenState;
}

export class Engine {
  private readonly core: EngineCore;

  constructor(store: Store, clock: Clock, newId: IdGenerator) {
    this.core = new EngineCore(store, clock, newId);
  }

  /** Routing decisions made so far (for benchmarks and health figures). */
  get decisions(): number {
    return this.core.decisions;
  }

  /** The events produced since the last call, in order. */
  takeEffects(): Effect[] {
    const effects = this.core.takeEffects();
    // Connectors' outcome events, kept in the same unit of work as the change (outcomes.ts).
    outcomes.recordOutcomes(this.core, effects);
    return effects;
  }

  // -------------------------------------------------------------------------------------------
  // Accounts, services and agents (admin API)

  createAccount(id: string, name: string, settings: Settings = DEFAULT_SETTINGS): AccountRecord {
    if (this.core.store.account(id) !== undefined) {
      throw error('conflict', `account ${id} exists already`, null, 'id');
    }
    const account: AccountRecord = { id, name, settings };
    this.core.store.saveAccount(account);
    return account;
  }

  /** B10: new settings reach every connected agent of the account at once. */
  updateSettings(accountId: string, settings: Settings): Settings {
    const account = this.core.account(accountId);
    account.settings = settings;
    this.core.store.saveAccount(account);
    for (const agent of this.core.store.agents(accountId)) {
      this.core.emit(accountId, agent.id, { type: 'settings.changed', settings });
      this.core.touch(agent);
      this.core.recheckPersonalQueue(agent.id);
    }
    for (const service of this.core.store.services(accountId))
      this.core.recheckServiceQueue(service.id);
    this.core.settle(accountId);
    return settings;
  }

  createService(accountId: string, id: string, name: string): ServiceRecord {
    this.core.account(accountId);
    if (this.core.store.service(accountId, id) !== undefined) {
      throw error('conflict', `service ${id} exists already`, null, 'id');
    }
    const service: ServiceRecord = { accountId, id, name };
    this.core.store.saveService(service);
    this.core.serviceEntryChanged(id);
    this.core.settle(accountId);
    return service;
  }

  createAgent(accountId: string, spec: AgentSpec): AgentRecord {
    this.core.account(accountId);
    if (this.core.store.agent(accountId, spec.id) !== undefined) {
      throw error('conflict', `agent ${spec.id} exists already`, null, 'id');
    }
    this.core.checkServices(accountId, spec.services);
    const now = this.core.clock.now();
    const agent: AgentRecord = {
      accountId,
      id: spec.id,
      name: spec.name,
      services: [...spec.services],
      weights: { ...spec.weights },
      chosen: spec.state ?? 'logged-out',
      interactionIds: [],
      draining: false,
      noAnswer: false,
      awayReason: null,
      next: null,
      wrap: null,
      pendingLogs: [],
      stateSince: now,
      idleSince: now,
      consultIds: [],
      lastView: null,
      lastPresence: null,
    };
    this.core.store.saveAgent(agent);
    this.core.touch(agent);
    this.core.recheckPersonalQueue(agent.id);
    this.core.settle(accountId);
    return agent;
  }

  updateAgent(
    accountId: string,
    agentId: string,
    change: { name?: string; services?: readonly string[]; weights?: AgentRecord['weights'] },
  ): AgentRecord {
    const agent = this.core.agent(accountId, agentId);
    if (change.services !== undefined) this.core.checkServices(accountId, change.services);
    // Leave the old services' indexes before the list changes.
    for (const serviceId of agent.services) {
      for (const kind of KINDS)
        this.core.store.rankRemove(eligibleKey(accountId, serviceId, kind), agentId);
    }
    skills.unindexSkills(this.core, agent);
    if (change.name !== undefined) agent.name = change.name;
    if (change.services !== undefined) agent.services = [...change.services];
    if (change.weights !== undefined) agent.weights = { ...change.weights };
    this.core.touch(agent);
    this.core.recheckPersonalQueue(agent.id);
    this.core.settle(accountId);
    return agent;
  }

  /** Renaming and removing (removal.ts); a refused removal is returned and changes nothing. */
  renameService(accountId: string, serviceId: string, name: string): ServiceRecord {
    const service = removal.renameService(this.core, accountId, serviceId, name);
    this.core.settle(accountId);
    return service;
  }

  removeService(accountId: string, serviceId: string): removal.Refusal | null {
    return this.settled(accountId, removal.removeService(this.core, accountId, serviceId));
  }

  removeAgent(accountId: string, agentId: string): removal.Refusal | null {
    return this.settled(accountId, removal.removeAgent(this.core, accountId, agentId));
  }

  private settled<T>(accountId: string, value: T): T {
    this.core.settle(accountId);
    return value;
  }

  // -------------------------------------------------------------------------------------------
  // Skills (skillsAdmin.ts)

  skills(accountId: string): Skill[] {
    return skillsAdmin.skillsOf(this.core, accountId);
  }

  defineSkill(accountId: string, skill: Skill): Skill {
    return skillsAdmin.defineSkill(this.core, accountId, skill);
  }

  /** Channel connectors' credentials and scopes (connectors.ts). */
  connectorBook(): ConnectorBook {
    return new ConnectorBook(this.core);
  }

  agentSkills(accountId: string, agentId: string): AgentSkill[] {
    return skillsAdmin.agentSkillsOf(this.core.agent(accountId, agentId).skills);
  }

  setAgentSkills(accountId: string, agentId: string, held: readonly AgentSkill[]): AgentSkill[] {
    return skillsAdmin.setAgentSkills(this.core, accountId, agentId, held);
  }

  serviceSkills(accountId: string, serviceId: string): ServiceSkills {
    return this.core.service(accountId, serviceId).skills ?? { requirements: [], relaxSeconds: 0 };
  }

  setServiceSkills(accountId: string, serviceId: string, config: ServiceSkills): ServiceSkills {
    return skillsAdmin.setServiceSkills(this.core, accountId, serviceId, config);
  }

  // -------------------------------------------------------------------------------------------
  // Overflow (overflow.ts)

  serviceOverflow(accountId: string, serviceId: string): ServiceOverflow {
    return overflow.overflowOf(this.core.service(accountId, serviceId));
  }

  serviceHours(accountId: string, serviceId: string): ServiceHours {
    return hours.hoursOf(this.core.service(accountId, serviceId));
  }

  setServiceHours(accountId: string, serviceId: string, change: ServiceHours): ServiceHours {
    const set = hours.setHours(this.core, accountId, serviceId, change);
    this.core.settle(accountId);
    return set;
  }

  setServiceOverflow(accountId: string, serviceId: string, rule: ServiceOverflow): ServiceOverflow {
    const set = overflow.setOverflow(this.core, accountId, serviceId, rule);
    this.core.settle(accountId);
    return set;
  }

  serviceCallbacks(accountId: string, serviceId: string): ServiceCallbacks {
    return callbacks.callbacksOf(this.core.service(accountId, serviceId));
  }

  setServiceCallbacks(
    accountId: string,
    serviceId: string,
    rule: ServiceCallbacks,
  ): ServiceCallbacks {
    return callbacks.setCallbacks(this.core, accountId, serviceId, rule);
  }

  // -------------------------------------------------------------------------------------------
  // What an agent session sees

  snapshot(accountId: string, agentId: string): Snapshot {
    const account = this.core.account(accountId);
    const agent = this.core.agent(accountId, agentId);
    return {
      agent: agentView(agent, account.settings, this.core.held(agent)),
      settings: account.settings,
      interactions: agent.interactionIds
        .map((id) => this.core.store.interaction(id))
        .filter((record): record is InteractionRecord => record !== undefined)
        .map((record) => viewFor(record, agent.id)),
      consults: agent.consultIds
        .map((id) => this.core.store.consult(id)?.consult)
        .filter((consult): consult is Consult => consult !== undefined),
    };
  }

  /** How many interactions wait at each service of every account (for metrics). */
  waiting(): { accountId: string; serviceId: string; waiting: number }[] {
    return this.core.store.accounts().flatMap((account) =>
      this.core.store.services(account.id).map((service) => ({
        accountId: account.id,
        serviceId: service.id,
        waiting: this.core.waitingAt(account.id, service.id),
      })),
    );
  }

  /** The account's directory: agents with presence and services with waiting counts. */
  directory(accountId: string): DirectoryEntry[] {
    this.core.account(accountId);
    const agents = this.core.store
      .agents(accountId)
      .map((agent) => this.core.agentEntry(agent))
      .sort((a, b) => a.name.localeCompare(b.name));
    const services = this.core.store
      .services(accountId)
      .map((service) => this.core.serviceEntry(service))
      .sort((a, b) => a.name.localeCompare(b.name));
    return [...agents, ...services];
  }

  /** Interactions waiting at a service, first to be routed first. */
  queue(accountId: string, serviceId: string): Interaction[] {
    this.core.service(accountId, serviceId);
    return KINDS.flatMap((kind) =>
      this.core.store.rankMembers(queueKey(accountId, serviceId, kind), 10_000),
    )
      .map((id) => this.core.store.interaction(id) as InteractionRecord)
      .sort((a, b) => compareQueued(a, b))
      .map((record) => record.interaction);
  }

  /** What a supervisor of the account sees (supervision.ts); `agentIds` null: every agent. */
  supervisorFigures(accountId: string, agentIds: readonly string[] | null): SupervisorFigures {
    return supervision.figures(this.core, accountId, agentIds);
  }

  /** A supervisor sets an agent of the account Away or Logged out (supervision.ts). */
  supervise(
    accountId: string,
    supervisor: SupervisorRef,
    command: ClientMessageOf<'supervisor.presence.set'>,
  ): void {
    supervision.setAgentPresence(this.core, accountId, supervisor, command);
    this.core.settle(accountId);
  }

  // -------------------------------------------------------------------------------------------
  // Agent commands

  /** Applies one agent command; throws ProtocolError (typed, nothing changed) when it cannot. */
  command(accountId: string, agentId: string, command: Command): CommandResult {
    const agent = this.core.agent(accountId, agentId);
    const result = dispatch(this.core, agent, command);
    this.core.settle(accountId);
    return result;
  }

  // -------------------------------------------------------------------------------------------
  // The outside world (simulator, channel connectors)

  /** A customer contact arrives at a service. */
  arrive(accountId: string, arrival: Arrival): Interaction {
    const asked = this.core.service(accountId, arrival.serviceId);
    skillsAdmin.checkSkills(this.core.account(accountId), arrival.skills ?? [], 'skills');
    // Closed: refused (service-closed) or at its overflow service (hours.ts).
    const service = hours.serviceForArrival(this.core, asked);
    const record = newInteraction(this.core, {
      accountId,
      channel: arrival.channel,
      direction: 'inbound',
      state: 'ringing',
      customer: arrival.customer,
      record: arrival.record,
      searchKeys: arrival.searchKeys,
      subject: arrival.subject,
      service,
      priority: arrival.priority,
      place: { kind: 'queued', serviceId: service.id },
    });
    if (arrival.skills !== undefined && arrival.skills.length > 0)
      record.skills = [...arrival.skills];
    if (service.id !== asked.id) record.overflowedFrom = [asked.id];
    this.core.store.saveInteraction(record);
    this.core.enqueue(record, service);
    this.core.settle(accountId);
    return (this.core.store.interaction(record.interaction.id) ?? record).interaction;
  }

  /** The customer hangs up or leaves: the interaction ends wherever it is. */
  customerLeaves(accountId: string, interactionId: string): void {
    const record = this.core.interactionOf(accountId, interactionId);
    if (record.place.kind === 'queued' || record.interaction.state === 'offered') {
      serviceDay.countAbandoned(this.core, record);
    }
    if (record.place.kind !== 'assigned') {
      this.core.unqueue(record);
      this.core.store.deleteInteraction(interactionId);
    } else if (record.interaction.state === 'offered') {
      // The offer is withdrawn: it leaves the agent with no call log, drain or wrap.
      this.core.store.deleteTimer(timerId('offer-timeout', interactionId));
      for (const agent of record.agentIds.map((id) => this.core.agent(accountId, id))) {
        this.core.dropUnlogged(record, agent, 'ended');
      }
      this.core.store.deleteInteraction(interactionId);
    } else {
      for (const agentId of [...record.agentIds]) this.core.finishFor(record, agentId, 'ended');
    }
    this.core.settle(accountId);
  }

  /** An outside party answers: a consult to a number, or an outbound call. */
  outsideAnswers(accountId: string, ref: string): void {
    const consult = this.core.store.consult(ref);
    if (consult !== undefined && consult.accountId === accountId) {
      if (consult.consult.state !== 'ringing' || consult.consult.target.type !== 'number') {
        throw error('not-allowed', `consult ${ref} is not ringing a number`);
      }
      this.core.connectConsult(consult);
    } else {
      const record = this.core.interactionOf(accountId, ref);
      if (record.interaction.direction !== 'outbound' || record.interaction.state !== 'ringing') {
        throw error('not-allowed', `interaction ${ref} is not an outbound call ringing`);
      }
      this.core.store.deleteTimer(timerId('dial-timeout', ref));
      this.core.change(record, { state: 'active' });
    }
    this.core.settle(accountId);
  }

  /** The simulator makes the next release of an interaction fail at once or hang. */
  armReleaseFault(accountId: string, interactionId: string, fault: ReleaseFault): void {
    const record = this.core.interactionOf(accountId, interactionId);
    record.releaseFault = fault;
    this.core.store.saveInteraction(record);
  }

  /** Fires every timer due now (consult timeouts, wrap ends, release timeouts). */
  tick(): void {
    const now = this.core.clock.now();
    // One at a time, asking the store again each time: firing a timer may cancel or replace
    // others that were due too (a call ending restarts the wrap under the same timer id).
    for (;;) {
      const [timer] = this.core.store.dueTimers(now, 1);
      if (timer === undefined) return;
      this.core.store.deleteTimer(timer.id);
      this.core.fire(timer);
      this.core.settle(timer.accountId);
    }
  }

  /** When the next timer is due, so the caller can sleep until then. */
  nextDueAt(): number | undefined {
    return this.core.store.nextDueAt();
  }
}
