/**
 * Conferences (live calls): the agent merges a connected consult with its original call into one
 * three-party call, then releases the consulted party or leaves the two others connected (a
 * transfer by leaving). A colleague brought in may do the same from their side. Releasing the
 * call itself ends it for everyone (the `release` command).
 */
import type { AgentRecord, ConsultRecord, InteractionRecord } from '../store/store';
import { checkAction } from './actionRules';
import type { EngineCore } from './core';

/**
 * `consult.conference`: the consult leg ends, the original call is connected again with the
 * consulted party on it (a colleague holds it too). The caller has checked the consult is
 * connected, started by `host`, on a live call `host` holds.
 */
export function startConference(
  core: EngineCore,
  host: AgentRecord,
  consult: ConsultRecord,
  original: InteractionRecord,
): void {
  const { target, targetName, legId } = consult.consult;
  const party =
    consult.targetAgentId === null
      ? undefined
      : core.store.agent(consult.accountId, consult.targetAgentId);
  core.endConsult(consult, 'conferenced');
  const leg = legId === null ? undefined : core.store.interaction(legId);
  if (leg !== undefined) for (const id of [...leg.agentIds]) core.finishFor(leg, id, 'ended');
  original.conference = { hostId: host.id, hostName: host.name, partyAgentId: party?.id ?? null };
  core.change(original, {
    state: 'active',
    conference: {
      partyName: targetName,
      partyNumber: target.type === 'number' ? target.number : null,
    },
  });
  if (party !== undefined) core.hand(original, party);
}

/**
 * `conference.leave`: the agent leaves; the two others stay connected. For the host this is a
 * transfer; a telephone number left with the customer is no longer ContactPad's call.
 */
export function leaveConference(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
): void {
  checkAction(core, agent, record, 'leave');
  const host = record.conference?.hostId === agent.id;
  const other = otherAgent(record, agent);
  record.conference = null;
  if (other === null) {
    core.finish(record, 'transferred', agent.id);
    return;
  }
  core.leave(record, agent, host ? 'transferred' : 'released');
  core.change(record, { conference: null });
}

/** `party.release`: the third party leaves the call; the agent stays with the customer. */
export function releaseParty(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
): void {
  checkAction(core, agent, record, 'release-party');
  const other = otherAgent(record, agent);
  record.conference = null;
  if (other !== null) core.finishFor(record, other, 'ended');
  core.change(record, { conference: null });
}

/** The other agent on a conference: the colleague for the host, the host for the colleague. */
function otherAgent(record: InteractionRecord, agent: AgentRecord): string | null {
  const conference = record.conference;
  if (conference === null) return null;
  return conference.hostId === agent.id ? conference.partyAgentId : conference.hostId;
}
