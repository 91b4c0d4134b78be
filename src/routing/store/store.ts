/**
 * What the routing engine keeps, and the narrow interface it keeps it through. The store holds
 * records, ranked sets and timers; every decision stays in the engine. The in-memory store is the
 * embedded default. With Redis, each routing process keeps the same interface over a replica
 * (`TrackedStore`, which knows what a batch of operations changed) and commits those changes to
 * Redis atomically on top of the version it has seen (`sharedLog.ts`, `redisLog.ts`), so the
 * engine's decisions stay synchronous and single-writer while several processes share the state.
 */
import type {
  Agent,
  Channel,
  Consult,
  Customer,
  Interaction,
  NextState,
  OpeningHours,
  PendingLog,
  Presence,
  ServiceCallbacks,
  ServiceOverflow,
  ServiceSkills,
  Settings,
  Skill,
  SkillRequirement,
  SupervisorRef,
  Weights,
} from '../../protocol';
import type { Rank } from './rankedSet';

export interface AccountRecord {
  readonly id: string;
  name: string;
  settings: Settings;
  /** The skills the admin defined (absent in records of an earlier version: none). */
  skills?: Skill[];
  /** Channel connectors' credentials (absent in records of an earlier version: none). */
  connectors?: ConnectorRecord[];
}

/** A channel connector's credential: its scope and its secret's hash (never the secret). */
export interface ConnectorRecord {
  readonly id: string;
  readonly name: string;
  /** The channels and services it may create and update interactions of. */
  readonly channels: readonly Channel[];
  readonly services: readonly string[];
  /** SHA-256 of the secret, hex; replaced on rotation. */
  readonly secretHash: string;
  readonly createdAt: number;
  readonly rotatedAt: number;
  /** Where its outcome events are pushed, signed (absent: it reads the feed). */
  readonly webhook?: WebhookRecord;
}

/** A connector's webhook: its URL, the signing secret, the last event delivered (the cursor). */
export interface WebhookRecord {
  readonly url: string;
  readonly secret: string;
  readonly deliveredSeq: number;
}

export interface ServiceRecord {
  readonly accountId: string;
  readonly id: string;
  name: string;
  /** What it requires of every interaction by skill, and when optional skills relax. */
  skills?: ServiceSkills;
  /** Where its waiting work overflows, and after how long (absent: never). */
  overflow?: ServiceOverflow;
  /** When a waiting live call becomes a callback request (absent: never). */
  callbacks?: ServiceCallbacks;
  /** When it is open (absent or null: always). */
  hours?: OpeningHours | null;
  /** Its counts of the day (serviceDay.ts; absent: none yet). */
  today?: ServiceDay;
}

/** A service's counts of one day (its local day when it has opening hours, else UTC). */
export interface ServiceDay {
  /** `YYYY-MM-DD`. */
  readonly day: string;
  /** Routed work given to an agent (assigned at once, or an offer accepted). */
  readonly assigned: number;
  /** Customers who left while their work waited (or rang as an offer). */
  readonly abandoned: number;
}

/** What the agent chose; the state colleagues and the agent see is derived from it (B8). */
export type ChosenState = 'ready' | 'away' | 'logged-out';

export type Wrap =
  | { readonly kind: 'auto'; readonly endsAt: number; readonly extended?: boolean }
  | { readonly kind: 'logging' };

export interface AgentRecord {
  readonly accountId: string;
  readonly id: string;
  name: string;
  /** The services whose work this agent takes. */
  services: string[];
  /** Per-agent weight overrides of the account's weights (B9). */
  weights: Partial<Weights>;
  /** Skill id to level (1-10): the skills the agent holds. */
  skills?: Record<string, number>;
  chosen: ChosenState;
  /** Every interaction the agent holds, consult legs included, oldest first. */
  interactionIds: string[];
  /** B7: released one interaction, so nothing new until all are released. */
  draining: boolean;
  /** Declined an offer or let one time out: not routed to until they choose a state. */
  noAnswer: boolean;
  /** The reason given with Away (kept while Away), or by a supervisor with Logged out. */
  awayReason: string | null;
  /**
   * The supervisor who set the current state (absent in records of an earlier version, or null:
   * the agent did).
   */
  setBy?: SupervisorRef | null;
  /** What the agent becomes once their work and its wrap are over; null: Ready. */
  next: NextState | null;
  wrap: Wrap | null;
  pendingLogs: PendingLog[];
  stateSince: number;
  /** When the agent last became ready or was last given work: longest idle goes first. */
  idleSince: number;
  /** Consults the agent started or is the target of, until they end. */
  consultIds: string[];
  /** The agent view and presence last sent, so that changes alone are sent. */
  lastView: Agent | null;
  lastPresence: Presence | null;
}

/** Where an interaction is: waiting at a service, waiting for one agent, or with its agents. */
export type Place =
  | { readonly kind: 'queued'; readonly serviceId: string }
  | { readonly kind: 'personal'; readonly agentId: string }
  | { readonly kind: 'assigned' };

/** A failure the simulator arms for the next release of an interaction. */
export type ReleaseFault = 'error' | 'hang';

export interface InteractionRecord {
  readonly accountId: string;
  /** The wire view, replaced (never mutated) on each change. */
  interaction: Interaction;
  place: Place;
  /** The agents that hold it: one, or two for a consult leg or a conference between agents. */
  agentIds: string[];
  /** Arrival order, to break ties between equal priority and age. */
  readonly order: number;
  releaseFault: ReleaseFault | null;
  /** The skills this interaction requires, besides its service's. */
  skills?: SkillRequirement[];
  /** The services it overflowed from, first first (absent: none); it never goes back to one. */
  overflowedFrom?: string[];
  /**
   * A consult leg between agents: the target sees it as an inbound call from the initiator (the
   * wire view is the initiator's side). Null for every other interaction.
   */
  targetSide: { readonly agentId: string; readonly customer: Customer } | null;
  /**
   * A conference: who merged it and the colleague brought in, if any (the wire view's
   * `conference` is the host's side; the colleague sees the host as the third party).
   */
  conference: ConferenceRecord | null;
  /**
   * The holders whose microphone is off (Mute): each agent on a call mutes their own line, so in
   * a conference or a consult call between agents one agent's Mute is theirs alone. Absent in
   * records of an earlier version: the wire view's own `muted` stands for every holder.
   */
  mutedBy?: string[];
  /** Agents who declined or missed its offer, not offered it again until `until` (ms). */
  declinedBy: { readonly agentId: string; readonly until: number }[];
}

export interface ConferenceRecord {
  readonly hostId: string;
  readonly hostName: string;
  /** The consulted agent, now on the call; null when the third party is a telephone number. */
  readonly partyAgentId: string | null;
}

/** What a connector's create by external id made (connector API), so a repeat answers the same. */
export interface ExternalRecord {
  readonly accountId: string;
  readonly connectorId: string;
  readonly externalId: string;
  /** SHA-256 of the request as validated: a repeat must match it, else it conflicts. */
  readonly fingerprint: string;
  /** The interaction as created (answered to a repeat once it has ended). */
  readonly interaction: Interaction;
  /** In the index by interaction (externalIds.ts): the record it points at. */
  readonly owner?: { readonly connectorId: string; readonly externalId: string };
}

/** What became of an interaction a connector created: one event of its pull feed. */
export interface OutcomeRecord {
  readonly accountId: string;
  /** Its place in the account's feed: the cursor, growing by at least one per event. */
  readonly seq: number;
  readonly type: 'assigned' | 'transferred' | 'released' | 'abandoned' | 'ended' | 'logged';
  readonly connectorId: string;
  readonly externalId: string;
  readonly interactionId: string;
  /** The agent it was assigned to or left; null when none. */
  readonly agentId: string | null;
  readonly at: number;
}

export interface ConsultRecord {
  readonly accountId: string;
  consult: Consult;
  /** The agent being consulted, when the target is an agent or a service. */
  targetAgentId: string | null;
}

export type TimerKind =
  | 'consult-timeout'
  | 'wrap-end'
  | 'release-timeout'
  | 'dial-timeout'
  | 'offer-timeout'
  /** A live call waiting at a service becomes a callback request. */
  | 'callback'
  /** A declined offer may go to the agents who declined it again. */
  | 'reoffer'
  /** An interaction waiting with optional skills: they relax now (skills.ts). */
  | 'skills-relax'
  /** An interaction has waited its service's overflow time: it moves on (overflow.ts). */
  | 'overflow'
  /** A closed service with work waiting opens now (hours.ts). */
  | 'service-opens';

export interface TimerRecord {
  readonly id: string;
  readonly accountId: string;
  readonly kind: TimerKind;
  /** The interaction, consult or agent the timer is about. */
  readonly ref: string;
  readonly dueAt: number;
}

export interface Store {
  account(id: string): AccountRecord | undefined;
  saveAccount(record: AccountRecord): void;
  accounts(): readonly AccountRecord[];

  service(accountId: string, id: string): ServiceRecord | undefined;
  saveService(record: ServiceRecord): void;
  services(accountId: string): readonly ServiceRecord[];
  /** Removes a service (admin API; the engine first checks that nothing needs it). */
  deleteService(accountId: string, id: string): void;

  agent(accountId: string, id: string): AgentRecord | undefined;
  saveAgent(record: AgentRecord): void;
  agents(accountId: string): readonly AgentRecord[];
  /** Removes an agent (admin API; the engine first checks that they hold no work). */
  deleteAgent(accountId: string, id: string): void;

  interaction(id: string): InteractionRecord | undefined;
  saveInteraction(record: InteractionRecord): void;
  deleteInteraction(id: string): void;
  interactions(accountId: string): readonly InteractionRecord[];

  consult(id: string): ConsultRecord | undefined;
  saveConsult(record: ConsultRecord): void;
  deleteConsult(id: string): void;

  /** Connector idempotency records, by connector and the channel's external id. */
  external(accountId: string, connectorId: string, externalId: string): ExternalRecord | undefined;
  saveExternal(record: ExternalRecord): void;
  deleteExternal(accountId: string, connectorId: string, externalId: string): void;
  /** Connector outcome events, by account and place in its feed. */
  outcome(accountId: string, seq: number): OutcomeRecord | undefined;
  saveOutcome(record: OutcomeRecord): void;
  deleteOutcome(accountId: string, seq: number): void;

  /** Ranked sets: service queues, personal queues and eligible-agent indexes. */
  rankAdd(set: string, member: string, rank: Rank): void;
  rankRemove(set: string, member: string): void;
  rankFirst(set: string): string | undefined;
  rankHas(set: string, member: string): boolean;
  rankOf(set: string, member: string): Rank | undefined;
  rankSize(set: string): number;
  rankMembers(set: string, limit: number): readonly string[];
  /** Members with their ranks in rank order, lazily (reading k of them costs O(k log k)). */
  rankWalk(set: string): Iterable<readonly [string, Rank]>;
  /** How many times a member joined a ranked set (not counting moves), in this store's life. */
  rankAdditions(): number;
  /** `rankAdditions()` when the set last gained a member (0: it has none). */
  rankLastAdded(set: string): number;
  /**
   * Moves whenever what the store holds changed other than through the methods above (a
   * rollback, changes applied from a shared log, a reload): what the engine derived from it and
   * keeps in memory is derived again then.
   */
  epoch(): number;

  saveTimer(timer: TimerRecord): void;
  deleteTimer(id: string): void;
  /** Timers due at or before `now`, earliest first (at most `limit` of them). */
  dueTimers(now: number, limit?: number): readonly TimerRecord[];
  /** When the earliest timer is due, if any. */
  nextDueAt(): number | undefined;

  /** A number that grows by one on each call: arrival order. */
  nextOrder(): number;
}
