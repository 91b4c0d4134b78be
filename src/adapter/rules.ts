/**
 * What an agent may do with an interaction: a pure function of its kind and state, the account's
 * features and the consults under way (B2, B5, B6, B7). Every action comes with the reason it is
 * not allowed, so a disabled button can say why. The routing service enforces the same rules.
 */
import type { Consult, Features, Interaction, Kind } from '../protocol';
import { CLOSE_CODES } from '../protocol';
import type { ConnectionState } from './connection';

export const ACTIONS = ['release', 'hold', 'retrieve', 'consult', 'transfer', 'abandon'] as const;
export type Action = (typeof ACTIONS)[number];

/** Why an action is not allowed; stable codes, with English text in REASON_TEXT. */
export type Reason =
  | 'not-for-kind'
  | 'releasing'
  | 'release-working'
  | 'not-active'
  | 'not-held'
  | 'consult-call'
  | 'consult-under-way'
  | 'cross-media-consult-off'
  | Unconfirmed;

/**
 * Why what the adapter holds is not confirmed by the routing service: it is reconnecting (or
 * connecting), it is not connected, or another session of the agent took this one's place.
 */
export type Unconfirmed = 'reconnecting' | 'disconnected' | 'replaced';

export const REASON_TEXT: Readonly<Record<Reason, string>> = {
  'not-for-kind': 'Not available for this kind of interaction.',
  releasing: 'The release is under way.',
  'release-working': 'Abandon is only for when Release is not working.',
  'not-active': 'The interaction is not connected.',
  'not-held': 'The interaction is not on hold.',
  'consult-call': 'Not available on a consult call.',
  'consult-under-way': 'A consult is already under way.',
  'cross-media-consult-off': 'Cross-media consult is not enabled for your account.',
  reconnecting: 'Reconnecting to the routing service.',
  disconnected: 'Not connected to the routing service.',
  replaced: 'ContactPad was opened in another tab or window, which took the place of this one.',
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

/** B2: the actions each kind offers at all. */
export const ACTIONS_BY_KIND: Readonly<Record<Kind, readonly Action[]>> = {
  live: ['release', 'hold', 'retrieve', 'consult', 'transfer'],
  'semi-live': ['release', 'consult', 'abandon'],
  'non-live': ['release', 'transfer', 'abandon', 'consult'],
};

const yes: Allowed = { allowed: true, reason: null };
const no = (reason: Reason): Allowed => ({ allowed: false, reason });

/**
 * The allowed actions for one interaction. `consults`: the consults the agent started.
 * `unconfirmed`: while the state is not confirmed, what would be allowed is refused with that
 * reason (other refusals keep theirs, so Retrieve still shows on a held call).
 */
export function allowedActions(
  interaction: Interaction,
  features: Features,
  consults: readonly Consult[] = [],
  unconfirmed: Unconfirmed | null = null,
): ActionSet {
  const offered = ACTIONS_BY_KIND[interaction.kind];
  const { state } = interaction;
  const connected = state === 'active' || state === 'held';
  const leg = interaction.consultId !== null;
  const consulting = consults.some(
    (consult) => consult.interactionId === interaction.id && consult.state !== 'ended',
  );
  const check = (action: Action): Allowed => {
    if (!offered.includes(action)) return no('not-for-kind');
    switch (action) {
      case 'release':
        return state === 'releasing' ? no('releasing') : yes;
      case 'abandon':
        return state === 'release-failed' ? yes : no('release-working');
      case 'hold':
        return state === 'active' ? yes : no('not-active');
      case 'retrieve':
        return state === 'held' ? yes : no('not-held');
      case 'consult':
        if (leg) return no('consult-call');
        if (interaction.kind !== 'live' && !features.crossMediaConsult)
          return no('cross-media-consult-off');
        if (!connected) return no('not-active');
        return consulting ? no('consult-under-way') : yes;
      case 'transfer':
        if (leg) return no('consult-call');
        return connected ? yes : no('not-active');
    }
  };
  const decide = (action: Action): Allowed => {
    const allowed = check(action);
    return allowed.allowed && unconfirmed !== null ? no(unconfirmed) : allowed;
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
