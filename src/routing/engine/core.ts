/**
 * The routing engine's shared machinery: lookups, the outbox of effects, queues and indexes,
 * assignment, finishing work (B7 draining and wrap), consult legs, timers and settling (routing
 * until nothing more can be routed). `Engine` is the public face; `commands.ts` holds the agent
 * commands; both work through one EngineCore.
 */
import type {
  ConsultEndReason,
  DirectoryEntry,
  Interaction,
  Kind,
  PendingLog,
  RemoveReason,
} from '../../protocol';
import { KINDS, ProtocolError } from '../../protocol';
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
import type { Effect, EventBody } from './effects';
import type { Held } from './views';
import { agentView, canTake, effectiveWeights, presenceOf } from './views';

export interface Clock {
  now(): number;
}

export type IdGenerator = (prefix: 'i' | 'k') => string;

/** What an accepted command reports back in its ack. */
export interface CommandResult {
  readonly interactionId: string | null;
  readonly consultId: string | null;
}

/** Consults an agent may be part of at once; the protocol's snapshot carries at most 50. */
export const MAX_CONSULTS_PER_AGENT = 20;

export const NONE: CommandResult = { interactionId: null, consultId: null };

export const queueKey = (accountId: string, serviceId: string, kind: Kind) =>
  `q:${accountId}:${serviceId}:${kind}`;
export const personalKey = (accountId: string, agentId: string) => `p:${accountId}:${agentId}`;
export const eligibleKey = (accountId: string, serviceId: string, kind: Kind) =>
  `e:${accountId}:${serviceId}:${kind}`;

export const error = (
  code: ProtocolError['code'],
  message: string,
  messageType: string | null = null,
  field: string | null = null,
  interactionId?: string,
  currentVersion?: number,
) =>
  new ProtocolError(code, message, messageType, field, {
    ...(interactionId === undefined ? {} : { interactionId }),
    ...(currentVersion === undefined ? {} : { currentVersion }),
  });

export class EngineCore {
  effects: Effect[] = [];
  /** Agents whose views to send at the end of the operation. */
  readonly touchedAgents = new Map<string, AgentRecord>();
  /** Agents changed since they were last reindexed. */
  readonly staleAgents = new Map<string, AgentRecord>();
  readonly dirtyServices = new Set<string>();
  readonly dirtyAgents = new Set<string>();
  readonly touchedServices = new Set<string>();
  /** Routing decisions made so far (for benchmarks and health figures). */
  decisions = 0;

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly newId: IdGenerator,
  ) {}

  /** The events produced since the last call, in order. */
  takeEffects(): Effect[] {
    const effects = this.effects;
    this.effects = [];
    return effects;
  }

  fire(timer: TimerRecord): void {
    switch (timer.kind) {
      case 'consult-timeout': {
        const consult = this.store.consult(timer.ref);
        if (consult?.consult.state === 'ringing') this.endConsult(consult, 'timed-out');
        return;
      }
      case 'wrap-end': {
        const agent = this.store.agent(timer.accountId, timer.ref);
        if (agent?.wrap?.kind === 'auto') {
          this.endWrap(agent);
          this.touch(agent);
        }
        return;
      }
      case 'release-timeout': {
        const record = this.store.interaction(timer.ref);
        if (record?.interaction.state === 'releasing') {
          const account = this.account(timer.accountId);
          this.change(record, {
            state: 'release-failed',
            releaseFailure: {
              reason: 'timeout',
              message: `The channel did not confirm the release within ${account.settings.releaseTimeoutSeconds} s.`,
            },
          });
        }
        return;
      }
      case 'dial-timeout': {
        const record = this.store.interaction(timer.ref);
        if (record?.interaction.state === 'ringing') {
          for (const agentId of [...record.agentIds]) this.finishFor(record, agentId, 'ended');
        }
        return;
      }
    }
  }

  connectConsult(record: ConsultRecord): void {
    const { consult } = record;
    this.store.deleteTimer(timerId('consult-timeout', consult.id));
    const initiator = this.store.agent(record.accountId, consult.initiatorId);
    if (initiator === undefined) return;
    const target =
      record.targetAgentId === null
        ? null
        : this.store.agent(record.accountId, record.targetAgentId);
    const now = this.clock.now();
    const leg: InteractionRecord = {
      accountId: record.accountId,
      interaction: {
        id: this.newId('i'),
        version: 1,
        kind: 'live',
        channel: 'voice',
        direction: 'outbound',
        state: 'active',
        stateSince: now,
        customer:
          consult.target.type === 'number'
            ? { name: null, phone: consult.target.number, email: null }
            : { name: consult.targetName, phone: null, email: null },
        record: null,
        searchKeys: [],
        subject:
          `Consult: ${consult.initiatorName} with ${consult.targetName ?? (consult.target.type === 'number' ? consult.target.number : '')}`.slice(
            0,
            255,
          ),
        serviceId: null,
        serviceName: null,
        priority: 0,
        enqueuedAt: now,
        assignedAt: now,
        consultId: consult.id,
        releaseFailure: null,
      },
      place: { kind: 'assigned' },
      agentIds: [],
      order: this.store.nextOrder(),
      releaseFault: null,
      targetSide: null,
    };
    if (target !== null && target !== undefined) {
      leg.targetSide = {
        agentId: target.id,
        customer: { name: consult.initiatorName, phone: null, email: null },
      };
    }
    this.store.saveInteraction(leg);
    this.hand(leg, initiator);
    if (target !== null && target !== undefined) this.hand(leg, target);
    record.consult = { ...consult, state: 'connected', legId: leg.interaction.id };
    this.store.saveConsult(record);
    this.emitConsult(record);
  }

  /** Live only: the original interaction goes to the consulted party and the consult leg ends. */
  completeConsultTransfer(agent: AgentRecord, record: ConsultRecord): void {
    const original = this.store.interaction(record.consult.interactionId);
    if (original === undefined || !original.agentIds.includes(agent.id)) {
      throw error(
        'not-allowed',
        'the consulted interaction is no longer yours',
        'consult.transfer',
        'consultId',
      );
    }
    if (original.interaction.kind !== 'live') {
      throw error(
        'not-allowed',
        'only live calls are transferred through a consult',
        'consult.transfer',
        'consultId',
        original.interaction.id,
      );
    }
    const target =
      record.targetAgentId === null
        ? null
        : this.store.agent(record.accountId, record.targetAgentId);
    const legId = record.consult.legId;
    this.endConsult(record, 'transferred');
    if (legId !== null) {
      const leg = this.store.interaction(legId);
      if (leg !== undefined)
        for (const id of [...leg.agentIds]) this.finishFor(leg, id, 'transferred');
    }
    if (target === null || target === undefined) {
      this.finish(original, 'transferred', agent.id);
    } else {
      this.leave(original, agent, 'transferred');
      this.assign(original, target);
    }
  }

  endConsult(record: ConsultRecord, reason: ConsultEndReason): void {
    this.store.deleteTimer(timerId('consult-timeout', record.consult.id));
    record.consult = { ...record.consult, state: 'ended', endReason: reason };
    this.emitConsult(record);
    for (const agentId of [record.consult.initiatorId, record.targetAgentId]) {
      if (agentId === null) continue;
      const agent = this.store.agent(record.accountId, agentId);
      if (agent === undefined) continue;
      agent.consultIds = agent.consultIds.filter((id) => id !== record.consult.id);
      this.store.saveAgent(agent);
      this.touch(agent);
    }
    this.store.deleteConsult(record.consult.id);
  }

  emitConsult(record: ConsultRecord): void {
    this.emit(record.accountId, record.consult.initiatorId, {
      type: 'consult.changed',
      consult: record.consult,
    });
    if (record.targetAgentId !== null) {
      this.emit(record.accountId, record.targetAgentId, {
        type: 'consult.changed',
        consult: record.consult,
      });
    }
  }

  /** The interaction ends for everyone holding it (released, abandoned, transferred away). */
  finish(record: InteractionRecord, reason: RemoveReason, by: string): void {
    for (const agentId of [...record.agentIds]) {
      this.finishFor(record, agentId, agentId === by ? reason : 'ended');
    }
  }

  /** One agent stops holding an interaction; B7 draining and wrap follow for routed work. */
  finishFor(record: InteractionRecord, agentId: string, reason: RemoveReason): void {
    const agent = this.store.agent(record.accountId, agentId);
    record.agentIds = record.agentIds.filter((id) => id !== agentId);
    if (record.agentIds.length === 0) {
      this.store.deleteInteraction(record.interaction.id);
      this.store.deleteTimer(timerId('release-timeout', record.interaction.id));
      this.store.deleteTimer(timerId('dial-timeout', record.interaction.id));
      this.endConsultOfLeg(record);
    } else {
      this.store.saveInteraction(record);
    }
    if (agent === undefined) return;
    this.drop(agent, record, reason);
    if (record.interaction.consultId !== null) return;
    const account = this.account(record.accountId);
    if (account.settings.features.callLogging) agent.pendingLogs.push(this.logOf(record));
    this.afterFinish(agent);
  }

  /** The agent lets go of an interaction that goes on elsewhere (transfer to a service or agent). */
  leave(record: InteractionRecord, agent: AgentRecord, reason: RemoveReason): void {
    record.agentIds = record.agentIds.filter((id) => id !== agent.id);
    this.store.saveInteraction(record);
    this.drop(agent, record, reason);
    const account = this.account(record.accountId);
    if (account.settings.features.callLogging) agent.pendingLogs.push(this.logOf(record));
    this.afterFinish(agent);
  }

  drop(agent: AgentRecord, record: InteractionRecord, reason: RemoveReason): void {
    agent.interactionIds = agent.interactionIds.filter((id) => id !== record.interaction.id);
    this.emit(agent.accountId, agent.id, {
      type: 'interaction.removed',
      interactionId: record.interaction.id,
      reason,
    });
    this.touch(agent);
    this.store.saveAgent(agent);
  }

  endConsultOfLeg(leg: InteractionRecord): void {
    const consultId = leg.interaction.consultId;
    if (consultId === null) return;
    const consult = this.store.consult(consultId);
    if (consult !== undefined && consult.consult.state === 'connected')
      this.endConsult(consult, 'released');
  }

  /** B7: drain while work remains; after the last, Wrap (Auto) or Logging the call. */
  afterFinish(agent: AgentRecord): void {
    const routed = this.held(agent).filter((held) => !held.leg);
    if (routed.length > 0) {
      agent.draining = true;
    } else {
      agent.draining = false;
      const account = this.account(agent.accountId);
      if (agent.pendingLogs.length > 0) {
        agent.wrap = { kind: 'logging' };
      } else if (account.settings.wrapSeconds > 0) {
        agent.wrap = {
          kind: 'auto',
          endsAt: this.clock.now() + account.settings.wrapSeconds * 1000,
        };
        this.startTimer(agent.accountId, 'wrap-end', agent.id, account.settings.wrapSeconds);
      } else {
        agent.idleSince = this.clock.now();
      }
    }
    this.touch(agent);
    this.dirtyAgents.add(agent.id);
  }

  endWrap(agent: AgentRecord): void {
    agent.wrap = null;
    agent.idleSince = this.clock.now();
    this.store.deleteTimer(timerId('wrap-end', agent.id));
    this.dirtyAgents.add(agent.id);
  }

  logOf(record: InteractionRecord): PendingLog {
    const { interaction } = record;
    return {
      interactionId: interaction.id,
      kind: interaction.kind,
      channel: interaction.channel,
      direction: interaction.direction,
      customer: interaction.customer,
      record: interaction.record,
      assignedAt: interaction.assignedAt,
      releasedAt: this.clock.now(),
    };
  }

  enqueue(record: InteractionRecord, service: ServiceRecord): void {
    record.place = { kind: 'queued', serviceId: service.id };
    record.agentIds = [];
    // The wire state of waiting work is "ringing"; enqueuedAt is kept when re-queued.
    record.interaction = {
      ...record.interaction,
      state: 'ringing',
      stateSince: this.clock.now(),
      serviceId: service.id,
      serviceName: service.name,
      version: record.interaction.version + 1,
    };
    this.store.saveInteraction(record);
    this.store.rankAdd(
      queueKey(record.accountId, service.id, record.interaction.kind),
      record.interaction.id,
      queueRank(record),
    );
    this.dirtyServices.add(service.id);
    this.touchedServices.add(service.id);
  }

  enqueuePersonal(record: InteractionRecord, agent: AgentRecord): void {
    record.place = { kind: 'personal', agentId: agent.id };
    record.agentIds = [];
    record.interaction = {
      ...record.interaction,
      state: 'ringing',
      stateSince: this.clock.now(),
      version: record.interaction.version + 1,
    };
    this.store.saveInteraction(record);
    this.store.rankAdd(
      personalKey(record.accountId, agent.id),
      record.interaction.id,
      queueRank(record),
    );
    this.dirtyAgents.add(agent.id);
  }

  unqueue(record: InteractionRecord): void {
    const { place } = record;
    if (place.kind === 'queued') {
      this.store.rankRemove(
        queueKey(record.accountId, place.serviceId, record.interaction.kind),
        record.interaction.id,
      );
      this.touchedServices.add(place.serviceId);
    } else if (place.kind === 'personal') {
      this.store.rankRemove(personalKey(record.accountId, place.agentId), record.interaction.id);
    }
  }

  /** Routing gives a waiting interaction to an agent. */
  assign(record: InteractionRecord, agent: AgentRecord): void {
    this.unqueue(record);
    const now = this.clock.now();
    record.place = { kind: 'assigned' };
    record.interaction = {
      ...record.interaction,
      state: 'active',
      stateSince: now,
      assignedAt: now,
      releaseFailure: null,
      version: record.interaction.version + 1,
    };
    this.hand(record, agent);
    agent.idleSince = now;
    this.decisions++;
    this.reindex(agent);
  }

  /** The agent now holds the interaction: it shows in their list. */
  hand(record: InteractionRecord, agent: AgentRecord): void {
    record.agentIds.push(agent.id);
    this.store.saveInteraction(record);
    agent.interactionIds.push(record.interaction.id);
    this.store.saveAgent(agent);
    this.emit(agent.accountId, agent.id, {
      type: 'interaction.added',
      interaction: viewFor(record, agent.id),
    });
    this.touch(agent);
  }

  /** Replaces the wire view with a change, bumps the version, and tells every holder. */
  change(record: InteractionRecord, change: Partial<Interaction>): void {
    const now = this.clock.now();
    const stateChanged = change.state !== undefined && change.state !== record.interaction.state;
    record.interaction = {
      ...record.interaction,
      ...change,
      ...(stateChanged ? { stateSince: now } : {}),
      version: record.interaction.version + 1,
    };
    this.store.saveInteraction(record);
    for (const agentId of record.agentIds) {
      this.emit(record.accountId, agentId, {
        type: 'interaction.changed',
        interaction: viewFor(record, agentId),
      });
      const agent = this.store.agent(record.accountId, agentId);
      if (agent !== undefined) this.touch(agent);
    }
  }

  /** Keeps the agent in exactly the eligible-agent indexes of the kinds it can take now. */
  reindex(agent: AgentRecord): void {
    const account = this.account(agent.accountId);
    const held = this.held(agent);
    const weights = effectiveWeights(account.settings, agent);
    for (const kind of KINDS) {
      const eligible = canTake(agent, account.settings.features, weights, held, kind);
      for (const serviceId of agent.services) {
        const key = eligibleKey(agent.accountId, serviceId, kind);
        if (eligible) {
          this.store.rankAdd(key, agent.id, [agent.idleSince]);
          this.dirtyServices.add(serviceId);
        } else {
          this.store.rankRemove(key, agent.id);
        }
      }
    }
  }

  /** Routes until nothing more can be routed, then sends what changed. */
  settle(accountId: string): void {
    for (let round = 0; round < 10_000; round++) {
      // Each changed agent is reindexed once per change (not once per round: an eligible agent
      // marks its services dirty, and doing that every round would never settle).
      const stale = [...this.staleAgents.values()];
      this.staleAgents.clear();
      for (const agent of stale) {
        this.reindex(agent);
        // Work in a personal queue waits for any change that may let the agent take it.
        if (this.store.rankSize(personalKey(accountId, agent.id)) > 0) {
          this.dirtyAgents.add(agent.id);
        }
      }
      if (this.dirtyAgents.size === 0 && this.dirtyServices.size === 0) break;
      const agents = [...this.dirtyAgents];
      this.dirtyAgents.clear();
      for (const agentId of agents) this.deliverPersonal(accountId, agentId);
      const services = [...this.dirtyServices];
      this.dirtyServices.clear();
      this.route(accountId, services);
    }
    this.flush(accountId);
  }

  /** B6: work transferred to an agent waits for them, and goes first once they can take it. */
  deliverPersonal(accountId: string, agentId: string): void {
    const key = personalKey(accountId, agentId);
    if (this.store.rankSize(key) === 0) return;
    const agent = this.store.agent(accountId, agentId);
    if (agent === undefined) return;
    const account = this.account(accountId);
    for (const id of this.store.rankMembers(key, 100)) {
      const record = this.store.interaction(id);
      if (record === undefined) continue;
      const weights = effectiveWeights(account.settings, agent);
      if (
        canTake(
          agent,
          account.settings.features,
          weights,
          this.held(agent),
          record.interaction.kind,
        )
      ) {
        this.assign(record, agent);
      }
    }
  }

  /**
   * Oldest highest-priority waiting interaction to the longest idle eligible agent, repeatedly.
   * The services are weighed together, so an agent of several services gets the most urgent
   * work of them all, not the first service's.
   */
  route(accountId: string, serviceIds: readonly string[]): void {
    for (;;) {
      let best: { record: InteractionRecord; agentId: string } | null = null;
      for (const serviceId of serviceIds) {
        for (const kind of KINDS) {
          const head = this.store.rankFirst(queueKey(accountId, serviceId, kind));
          if (head === undefined) continue;
          const agentId = this.store.rankFirst(eligibleKey(accountId, serviceId, kind));
          if (agentId === undefined) continue;
          const record = this.store.interaction(head) as InteractionRecord;
          if (best === null || compareQueued(record, best.record) < 0) best = { record, agentId };
        }
      }
      if (best === null) return;
      this.assign(best.record, this.agent(accountId, best.agentId));
    }
  }

  /** Sends agent views, presence and service counts that changed during this operation. */
  flush(accountId: string): void {
    const now = this.clock.now();
    const upserted: DirectoryEntry[] = [];
    const account = this.store.account(accountId);
    for (const agent of this.touchedAgents.values()) {
      if (account === undefined) break;
      const held = this.held(agent);
      let view = agentView(agent, account.settings, held);
      if (agent.lastView !== null && agent.lastView.state !== view.state) {
        agent.stateSince = now;
        view = { ...view, stateSince: now };
      }
      if (agent.lastView === null || JSON.stringify(agent.lastView) !== JSON.stringify(view)) {
        if (agent.lastView !== null)
          this.emit(accountId, agent.id, { type: 'agent.changed', agent: view });
        agent.lastView = view;
      }
      const presence = presenceOf(agent, held);
      if (presence !== agent.lastPresence) {
        agent.lastPresence = presence;
        upserted.push(this.agentEntry(agent));
      }
      this.store.saveAgent(agent);
    }
    this.touchedAgents.clear();
    for (const serviceId of this.touchedServices) {
      const service = this.store.service(accountId, serviceId);
      if (service !== undefined) upserted.push(this.serviceEntry(service));
    }
    this.touchedServices.clear();
    if (upserted.length > 0)
      this.effects.push({ kind: 'directory', accountId, upserted, removed: [] });
  }

  agentEntry(agent: AgentRecord): DirectoryEntry {
    return {
      type: 'agent',
      id: agent.id,
      name: agent.name,
      presence: presenceOf(agent, this.held(agent)),
    };
  }

  serviceEntry(service: ServiceRecord): DirectoryEntry {
    const waiting = KINDS.reduce(
      (sum, kind) => sum + this.store.rankSize(queueKey(service.accountId, service.id, kind)),
      0,
    );
    return {
      type: 'service',
      id: service.id,
      name: service.name,
      waiting: Math.min(waiting, 1_000_000),
    };
  }

  /** B5: Available now or Interruptible, and not already swamped with consults (snapshots hold 50). */
  consultable(agent: AgentRecord): boolean {
    if (agent.consultIds.length >= MAX_CONSULTS_PER_AGENT) return false;
    const presence = presenceOf(agent, this.held(agent));
    return presence === 'available-now' || presence === 'interruptible';
  }

  held(agent: AgentRecord): Held[] {
    const held: Held[] = [];
    for (const id of agent.interactionIds) {
      const record = this.store.interaction(id);
      if (record !== undefined)
        held.push({ kind: record.interaction.kind, leg: record.interaction.consultId !== null });
    }
    return held;
  }

  touch(agent: AgentRecord): void {
    this.touchedAgents.set(agent.id, agent);
    this.staleAgents.set(agent.id, agent);
  }

  emit(accountId: string, agentId: string, event: EventBody): void {
    this.effects.push({ kind: 'event', accountId, agentId, event });
  }

  startTimer(accountId: string, kind: TimerKind, ref: string, seconds: number): void {
    this.store.saveTimer({
      id: timerId(kind, ref),
      accountId,
      kind,
      ref,
      dueAt: this.clock.now() + seconds * 1000,
    });
  }

  account(accountId: string): AccountRecord {
    const account = this.store.account(accountId);
    if (account === undefined) throw error('not-found', `no account ${accountId}`);
    return account;
  }

  agent(accountId: string, agentId: string): AgentRecord {
    this.account(accountId);
    const agent = this.store.agent(accountId, agentId);
    if (agent === undefined) throw error('not-found', `no agent ${agentId}`);
    return agent;
  }

  service(accountId: string, serviceId: string, messageType: string | null = null): ServiceRecord {
    const service = this.store.service(accountId, serviceId);
    if (service === undefined) {
      throw error(
        'not-found',
        `no service ${serviceId}`,
        messageType,
        messageType === null ? 'serviceId' : 'target.id',
      );
    }
    return service;
  }

  targetAgent(agent: AgentRecord, targetId: string, messageType: string): AgentRecord {
    const target = this.store.agent(agent.accountId, targetId);
    if (target === undefined)
      throw error('not-found', `no agent ${targetId}`, messageType, 'target.id');
    if (target.id === agent.id)
      throw error('not-allowed', 'you cannot do that with yourself', messageType, 'target.id');
    return target;
  }

  checkServices(accountId: string, services: readonly string[]): void {
    for (const serviceId of services) this.service(accountId, serviceId);
  }

  interactionOf(accountId: string, interactionId: string): InteractionRecord {
    this.account(accountId);
    const record = this.store.interaction(interactionId);
    if (record === undefined || record.accountId !== accountId) {
      throw error(
        'not-found',
        `no interaction ${interactionId}`,
        null,
        'interactionId',
        interactionId,
      );
    }
    return record;
  }

  /** The agent's own interaction at the version the command saw (else not-found or conflict). */
  mine(
    agent: AgentRecord,
    command: { type: string; interactionId: string; version: number },
  ): InteractionRecord {
    const record = this.store.interaction(command.interactionId);
    if (
      record === undefined ||
      record.accountId !== agent.accountId ||
      !record.agentIds.includes(agent.id)
    ) {
      throw error(
        'not-found',
        `no interaction ${command.interactionId}`,
        command.type,
        'interactionId',
        command.interactionId,
      );
    }
    if (record.interaction.version !== command.version) {
      throw error(
        'conflict',
        `${command.type}: interaction ${command.interactionId} is at version ${record.interaction.version}, the command names ${command.version}`,
        command.type,
        'version',
        command.interactionId,
        record.interaction.version,
      );
    }
    return record;
  }
}

export const timerId = (kind: TimerKind, ref: string) => `${kind}:${ref}`;

/** The interaction as one of its holders sees it (the target of a consult leg sees it inbound). */
export function viewFor(record: InteractionRecord, agentId: string): Interaction {
  const side = record.targetSide;
  if (side === null || side.agentId !== agentId) return record.interaction;
  return { ...record.interaction, direction: 'inbound', customer: side.customer };
}

function queueRank(record: InteractionRecord): number[] {
  return [9 - record.interaction.priority, record.interaction.enqueuedAt, record.order];
}

export function compareQueued(a: InteractionRecord, b: InteractionRecord): number {
  const ra = queueRank(a);
  const rb = queueRank(b);
  for (let i = 0; i < ra.length; i++) {
    const d = (ra[i] as number) - (rb[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
