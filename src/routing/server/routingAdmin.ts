/**
 * What the admin and simulator API need of the routing service (serviceAdmin.ts implements it over
 * RoutingService and its simulator): reads and changes of accounts, services, agents and settings,
 * tokens, the figures `/health` shows, where an account is served, and the customer-side simulator.
 * Values come in validated; failures are ProtocolErrors (`not-found`, `conflict`, `unavailable`...).
 * The API reaches nothing else of the service: no sessions, engine, partitions or logger.
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
} from '../../protocol';
import type { AgentSpec, Arrival } from '../engine/engine';
import type { Purpose } from '../partitions/partitions';
import type { AgentListing, InteractionListing, StoreHealth } from '../service';
import type { CallState } from '../simulator/telephony';
import type { LoadRun, LoadSpec, NumberBehaviour } from '../simulator/simulator';
import type { AccountRecord, AgentRecord, ReleaseFault, ServiceRecord } from '../store/store';
import type { IssuedToken } from './tokens';

/** The figures `/health` gives the admin; the store's address without credentials. */
export interface ServiceFigures {
  readonly store: StoreHealth;
  readonly uptimeSeconds: number;
  readonly sessions: number;
  readonly connected: number;
  readonly decisions: number;
  readonly refusedCommits: number;
  readonly partitions: number;
}

/** What waits at one service, in routing order. */
export interface QueueListing {
  readonly serviceId: string;
  readonly name: string;
  readonly waiting: Interaction[];
}

/** A change to an agent: what is given changes, the rest stays. */
export interface AgentChange {
  readonly name?: string;
  readonly services?: readonly string[];
  readonly weights?: AgentRecord['weights'];
}

/** Accounts, their configuration and what they hold. */
export interface RoutingAdmin {
  /**
   * The base URL of the process that serves the account when it is not this one; null when it
   * is served here (RoutingService.ownerElsewhere).
   */
  ownerElsewhere(accountId: string, purpose: Purpose): Promise<string | null>;
  figures(): ServiceFigures;
  /** The longest token lifetime this service issues. */
  readonly maxTokenTtlSeconds: number;

  accounts(): Promise<AccountRecord[]>;
  account(accountId: string): Promise<AccountRecord>;
  createAccount(id: string, name: string, settings: Settings | null): Promise<AccountRecord>;
  /** B10: the new settings reach every connected agent at once. */
  updateSettings(accountId: string, settings: Settings): Promise<Settings>;
  services(accountId: string): Promise<ServiceRecord[]>;
  createService(accountId: string, id: string, name: string): Promise<ServiceRecord>;
  renameService(accountId: string, serviceId: string, name: string): Promise<ServiceRecord>;
  /** HttpError 409 `service-in-use` (nothing changed) while work or agents still need it. */
  removeService(accountId: string, serviceId: string): Promise<void>;
  agents(accountId: string): Promise<AgentListing[]>;
  agent(accountId: string, agentId: string): Promise<AgentListing>;
  createAgent(accountId: string, agent: AgentSpec): Promise<AgentListing>;
  updateAgent(accountId: string, agentId: string, change: AgentChange): Promise<AgentListing>;
  /**
   * HttpError 409 `agent-has-work` (nothing changed) while the agent holds work; otherwise the
   * agent is removed and their sessions closed (`unauthorised`: ContactPad asks for a new token).
   */
  removeAgent(accountId: string, agentId: string): Promise<void>;
  /** A signed token for an existing agent (`not-found` otherwise). */
  issueToken(accountId: string, agentId: string, ttlSeconds?: number): Promise<IssuedToken>;
  /** A signed supervisor token for an existing account (`not-found` otherwise). */
  issueSupervisorToken(
    accountId: string,
    supervisorId: string,
    name: string,
    ttlSeconds?: number,
  ): Promise<IssuedToken>;
  interactions(accountId: string): Promise<InteractionListing[]>;
  queues(accountId: string): Promise<QueueListing[]>;
  directory(accountId: string): Promise<DirectoryEntry[]>;
}

/** The outside world the simulator API drives: customers, telephone numbers, load. */
export interface SimulatorControl {
  arrive(accountId: string, arrival: Arrival): Promise<Interaction>;
  customerLeaves(accountId: string, interactionId: string): Promise<void>;
  failNextRelease(accountId: string, interactionId: string, fault: ReleaseFault): Promise<void>;
  /** What the telephone system knows of a call; undefined when nothing. */
  call(accountId: string, ref: string): CallState | undefined;
  /** An outside number answers a consult or an outbound call now. */
  answerCall(accountId: string, ref: string): Promise<void>;
  setNumber(number: string, behaviour: NumberBehaviour): void;
  /** Starts a bounded load once every service it names is known (`not-found` otherwise). */
  startLoad(spec: LoadSpec): Promise<LoadRun>;
  load(id: string): LoadRun | undefined;
  stopLoad(id: string): LoadRun | undefined;
}

/** Skills-based routing: the account's skills, agents' levels, services' requirements. */
export interface SkillsAdmin {
  skills(accountId: string): Promise<Skill[]>;
  /** A new skill (`conflict` when its id is taken). */
  defineSkill(accountId: string, skill: Skill): Promise<Skill>;
  agentSkills(accountId: string, agentId: string): Promise<AgentSkill[]>;
  /** Replaces the agent's skills (`not-found` for a skill the account does not have). */
  setAgentSkills(
    accountId: string,
    agentId: string,
    skills: readonly AgentSkill[],
  ): Promise<AgentSkill[]>;
  serviceSkills(accountId: string, serviceId: string): Promise<ServiceSkills>;
  setServiceSkills(
    accountId: string,
    serviceId: string,
    config: ServiceSkills,
  ): Promise<ServiceSkills>;
}

/** Overflow: where a service's waiting work moves, and after how long. */
export interface OverflowAdmin {
  serviceOverflow(accountId: string, serviceId: string): Promise<ServiceOverflow>;
  /** `not-found` for an unknown target service, `bad-field` for the service itself. */
  setServiceOverflow(
    accountId: string,
    serviceId: string,
    rule: ServiceOverflow,
  ): Promise<ServiceOverflow>;
  /** When a waiting live call becomes a callback request (null: never). */
  serviceCallbacks(accountId: string, serviceId: string): Promise<ServiceCallbacks>;
  setServiceCallbacks(
    accountId: string,
    serviceId: string,
    rule: ServiceCallbacks,
  ): Promise<ServiceCallbacks>;
}

/** Opening hours: when a service is open, and what its arrivals meet while it is closed. */
export interface HoursAdmin {
  serviceHours(accountId: string, serviceId: string): Promise<ServiceHours>;
  /** `bad-field` naming an unknown time zone, a time that closes before it opens, a bad date. */
  setServiceHours(accountId: string, serviceId: string, hours: ServiceHours): Promise<ServiceHours>;
}

/** Everything the admin and simulator API are given. */
export type AdminPort = RoutingAdmin & SimulatorControl & SkillsAdmin & OverflowAdmin & HoursAdmin;
