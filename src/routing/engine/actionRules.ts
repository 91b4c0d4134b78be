/**
 * The catalogue's rules (src/protocol/actions.ts) on the engine's records: an action the catalogue
 * refuses on this interaction now is refused with the catalogue's code and text, before anything
 * changes. The adapter decides its buttons by the same rules, so the two cannot disagree.
 */
import type { Action, Consult } from '../../protocol';
import * as protocol from '../../protocol';
import type { AgentRecord, InteractionRecord } from '../store/store';
import type { EngineCore } from './core';
import { error } from './core';
import * as views from './views';

// Read once: the service runs as CommonJS, where each read of an imported binding is a call, and
// every command on an interaction is checked here.
const { consultingOn, INTERACTION_ACTIONS, REASONS, refusalOf } = protocol;
const { effectiveWeights, viewFor } = views;

export function checkAction(
  core: EngineCore,
  agent: AgentRecord,
  record: InteractionRecord,
  action: Action,
): void {
  const interaction = viewFor(record, agent.id);
  const started = agent.consultIds.flatMap((id): Consult[] => {
    const consult = core.store.consult(id)?.consult;
    return consult?.initiatorId === agent.id ? [consult] : [];
  });
  const { settings } = core.account(agent.accountId);
  const refusal = refusalOf(action, {
    interaction,
    features: settings.features,
    consulting: consultingOn(interaction.id, started),
    load: {
      weights: effectiveWeights(settings, agent),
      held: core.held(agent).map((held) => held.kind),
    },
  });
  if (refusal === null) return;
  const { code, text } = REASONS[refusal];
  throw error(code, text, INTERACTION_ACTIONS[action].command, null, interaction.id);
}
