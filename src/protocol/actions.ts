/**
 * The catalogue of agent actions (B2, B5, B6, B7): for each action on an interaction, the kinds
 * (and channels) that offer it, what it asks of the interaction (states, account features,
 * consults, room for a call), the wire command that carries it, what the agent gives with it and
 * the label its button shows. Beside it, in their own modules: the refusals (reasons.ts), the
 * answers to a consult (consultActions.ts) and the actions on the agent's own state
 * (agentActions.ts). The routing engine's refusals, the adapter's allowed actions, ContactPad's
 * buttons and handlers and the action table of PROTOCOL.md all derive from it: an action is added
 * here, once.
 */
import type {
  Channel,
  CommandType,
  Consult,
  Features,
  Interaction,
  InteractionState,
  Kind,
  RecordingState,
  Weights,
} from './messages';
import { CAPACITY } from './limits';
import { INTERACTION_STATES, KIND_OF_CHANNEL, KINDS } from './messages';
import type { Refusal } from './reasons';

export * from './agentActions';
export * from './consultActions';
export * from './reasons';

/** What an action asks of the interaction; checked in the order given, the first unmet refuses. */
export type Requirement =
  /** The interaction is in one of these states. */
  | {
      readonly check: 'state';
      readonly states: readonly InteractionState[];
      readonly reason: Refusal;
    }
  /** The interaction came through one of these channels. */
  | {
      readonly check: 'channel';
      readonly channels: readonly Channel[];
      readonly reason: Refusal;
    }
  /** For these kinds, the account has this feature on. */
  | {
      readonly check: 'feature';
      readonly feature: keyof Features;
      readonly kinds: readonly Kind[];
      readonly reason: Refusal;
    }
  /** The interaction's field has one of these values. */
  | {
      readonly check: 'muted';
      readonly is: boolean;
      readonly reason: Refusal;
    }
  | {
      readonly check: 'recording';
      readonly is: readonly RecordingState[];
      readonly reason: Refusal;
    }
  /** The call is (or is not) a conference. */
  | {
      readonly check: 'conference';
      readonly is: boolean;
      readonly reason: Refusal;
    }
  /** A live call fits beside the agent's other work (this interaction aside: the call replaces it). */
  | { readonly check: 'room-for-call'; readonly reason: Refusal }
  /** The interaction is not itself the call of a consult. */
  | { readonly check: 'not-consult-call'; readonly reason: Refusal }
  /** No consult the agent started on the interaction is under way. */
  | { readonly check: 'no-consult-under-way'; readonly reason: Refusal };

export interface ActionSpec {
  /** The wire command that carries it. */
  readonly command: CommandType;
  /** B2: the kinds that offer it at all (otherwise refused with `not-for-kind`). */
  readonly kinds: readonly Kind[];
  readonly requires: readonly Requirement[];
  /**
   * What the agent gives besides the interaction: nothing, a target picked in the directory (B5,
   * B6), digits typed on the keypad, or a reason from the account's list (or none).
   */
  readonly input: 'none' | 'target' | 'digits' | 'reason';
  /** Where its button shows: the current interaction's action bar, or the card of an offer. */
  readonly shown: 'actions' | 'offer';
  /** The custom label of its button. */
  readonly label: string;
  /**
   * The action whose button it shares, showing instead of it when allowed (Retrieve on Hold's,
   * Unmute on Mute's): one toggle, never two buttons of which one is always off.
   */
  readonly toggles?: string;
}

const CONNECTED: readonly InteractionState[] = ['active', 'held'];
const notConsultCall: Requirement = { check: 'not-consult-call', reason: 'consult-call' };
const connected: Requirement = { check: 'state', states: CONNECTED, reason: 'not-active' };
const offeredNow: Requirement = { check: 'state', states: ['offered'], reason: 'not-offered' };
const notOffered: Requirement = {
  check: 'state',
  states: INTERACTION_STATES.filter((state) => state !== 'offered'),
  reason: 'offered',
};
const inConference: Requirement = { check: 'conference', is: true, reason: 'not-conference' };
const notInConference: Requirement = { check: 'conference', is: false, reason: 'in-conference' };

/**
 * Actions on an interaction, in the order their buttons show (the same for every kind, so a
 * button keeps its place when the agent swaps interactions).
 */
export const INTERACTION_ACTIONS = {
  accept: {
    command: 'offer.accept',
    kinds: KINDS,
    requires: [offeredNow],
    input: 'none',
    shown: 'offer',
    label: 'ContactPad_Accept',
  },
  decline: {
    command: 'offer.decline',
    kinds: KINDS,
    requires: [offeredNow],
    input: 'reason',
    shown: 'offer',
    label: 'ContactPad_Decline',
  },
  release: {
    command: 'release',
    kinds: KINDS,
    requires: [
      notOffered,
      {
        check: 'state',
        states: INTERACTION_STATES.filter((state) => state !== 'releasing'),
        reason: 'releasing',
      },
    ],
    input: 'none',
    shown: 'actions',
    label: 'ContactPad_Release',
  },
  hold: {
    command: 'hold',
    kinds: ['live'],
    requires: [{ check: 'state', states: ['active'], reason: 'not-active' }],
    input: 'none',
    shown: 'actions',
    label: 'ContactPad_Hold',
  },
  retrieve: {
    command: 'retrieve',
    kinds: ['live'],
    requires: [{ check: 'state', states: ['held'], reason: 'not-held' }],
    input: 'none',
    shown: 'actions',
    label: 'ContactPad_Retrieve',
    toggles: 'hold',
  },
  mute: {
    command: 'mute',
    kinds: ['live'],
    requires: [connected, { check: 'muted', is: false, reason: 'muted' }],
    input: 'none',
    shown: 'actions',
    label: 'ContactPad_Mute',
  },
  unmute: {
    command: 'unmute',
    kinds: ['live'],
    requires: [connected, { check: 'muted', is: true, reason: 'not-muted' }],
    input: 'none',
    shown: 'actions',
    label: 'ContactPad_Unmute',
    toggles: 'mute',
  },
  'pause-recording': {
    command: 'recording.pause',
    kinds: ['live'],
    requires: [
      { check: 'feature', feature: 'recording', kinds: ['live'], reason: 'recording-off' },
      connected,
      { check: 'recording', is: ['on'], reason: 'not-recording' },
    ],
    input: 'none',
    shown: 'actions',
    label: 'ContactPad_PauseRecording',
  },
  'resume-recording': {
    command: 'recording.resume',
    kinds: ['live'],
    requires: [
      { check: 'feature', feature: 'recording', kinds: ['live'], reason: 'recording-off' },
      connected,
      { check: 'recording', is: ['paused'], reason: 'recording-not-paused' },
    ],
    input: 'none',
    shown: 'actions',
    label: 'ContactPad_ResumeRecording',
    toggles: 'pause-recording',
  },
  'send-digits': {
    command: 'digits.send',
    kinds: ['live'],
    requires: [connected, { check: 'state', states: ['active'], reason: 'on-hold' }],
    input: 'digits',
    shown: 'actions',
    label: 'ContactPad_Keypad',
  },
  consult: {
    command: 'consult.start',
    kinds: KINDS,
    requires: [
      notConsultCall,
      notInConference,
      {
        check: 'feature',
        feature: 'crossMediaConsult',
        kinds: ['semi-live', 'non-live'],
        reason: 'cross-media-consult-off',
      },
      connected,
      { check: 'no-consult-under-way', reason: 'consult-under-way' },
    ],
    input: 'target',
    shown: 'actions',
    label: 'ContactPad_Consult',
  },
  'release-party': {
    command: 'party.release',
    kinds: ['live'],
    requires: [connected, inConference],
    input: 'none',
    shown: 'actions',
    label: 'ContactPad_ReleaseParty',
    toggles: 'consult',
  },
  transfer: {
    command: 'transfer',
    kinds: ['live', 'non-live'],
    requires: [notConsultCall, notInConference, connected],
    input: 'target',
    shown: 'actions',
    label: 'ContactPad_Transfer',
  },
  leave: {
    command: 'conference.leave',
    kinds: ['live'],
    requires: [connected, inConference],
    input: 'none',
    shown: 'actions',
    label: 'ContactPad_Leave',
    toggles: 'transfer',
  },
  'call-back': {
    command: 'callback.dial',
    kinds: ['non-live'],
    requires: [
      { check: 'channel', channels: ['callback'], reason: 'not-callback' },
      connected,
      { check: 'room-for-call', reason: 'no-room-for-call' },
    ],
    input: 'none',
    shown: 'actions',
    label: 'ContactPad_CallBack',
  },
  abandon: {
    command: 'abandon',
    kinds: ['semi-live', 'non-live'],
    requires: [{ check: 'state', states: ['release-failed'], reason: 'release-working' }],
    input: 'none',
    shown: 'actions',
    label: 'ContactPad_Abandon',
  },
} as const satisfies Record<string, ActionSpec>;

export type Action = keyof typeof INTERACTION_ACTIONS;
export const ACTIONS = Object.keys(INTERACTION_ACTIONS) as readonly Action[];

type ActionsWith<Input extends ActionSpec['input']> = {
  [A in Action]: (typeof INTERACTION_ACTIONS)[A]['input'] extends Input ? A : never;
}[Action];

/** The actions that go to a target (consult, transfer). */
export type TargetAction = ActionsWith<'target'>;
/** The actions that send keypad digits. */
export type DigitsAction = ActionsWith<'digits'>;
/** The actions that take a reason from the account's list. */
export type ReasonAction = ActionsWith<'reason'>;
/** The actions on the interaction alone. */
export type DirectAction = ActionsWith<'none'>;

/** The wire commands that carry the catalogue's actions. */
export type ActionCommand = (typeof INTERACTION_ACTIONS)[Action]['command'];

/** The action each of those commands carries. */
export const ACTION_OF_COMMAND = Object.fromEntries(
  ACTIONS.map((action) => [INTERACTION_ACTIONS[action].command, action]),
) as Readonly<Record<ActionCommand, Action>>;

/**
 * The actions on the action bar of each channel's interactions, in button order: those of its
 * kind whose requirements do not rule the channel out (an offer's card has its own).
 */
export const ACTIONS_BY_CHANNEL: Readonly<Record<Channel, readonly Action[]>> = {
  voice: onBarOf('voice'),
  video: onBarOf('video'),
  chat: onBarOf('chat'),
  email: onBarOf('email'),
  case: onBarOf('case'),
  callback: onBarOf('callback'),
};

function onBarOf(channel: Channel): readonly Action[] {
  return offeredFor(KIND_OF_CHANNEL[channel]).filter((action) => {
    const spec: ActionSpec = INTERACTION_ACTIONS[action];
    return spec.requires.every((r) => r.check !== 'channel' || r.channels.includes(channel));
  });
}

/** B2: the actions a kind offers on its action bar, in button order. */
function offeredFor(kind: Kind): readonly Action[] {
  return ACTIONS.filter((action) => {
    const spec: ActionSpec = INTERACTION_ACTIONS[action];
    return spec.kinds.includes(kind) && spec.shown === 'actions';
  });
}

/** What an action is decided on: the interaction as the agent sees it, and around it. */
export interface ActionContext {
  readonly interaction: Interaction;
  readonly features: Features;
  /** Whether a consult the agent started on this interaction is under way (not ended). */
  readonly consulting: boolean;
  /** The agent's weights and the kinds of everything they hold; null: not known (allowed). */
  readonly load: AgentLoad | null;
}

export interface AgentLoad {
  readonly weights: Weights;
  /** The kinds of the interactions the agent holds, consult calls included. */
  readonly held: readonly Kind[];
}

/** Whether a live call fits beside the held work (B3, B9): `held` without the work it replaces. */
export function roomForCall(
  weights: Weights,
  held: readonly Kind[],
  multiInteraction: boolean,
): boolean {
  if (!multiInteraction) return held.length === 0;
  return held.reduce((sum, kind) => sum + weights[kind], 0) + weights.live <= CAPACITY;
}

/** Why the action is refused on this interaction now, or null when it is allowed. */
export function refusalOf(action: Action, context: ActionContext): Refusal | null {
  const spec: ActionSpec = INTERACTION_ACTIONS[action];
  if (!spec.kinds.includes(context.interaction.kind)) return 'not-for-kind';
  for (const requirement of spec.requires) {
    if (!meets(requirement, context)) return requirement.reason;
  }
  return null;
}

function meets(requirement: Requirement, context: ActionContext): boolean {
  const { interaction, features, consulting, load } = context;
  switch (requirement.check) {
    case 'state':
      return requirement.states.includes(interaction.state);
    case 'channel':
      return requirement.channels.includes(interaction.channel);
    case 'feature':
      return !requirement.kinds.includes(interaction.kind) || features[requirement.feature];
    case 'muted':
      return interaction.muted === requirement.is;
    case 'recording':
      return requirement.is.includes(interaction.recording);
    case 'conference':
      return (interaction.conference !== null) === requirement.is;
    case 'room-for-call': {
      if (load === null) return true;
      const held = [...load.held];
      held.splice(held.indexOf(interaction.kind), 1);
      return roomForCall(load.weights, held, features.multiInteraction);
    }
    case 'not-consult-call':
      return interaction.consultId === null;
    case 'no-consult-under-way':
      return !consulting;
  }
}

/** Whether one of `consults` (those the agent started) is on the interaction and under way. */
export function consultingOn(interactionId: string, consults: readonly Consult[]): boolean {
  return consults.some(
    (consult) => consult.interactionId === interactionId && consult.state !== 'ended',
  );
}
