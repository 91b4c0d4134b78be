// @ts-check
/**
 * Label-aware text shared by ContactPad's components (a service module, no template): filling a
 * label's {0} {1}..., how channels, states, kinds and customers read, and m:ss clocks.
 */
/** @import { AgentState, Channel, Interaction, InteractionState, Kind, Presence, Unconfirmed } from 'c/contactPadCore' */
import UNKNOWN_CUSTOMER from '@salesforce/label/c.ContactPad_UnknownCustomer';
import VOICE from '@salesforce/label/c.ContactPad_Voice';
import VIDEO from '@salesforce/label/c.ContactPad_Video';
import CHAT from '@salesforce/label/c.ContactPad_Chat';
import EMAIL from '@salesforce/label/c.ContactPad_Email';
import CASE from '@salesforce/label/c.ContactPad_Case';
import CALLBACK_REQUEST from '@salesforce/label/c.ContactPad_CallbackRequest';
import OFFERED from '@salesforce/label/c.ContactPad_Offered';
import RINGING from '@salesforce/label/c.ContactPad_Ringing';
import ACTIVE from '@salesforce/label/c.ContactPad_Active';
import HELD from '@salesforce/label/c.ContactPad_Held';
import RELEASING from '@salesforce/label/c.ContactPad_Releasing';
import RELEASE_FAILED from '@salesforce/label/c.ContactPad_ReleaseFailed';
import LIVE from '@salesforce/label/c.ContactPad_Live';
import SEMI_LIVE from '@salesforce/label/c.ContactPad_SemiLive';
import NON_LIVE from '@salesforce/label/c.ContactPad_NonLive';
import REASON_RECONNECTING from '@salesforce/label/c.ContactPad_ReasonReconnecting';
import REASON_DISCONNECTED from '@salesforce/label/c.ContactPad_ReasonDisconnected';
import REASON_REPLACED from '@salesforce/label/c.ContactPad_ReasonReplaced';
import READY from '@salesforce/label/c.ContactPad_Ready';
import BUSY from '@salesforce/label/c.ContactPad_Busy';
import AWAY from '@salesforce/label/c.ContactPad_Away';
import WRAP_AUTO from '@salesforce/label/c.ContactPad_WrapAuto';
import LOGGING_THE_CALL from '@salesforce/label/c.ContactPad_LoggingTheCall';
import LOGGED_OUT from '@salesforce/label/c.ContactPad_LoggedOut';
import NO_ANSWER from '@salesforce/label/c.ContactPad_NoAnswer';
import AVAILABLE_NOW from '@salesforce/label/c.ContactPad_AvailableNow';
import INTERRUPTIBLE from '@salesforce/label/c.ContactPad_Interruptible';
import LOGGED_IN from '@salesforce/label/c.ContactPad_LoggedIn';
import NOT_CONNECTED from '@salesforce/label/c.ContactPad_NotConnected';
import ERROR_DETAIL from '@salesforce/label/c.ContactPad_ErrorDetail';
import MUTED from '@salesforce/label/c.ContactPad_Muted';
import RECORDING_PAUSED from '@salesforce/label/c.ContactPad_RecordingPaused';
import CONFERENCE_WITH from '@salesforce/label/c.ContactPad_ConferenceWith';
import SET_AWAY_BY from '@salesforce/label/c.ContactPad_SetAwayBy';
import SET_AWAY_BY_REASON from '@salesforce/label/c.ContactPad_SetAwayByReason';
import LOGGED_OUT_BY from '@salesforce/label/c.ContactPad_LoggedOutBy';
import LOGGED_OUT_BY_REASON from '@salesforce/label/c.ContactPad_LoggedOutByReason';

/**
 * A label per known value of K, looked up with any string (a raw value from the wire, or null's
 * `String`): unknown values read as undefined.
 * @template {string} K
 * @typedef {Readonly<Record<K, string>> & Readonly<Partial<Record<string, string>>>} LabelsOf
 */

/** @type {LabelsOf<Channel>} */
const CHANNEL_LABELS = {
  voice: VOICE,
  video: VIDEO,
  chat: CHAT,
  email: EMAIL,
  case: CASE,
  callback: CALLBACK_REQUEST,
};
/** @type {LabelsOf<Channel>} */
const CHANNEL_ICONS = {
  voice: 'standard:call',
  video: 'standard:video',
  chat: 'standard:live_chat',
  email: 'standard:email',
  case: 'standard:case',
  callback: 'standard:call_history',
};
/** @type {LabelsOf<InteractionState>} */
const STATE_LABELS = {
  offered: OFFERED,
  ringing: RINGING,
  active: ACTIVE,
  held: HELD,
  releasing: RELEASING,
  'release-failed': RELEASE_FAILED,
};
/** @type {LabelsOf<Kind>} */
const KIND_LABELS = { live: LIVE, 'semi-live': SEMI_LIVE, 'non-live': NON_LIVE };
/**
 * The agent's own states (B8) as the guide names them.
 * @type {LabelsOf<AgentState>}
 */
const AGENT_STATE_LABELS = {
  ready: READY,
  busy: BUSY,
  away: AWAY,
  'wrap-auto': WRAP_AUTO,
  'logging-call': LOGGING_THE_CALL,
  'logged-out': LOGGED_OUT,
  'no-answer': NO_ANSWER,
};

/**
 * B8: the presence colleagues see.
 * @type {LabelsOf<Presence>}
 */
const PRESENCE_LABELS = {
  'available-now': AVAILABLE_NOW,
  interruptible: INTERRUPTIBLE,
  'logged-in': LOGGED_IN,
  'logged-out': LOGGED_OUT,
};

/**
 * The text of each of the adapter core's `unconfirmed` reasons (why nothing may be done now).
 * @type {LabelsOf<Unconfirmed>}
 */
export const UNCONFIRMED_LABELS = {
  reconnecting: REASON_RECONNECTING,
  disconnected: REASON_DISCONNECTED,
  replaced: REASON_REPLACED,
};

/**
 * Fills "{0}", "{1}"... in a label; a placeholder without a value stays as it is.
 * @param {string} label
 * @param {...unknown} values
 * @returns {string}
 */
export function format(label, ...values) {
  return String(label).replace(/\{(\d+)\}/g, (match, index) => {
    const value = values[Number(index)];
    return value === undefined ? match : String(value);
  });
}

/**
 * The channel's label ("Call", "Chat"...); the raw value if unknown.
 * @param {string} channel
 * @returns {string}
 */
export function channelLabel(channel) {
  return CHANNEL_LABELS[channel] ?? String(channel ?? '');
}

/**
 * The channel's icon; a neutral utility icon if unknown.
 * @param {string} channel
 * @returns {string}
 */
export function channelIcon(channel) {
  return CHANNEL_ICONS[channel] ?? 'utility:question';
}

/**
 * The interaction state's label ("Ringing", "On hold"...); the raw value if unknown.
 * @param {string} state
 * @returns {string}
 */
export function stateLabel(state) {
  return STATE_LABELS[state] ?? String(state ?? '');
}

/**
 * The agent's state as a label ("Ready"...), the raw state if unknown, Not connected if none.
 * @param {string | null | undefined} state
 * @returns {string}
 */
export function agentStateLabel(state) {
  if (state === null || state === undefined) return NOT_CONNECTED;
  return AGENT_STATE_LABELS[state] ?? String(state);
}

/**
 * The presence's label ("Available now"...); the raw value if unknown, '' if none.
 * @param {string | null | undefined} presence
 * @returns {string}
 */
export function presenceLabel(presence) {
  if (presence === null || presence === undefined) return '';
  return PRESENCE_LABELS[presence] ?? String(presence);
}

/**
 * Why the state shown is not confirmed (the adapter's `unconfirmed`); '' when it is.
 * @param {string | null | undefined} reason
 * @returns {string}
 */
export function unconfirmedText(reason) {
  if (!reason) return '';
  return UNCONFIRMED_LABELS[reason] ?? REASON_DISCONNECTED;
}

/**
 * The kind's label ("Live", "Semi-live", "Non-live"); the raw value if unknown.
 * @param {string} kind
 * @returns {string}
 */
export function kindLabel(kind) {
  return KIND_LABELS[kind] ?? String(kind ?? '');
}

/**
 * Who the customer is: the name, else the telephone number or e-mail address, else unknown.
 * @param {Interaction['customer'] | null | undefined} customer
 * @returns {string}
 */
export function customerText(customer) {
  return customer?.name || customer?.phone || customer?.email || UNKNOWN_CUSTOMER;
}

/**
 * Whole seconds from `now` until `until`, rounded up, never below 0 (countdowns).
 * @param {number | null | undefined} until
 * @param {number} now
 * @returns {number}
 */
export function secondsUntil(until, now) {
  if (typeof until !== 'number' || !Number.isFinite(until) || !Number.isFinite(now)) return 0;
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/**
 * Seconds as m:ss (minutes keep counting past 59); negative counts as 0.
 * @param {number} seconds
 * @returns {string}
 */
export function clock(seconds) {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * A failure's text as a sentence: first letter capitalised, ending with a full stop (messages from
 * the routing service are lowercase phrases). Never carries the error code.
 * @param {string | null | undefined} text
 * @returns {string}
 */
export function errorSentence(text) {
  const words = String(text ?? '').trim();
  if (words === '') return '';
  const capitalised = words.charAt(0).toUpperCase() + words.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * The detail line that keeps a failure's code for support ("Code for support: conflict"); '' when
 * there is none.
 * @param {string | null | undefined} code
 * @returns {string}
 */
export function errorDetail(code) {
  return code ? format(ERROR_DETAIL, code) : '';
}

/**
 * What a live call is doing besides its state, as short notes: Muted, Recording paused,
 * Conference with {party}. Shown beside the call in the list; the utility label adds the first two.
 * @param {Interaction} interaction
 * @returns {{ key: 'muted' | 'recording-paused' | 'conference', text: string }[]}
 */
export function callNotes(interaction) {
  /** @type {{ key: 'muted' | 'recording-paused' | 'conference', text: string }[]} */
  const notes = [];
  if (interaction.muted) notes.push({ key: 'muted', text: MUTED });
  if (interaction.recording === 'paused') {
    notes.push({ key: 'recording-paused', text: RECORDING_PAUSED });
  }
  const party = interaction.conference;
  if (party) {
    const who = party.partyName ?? party.partyNumber ?? '';
    notes.push({ key: 'conference', text: format(CONFERENCE_WITH, who) });
  }
  return notes;
}

/**
 * Who set an agent's state and why, when a supervisor did: "Set Away by Sue Park: Coaching",
 * "Logged out by Sue Park"; '' when the agent set it (or for any other state). ContactPad shows it
 * to the agent, the Supervisor page beside the agent's state.
 * @param {{ state: string, setBy?: { name: string } | null, awayReason?: string | null } | null | undefined} agent
 * @returns {string}
 */
export function setByText(agent) {
  const setBy = agent?.setBy;
  if (!setBy) return '';
  const reason = agent?.awayReason ?? null;
  if (agent?.state === 'away') {
    return reason
      ? format(SET_AWAY_BY_REASON, setBy.name, reason)
      : format(SET_AWAY_BY, setBy.name);
  }
  if (agent?.state === 'logged-out') {
    return reason
      ? format(LOGGED_OUT_BY_REASON, setBy.name, reason)
      : format(LOGGED_OUT_BY, setBy.name);
  }
  return '';
}
