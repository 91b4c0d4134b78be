/**
 * What an agent may do with an interaction: a pure function of its kind and state, the account's
 * features and the consults under way (B2, B5, B6, B7). Every action comes with the reason it is
 * not allowed, so a disabled button can say why. The routing service enforces the same rules.
 */
import type { Action, AgentLoad, Consult, Features, Interaction, Kind, Refusal } from '../protocol';
import { ACTIONS, CLOSE_CODES, consultingOn, REASONS, refusalOf } from '../protocol';
import type { ConnectionState } from './connection';

export type { Action, Refusal } from '../protocol';
export { ACTIONS, ACTIONS_BY_CHANNEL, INTERACTION_ACTIONS } from '../protocol';

/** Why an action is not allowed: the catalogue's refusals, or the connection's. */
export type Reason = Refusal | Unconfirmed;

/**
 * Why what the adapter holds is not confirmed by the routing service: it is reconnecting (or
 * connecting), it is not connected, or another session of the agent took this one's place.
 */
export type Unconfirmed = 'reconnecting' | 'disconnected' | 'replaced';

const UNCONFIRMED_TEXT: Readonly<Record<Unconfirmed, string>> = {
  reconnecting: 'Reconnecting to the routing service.',
  disconnected: 'Not connected to the routing service.',
  replaced: 'ContactPad was opened in another tab or window, which took the place of this one.',
};

export const REASON_TEXT: Readonly<Record<Reason, string>> = {
  ...(Object.fromEntries(
    Object.entries(REASONS).map(([reason, { text }]) => [reason, text]),
  ) as Record<Refusal, string>),
  ...UNCONFIRMED_TEXT,
};

/**
 * Whether the state held is confirmed: only a welcomed connection confirms it. Until then the
 * interactions may have ended, so nothing may be done with them and nothing about them is live.
 */
export function unconfirmedReason(state: ConnectionState): Unconfirmed | null {
  switch (state.status) {
    case 'connected':
      return null;
    case 'connecting':
    case 'reconnecting':
      return 'reconnecting';
    case 'failed':
      return state.code === CLOSE_CODES.tooManySessions ? 'replaced' : 'disconnected';
    case 'idle':
      return 'disconnected';
  }
}

/** Whether a reason is about the connection rather than the interaction. */
export function isUnconfirmed(reason: Reason | null): reason is Unconfirmed {
  return reason === 'reconnecting' || reason === 'disconnected' || reason === 'replaced';
}

export interface Allowed {
  readonly allowed: boolean;
  readonly reason: Reason | null;
}

export type ActionSet = Readonly<Record<Action, Allowed>>;

const yes: Allowed = { allowed: true, reason: null };
const no = (reason: Reason): Allowed => ({ allowed: false, reason });

/**
 * The allowed actions for one interaction (the catalogue's rules, src/protocol/actions.ts).
 * `consults`: the consults the agent started.
 * `unconfirmed`: while the state is not confirmed, what would be allowed is refused with that
 * reason (other refusals keep theirs, so Retrieve still shows on a held call).
 */
export function allowedActions(
  interaction: Interaction,
  features: Features,
  consults: readonly Consult[] = [],
  unconfirmed: Unconfirmed | null = null,
  load: AgentLoad | null = null,
): ActionSet {
  const consulting = consultingOn(interaction.id, consults);
  const decide = (action: Action): Allowed => {
    const refusal = refusalOf(action, { interaction, features, consulting, load });
    if (refusal !== null) return no(refusal);
    return unconfirmed === null ? yes : no(unconfirmed);
  };
  return Object.fromEntries(ACTIONS.map((action) => [action, decide(action)])) as ActionSet;
}

/** B5/B6: which kinds of target the directory offers for a consult or a transfer of this kind. */
export function targetsFor(
  mode: 'consult' | 'transfer',
  kind: Kind,
  features: Features,
): { readonly services: boolean; readonly numbers: boolean } {
  if (mode === 'consult') return { services: true, numbers: true };
  return {
    services: kind === 'live' || features.transferToService,
    numbers: kind === 'live',
  };
}

/** B5: whether the Consult | Transfer switch shows: the interaction can be both. */
export function offersSwitch(actions: ActionSet): boolean {
  return actions.consult.allowed && actions.transfer.allowed;
}
