/**
 * Consults (B5) once they are under way: connecting the consult leg, ending a consult, completing
 * a transfer through one, telling both parties, and who may be consulted now. Starting one, with
 * its checks, is the `consult.start` command (commands.ts).
 */
import type { ConsultEndReason } from '../../protocol';
import type { AgentRecord, ConsultRecord, InteractionRecord } from '../store/store';
import type { EngineCore } from './core';
import { timerId } from './keys';
import { newInteraction } from './newInteraction';
import { presenceOf } from './views';

/** Consults an agent may be part of at once; the protocol's snapshot carries at most 50. */
export const MAX_CONSULTS_PER_AGENT = 20;

/** The consulted party answers: a live leg joins the initiator (and the target agent, if any). */
export function connectConsult(core: EngineCore, record: ConsultRecord): void {
  const { consult } = record;
  core.store.deleteTimer(timerId('consult-timeout', consult.id));
  const initiator = core.store.agent(record.accountId, consult.initiatorId);
  if (initiator === undefined) return;
  const target =
    record.targetAgentId === null
      ? undefined
      : core.store.agent(record.accountId, record.targetAgentId);
  const number = consult.target.type === 'number' ? consult.target.number : null;
  const subject = `Consult: ${consult.initiatorName} with ${consult.targetName ?? number ?? ''}`;
  const leg = newInteraction(core, {
    accountId: record.accountId,
    channel: 'voice',
    direction: 'outbound',
    state: 'active',
    customer:
      number === null
        ? { name: consult.targetName, phone: null, email: null }
        : { name: null, phone: number, email: null },
    subject: subject.slice(0, 255),
    consultId: consult.id,
    place: { kind: 'assigned' },
    // The target agent sees the leg as an inbound call from the initiator.
    targetSide:
      target === undefined
        ? null
        : {
            agentId: target.id,
            customer: { name: consult.initiatorName, phone: null, email: null },
          },
  });
  core.store.saveInteraction(leg);
  core.hand(leg, initiator);
  if (target !== undefined) core.hand(leg, target);
  record.consult = { ...consult, state: 'connected', legId: leg.interaction.id };
  core.store.saveConsult(record);
  emitConsult(core, record);
}

/**
 * The original interaction goes to the consulted party and the consult leg ends. The caller has
 * checked the consult is connected, started by `agent`, on a live call `agent` holds.
 */
export function completeConsultTransfer(
  core: EngineCore,
  agent: AgentRecord,
  record: ConsultRecord,
  original: InteractionRecord,
): void {
  const target =
    record.targetAgentId === null ? null : core.store.agent(record.accountId, record.targetAgentId);
  const legId = record.consult.legId;
  endConsult(core, record, 'transferred');
  if (legId !== null) {
    const leg = core.store.interaction(legId);
    if (leg !== undefined)
      for (const id of [...leg.agentIds]) core.finishFor(leg, id, 'transferred');
  }
  if (target === null || target === undefined) {
    core.finish(original, 'transferred', agent.id);
  } else {
    core.leave(original, agent, 'transferred');
    core.assign(original, target);
  }
}

/** The consult is over for both parties; its leg, if any, is left to its holders. */
export function endConsult(
  core: EngineCore,
  record: ConsultRecord,
  reason: ConsultEndReason,
): void {
  core.store.deleteTimer(timerId('consult-timeout', record.consult.id));
  record.consult = { ...record.consult, state: 'ended', endReason: reason };
  emitConsult(core, record);
  for (const agentId of [record.consult.initiatorId, record.targetAgentId]) {
    if (agentId === null) continue;
    const agent = core.store.agent(record.accountId, agentId);
    if (agent === undefined) continue;
    agent.consultIds = agent.consultIds.filter((id) => id !== record.consult.id);
    core.store.saveAgent(agent);
    core.touch(agent);
  }
  core.store.deleteConsult(record.consult.id);
}

/** Both parties get the consult as it is now. */
export function emitConsult(core: EngineCore, record: ConsultRecord): void {
  core.emit(record.accountId, record.consult.initiatorId, {
    type: 'consult.changed',
    consult: record.consult,
  });
  if (record.targetAgentId !== null) {
    core.emit(record.accountId, record.targetAgentId, {
      type: 'consult.changed',
      consult: record.consult,
    });
  }
}

/** A consult leg that nobody holds any more ends its connected consult as released. */
export function endConsultOfLeg(core: EngineCore, leg: InteractionRecord): void {
  const consultId = leg.interaction.consultId;
  if (consultId === null) return;
  const consult = core.store.consult(consultId);
  if (consult !== undefined && consult.consult.state === 'connected')
    endConsult(core, consult, 'released');
}

/** B5: Available now or Interruptible, and not already swamped with consults (snapshots hold 50). */
export function consultable(core: EngineCore, agent: AgentRecord): boolean {
  if (agent.consultIds.length >= MAX_CONSULTS_PER_AGENT) return false;
  const presence = presenceOf(agent, core.held(agent));
  return presence === 'available-now' || presence === 'interruptible';
}
