/**
 * The agent commands (B2, B5, B6, B7, B8): each checks everything first and throws a typed
 * ProtocolError before changing anything, then changes the state through the EngineCore.
 */
import type { ConsultAction, RecordRef, Target } from '../../protocol';
import {
  ACTION_OF_COMMAND,
  CONSULT_ACTIONS,
  consultActionAllowed,
  roomForCall,
} from '../../protocol';
import { checkAction } from './actionRules';
import type { AgentRecord, ConsultRecord, InteractionRecord } from '../store/store';
import { canTake, effectiveWeights } from './views';
import type { CommandResult, EngineCore } from './core';
import { error, MAX_CONSULTS_PER_AGENT } from './core';
import { notListed } from './errors';
import { newInteraction } from './newInteraction';
import { startConference } from './conference';
import * as outcomes from './outcomes';

/** B7: releasing starts the gate; the release may fail or hang (simulator), then Abandon is allowed. */
export function release(core: EngineCore, agent: AgentRecord, record: InteractionRecord): void {
  checkAction(core, agent, record, 'release');
  // B7: the gate closes when the agent releases, whether or not the channel confirms it.
  if (record.interaction.consultId === null && !agent.draining) {
    agent.draining = true;
    core.touch(agent);
    core.recheckPersonalQueue(agent.id);
  }
  const fault = record.releaseFault;
  record.releaseFault = null;
  if (fault === 'error') {
    core.change(record, {
      state: 'release-failed',
      releaseFailure: {
        reason: 'error',
        message: 'The channel reported an error while releasing.',
      },
    });
    return;
  }
  if (fault === 'hang') {
    core.change(record, { state: 'releasing', releaseFailure: null });
    const account = core.account(agent.accountId);
    core.startTimer(
      agent.accountId,
      'release-timeout',
      record.interaction.id,
      account.settings.releaseTimeoutSeconds,
    );
    return;
  }
  core.finish(record, 'released', agent.id);
}

/** B2: Abandon, for chats, e-mails and cases, only when Release is not working. */
export function abandon(core: EngineCore, agent: AgentRecord, record: InteractionRecord): void {
  checkAction(core, agent, record, 'abandon');
  core.finish(record, 'abandoned', agent.id);
}

export function hold(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
  type: 'hold' | 'retrieve',
): void {
  checkAction(core, agent, record, type);
  core.change(record, { state: type === 'hold' ? 'held' : 'active' });
  core.touch(agent);
}

/** A live call: keypad digits the telephone system plays on the call (DTMF). */
export function sendDigits(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
  digits: string,
): void {
  checkAction(core, agent, record, 'send-digits');
  core.emitDigits(record.accountId, record.interaction.id, digits);
}

/** A live call: the agent's own microphone off or on again (a colleague on the call keeps theirs). */
export function mute(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
  type: 'mute' | 'unmute',
): void {
  checkAction(core, agent, record, type);
  const others = (record.mutedBy ?? []).filter((id) => id !== agent.id);
  record.mutedBy = type === 'mute' ? [...others, agent.id] : others;
  // The wire view's own field stays off: each holder's view says whether their line is muted.
  core.change(record, { muted: false });
}

/** A recorded live call: recording paused (e.g. while the customer gives card details) or resumed. */
export function recording(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
  type: 'recording.pause' | 'recording.resume',
): void {
  checkAction(core, agent, record, ACTION_OF_COMMAND[type]);
  core.change(record, { recording: type === 'recording.pause' ? 'paused' : 'on' });
}

/** B6 (and B2 for live): to an agent, a service or, for live calls, a telephone number. */
export function transfer(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
  target: Target,
): void {
  checkAction(core, agent, record, 'transfer');
  const { interaction } = record;
  const account = core.account(agent.accountId);
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
      core.finish(record, 'transferred', agent.id);
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
      const service = core.service(agent.accountId, target.id, 'transfer');
      core.leave(record, agent, 'transferred');
      core.enqueue(record, service);
      return;
    }
    case 'agent': {
      const to = core.targetAgent(agent, target.id, 'transfer');
      const held = core.held(to);
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
      core.leave(record, agent, 'transferred');
      if (now) core.assign(record, to);
      else core.enqueuePersonal(record, to);
      return;
    }
  }
}

/** B5: consult an agent (Available now or Interruptible), a service's agent, or a number. */
export function consultStart(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
  target: Target,
): CommandResult {
  checkAction(core, agent, record, 'consult');
  const { interaction } = record;
  const account = core.account(agent.accountId);
  if (agent.consultIds.length >= MAX_CONSULTS_PER_AGENT) {
    throw error(
      'not-allowed',
      'too many consults under way',
      'consult.start',
      null,
      interaction.id,
    );
  }
  let targetAgent: AgentRecord | null = null;
  let targetName: string | null = null;
  if (target.type === 'agent') {
    targetAgent = core.targetAgent(agent, target.id, 'consult.start');
    if (!core.consultable(targetAgent)) {
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
    const service = core.service(agent.accountId, target.id, 'consult.start');
    targetAgent =
      core.store
        .agents(agent.accountId)
        .filter((a) => a.id !== agent.id && a.services.includes(service.id) && core.consultable(a))
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
  const now = core.clock.now();
  const consult: ConsultRecord = {
    accountId: agent.accountId,
    targetAgentId: targetAgent?.id ?? null,
    consult: {
      id: core.newId('k'),
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
  core.store.saveConsult(consult);
  agent.consultIds.push(consult.consult.id);
  core.store.saveAgent(agent);
  if (targetAgent !== null) {
    targetAgent.consultIds.push(consult.consult.id);
    core.store.saveAgent(targetAgent);
  }
  core.startTimer(
    agent.accountId,
    'consult-timeout',
    consult.consult.id,
    account.settings.consultTimeoutSeconds,
  );
  core.emitConsult(consult);
  return { interactionId: null, consultId: consult.consult.id };
}

export function consultAction(
  core: EngineCore,
  agent: AgentRecord,
  type: ConsultAction,
  consultId: string,
): void {
  const record = core.store.consult(consultId);
  const initiator = record?.consult.initiatorId === agent.id;
  const target = record?.targetAgentId === agent.id;
  if (record === undefined || record.accountId !== agent.accountId || (!initiator && !target)) {
    throw error('not-found', `no consult ${consultId}`, type, 'consultId');
  }
  const original = core.store.interaction(record.consult.interactionId);
  const held = original !== undefined && original.agentIds.includes(agent.id);
  const standing = {
    role: initiator ? 'initiator' : 'target',
    state: record.consult.state,
    live: held && original.interaction.kind === 'live',
  } as const;
  if (!consultActionAllowed(type, standing)) {
    throw error('not-allowed', `${type} ${CONSULT_ACTIONS[type].needs}`, type, 'consultId');
  }
  switch (type) {
    case 'consult.cancel':
      core.endConsult(record, 'cancelled');
      return;
    case 'consult.decline':
      core.endConsult(record, 'declined');
      return;
    case 'consult.accept':
      core.connectConsult(record);
      return;
    case 'consult.transfer':
      core.completeConsultTransfer(agent, record, original as InteractionRecord);
      return;
    case 'consult.conference':
      startConference(core, agent, record, original as InteractionRecord);
      return;
    default: {
      // Compile-time check only: a consult action added to `type` and not handled fails tsc.
      const unhandled: never = type;
      void unhandled;
    }
  }
}

/** Whether the agent may start a call now: not logged out or logging a call, and room for it. */
function checkRoomForCall(core: EngineCore, agent: AgentRecord): void {
  if (agent.chosen === 'logged-out' || agent.wrap?.kind === 'logging') {
    throw error(
      'not-allowed',
      `an agent who is ${agent.chosen === 'logged-out' ? 'logged out' : 'logging the call'} cannot dial`,
      'dial',
    );
  }
  const { settings } = core.account(agent.accountId);
  const held = core.held(agent).map((item) => item.kind);
  if (!roomForCall(effectiveWeights(settings, agent), held, settings.features.multiInteraction)) {
    throw error('not-allowed', 'no capacity left for a call', 'dial');
  }
}

/** Outbound: the agent calls a number (click-to-dial); a live interaction like any other. */
export function dial(
  core: EngineCore,
  agent: AgentRecord,
  number: string,
  record: RecordRef | null,
): CommandResult {
  const account = core.account(agent.accountId);
  checkRoomForCall(core, agent);
  const created = newInteraction(core, {
    accountId: agent.accountId,
    channel: 'voice',
    direction: 'outbound',
    state: 'ringing',
    customer: { name: null, phone: number, email: null },
    record,
    searchKeys: [number],
    place: { kind: 'assigned' },
  });
  const { interaction } = created;
  core.store.saveInteraction(created);
  core.hand(created, agent);
  core.startTimer(
    agent.accountId,
    'dial-timeout',
    interaction.id,
    account.settings.consultTimeoutSeconds,
  );
  return { interactionId: interaction.id, consultId: null };
}

export function submitLog(
  core: EngineCore,
  agent: AgentRecord,
  interactionId: string,
  disposition: string | null,
): void {
  const { dispositions } = core.account(agent.accountId).settings;
  if (disposition !== null && dispositions.length > 0 && !dispositions.includes(disposition)) {
    throw error(
      'bad-field',
      notListed('disposition', dispositions),
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
  outcomes.recordOutcome(core, agent.accountId, interactionId, 'logged', agent.id);
  if (agent.pendingLogs.length === 0 && agent.wrap?.kind === 'logging') core.endWrap(agent);
  core.touch(agent);
}
