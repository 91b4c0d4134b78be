/**
 * How held work ends and what follows (B7): an agent finishing or leaving an interaction, the
 * drain and wrap after the last one, the call log, changes to an interaction's wire view, and
 * what each due timer ends.
 */
import type { Interaction, PendingLog, RemoveReason } from '../../protocol';
import type { AgentRecord, InteractionRecord, TimerRecord } from '../store/store';
import type { EngineCore } from './core';
import { timerId } from './keys';
import * as callbacks from './callbacks';
import * as offers from './offers';
import * as overflow from './overflow';
import * as presence from './presence';
import * as skills from './skills';
import { viewFor } from './views';

/** A due timer ends what it was started for, if that is still the case. */
export function fire(core: EngineCore, timer: TimerRecord): void {
  switch (timer.kind) {
    case 'consult-timeout': {
      const consult = core.store.consult(timer.ref);
      if (consult?.consult.state === 'ringing') core.endConsult(consult, 'timed-out');
      return;
    }
    case 'wrap-end': {
      const agent = core.store.agent(timer.accountId, timer.ref);
      if (agent?.wrap?.kind === 'auto') {
        endWrap(core, agent);
        core.touch(agent);
      }
      return;
    }
    case 'release-timeout': {
      const record = core.store.interaction(timer.ref);
      if (record?.interaction.state === 'releasing') {
        const account = core.account(timer.accountId);
        change(core, record, {
          state: 'release-failed',
          releaseFailure: {
            reason: 'timeout',
            message: `The channel did not confirm the release within ${account.settings.releaseTimeoutSeconds} s.`,
          },
        });
      }
      return;
    }
    case 'offer-timeout': {
      const record = core.store.interaction(timer.ref);
      if (record !== undefined) offers.missOffer(core, record);
      return;
    }
    case 'callback':
      callbacks.callbackNow(core, timer.ref);
      return;
    case 'reoffer': {
      const record = core.store.interaction(timer.ref);
      if (record?.place.kind === 'queued') core.recheckServiceQueue(record.place.serviceId);
      return;
    }
    case 'skills-relax':
      skills.relaxNow(core, timer.ref);
      return;
    case 'overflow':
      overflow.overflowNow(core, timer.ref);
      return;
    case 'service-opens':
      core.recheckServiceQueue(timer.ref);
      return;
    case 'dial-timeout': {
      const record = core.store.interaction(timer.ref);
      if (record?.interaction.state === 'ringing') {
        for (const agentId of [...record.agentIds]) finishFor(core, record, agentId, 'ended');
      }
      return;
    }
  }
}

/** The interaction ends for everyone holding it (released, abandoned, transferred away). */
export function finish(
  core: EngineCore,
  record: InteractionRecord,
  reason: RemoveReason,
  by: string,
): void {
  for (const agentId of [...record.agentIds]) {
    finishFor(core, record, agentId, agentId === by ? reason : 'ended');
  }
}

/** One agent stops holding an interaction; B7 draining and wrap follow for routed work. */
export function finishFor(
  core: EngineCore,
  record: InteractionRecord,
  agentId: string,
  reason: RemoveReason,
): void {
  const agent = core.store.agent(record.accountId, agentId);
  letGo(record, agentId);
  if (record.agentIds.length === 0) {
    core.store.deleteInteraction(record.interaction.id);
    core.store.deleteTimer(timerId('release-timeout', record.interaction.id));
    core.store.deleteTimer(timerId('dial-timeout', record.interaction.id));
    core.endConsultOfLeg(record);
  } else {
    core.store.saveInteraction(record);
  }
  if (agent === undefined) return;
  drop(core, agent, record, reason);
  if (record.interaction.consultId !== null) return;
  logAndDrain(core, agent, record);
}

/** The agent lets go of an interaction that goes on elsewhere (transfer to a service or agent). */
export function leave(
  core: EngineCore,
  record: InteractionRecord,
  agent: AgentRecord,
  reason: RemoveReason,
): void {
  letGo(record, agent.id);
  core.store.saveInteraction(record);
  drop(core, agent, record, reason);
  logAndDrain(core, agent, record);
}

/**
 * An offer leaves the agent (declined, missed, withdrawn): no call log. An agent draining after a
 * release was waiting for it too: if it was the last, the drain ends (B7).
 */
export function dropUnlogged(
  core: EngineCore,
  record: InteractionRecord,
  agent: AgentRecord,
  reason: RemoveReason,
): void {
  letGo(record, agent.id);
  drop(core, agent, record, reason);
  if (agent.draining) afterFinish(core, agent);
}

/** The agent no longer holds the interaction (nor a line of it that could be muted). */
function letGo(record: InteractionRecord, agentId: string): void {
  record.agentIds = record.agentIds.filter((id) => id !== agentId);
  if (record.mutedBy !== undefined) record.mutedBy = record.mutedBy.filter((id) => id !== agentId);
}

/** The interaction leaves the agent's list. */
function drop(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
  reason: RemoveReason,
): void {
  // In place: a new list would outlive the operation with the agent, for the collector to move.
  const ids = agent.interactionIds;
  for (
    let at = ids.indexOf(record.interaction.id);
    at >= 0;
    at = ids.indexOf(record.interaction.id)
  ) {
    ids.splice(at, 1);
  }
  core.emit(agent.accountId, agent.id, {
    type: 'interaction.removed',
    interactionId: record.interaction.id,
    reason,
  });
  core.touch(agent);
  core.store.saveAgent(agent);
}

/** After routed work leaves an agent: its call log (when the account keeps them), then B7. */
function logAndDrain(core: EngineCore, agent: AgentRecord, record: InteractionRecord): void {
  const account = core.account(record.accountId);
  if (account.settings.features.callLogging) agent.pendingLogs.push(logOf(core, record));
  afterFinish(core, agent);
}

/** B7: drain while work remains; after the last, Wrap (Auto) or Logging the call. */
function afterFinish(core: EngineCore, agent: AgentRecord): void {
  const routed = core.held(agent).filter((held) => !held.leg);
  if (routed.length > 0) {
    agent.draining = true;
  } else {
    agent.draining = false;
    const account = core.account(agent.accountId);
    if (agent.pendingLogs.length > 0) {
      agent.wrap = { kind: 'logging' };
    } else if (account.settings.wrapSeconds > 0) {
      agent.wrap = {
        kind: 'auto',
        endsAt: core.clock.now() + account.settings.wrapSeconds * 1000,
      };
      core.startTimer(agent.accountId, 'wrap-end', agent.id, account.settings.wrapSeconds);
    } else {
      presence.afterWork(core, agent);
    }
  }
  core.touch(agent);
  core.recheckPersonalQueue(agent.id);
}

/**
 * The wrap is over (its time ran out, or the logs were submitted): the agent is idle again, or
 * what they chose for after their work.
 */
export function endWrap(core: EngineCore, agent: AgentRecord): void {
  agent.wrap = null;
  presence.afterWork(core, agent);
  core.store.deleteTimer(timerId('wrap-end', agent.id));
  core.recheckPersonalQueue(agent.id);
}

/** The call log the agent is to submit for an interaction that just left them. */
function logOf(core: EngineCore, record: InteractionRecord): PendingLog {
  const { interaction } = record;
  return {
    interactionId: interaction.id,
    kind: interaction.kind,
    channel: interaction.channel,
    direction: interaction.direction,
    customer: interaction.customer,
    record: interaction.record,
    assignedAt: interaction.assignedAt,
    releasedAt: core.clock.now(),
  };
}

/** Replaces the wire view with a change, bumps the version, and tells every holder. */
export function change(
  core: EngineCore,
  record: InteractionRecord,
  changed: Partial<Interaction>,
): void {
  const now = core.clock.now();
  const stateChanged = changed.state !== undefined && changed.state !== record.interaction.state;
  record.interaction = {
    ...record.interaction,
    ...changed,
    ...(stateChanged ? { stateSince: now } : {}),
    version: record.interaction.version + 1,
  };
  core.store.saveInteraction(record);
  for (const agentId of record.agentIds) {
    core.emit(record.accountId, agentId, {
      type: 'interaction.changed',
      interaction: viewFor(record, agentId),
    });
    const agent = core.store.agent(record.accountId, agentId);
    if (agent !== undefined) core.touch(agent);
  }
}
