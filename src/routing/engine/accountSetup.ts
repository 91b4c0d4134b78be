/**
 * The account's setup, as the admin API changes it: accounts and their settings, services, agents,
 * skills, overflow, opening hours and callbacks. The engine (engine.ts) adds the work itself to it;
 * each change here settles like any other (routes what became routable, leaves its effects).
 */
import type {
  AgentSkill,
  ServiceCallbacks,
  ServiceHours,
  ServiceOverflow,
  ServiceSkills,
  Settings,
  Skill,
} from '../../protocol';
import { KINDS } from '../../protocol';
import type { AccountRecord, AgentRecord, ChosenState, ServiceRecord, Store } from '../store/store';
import * as callbacks from './callbacks';
import { ConnectorBook } from './connectors';
import type { Clock, IdGenerator } from './core';
import { EngineCore } from './core';
import { error } from './errors';
import * as hours from './hours';
import { eligibleKey } from './keys';
import * as overflow from './overflow';
import * as removal from './removal';
import * as skills from './skills';
import * as skillsAdmin from './skillsAdmin';

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

export interface AgentSpec {
  readonly id: string;
  readonly name: string;
  readonly services: readonly string[];
  readonly weights?: AgentRecord['weights'];
  readonly state?: ChosenState;
}

export class AccountSetup {
  protected readonly core: EngineCore;

  constructor(store: Store, clock: Clock, newId: IdGenerator) {
    this.core = new EngineCore(store, clock, newId);
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
}
