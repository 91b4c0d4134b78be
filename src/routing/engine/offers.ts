/**
 * Offers: routed work of the kinds the account offers rings for the agent, who accepts it or
 * declines it (with a reason from the account's list) before the offer times out. A declined or
 * missed offer goes back to its queue with its original age, to another agent: the agent is not
 * routed to (No Answer) until they choose a state, and is not offered it again for a while.
 * While it rings, the offer counts against the agent's capacity.
 */
import type { AgentRecord, InteractionRecord } from '../store/store';
import { checkAction } from './actionRules';
import type { EngineCore } from './core';
import { error, notListed } from './errors';
import { timerId } from './keys';
import * as serviceDay from './serviceDay';

/** Whether routing offers this interaction (from a service queue) rather than assigning it. */
export function offered(core: EngineCore, record: InteractionRecord): boolean {
  const { offers } = core.account(record.accountId).settings;
  return record.place.kind === 'queued' && offers.kinds.includes(record.interaction.kind);
}

/** The offer starts ringing for the agent: its state, its end, its timer. */
export function startOffer(
  core: EngineCore,
  record: InteractionRecord,
): Partial<InteractionRecord['interaction']> {
  const { timeoutSeconds } = core.account(record.accountId).settings.offers;
  core.startTimer(record.accountId, 'offer-timeout', record.interaction.id, timeoutSeconds);
  return { state: 'offered', offerEndsAt: core.clock.now() + timeoutSeconds * 1000 };
}

/** `offer.accept`: the interaction is the agent's, connected from now. */
export function accept(core: EngineCore, agent: AgentRecord, record: InteractionRecord): void {
  checkAction(core, agent, record, 'accept');
  core.store.deleteTimer(timerId('offer-timeout', record.interaction.id));
  core.change(record, { state: 'active', assignedAt: core.clock.now(), offerEndsAt: null });
  serviceDay.countAssigned(core, record);
}

/** `offer.decline`: with one of the account's reasons when it has a list. */
export function decline(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
  reason: string | null,
): void {
  checkAction(core, agent, record, 'decline');
  const reasons = core.account(agent.accountId).settings.offers.declineReasons;
  if (reasons.length > 0 && (reason === null || !reasons.includes(reason))) {
    throw error(
      'bad-field',
      notListed('reason', reasons),
      'offer.decline',
      'reason',
      record.interaction.id,
    );
  }
  withdraw(core, agent, record, 'declined');
}

/** The offer timed out: missed, as if declined without a reason. */
export function missOffer(core: EngineCore, record: InteractionRecord): void {
  const agentId = record.agentIds[0];
  const agent = agentId === undefined ? undefined : core.store.agent(record.accountId, agentId);
  if (record.interaction.state !== 'offered' || agent === undefined) return;
  withdraw(core, agent, record, 'missed');
}

/** Whether routing may offer this interaction to this agent now (not declined by them lately). */
export function mayOffer(core: EngineCore, record: InteractionRecord, agentId: string): boolean {
  const now = core.clock.now();
  return !record.declinedBy.some((entry) => entry.agentId === agentId && entry.until > now);
}

/** The offer leaves the agent (No Answer) and goes back to its queue, keeping its age. */
function withdraw(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
  reason: 'declined' | 'missed',
): void {
  const now = core.clock.now();
  const { reofferAfterSeconds } = core.account(record.accountId).settings.offers;
  core.store.deleteTimer(timerId('offer-timeout', record.interaction.id));
  record.declinedBy = [
    ...record.declinedBy.filter((entry) => entry.until > now && entry.agentId !== agent.id),
    { agentId: agent.id, until: now + reofferAfterSeconds * 1000 },
  ];
  // When the last exclusion ends, routing looks at the interaction again.
  core.startTimer(record.accountId, 'reoffer', record.interaction.id, reofferAfterSeconds);
  record.interaction = { ...record.interaction, offerEndsAt: null };
  core.dropUnlogged(record, agent, reason);
  agent.noAnswer = true;
  core.store.saveAgent(agent);
  core.touch(agent);
  const serviceId = record.interaction.serviceId;
  const service = serviceId === null ? undefined : core.store.service(record.accountId, serviceId);
  if (service !== undefined) core.enqueue(record, service);
  else core.store.deleteInteraction(record.interaction.id);
}
