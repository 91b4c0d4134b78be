/**
 * The catalogue of agent actions (B2, B5, B6, B7): for each action on an interaction, the kinds
 * that offer it, what it asks of the interaction (states, account features, consults), the wire
 * command that carries it, and the label its button shows; for each answer to a consult, who may
 * give it and when. The routing engine's refusals, the adapter's allowed actions, ContactPad's
 * buttons and handlers and the action table of PROTOCOL.md all derive from it: an action is added
 * here, once.
 */
import type { ErrorCode } from './errors';
import type {
  Agent,
  AgentState,
  Channel,
  CommandType,
  Consult,
  Features,
  Interaction,
  InteractionState,
  Kind,
  RecordingState,
  Settings,
  Weights,
} from './messages';
import { CAPACITY } from './limits';
import { INTERACTION_STATES, KIND_OF_CHANNEL, KINDS } from './messages';

/** Why an action is refused: stable codes, each with its error code, English text and label. */
export const REASONS = {
  'not-for-kind': {
    code: 'not-allowed',
    text: 'Not available for this kind of interaction.',
    label: 'ContactPad_ReasonNotForKind',
  },
  releasing: {
    code: 'not-allowed',
    text: 'The release is under way.',
    label: 'ContactPad_ReasonReleasing',
  },
  'release-working': {
    code: 'not-allowed',
    text: 'Abandon is only for when Release is not working.',
    label: 'ContactPad_ReasonReleaseWorking',
  },
  'not-active': {
    code: 'not-allowed',
    text: 'The interaction is not connected.',
    label: 'ContactPad_ReasonNotActive',
  },
  offered: {
    code: 'not-allowed',
    text: 'Accept the interaction first.',
    label: 'ContactPad_ReasonOffered',
  },
  'not-offered': {
    code: 'not-allowed',
    text: 'The interaction is not offered to you.',
    label: 'ContactPad_ReasonNotOffered',
  },
  'not-held': {
    code: 'not-allowed',
    text: 'The interaction is not on hold.',
    label: 'ContactPad_ReasonNotHeld',
  },
  'consult-call': {
    code: 'not-allowed',
    text: 'Not available on a consult call.',
    label: 'ContactPad_ReasonConsultCall',
  },
  'consult-under-way': {
    code: 'not-allowed',
    text: 'A consult is already under way.',
    label: 'ContactPad_ReasonConsultUnderWay',
  },
  'cross-media-consult-off': {
    code: 'feature-disabled',
    text: 'Cross-media consult is not enabled for your account.',
    label: 'ContactPad_ReasonCrossMediaConsultOff',
  },
  muted: {
    code: 'not-allowed',
    text: 'The call is muted.',
    label: 'ContactPad_ReasonMuted',
  },
  'not-muted': {
    code: 'not-allowed',
    text: 'The call is not muted.',
    label: 'ContactPad_ReasonNotMuted',
  },
  'recording-off': {
    code: 'feature-disabled',
    text: 'Calls are not recorded for your account.',
    label: 'ContactPad_ReasonRecordingOff',
  },
  'not-recording': {
    code: 'not-allowed',
    text: 'The call is not being recorded.',
    label: 'ContactPad_ReasonNotRecording',
  },
  'on-hold': {
    code: 'not-allowed',
    text: 'The call is on hold.',
    label: 'ContactPad_ReasonOnHold',
  },
  'in-conference': {
    code: 'not-allowed',
    text: 'Not available during a conference.',
    label: 'ContactPad_ReasonInConference',
  },
  'not-conference': {
    code: 'not-allowed',
    text: 'The call is not a conference.',
    label: 'ContactPad_ReasonNotConference',
  },
  'no-room-for-call': {
    code: 'not-allowed',
    text: 'There is no room for a call beside your other work.',
    label: 'ContactPad_ReasonNoRoomForCall',
  },
  'not-callback': {
    code: 'not-allowed',
    text: 'Only a callback request is called back.',
    label: 'ContactPad_ReasonNotCallback',
  },
  'not-wrapping': {
    code: 'not-allowed',
    text: 'You are not in Wrap (Auto).',
    label: 'ContactPad_ReasonNotWrapping',
  },
  'wrap-extended': {
    code: 'not-allowed',
    text: 'This wrap was extended already.',
    label: 'ContactPad_ReasonWrapExtended',
  },
  'wrap-extension-off': {
    code: 'feature-disabled',
    text: 'Wrap (Auto) cannot be extended for your account.',
    label: 'ContactPad_ReasonWrapExtensionOff',
  },
  'not-working': {
    code: 'not-allowed',
    text: 'You have no work to choose the state after.',
    label: 'ContactPad_ReasonNotWorking',
  },
  'recording-not-paused': {
    code: 'not-allowed',
    text: 'Recording is not paused.',
    label: 'ContactPad_ReasonRecordingNotPaused',
  },
} as const satisfies Record<
  string,
  { readonly code: ErrorCode; readonly text: string; readonly label: string }
>;

export type Refusal = keyof typeof REASONS;

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

/** B2: the actions on each kind's action bar, in button order (an offer's card has its own). */
export const ACTIONS_BY_KIND: Readonly<Record<Kind, readonly Action[]>> = {
  live: offeredFor('live'),
  'semi-live': offeredFor('semi-live'),
  'non-live': offeredFor('non-live'),
};

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

// ---------------------------------------------------------------------------------------------
// Answers to a consult

export interface ConsultActionSpec {
  readonly command: CommandType;
  /** Who may give it: the agent who started the consult, or the one it rings for. */
  readonly by: 'initiator' | 'target';
  /** The consult states it needs. */
  readonly states: readonly Consult['state'][];
  /** Whether it needs the original interaction to be a live call the agent still holds. */
  readonly live: boolean;
  /** The refusal's text, after the command's name. */
  readonly needs: string;
  readonly label: string;
}

export const CONSULT_ACTIONS = {
  'consult.cancel': {
    command: 'consult.cancel',
    by: 'initiator',
    states: ['ringing'],
    live: false,
    needs: 'needs a ringing consult that you started',
    label: 'ContactPad_Cancel',
  },
  'consult.accept': {
    command: 'consult.accept',
    by: 'target',
    states: ['ringing'],
    live: false,
    needs: 'needs a consult ringing for you',
    label: 'ContactPad_Accept',
  },
  'consult.decline': {
    command: 'consult.decline',
    by: 'target',
    states: ['ringing'],
    live: false,
    needs: 'needs a consult ringing for you',
    label: 'ContactPad_Decline',
  },
  'consult.transfer': {
    command: 'consult.transfer',
    by: 'initiator',
    states: ['connected'],
    live: true,
    needs: 'needs a connected consult that you started on a call you still hold',
    label: 'ContactPad_CompleteTransfer',
  },
  'consult.conference': {
    command: 'consult.conference',
    by: 'initiator',
    states: ['connected'],
    live: true,
    needs: 'needs a connected consult that you started on a call you still hold',
    label: 'ContactPad_Conference',
  },
} as const satisfies Record<string, ConsultActionSpec>;

export type ConsultAction = keyof typeof CONSULT_ACTIONS;
export const CONSULT_ACTION_NAMES = Object.keys(CONSULT_ACTIONS) as readonly ConsultAction[];

/** Where the agent stands in a consult. */
export interface ConsultStanding {
  readonly role: 'initiator' | 'target';
  readonly state: Consult['state'];
  /** Whether the consult's original interaction is a live call the agent holds. */
  readonly live: boolean;
}

/** Whether the agent may give this answer to the consult now. */
export function consultActionAllowed(action: ConsultAction, standing: ConsultStanding): boolean {
  const spec: ConsultActionSpec = CONSULT_ACTIONS[action];
  return (
    spec.by === standing.role &&
    spec.states.includes(standing.state) &&
    (!spec.live || standing.live)
  );
}

// ---------------------------------------------------------------------------------------------
// Actions on the agent's own state

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
