/**
 * The catalogue's rules (src/protocol/actions.ts) on the engine's records: an action the catalogue
 * refuses on this interaction now is refused with the catalogue's code and text, before anything
 * changes. The adapter decides its buttons by the same rules, so the two cannot disagree.
 */
import type { Action, Consult } from '../../protocol';
import { consultingOn, INTERACTION_ACTIONS, REASONS, refusalOf } from '../../protocol';
import type { AgentRecord, InteractionRecord } from '../store/store';
import type { EngineCore } from './core';
import { error } from './core';
import { effectiveWeights, viewFor } from './views';

// Read once: the service runs as CommonJS, where each read of an imported binding is a call, and
// every command on an interaction is checked here.
const refusalFor = refusalOf;
const consultsOn = consultingOn;
const viewOf = viewFor;
const weightsOf = effectiveWeights;

export function checkAction(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
  action: Action,
): void {
  const interaction = viewOf(record, agent.id);
  const started = agent.consultIds.flatMap((id): Consult[] => {
    const consult = core.store.consult(id)?.consult;
    return consult?.initiatorId === agent.id ? [consult] : [];
  });
  const { settings } = core.account(agent.accountId);
  const refusal = refusalFor(action, {
    interaction,
    features: settings.features,
    consulting: consultsOn(interaction.id, started),
    load: {
      weights: weightsOf(settings, agent),
      held: core.held(agent).map((held) => held.kind),
    },
  });
  if (refusal === null) return;
  const { code, text } = REASONS[refusal];
  throw error(code, text, INTERACTION_ACTIONS[action].command, null, interaction.id);
}
