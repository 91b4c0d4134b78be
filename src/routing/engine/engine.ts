/**
 * The routing engine: every rule of the guide about who gets which interaction and what an agent
 * may do with it. Pure and deterministic: time comes from the injected clock, ids from the injected
 * generator, state from the store; it does no I/O. Each public method applies one change, routes
 * what became routable, and leaves the resulting events in an outbox (`takeEffects`). The
 * account's setup (settings, services, agents, skills, overflow, hours) is in accountSetup.ts.
 */
import type {
  Channel,
  ClientMessageOf,
  Command,
  Consult,
  Customer,
  DirectoryEntry,
  Interaction,
  RecordRef,
  SkillRequirement,
  Snapshot,
  SupervisorRef,
} from '../../protocol';
import { KINDS } from '../../protocol';
import type { InteractionRecord, ReleaseFault } from '../store/store';
import { AccountSetup } from './accountSetup';
import type { Effect } from './effects';
import { agentView, viewFor } from './views';

import * as outcomes from './outcomes';
import * as dispatching from './dispatch';
import type { CommandResult } from './core';
import { error } from './errors';
import { compareQueued, queueKey, timerId } from './keys';
import * as creating from './newInteraction';
import * as hours from './hours';
import * as serviceDay from './serviceDay';
import type { SupervisorFigures } from './supervision';
import * as supervision from './supervision';
import * as skillsAdmin from './skillsAdmin';

export type { Clock, CommandResult, IdGenerator } from './core';
export type { AgentSpec } from './accountSetup';
export { DEFAULT_SETTINGS } from './accountSetup';

// Read once: the service runs as CommonJS, where each read of an imported binding is a call (two
// through a namespace import), and every arrival and command goes through these.
const { recordOutcomes } = outcomes;
const { dispatch } = dispatching;
const { checkSkills } = skillsAdmin;
const { serviceForArrival } = hours;
const { newInteraction } = creating;

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

export class Engine extends AccountSetup {
  /** Routing decisions made so far (for benchmarks and health figures). */
  get decisions(): number {
    return this.core.decisions;
  }

  /** The events produced since the last call, in order. */
  takeEffects(): Effect[] {
    const effects = this.core.takeEffects();
    // Connectors' outcome events, kept in the same unit of work as the change (outcomes.ts).
    recordOutcomes(this.core, effects);
    return effects;
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
    checkSkills(this.core.account(accountId), arrival.skills ?? [], 'skills');
    // Closed: refused (service-closed) or at its overflow service (hours.ts).
    const service = serviceForArrival(this.core, asked);
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
