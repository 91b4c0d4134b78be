/**
 * Routing (B3, B6): work waiting in service and personal queues, the indexes of agents who can
 * take more, and handing work to an agent. `EngineCore.settle` decides when each runs.
 */
import type { Interaction, Kind } from '../../protocol';
import * as protocol from '../../protocol';
import type {
  AgentRecord,
  InteractionRecord,
  Place,
  ServiceRecord,
  TimerKind,
} from '../store/store';
import type { EngineCore } from './core';
import type { ServiceKeySet } from './keys';
import * as keys from './keys';
import * as offers from './offers';
import * as overflow from './overflow';
import * as callbacks from './callbacks';
import * as skills from './skills';
import * as views from './views';
import * as serviceDay from './serviceDay';

/**
 * Read once: the service runs as CommonJS, where each read of an imported binding is a call (two
 * through a namespace import), and every decision goes through these.
 */
const { KINDS } = protocol;
const { compareQueued, personalKey, queueRank, timerId } = keys;
const { canTake, effectiveWeights, viewFor } = views;
const { KIND_BITS, pickWork, indexSkills, indexedKinds, relaxLater, forgetRelax } = skills;
const { overflowLater } = overflow;
const { callbackLater } = callbacks;
const { offered } = offers;
const { countAssigned } = serviceDay;

/** The interaction waits at a service, as "ringing" on the wire. */
export function enqueue(core: EngineCore, record: InteractionRecord, service: ServiceRecord): void {
  putInQueue(
    core,
    record,
    { kind: 'queued', serviceId: service.id },
    core.keys.queue(record.accountId, service.id, record.interaction.kind),
    { serviceId: service.id, serviceName: service.name },
  );
  relaxLater(core, record, service);
  overflowLater(core, record, service);
  callbackLater(core, record, service);
  core.recheckServiceQueue(service.id);
  core.serviceEntryChanged(service.id);
}

/** B6: the interaction waits for one agent, who cannot take it now. */
export function enqueuePersonal(
  core: EngineCore,
  record: InteractionRecord,
  agent: AgentRecord,
): void {
  putInQueue(
    core,
    record,
    { kind: 'personal', agentId: agent.id },
    personalKey(record.accountId, agent.id),
    {},
  );
  core.recheckPersonalQueue(agent.id);
}

/** Puts the interaction in a queue, held by nobody. */
function putInQueue(
  core: EngineCore,
  record: InteractionRecord,
  place: Place,
  key: string,
  change: Partial<Interaction>,
): void {
  record.place = place;
  record.agentIds = [];
  // The wire state of waiting work is "ringing"; enqueuedAt is kept when re-queued.
  record.interaction = {
    ...record.interaction,
    state: 'ringing',
    stateSince: core.clock.now(),
    ...change,
    version: record.interaction.version + 1,
  };
  core.store.saveInteraction(record);
  core.store.rankAdd(key, record.interaction.id, queueRank(record));
}

/**
 * A service's rule for its waiting work changed: the `timer` of each interaction of `kinds`
 * waiting there runs again for what is left of `afterSeconds` since it was queued, or stops (null).
 */
export function retimeWaiting(
  core: EngineCore,
  accountId: string,
  serviceId: string,
  kinds: readonly Kind[],
  timer: TimerKind,
  afterSeconds: number | null,
): void {
  const now = core.clock.now();
  for (const kind of kinds) {
    for (const id of core.store.rankMembers(core.keys.queue(accountId, serviceId, kind), 10_000)) {
      const record = core.store.interaction(id);
      if (afterSeconds === null || record === undefined) {
        core.store.deleteTimer(timerId(timer, id));
      } else {
        const waited = (now - record.interaction.stateSince) / 1000;
        core.startTimer(accountId, timer, id, Math.max(0, afterSeconds - waited));
      }
    }
  }
}

/** Takes waiting work out of whichever queue holds it. */
export function unqueue(core: EngineCore, record: InteractionRecord): void {
  const { place } = record;
  if (place.kind === 'queued') {
    core.store.rankRemove(
      core.keys.queue(record.accountId, place.serviceId, record.interaction.kind),
      record.interaction.id,
    );
    forgetRelax(core, record);
    core.serviceEntryChanged(place.serviceId);
  } else if (place.kind === 'personal') {
    core.store.rankRemove(personalKey(record.accountId, place.agentId), record.interaction.id);
  }
}

/** Routing gives a waiting interaction to an agent. */
export function assign(core: EngineCore, record: InteractionRecord, agent: AgentRecord): void {
  const offer = offered(core, record) ? offers.startOffer(core, record) : {};
  unqueue(core, record);
  const now = core.clock.now();
  record.place = { kind: 'assigned' };
  record.interaction = {
    ...record.interaction,
    state: 'active',
    stateSince: now,
    assignedAt: now,
    releaseFailure: null,
    ...offer,
    version: record.interaction.version + 1,
  };
  hand(core, record, agent);
  if (offer.offerEndsAt === undefined) countAssigned(core, record);
  agent.idleSince = now;
  core.countDecision();
  core.reindex(agent);
}

/** The agent now holds the interaction: it shows in their list. */
export function hand(core: EngineCore, record: InteractionRecord, agent: AgentRecord): void {
  record.agentIds.push(agent.id);
  core.store.saveInteraction(record);
  agent.interactionIds.push(record.interaction.id);
  core.store.saveAgent(agent);
  core.emit(agent.accountId, agent.id, {
    type: 'interaction.added',
    interaction: viewFor(record, agent.id),
  });
  core.touch(agent);
}

/** Keeps the agent in exactly the eligible-agent indexes of the kinds it can take now. */
export function reindex(core: EngineCore, agent: AgentRecord): void {
  const account = core.account(agent.accountId);
  const held = core.held(agent);
  const weights = effectiveWeights(account.settings, agent);
  let kinds = 0;
  const services = agent.services;
  const keys = services.map((serviceId) => core.keys.of(agent.accountId, serviceId).eligible);
  const rank = [agent.idleSince];
  // What the indexes hold of the agent already, when known: those writes would change nothing.
  const indexed = indexedKinds(core, agent);
  for (const kind of KINDS) {
    const eligible = canTake(agent, account.settings.features, weights, held, kind);
    const bit = KIND_BITS[kind];
    if (eligible) kinds |= bit;
    const unchanged = indexed >= 0 && eligible === ((indexed & bit) !== 0);
    if (unchanged) continue;
    for (let i = 0; i < services.length; i++) {
      const key = (keys[i] as ServiceKeySet['eligible'])[kind];
      if (eligible) core.store.rankAdd(key, agent.id, rank);
      else core.store.rankRemove(key, agent.id);
    }
  }
  // Work may now be routable at its services (in their order, as routing weighs them).
  if (kinds !== 0) for (const serviceId of services) core.recheckServiceQueue(serviceId);
  indexSkills(core, agent, kinds);
}

/** B6: work transferred to an agent waits for them, and goes first once they can take it. */
export function deliverPersonal(core: EngineCore, accountId: string, agentId: string): void {
  const key = personalKey(accountId, agentId);
  if (core.store.rankSize(key) === 0) return;
  const agent = core.store.agent(accountId, agentId);
  if (agent === undefined) return;
  const account = core.account(accountId);
  for (const id of core.store.rankMembers(key, 100)) {
    const record = core.store.interaction(id);
    if (record === undefined) continue;
    const weights = effectiveWeights(account.settings, agent);
    if (
      canTake(agent, account.settings.features, weights, core.held(agent), record.interaction.kind)
    ) {
      assign(core, record, agent);
    }
  }
}

/** Agents looked at past those who declined the interaction lately, before it waits. */
const DECLINED_LOOKAHEAD = 20;

/** The longest idle agent of the index who may be given the interaction (offers.mayOffer). */
function firstAgentFor(
  core: EngineCore,
  record: InteractionRecord,
  key: string,
): string | undefined {
  if (record.declinedBy.length === 0) return core.store.rankFirst(key);
  return core.store
    .rankMembers(key, DECLINED_LOOKAHEAD)
    .find((agentId) => offers.mayOffer(core, record, agentId));
}

/** Routing passes over agents who declined the interaction lately (offers.ts). */
const OFFERS_DECLINED: skills.Choice = Object.freeze({
  first: firstAgentFor,
  may: offers.mayOffer,
});

/**
 * Oldest highest-priority waiting interaction to the longest idle eligible agent, repeatedly.
 * The services are weighed together, so an agent of several services gets the most urgent
 * work of them all, not the first service's.
 */
export function route(core: EngineCore, accountId: string, serviceIds: readonly string[]): void {
  for (;;) {
    let best: { record: InteractionRecord; agentId: string } | null = null;
    for (const serviceId of serviceIds) {
      for (const kind of KINDS) {
        // The first waiting work someone eligible and skilled for it may take (skills.ts).
        const found = pickWork(core, accountId, serviceId, kind, OFFERS_DECLINED);
        if (found === undefined) continue;
        if (best === null || compareQueued(found.record, best.record) < 0) best = found;
      }
    }
    if (best === null) return;
    assign(core, best.record, core.agent(accountId, best.agentId));
  }
}
