/**
 * The one face the routing engine's parts work through. It holds the store, clock and id
 * generator, the outbox of effects and what changed during the current operation, and settles
 * each operation: routes until nothing more can be routed, then sends what changed.
 *
 * The work itself lives by concern, in functions that take this core: routing.ts (queues,
 * indexes, assignment), lifecycle.ts (finishing work, drain and wrap, timers), consults.ts,
 * directory.ts (entries and what is sent), lookups.ts (records or typed not-found). `Engine`
 * (engine.ts) is the public face; commands.ts holds the agent commands.
 */
import type {
  ConsultEndReason,
  DirectoryEntry,
  DirectoryRef,
  Interaction,
  RemoveReason,
} from '../../protocol';
import type {
  AccountRecord,
  AgentRecord,
  ConsultRecord,
  InteractionRecord,
  ServiceRecord,
  Store,
  TimerKind,
  TimerRecord,
} from '../store/store';
import { Changes } from './changes';
import * as consults from './consults';
import * as directory from './directory';
import type { Effect, EventBody } from './effects';
import { personalKey, ServiceKeys, timerId } from './keys';
import * as lifecycle from './lifecycle';
import * as lookups from './lookups';
import * as routing from './routing';
import { Days } from './serviceDay';
import type { SkillIndex } from './skillIndex';
import type { Unmatched } from './skills';
import type { Held } from './views';

// Read once: the service runs as CommonJS, where each read of an imported binding is a call (two
// through a namespace import), and every operation goes through these.
const routeQueues = routing.route;
const reindexAgent = routing.reindex;
const deliverPersonal = routing.deliverPersonal;
const enqueueAt = routing.enqueue;
const unqueueFrom = routing.unqueue;
const assignTo = routing.assign;
const handTo = routing.hand;
const flushChanges = directory.flush;
const findAccount = lookups.account;
const findAgent = lookups.agent;
const findService = lookups.service;
const finishWork = lifecycle.finish;
const finishWorkFor = lifecycle.finishFor;
const consultableNow = consults.consultable;
const personalQueue = personalKey;
const timerIdOf = timerId;

// Where commands.ts and actionRules.ts have always found them.
export { MAX_CONSULTS_PER_AGENT } from './consults';
export { error } from './errors';
export { viewFor } from './views';

export interface Clock {
  now(): number;
}

export type IdGenerator = (prefix: 'i' | 'k') => string;

/** What an accepted command reports back in its ack. */
export interface CommandResult {
  readonly interactionId: string | null;
  readonly consultId: string | null;
}

export const NONE: CommandResult = { interactionId: null, consultId: null };

export class EngineCore {
  private effects: Effect[] = [];
  private readonly changes = new Changes();
  private decided = 0;
  /**
   * Waiting work no agent was skilled for (skills.ts): it is not looked at again until an agent
   * joins the skill indexes it needs. Kept in memory only; losing it costs one look.
   */
  readonly unmatched = new Map<string, Unmatched>();
  /** Each account's skill index (skills.ts): derived from the store, in memory only. */
  readonly skillIndexes = new Map<string, SkillIndex>();
  /** The services' queue and eligible-index keys (keys.ts). */
  readonly keys = new ServiceKeys();
  /** The day in each service's time zone, for its counts (serviceDay.ts). */
  readonly days = new Days();

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly newId: IdGenerator,
  ) {}

  // -------------------------------------------------------------------------------------------
  // The outbox

  /** Routing decisions made so far (for benchmarks and health figures). */
  get decisions(): number {
    return this.decided;
  }

  countDecision(): void {
    this.decided++;
  }

  /** The events produced since the last call, in order. */
  takeEffects(): Effect[] {
    const effects = this.effects;
    this.effects = [];
    return effects;
  }

  /** An event to every session of one agent. */
  emit(accountId: string, agentId: string, event: EventBody): void {
    this.effects.push({ kind: 'event', accountId, agentId, event });
  }

  /** Keypad digits for the telephone system to play on a live call. */
  emitDigits(accountId: string, interactionId: string, digits: string): void {
    this.effects.push({ kind: 'digits', accountId, interactionId, digits });
  }

  /** A directory change to every session of the account that subscribed to it. */
  emitDirectory(
    accountId: string,
    upserted: DirectoryEntry[],
    removed: readonly DirectoryRef[] = [],
  ): void {
    this.effects.push({ kind: 'directory', accountId, upserted, removed });
  }

  // -------------------------------------------------------------------------------------------
  // What changed during this operation, acted on when it settles

  /** The agent changed: it is reindexed, and its view and presence sent, when this settles. */
  touch(agent: AgentRecord): void {
    this.changes.agentChanged(agent);
  }

  /** The agent may now take work transferred to them personally (B6): try it when this settles. */
  recheckPersonalQueue(agentId: string): void {
    this.changes.recheckPersonalQueue(agentId);
  }

  /** Work may now be routable at the service: route its queues again when this settles. */
  recheckServiceQueue(serviceId: string): void {
    this.changes.recheckServiceQueue(serviceId);
  }

  /** The service's waiting count changed (or it is new): send its directory entry. */
  serviceEntryChanged(serviceId: string): void {
    this.changes.serviceEntryChanged(serviceId);
  }

  /** Routes until nothing more can be routed, then sends what changed. */
  settle(accountId: string): void {
    for (let round = 0; round < 10_000; round++) {
      // Each changed agent is reindexed once per change (not once per round: an eligible agent
      // marks its services for routing, and doing that every round would never settle).
      for (const agent of this.changes.takeStaleAgents()) this.reindex(agent);
      if (!this.changes.hasQueuesToRecheck()) break;
      for (const agentId of this.changes.takePersonalQueues()) {
        deliverPersonal(this, accountId, agentId);
      }
      routeQueues(this, accountId, this.changes.takeServiceQueues());
    }
    this.startWaitingTimers();
    flushChanges(
      this,
      accountId,
      this.changes.takeTouchedAgents(),
      this.changes.takeServiceEntries(),
    );
  }

  /**
   * Puts the changed agent in the indexes of what it can take now (routing.ts), at once: it is not
   * reindexed again when this settles unless it changes again.
   */
  reindex(agent: AgentRecord): void {
    reindexAgent(this, agent);
    this.changes.agentReindexed(agent);
    // Work in a personal queue waits for any change that may let the agent take it.
    if (this.store.rankSize(personalQueue(agent.accountId, agent.id)) > 0) {
      this.changes.recheckPersonalQueue(agent.id);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Shared reads and timers

  /** The kinds of the interactions the agent holds, consult legs marked. */
  held(agent: AgentRecord): Held[] {
    const held: Held[] = [];
    for (const id of agent.interactionIds) {
      const record = this.store.interaction(id);
      if (record !== undefined)
        held.push({ kind: record.interaction.kind, leg: record.interaction.consultId !== null });
    }
    return held;
  }

  /** Starts (or restarts) the timer of this kind for `ref`, due in `seconds`. */
  startTimer(accountId: string, kind: TimerKind, ref: string, seconds: number): void {
    this.store.saveTimer(this.timerFor(accountId, kind, ref, seconds));
  }

  /**
   * Starts the timer of this kind for the interaction `ref` as `startTimer` would now, when this
   * settles if it still waits in a queue then: most work is routed in the operation that queued
   * it, and a timer started and stopped at once is store work for nothing.
   */
  startTimerIfStillWaiting(accountId: string, kind: TimerKind, ref: string, seconds: number): void {
    this.changes.timerIfStillWaiting(this.timerFor(accountId, kind, ref, seconds));
  }

  /** Stops the timer of this kind for `ref`, started or still to start. */
  stopTimer(kind: TimerKind, ref: string): void {
    const id = timerIdOf(kind, ref);
    this.changes.noTimer(id);
    this.store.deleteTimer(id);
  }

  private timerFor(accountId: string, kind: TimerKind, ref: string, seconds: number): TimerRecord {
    return {
      id: timerIdOf(kind, ref),
      accountId,
      kind,
      ref,
      dueAt: this.clock.now() + seconds * 1000,
    };
  }

  /** The timers `startTimerIfStillWaiting` holds back, for the work still waiting. */
  private startWaitingTimers(): void {
    for (const timer of this.changes.takeWaitingTimers()) {
      const record = this.store.interaction(timer.ref);
      if (record?.place.kind === 'queued') this.store.saveTimer(timer);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Lookups (lookups.ts)

  account(accountId: string): AccountRecord {
    return findAccount(this.store, accountId);
  }

  agent(accountId: string, agentId: string): AgentRecord {
    return findAgent(this.store, accountId, agentId);
  }

  service(accountId: string, serviceId: string, messageType: string | null = null): ServiceRecord {
    return findService(this.store, accountId, serviceId, messageType);
  }

  targetAgent(agent: AgentRecord, targetId: string, messageType: string): AgentRecord {
    return lookups.targetAgent(this.store, agent, targetId, messageType);
  }

  checkServices(accountId: string, services: readonly string[]): void {
    for (const serviceId of services) this.service(accountId, serviceId);
  }

  interactionOf(accountId: string, interactionId: string): InteractionRecord {
    return lookups.interactionOf(this.store, accountId, interactionId);
  }

  mine(
    agent: AgentRecord,
    command: { type: string; interactionId: string; version: number },
  ): InteractionRecord {
    return lookups.mine(this.store, agent, command);
  }

  // -------------------------------------------------------------------------------------------
  // Routing (routing.ts)

  enqueue(record: InteractionRecord, service: ServiceRecord): void {
    enqueueAt(this, record, service);
  }

  enqueuePersonal(record: InteractionRecord, agent: AgentRecord): void {
    routing.enqueuePersonal(this, record, agent);
  }

  unqueue(record: InteractionRecord): void {
    unqueueFrom(this, record);
  }

  assign(record: InteractionRecord, agent: AgentRecord): void {
    assignTo(this, record, agent);
  }

  hand(record: InteractionRecord, agent: AgentRecord): void {
    handTo(this, record, agent);
  }

  // -------------------------------------------------------------------------------------------
  // Finishing work, wrap and timers (lifecycle.ts)

  fire(timer: TimerRecord): void {
    lifecycle.fire(this, timer);
  }

  finish(record: InteractionRecord, reason: RemoveReason, by: string): void {
    finishWork(this, record, reason, by);
  }

  finishFor(record: InteractionRecord, agentId: string, reason: RemoveReason): void {
    finishWorkFor(this, record, agentId, reason);
  }

  leave(record: InteractionRecord, agent: AgentRecord, reason: RemoveReason): void {
    lifecycle.leave(this, record, agent, reason);
  }

  dropUnlogged(record: InteractionRecord, agent: AgentRecord, reason: RemoveReason): void {
    lifecycle.dropUnlogged(this, record, agent, reason);
  }

  endWrap(agent: AgentRecord): void {
    lifecycle.endWrap(this, agent);
  }

  change(record: InteractionRecord, change: Partial<Interaction>): void {
    lifecycle.change(this, record, change);
  }

  // -------------------------------------------------------------------------------------------
  // Consults (consults.ts)

  connectConsult(record: ConsultRecord): void {
    consults.connectConsult(this, record);
  }

  completeConsultTransfer(
    agent: AgentRecord,
    record: ConsultRecord,
    original: InteractionRecord,
  ): void {
    consults.completeConsultTransfer(this, agent, record, original);
  }

  endConsult(record: ConsultRecord, reason: ConsultEndReason): void {
    consults.endConsult(this, record, reason);
  }

  emitConsult(record: ConsultRecord): void {
    consults.emitConsult(this, record);
  }

  endConsultOfLeg(leg: InteractionRecord): void {
    consults.endConsultOfLeg(this, leg);
  }

  consultable(agent: AgentRecord): boolean {
    return consultableNow(this, agent);
  }

  // -------------------------------------------------------------------------------------------
  // The directory (directory.ts)

  agentEntry(agent: AgentRecord): DirectoryEntry {
    return directory.agentEntry(this, agent);
  }

  serviceEntry(service: ServiceRecord): DirectoryEntry {
    return directory.serviceEntry(this, service);
  }

  waitingAt(accountId: string, serviceId: string): number {
    return directory.waitingAt(this, accountId, serviceId);
  }
}
