/**
 * The routing engine: every rule of the guide about who gets which interaction and what an agent
 * may do with it. Pure and deterministic: time comes from the injected clock, ids from the injected
 * generator, state from the store; it does no I/O. Each public method applies one change, routes
 * what became routable, and leaves the resulting events in an outbox (`takeEffects`).
 */
import type {
  Channel,
  Command,
  Consult,
  ConsultEndReason,
  Customer,
  DirectoryEntry,
  Interaction,
  Kind,
  PendingLog,
  RecordRef,
  RemoveReason,
  Settings,
  Snapshot,
  Target,
} from '../../protocol';
import { KIND_OF_CHANNEL, KINDS, ProtocolError } from '../../protocol';
import type {
  AccountRecord,
  AgentRecord,
  ChosenState,
  ConsultRecord,
  InteractionRecord,
  ReleaseFault,
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

export const DEFAULT_SETTINGS: Settings = {
  consultTimeoutSeconds: 30,
  wrapSeconds: 20,
  releaseTimeoutSeconds: 10,
  features: {
    multiInteraction: true,
    crossMediaConsult: true,
    transferToService: true,
    callLogging: false,
  },
  weights: { live: 100, 'semi-live': 25, 'non-live': 20 },
  dispositions: ['Resolved', 'Call back', 'Escalated'],
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
}

export interface AgentSpec {
  readonly id: string;
  readonly name: string;
  readonly services: readonly string[];
  readonly weights?: AgentRecord['weights'];
  readonly state?: ChosenState;
}

/** What an accepted command reports back in its ack. */
export interface CommandResult {
  readonly interactionId: string | null;
  readonly consultId: string | null;
}

/** Consults an agent may be part of at once; the protocol's snapshot carries at most 50. */
const MAX_CONSULTS_PER_AGENT = 20;

const NONE: CommandResult = { interactionId: null, consultId: null };

const queueKey = (accountId: string, serviceId: string, kind: Kind) =>
  `q:${accountId}:${serviceId}:${kind}`;
const personalKey = (accountId: string, agentId: string) => `p:${accountId}:${agentId}`;
const eligibleKey = (accountId: string, serviceId: string, kind: Kind) =>
  `e:${accountId}:${serviceId}:${kind}`;

const error = (
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

export class Engine {
  private effects: Effect[] = [];
  /** Agents whose views to send at the end of the operation. */
  private readonly touchedAgents = new Map<string, AgentRecord>();
  /** Agents changed since they were last reindexed. */
  private readonly staleAgents = new Map<string, AgentRecord>();
  private readonly dirtyServices = new Set<string>();
  private readonly dirtyAgents = new Set<string>();
  private readonly touchedServices = new Set<string>();
  /** Routing decisions made so far (for benchmarks and health figures). */
  decisions = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
  ) {}

  /** The events produced since the last call, in order. */
  takeEffects(): Effect[] {
    const effects = this.effects;
    this.effects = [];
    return effects;
  }

  // -------------------------------------------------------------------------------------------
  // Accounts, services and agents (admin API)

  createAccount(id: string, name: string, settings: Settings = DEFAULT_SETTINGS): AccountRecord {
    if (this.store.account(id) !== undefined) {
      throw error('conflict', `account ${id} exists already`, null, 'id');
    }
    const account: AccountRecord = { id, name, settings };
    this.store.saveAccount(account);
    return account;
  }

  /** B10: new settings reach every connected agent of the account at once. */
  updateSettings(accountId: string, settings: Settings): Settings {
    const account = this.account(accountId);
    account.settings = settings;
    this.store.saveAccount(account);
    for (const agent of this.store.agents(accountId)) {
      this.emit(accountId, agent.id, { type: 'settings.changed', settings });
      this.touch(agent);
      this.dirtyAgents.add(agent.id);
    }
    for (const service of this.store.services(accountId)) this.dirtyServices.add(service.id);
    this.settle(accountId);
    return settings;
  }

  createService(accountId: string, id: string, name: string): ServiceRecord {
    this.account(accountId);
    if (this.store.service(accountId, id) !== undefined) {
      throw error('conflict', `service ${id} exists already`, null, 'id');
    }
    const service: ServiceRecord = { accountId, id, name };
    this.store.saveService(service);
    this.touchedServices.add(id);
    this.settle(accountId);
    return service;
  }

  createAgent(accountId: string, spec: AgentSpec): AgentRecord {
    this.account(accountId);
    if (this.store.agent(accountId, spec.id) !== undefined) {
      throw error('conflict', `agent ${spec.id} exists already`, null, 'id');
    }
    this.checkServices(accountId, spec.services);
    const now = this.clock.now();
    const agent: AgentRecord = {
      accountId,
      id: spec.id,
      name: spec.name,
      services: [...spec.services],
      weights: { ...spec.weights },
      chosen: spec.state ?? 'logged-out',
      interactionIds: [],
      draining: false,
      wrap: null,
      pendingLogs: [],
      stateSince: now,
      idleSince: now,
      consultIds: [],
      lastView: null,
      lastPresence: null,
    };
    this.store.saveAgent(agent);
    this.touch(agent);
    this.dirtyAgents.add(agent.id);
    this.settle(accountId);
    return agent;
  }

  updateAgent(
    accountId: string,
    agentId: string,
    change: { name?: string; services?: readonly string[]; weights?: AgentRecord['weights'] },
  ): AgentRecord {
    const agent = this.agent(accountId, agentId);
    if (change.services !== undefined) this.checkServices(accountId, change.services);
    // Leave the old services' indexes before the list changes.
    for (const serviceId of agent.services) {
      for (const kind of KINDS)
        this.store.rankRemove(eligibleKey(accountId, serviceId, kind), agentId);
    }
    if (change.name !== undefined) agent.name = change.name;
    if (change.services !== undefined) agent.services = [...change.services];
    if (change.weights !== undefined) agent.weights = { ...change.weights };
    this.touch(agent);
    this.dirtyAgents.add(agent.id);
    this.settle(accountId);
    return agent;
  }

  // -------------------------------------------------------------------------------------------
  // What an agent session sees

  snapshot(accountId: string, agentId: string): Snapshot {
    const account = this.account(accountId);
    const agent = this.agent(accountId, agentId);
    return {
      agent: agentView(agent, account.settings, this.held(agent)),
      settings: account.settings,
      interactions: agent.interactionIds
        .map((id) => this.store.interaction(id))
        .filter((record): record is InteractionRecord => record !== undefined)
        .map((record) => viewFor(record, agent.id)),
      consults: agent.consultIds
        .map((id) => this.store.consult(id)?.consult)
        .filter((consult): consult is Consult => consult !== undefined),
    };
  }

  /** The account's directory: agents with presence and services with waiting counts. */
  directory(accountId: string): DirectoryEntry[] {
    this.account(accountId);
    const agents = this.store
      .agents(accountId)
      .map((agent) => this.agentEntry(agent))
      .sort((a, b) => a.name.localeCompare(b.name));
    const services = this.store
      .services(accountId)
      .map((service) => this.serviceEntry(service))
      .sort((a, b) => a.name.localeCompare(b.name));
    return [...agents, ...services];
  }

  /** Interactions waiting at a service, first to be routed first. */
  queue(accountId: string, serviceId: string): Interaction[] {
    this.service(accountId, serviceId);
    return KINDS.flatMap((kind) =>
      this.store.rankMembers(queueKey(accountId, serviceId, kind), 10_000),
    )
      .map((id) => this.store.interaction(id) as InteractionRecord)
      .sort((a, b) => compareQueued(a, b))
      .map((record) => record.interaction);
  }

  // -------------------------------------------------------------------------------------------
  // Agent commands

  /** Applies one agent command; throws ProtocolError (typed, nothing changed) when it cannot. */
  command(accountId: string, agentId: string, command: Command): CommandResult {
    const agent = this.agent(accountId, agentId);
    let result = NONE;
    switch (command.type) {
      case 'presence.set':
        this.setPresence(agent, command.state);
        break;
      case 'release':
        this.release(agent, this.mine(agent, command));
        break;
      case 'abandon':
        this.abandon(agent, this.mine(agent, command));
        break;
      case 'hold':
      case 'retrieve':
        this.hold(agent, this.mine(agent, command), command.type);
        break;
      case 'transfer':
        this.transfer(agent, this.mine(agent, command), command.target);
        break;
      case 'consult.start':
        result = this.consultStart(agent, this.mine(agent, command), command.target);
        break;
      case 'consult.cancel':
      case 'consult.accept':
      case 'consult.decline':
      case 'consult.transfer':
        this.consultAction(agent, command.type, command.consultId);
        break;
      case 'dial':
        result = this.dial(agent, command.number, command.record);
        break;
      case 'log.submit':
        this.submitLog(agent, command.interactionId, command.disposition);
        break;
      case 'directory.subscribe':
      case 'directory.unsubscribe':
      case 'resync':
        // Session matters, answered by the server; nothing changes here.
        break;
    }
    this.settle(accountId);
    return result;
  }

  private setPresence(agent: AgentRecord, state: ChosenState): void {
    if (agent.wrap?.kind === 'logging') {
      throw error(
        'not-allowed',
        'submit the call logs before changing state',
        'presence.set',
        'state',
      );
    }
    if (
      state === 'logged-out' &&
      (agent.interactionIds.length > 0 || agent.pendingLogs.length > 0)
    ) {
      throw error(
        'has-work',
        'release every interaction before logging out',
        'presence.set',
        'state',
      );
    }
    if (agent.wrap !== null) this.endWrap(agent);
    if (state === 'logged-out') this.endRinging(agent);
    if (agent.chosen !== state) {
      agent.chosen = state;
      if (state === 'ready') agent.idleSince = this.clock.now();
    }
    this.touch(agent);
    this.dirtyAgents.add(agent.id);
  }

  /**
   * An agent who logs out takes part in no ringing consult: those ringing for them end declined,
   * those they started (after releasing the original) end cancelled.
   */
  private endRinging(agent: AgentRecord): void {
    for (const id of [...agent.consultIds]) {
      const record = this.store.consult(id);
      if (record === undefined || record.consult.state !== 'ringing') continue;
      this.endConsult(record, record.targetAgentId === agent.id ? 'declined' : 'cancelled');
    }
  }

  /** B7: releasing starts the gate; the release may fail or hang (simulator), then Abandon is allowed. */
  private release(agent: AgentRecord, record: InteractionRecord): void {
    const { state } = record.interaction;
    if (state === 'releasing') {
      throw error(
        'not-allowed',
        'the release is already under way',
        'release',
        null,
        record.interaction.id,
      );
    }
    // B7: the gate closes when the agent releases, whether or not the channel confirms it.
    if (record.interaction.consultId === null && !agent.draining) {
      agent.draining = true;
      this.touch(agent);
      this.dirtyAgents.add(agent.id);
    }
    const fault = record.releaseFault;
    record.releaseFault = null;
    if (fault === 'error') {
      this.change(record, {
        state: 'release-failed',
        releaseFailure: {
          reason: 'error',
          message: 'The channel reported an error while releasing.',
        },
      });
      return;
    }
    if (fault === 'hang') {
      this.change(record, { state: 'releasing', releaseFailure: null });
      const account = this.account(agent.accountId);
      this.startTimer(
        agent.accountId,
        'release-timeout',
        record.interaction.id,
        account.settings.releaseTimeoutSeconds,
      );
      return;
    }
    this.finish(record, 'released', agent.id);
  }

  /** B2: Abandon, for chats, e-mails and cases, only when Release is not working. */
  private abandon(agent: AgentRecord, record: InteractionRecord): void {
    if (record.interaction.kind === 'live') {
      throw error(
        'not-allowed',
        'live calls are not abandoned: release them again',
        'abandon',
        null,
        record.interaction.id,
      );
    }
    if (record.interaction.state !== 'release-failed') {
      throw error(
        'not-allowed',
        'Abandon is allowed only after a release failed or timed out',
        'abandon',
        null,
        record.interaction.id,
      );
    }
    this.finish(record, 'abandoned', agent.id);
  }

  private hold(agent: AgentRecord, record: InteractionRecord, type: 'hold' | 'retrieve'): void {
    const { interaction } = record;
    if (interaction.kind !== 'live') {
      throw error(
        'not-allowed',
        `only live interactions can be put on hold`,
        type,
        null,
        interaction.id,
      );
    }
    const from = type === 'hold' ? 'active' : 'held';
    if (interaction.state !== from) {
      throw error(
        'not-allowed',
        `${type} needs an interaction that is ${from}`,
        type,
        null,
        interaction.id,
      );
    }
    this.change(record, { state: type === 'hold' ? 'held' : 'active' });
    this.touch(agent);
  }

  /** B6 (and B2 for live): to an agent, a service or, for live calls, a telephone number. */
  private transfer(agent: AgentRecord, record: InteractionRecord, target: Target): void {
    const { interaction } = record;
    const account = this.account(agent.accountId);
    if (interaction.kind === 'semi-live') {
      throw error(
        'not-allowed',
        'chats can be consulted on, not transferred',
        'transfer',
        null,
        interaction.id,
      );
    }
    if (interaction.consultId !== null) {
      throw error(
        'not-allowed',
        'a consult call cannot be transferred',
        'transfer',
        null,
        interaction.id,
      );
    }
    if (!['active', 'held'].includes(interaction.state)) {
      throw error(
        'not-allowed',
        `an interaction that is ${interaction.state} cannot be transferred`,
        'transfer',
        null,
        interaction.id,
      );
    }
    switch (target.type) {
      case 'number':
        if (interaction.kind !== 'live') {
          throw error(
            'not-allowed',
            'only live calls can be transferred to a telephone number',
            'transfer',
            'target',
            interaction.id,
          );
        }
        this.finish(record, 'transferred', agent.id);
        return;
      case 'service': {
        if (interaction.kind === 'non-live' && !account.settings.features.transferToService) {
          throw error(
            'feature-disabled',
            'transfer to a service is not enabled for this account',
            'transfer',
            'target',
            interaction.id,
          );
        }
        const service = this.service(agent.accountId, target.id, 'transfer');
        this.leave(record, agent, 'transferred');
        this.enqueue(record, service);
        return;
      }
      case 'agent': {
        const to = this.targetAgent(agent, target.id, 'transfer');
        const held = this.held(to);
        const weights = effectiveWeights(account.settings, to);
        const now = canTake(to, account.settings.features, weights, held, interaction.kind);
        if (interaction.kind === 'live' && !now) {
          throw error(
            'target-unavailable',
            `${to.name} cannot take a call now`,
            'transfer',
            'target',
            interaction.id,
          );
        }
        this.leave(record, agent, 'transferred');
        if (now) this.assign(record, to);
        else this.enqueuePersonal(record, to);
        return;
      }
    }
  }

  /** B5: consult an agent (Available now or Interruptible), a service's agent, or a number. */
  private consultStart(
    agent: AgentRecord,
    record: InteractionRecord,
    target: Target,
  ): CommandResult {
    const { interaction } = record;
    const account = this.account(agent.accountId);
    if (interaction.kind !== 'live' && !account.settings.features.crossMediaConsult) {
      throw error(
        'feature-disabled',
        'cross-media consult is not enabled for this account',
        'consult.start',
        null,
        interaction.id,
      );
    }
    if (interaction.consultId !== null) {
      throw error(
        'not-allowed',
        'a consult call cannot itself be consulted on',
        'consult.start',
        null,
        interaction.id,
      );
    }
    if (!['active', 'held'].includes(interaction.state)) {
      throw error(
        'not-allowed',
        `an interaction that is ${interaction.state} cannot be consulted on`,
        'consult.start',
        null,
        interaction.id,
      );
    }
    const ongoing = agent.consultIds
      .map((id) => this.store.consult(id))
      .some(
        (c) => c?.consult.interactionId === interaction.id && c.consult.initiatorId === agent.id,
      );
    if (ongoing || agent.consultIds.length >= MAX_CONSULTS_PER_AGENT) {
      throw error(
        'not-allowed',
        ongoing ? 'this interaction already has a consult' : 'too many consults under way',
        'consult.start',
        null,
        interaction.id,
      );
    }
    let targetAgent: AgentRecord | null = null;
    let targetName: string | null = null;
    if (target.type === 'agent') {
      targetAgent = this.targetAgent(agent, target.id, 'consult.start');
      if (!this.consultable(targetAgent)) {
        throw error(
          'target-unavailable',
          `${targetAgent.name} is not Available now or Interruptible`,
          'consult.start',
          'target',
          interaction.id,
        );
      }
      targetName = targetAgent.name;
    } else if (target.type === 'service') {
      const service = this.service(agent.accountId, target.id, 'consult.start');
      targetAgent =
        this.store
          .agents(agent.accountId)
          .filter(
            (a) => a.id !== agent.id && a.services.includes(service.id) && this.consultable(a),
          )
          .sort((a, b) => a.idleSince - b.idleSince)[0] ?? null;
      if (targetAgent === null) {
        throw error(
          'target-unavailable',
          `nobody in ${service.name} can take a consult now`,
          'consult.start',
          'target',
          interaction.id,
        );
      }
      targetName = targetAgent.name;
    }
    const now = this.clock.now();
    const consult: ConsultRecord = {
      accountId: agent.accountId,
      targetAgentId: targetAgent?.id ?? null,
      consult: {
        id: this.newId('k'),
        interactionId: interaction.id,
        initiatorId: agent.id,
        initiatorName: agent.name,
        target,
        targetName,
        state: 'ringing',
        ringingUntil: now + account.settings.consultTimeoutSeconds * 1000,
        legId: null,
        endReason: null,
      },
    };
    this.store.saveConsult(consult);
    agent.consultIds.push(consult.consult.id);
    this.store.saveAgent(agent);
    if (targetAgent !== null) {
      targetAgent.consultIds.push(consult.consult.id);
      this.store.saveAgent(targetAgent);
    }
    this.startTimer(
      agent.accountId,
      'consult-timeout',
      consult.consult.id,
      account.settings.consultTimeoutSeconds,
    );
    this.emitConsult(consult);
    return { interactionId: null, consultId: consult.consult.id };
  }

  private consultAction(
    agent: AgentRecord,
    type: 'consult.cancel' | 'consult.accept' | 'consult.decline' | 'consult.transfer',
    consultId: string,
  ): void {
    const record = this.store.consult(consultId);
    const initiator = record?.consult.initiatorId === agent.id;
    const target = record?.targetAgentId === agent.id;
    if (record === undefined || record.accountId !== agent.accountId || (!initiator && !target)) {
      throw error('not-found', `no consult ${consultId}`, type, 'consultId');
    }
    const { state } = record.consult;
    const needs = (ok: boolean, what: string) => {
      if (!ok) throw error('not-allowed', `${type} ${what}`, type, 'consultId');
    };
    switch (type) {
      case 'consult.cancel':
        needs(initiator && state === 'ringing', 'needs a ringing consult that you started');
        this.endConsult(record, 'cancelled');
        return;
      case 'consult.decline':
        needs(target && state === 'ringing', 'needs a consult ringing for you');
        this.endConsult(record, 'declined');
        return;
      case 'consult.accept':
        needs(target && state === 'ringing', 'needs a consult ringing for you');
        this.connectConsult(record);
        return;
      case 'consult.transfer':
        needs(initiator && state === 'connected', 'needs a connected consult that you started');
        this.completeConsultTransfer(agent, record);
        return;
    }
  }

  /** Outbound: the agent calls a number (click-to-dial); a live interaction like any other. */
  private dial(agent: AgentRecord, number: string, record: RecordRef | null): CommandResult {
    const account = this.account(agent.accountId);
    if (agent.chosen === 'logged-out' || agent.wrap?.kind === 'logging') {
      throw error(
        'not-allowed',
        `an agent who is ${agent.chosen === 'logged-out' ? 'logged out' : 'logging the call'} cannot dial`,
        'dial',
      );
    }
    const held = this.held(agent);
    const weights = effectiveWeights(account.settings, agent);
    const fits = account.settings.features.multiInteraction
      ? held.reduce((sum, h) => sum + weights[h.kind], 0) + weights.live <= 100
      : held.length === 0;
    if (!fits) throw error('not-allowed', 'no capacity left for a call', 'dial');
    const now = this.clock.now();
    const interaction: Interaction = {
      id: this.newId('i'),
      version: 1,
      kind: 'live',
      channel: 'voice',
      direction: 'outbound',
      state: 'ringing',
      stateSince: now,
      customer: { name: null, phone: number, email: null },
      record,
      searchKeys: [number],
      subject: null,
      serviceId: null,
      serviceName: null,
      priority: 0,
      enqueuedAt: now,
      assignedAt: now,
      consultId: null,
      releaseFailure: null,
    };
    const created: InteractionRecord = {
      accountId: agent.accountId,
      interaction,
      place: { kind: 'assigned' },
      agentIds: [agent.id],
      order: this.store.nextOrder(),
      releaseFault: null,
      targetSide: null,
    };
    this.store.saveInteraction(created);
    this.hand(created, agent);
    this.startTimer(
      agent.accountId,
      'dial-timeout',
      interaction.id,
      account.settings.consultTimeoutSeconds,
    );
    return { interactionId: interaction.id, consultId: null };
  }

  private submitLog(agent: AgentRecord, interactionId: string, disposition: string | null): void {
    const { dispositions } = this.account(agent.accountId).settings;
    if (disposition !== null && dispositions.length > 0 && !dispositions.includes(disposition)) {
      throw error(
        'bad-field',
        `disposition must be one of the account's: ${dispositions.join(', ')}`.slice(0, 1000),
        'log.submit',
        'disposition',
        interactionId,
      );
    }
    const index = agent.pendingLogs.findIndex((log) => log.interactionId === interactionId);
    if (index < 0) {
      throw error(
        'not-found',
        `no call log pending for ${interactionId}`,
        'log.submit',
        'interactionId',
        interactionId,
      );
    }
    agent.pendingLogs.splice(index, 1);
    if (agent.pendingLogs.length === 0 && agent.wrap?.kind === 'logging') this.endWrap(agent);
    this.touch(agent);
  }

  // -------------------------------------------------------------------------------------------
  // The outside world (simulator, channel connectors)

  /** A customer contact arrives at a service. */
  arrive(accountId: string, arrival: Arrival): Interaction {
    const service = this.service(accountId, arrival.serviceId);
    const now = this.clock.now();
    const record: InteractionRecord = {
      accountId,
      interaction: {
        id: this.newId('i'),
        version: 1,
        kind: KIND_OF_CHANNEL[arrival.channel],
        channel: arrival.channel,
        direction: 'inbound',
        state: 'ringing',
        stateSince: now,
        customer: arrival.customer,
        record: arrival.record,
        searchKeys: [...arrival.searchKeys],
        subject: arrival.subject,
        serviceId: service.id,
        serviceName: service.name,
        priority: arrival.priority,
        enqueuedAt: now,
        assignedAt: now,
        consultId: null,
        releaseFailure: null,
      },
      place: { kind: 'queued', serviceId: service.id },
      agentIds: [],
      order: this.store.nextOrder(),
      releaseFault: null,
      targetSide: null,
    };
    this.store.saveInteraction(record);
    this.enqueue(record, service);
    this.settle(accountId);
    return (this.store.interaction(record.interaction.id) ?? record).interaction;
  }

  /** The customer hangs up or leaves: the interaction ends wherever it is. */
  customerLeaves(accountId: string, interactionId: string): void {
    const record = this.interactionOf(accountId, interactionId);
    if (record.place.kind !== 'assigned') {
      this.unqueue(record);
      this.store.deleteInteraction(interactionId);
    } else {
      for (const agentId of [...record.agentIds]) this.finishFor(record, agentId, 'ended');
    }
    this.settle(accountId);
  }

  /** An outside party answers: a consult to a number, or an outbound call. */
  outsideAnswers(accountId: string, ref: string): void {
    const consult = this.store.consult(ref);
    if (consult !== undefined && consult.accountId === accountId) {
      if (consult.consult.state !== 'ringing' || consult.consult.target.type !== 'number') {
        throw error('not-allowed', `consult ${ref} is not ringing a number`);
      }
      this.connectConsult(consult);
    } else {
      const record = this.interactionOf(accountId, ref);
      if (record.interaction.direction !== 'outbound' || record.interaction.state !== 'ringing') {
        throw error('not-allowed', `interaction ${ref} is not an outbound call ringing`);
      }
      this.store.deleteTimer(timerId('dial-timeout', ref));
      this.change(record, { state: 'active' });
    }
    this.settle(accountId);
  }

  /** The simulator makes the next release of an interaction fail at once or hang. */
  armReleaseFault(accountId: string, interactionId: string, fault: ReleaseFault): void {
    const record = this.interactionOf(accountId, interactionId);
    record.releaseFault = fault;
    this.store.saveInteraction(record);
  }

  /** Fires every timer due now (consult timeouts, wrap ends, release timeouts). */
  tick(): void {
    const now = this.clock.now();
    // One at a time, asking the store again each time: firing a timer may cancel or replace
    // others that were due too (a call ending restarts the wrap under the same timer id).
    for (;;) {
      const [timer] = this.store.dueTimers(now, 1);
      if (timer === undefined) return;
      this.store.deleteTimer(timer.id);
      this.fire(timer);
      this.settle(timer.accountId);
    }
  }

  /** When the next timer is due, so the caller can sleep until then. */
  nextDueAt(): number | undefined {
    return this.store.nextDueAt();
  }

  // -------------------------------------------------------------------------------------------
  // Internals

  private fire(timer: TimerRecord): void {
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

  private connectConsult(record: ConsultRecord): void {
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
  private completeConsultTransfer(agent: AgentRecord, record: ConsultRecord): void {
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

  private endConsult(record: ConsultRecord, reason: ConsultEndReason): void {
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

  private emitConsult(record: ConsultRecord): void {
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
  private finish(record: InteractionRecord, reason: RemoveReason, by: string): void {
    for (const agentId of [...record.agentIds]) {
      this.finishFor(record, agentId, agentId === by ? reason : 'ended');
    }
  }

  /** One agent stops holding an interaction; B7 draining and wrap follow for routed work. */
  private finishFor(record: InteractionRecord, agentId: string, reason: RemoveReason): void {
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
  private leave(record: InteractionRecord, agent: AgentRecord, reason: RemoveReason): void {
    record.agentIds = record.agentIds.filter((id) => id !== agent.id);
    this.store.saveInteraction(record);
    this.drop(agent, record, reason);
    const account = this.account(record.accountId);
    if (account.settings.features.callLogging) agent.pendingLogs.push(this.logOf(record));
    this.afterFinish(agent);
  }

  private drop(agent: AgentRecord, record: InteractionRecord, reason: RemoveReason): void {
    agent.interactionIds = agent.interactionIds.filter((id) => id !== record.interaction.id);
    this.emit(agent.accountId, agent.id, {
      type: 'interaction.removed',
      interactionId: record.interaction.id,
      reason,
    });
    this.touch(agent);
    this.store.saveAgent(agent);
  }

  private endConsultOfLeg(leg: InteractionRecord): void {
    const consultId = leg.interaction.consultId;
    if (consultId === null) return;
    const consult = this.store.consult(consultId);
    if (consult !== undefined && consult.consult.state === 'connected')
      this.endConsult(consult, 'released');
  }

  /** B7: drain while work remains; after the last, Wrap (Auto) or Logging the call. */
  private afterFinish(agent: AgentRecord): void {
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

  private endWrap(agent: AgentRecord): void {
    agent.wrap = null;
    agent.idleSince = this.clock.now();
    this.store.deleteTimer(timerId('wrap-end', agent.id));
    this.dirtyAgents.add(agent.id);
  }

  private logOf(record: InteractionRecord): PendingLog {
    const { interaction } = record;
    return {
      interactionId: interaction.id,
      kind: interaction.kind,
      channel: interaction.channel,
      customer: interaction.customer,
      record: interaction.record,
      releasedAt: this.clock.now(),
    };
  }

  private enqueue(record: InteractionRecord, service: ServiceRecord): void {
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

  private enqueuePersonal(record: InteractionRecord, agent: AgentRecord): void {
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

  private unqueue(record: InteractionRecord): void {
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
  private assign(record: InteractionRecord, agent: AgentRecord): void {
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
  private hand(record: InteractionRecord, agent: AgentRecord): void {
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
  private change(record: InteractionRecord, change: Partial<Interaction>): void {
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
  private reindex(agent: AgentRecord): void {
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
  private settle(accountId: string): void {
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
  private deliverPersonal(accountId: string, agentId: string): void {
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
  private route(accountId: string, serviceIds: readonly string[]): void {
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
  private flush(accountId: string): void {
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

  private agentEntry(agent: AgentRecord): DirectoryEntry {
    return {
      type: 'agent',
      id: agent.id,
      name: agent.name,
      presence: presenceOf(agent, this.held(agent)),
    };
  }

  private serviceEntry(service: ServiceRecord): DirectoryEntry {
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
  private consultable(agent: AgentRecord): boolean {
    if (agent.consultIds.length >= MAX_CONSULTS_PER_AGENT) return false;
    const presence = presenceOf(agent, this.held(agent));
    return presence === 'available-now' || presence === 'interruptible';
  }

  private held(agent: AgentRecord): Held[] {
    const held: Held[] = [];
    for (const id of agent.interactionIds) {
      const record = this.store.interaction(id);
      if (record !== undefined)
        held.push({ kind: record.interaction.kind, leg: record.interaction.consultId !== null });
    }
    return held;
  }

  private touch(agent: AgentRecord): void {
    this.touchedAgents.set(agent.id, agent);
    this.staleAgents.set(agent.id, agent);
  }

  private emit(accountId: string, agentId: string, event: EventBody): void {
    this.effects.push({ kind: 'event', accountId, agentId, event });
  }

  private startTimer(accountId: string, kind: TimerKind, ref: string, seconds: number): void {
    this.store.saveTimer({
      id: timerId(kind, ref),
      accountId,
      kind,
      ref,
      dueAt: this.clock.now() + seconds * 1000,
    });
  }

  private account(accountId: string): AccountRecord {
    const account = this.store.account(accountId);
    if (account === undefined) throw error('not-found', `no account ${accountId}`);
    return account;
  }

  private agent(accountId: string, agentId: string): AgentRecord {
    this.account(accountId);
    const agent = this.store.agent(accountId, agentId);
    if (agent === undefined) throw error('not-found', `no agent ${agentId}`);
    return agent;
  }

  private service(
    accountId: string,
    serviceId: string,
    messageType: string | null = null,
  ): ServiceRecord {
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

  private targetAgent(agent: AgentRecord, targetId: string, messageType: string): AgentRecord {
    const target = this.store.agent(agent.accountId, targetId);
    if (target === undefined)
      throw error('not-found', `no agent ${targetId}`, messageType, 'target.id');
    if (target.id === agent.id)
      throw error('not-allowed', 'you cannot do that with yourself', messageType, 'target.id');
    return target;
  }

  private checkServices(accountId: string, services: readonly string[]): void {
    for (const serviceId of services) this.service(accountId, serviceId);
  }

  private interactionOf(accountId: string, interactionId: string): InteractionRecord {
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
  private mine(
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

const timerId = (kind: TimerKind, ref: string) => `${kind}:${ref}`;

/** The interaction as one of its holders sees it (the target of a consult leg sees it inbound). */
function viewFor(record: InteractionRecord, agentId: string): Interaction {
  const side = record.targetSide;
  if (side === null || side.agentId !== agentId) return record.interaction;
  return { ...record.interaction, direction: 'inbound', customer: side.customer };
}

function queueRank(record: InteractionRecord): number[] {
  return [9 - record.interaction.priority, record.interaction.enqueuedAt, record.order];
}

function compareQueued(a: InteractionRecord, b: InteractionRecord): number {
  const ra = queueRank(a);
  const rb = queueRank(b);
  for (let i = 0; i < ra.length; i++) {
    const d = (ra[i] as number) - (rb[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
