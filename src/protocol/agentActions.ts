/**
 * The catalogue's actions on the agent's own state (extending Wrap (Auto), choosing what comes
 * after the work): what each asks of the agent and the account, its refusals and its label.
 */
import type { Agent, AgentState, CommandType, Settings } from './messages';
import type { Refusal } from './reasons';

/** What an agent action asks of the agent and the account; the first unmet refuses. */
export type AgentRequirement =
  /** The agent is in one of these states. */
  | {
      readonly check: 'agent-state';
      readonly states: readonly AgentState[];
      readonly reason: Refusal;
    }
  /** The account allows extending Wrap (Auto) (`wrapExtensionSeconds` above 0). */
  | { readonly check: 'wrap-extension-on'; readonly reason: Refusal }
  /** This Wrap (Auto) was not extended yet. */
  | { readonly check: 'wrap-not-extended'; readonly reason: Refusal };

export interface AgentActionSpec {
  readonly command: CommandType;
  readonly requires: readonly AgentRequirement[];
  readonly label: string;
}

export const AGENT_ACTIONS = {
  'extend-wrap': {
    command: 'wrap.extend',
    requires: [
      { check: 'wrap-extension-on', reason: 'wrap-extension-off' },
      { check: 'agent-state', states: ['wrap-auto'], reason: 'not-wrapping' },
      { check: 'wrap-not-extended', reason: 'wrap-extended' },
    ],
    label: 'ContactPad_ExtendWrap',
  },
  'choose-next': {
    command: 'presence.next',
    requires: [{ check: 'agent-state', states: ['busy', 'logging-call'], reason: 'not-working' }],
    label: 'ContactPad_AfterThisWork',
  },
} as const satisfies Record<string, AgentActionSpec>;

export type AgentAction = keyof typeof AGENT_ACTIONS;
export const AGENT_ACTION_NAMES = Object.keys(AGENT_ACTIONS) as readonly AgentAction[];

/** Why the agent action is refused now, or null when it is allowed. */
export function agentRefusalOf(
  action: AgentAction,
  agent: Agent,
  settings: Settings,
): Refusal | null {
  const spec: AgentActionSpec = AGENT_ACTIONS[action];
  for (const requirement of spec.requires) {
    const met =
      requirement.check === 'agent-state'
        ? requirement.states.includes(agent.state)
        : requirement.check === 'wrap-extension-on'
          ? settings.wrapExtensionSeconds > 0
          : !agent.wrapExtended;
    if (!met) return requirement.reason;
  }
  return null;
}
