/**
 * The agent's own state (B8): choosing Ready, Away (with one of the account's reasons) or Logged
 * out; choosing during work what comes after it; extending Wrap (Auto) once. The agent actions of
 * the catalogue (src/protocol/actions.ts) are checked here, before anything changes.
 */
import type { AgentAction, NextState, SupervisorRef } from '../../protocol';
import { AGENT_ACTIONS, agentRefusalOf, REASONS } from '../../protocol';
import type { AgentRecord, ChosenState } from '../store/store';
import type { EngineCore } from './core';
import { error, notListed } from './errors';
import { agentView } from './views';

/**
 * `presence.set` by the agent, or `supervisor.presence.set` when `by` names the supervisor (the
 * reason then checked by supervision.ts). Refused while the agent logs the call, and Logged out
 * while they hold work.
 */
export function setPresence(
  core: EngineCore,
  agent: AgentRecord,
  state: ChosenState,
  reason: string | null,
  by: SupervisorRef | null = null,
): void {
  const [type, field] =
    by === null ? ['presence.set', 'state'] : ['supervisor.presence.set', 'presence'];
  if (by === null) checkReason(core, agent, state, reason, 'presence.set');
  if (agent.wrap?.kind === 'logging') {
    const who = by === null ? 'submit the call logs' : `${agent.name} must submit the call logs`;
    throw error('not-allowed', `${who} before changing state`, type, field);
  }
  if (state === 'logged-out' && (agent.interactionIds.length > 0 || agent.pendingLogs.length > 0)) {
    const who = by === null ? 'release every interaction' : `${agent.name} must release their work`;
    throw error('has-work', `${who} before logging out`, type, field);
  }
  // A state chosen now replaces one chosen for later.
  agent.next = null;
  if (agent.wrap !== null) core.endWrap(agent);
  if (state === 'logged-out') endRinging(core, agent);
  become(core, agent, state, reason, by);
  core.recheckPersonalQueue(agent.id);
}

/** `presence.next`: what the agent becomes once the work and its wrap are over (null: Ready). */
export function chooseNext(core: EngineCore, agent: AgentRecord, next: NextState | null): void {
  checkAgentAction(core, agent, 'choose-next');
  if (next !== null) checkReason(core, agent, next.state, next.reason, 'presence.next');
  agent.next = next;
  core.touch(agent);
}

/** `wrap.extend`: Wrap (Auto) lasts the account's extension longer, once. */
export function extendWrap(core: EngineCore, agent: AgentRecord): void {
  checkAgentAction(core, agent, 'extend-wrap');
  if (agent.wrap?.kind !== 'auto') return;
  const seconds = core.account(agent.accountId).settings.wrapExtensionSeconds;
  const endsAt = agent.wrap.endsAt + seconds * 1000;
  agent.wrap = { kind: 'auto', endsAt, extended: true };
  core.startTimer(agent.accountId, 'wrap-end', agent.id, (endsAt - core.clock.now()) / 1000);
  core.touch(agent);
}

/** The work and its wrap are over: the agent becomes what they chose for then (Ready if nothing). */
export function afterWork(core: EngineCore, agent: AgentRecord): void {
  const next = agent.next;
  agent.next = null;
  if (next === null) {
    agent.idleSince = core.clock.now();
    return;
  }
  become(core, agent, next.state, next.reason);
}

/**
 * An agent who logs out takes part in no ringing consult: those ringing for them end declined,
 * those they started (after releasing the original) end cancelled.
 */
export function endRinging(core: EngineCore, agent: AgentRecord): void {
  for (const id of [...agent.consultIds]) {
    const record = core.store.consult(id);
    if (record === undefined || record.consult.state !== 'ringing') continue;
    core.endConsult(record, record.targetAgentId === agent.id ? 'declined' : 'cancelled');
  }
}

/** The agent is in the state chosen (by them, or by the supervisor `by`) from now. */
function become(
  core: EngineCore,
  agent: AgentRecord,
  state: ChosenState,
  reason: string | null,
  by: SupervisorRef | null = null,
): void {
  // Choosing a state answers No Answer.
  agent.noAnswer = false;
  if (agent.chosen !== state && state === 'ready') agent.idleSince = core.clock.now();
  agent.chosen = state;
  agent.awayReason = state === 'away' || by !== null ? reason : null;
  agent.setBy = by;
  core.touch(agent);
}

/** A reason goes with Away only, and is one of the account's `awayReasons`. */
function checkReason(
  core: EngineCore,
  agent: AgentRecord,
  state: ChosenState,
  reason: string | null,
  type: 'presence.set' | 'presence.next',
): void {
  if (reason === null) return;
  const reasons = core.account(agent.accountId).settings.awayReasons;
  if (state !== 'away' || !reasons.includes(reason)) {
    throw error(
      'bad-field',
      state === 'away' ? notListed('reason', reasons) : 'only Away takes a reason',
      type,
      type === 'presence.set' ? 'reason' : 'next.reason',
    );
  }
}

function checkAgentAction(core: EngineCore, agent: AgentRecord, action: AgentAction): void {
  const { settings } = core.account(agent.accountId);
  const refusal = agentRefusalOf(action, agentView(agent, settings, core.held(agent)), settings);
  if (refusal === null) return;
  const { code, text } = REASONS[refusal];
  throw error(code, text, AGENT_ACTIONS[action].command);
}
