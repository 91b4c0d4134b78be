// @ts-check
/**
 * Pure derivations of what ContactPad shows from the adapter's state (no template, no platform):
 * the agent's presence label, what the utility item shows, the current interaction's actions,
 * which panels show and the modes the Consult | Transfer dialog offers. The state itself stays in
 * the component's fields, since those are what LWC re-renders on (it does not track a class
 * instance's properties); these functions read it.
 */
import { offersSwitch } from 'c/contactPadCore';
import { agentStateLabel, callNotes } from 'c/contactPadText';

import NOT_CONFIRMED from '@salesforce/label/c.ContactPad_NotConfirmed';

/**
 * @import { ActionSet, Agent, ConnectionState, Consult, ContactPadAdapter, Interaction, ListingMode, Settings } from 'c/contactPadCore'
 */

/**
 * What the utility item and the bridge's softphone item show.
 * `notes`: Muted, Recording paused, when a call is (the utility label shows them).
 * @typedef {{ presence: string, count: number, icon: string, notes: string[] }} Face
 */

/**
 * The agent's state as a label ("Ready"...), the raw state if unknown, Not connected if none.
 * @param {Agent | null} agent
 * @returns {string}
 */
export function presenceLabel(agent) {
  return agentStateLabel(agent === null ? null : agent.state);
}

/**
 * The utility item's icon: `call` while connected and taking work, else `end_call`.
 * @param {ConnectionState} connectionState
 * @param {Agent | null} agent
 * @returns {string}
 */
export function utilityIcon(connectionState, agent) {
  const state = agent?.state;
  if (connectionState.status !== 'connected' || !state) return 'end_call';
  return state === 'away' || state === 'logged-out' ? 'end_call' : 'call';
}

/**
 * What the utility item and the bridge's softphone item show: { presence, count, icon, notes }. Away from
 * the routing service, the state held is not confirmed: it says so rather than the last state.
 * @param {Agent | null} agent
 * @param {ConnectionState} connectionState
 * @param {readonly Interaction[]} interactions
 * @returns {Face}
 */
export function faceOf(agent, connectionState, interactions) {
  const confirmed = connectionState.status === 'connected' || agent === null;
  return {
    presence: confirmed ? presenceLabel(agent) : NOT_CONFIRMED,
    count: interactions.length,
    icon: utilityIcon(connectionState, agent),
    notes: confirmed ? utilityNotes(interactions) : [],
  };
}

/**
 * The notes of the calls the utility label shows, each once: Muted, Recording paused.
 * @param {readonly Interaction[]} interactions
 * @returns {string[]}
 */
export function utilityNotes(interactions) {
  const notes = interactions.flatMap((interaction) =>
    callNotes(interaction).filter((note) => note.key !== 'conference'),
  );
  return [...new Set(notes.map((note) => note.text))];
}

/**
 * What may be done to the current interaction; null without one or when the adapter cannot say.
 * @param {ContactPadAdapter | null} adapter
 * @param {string | null} currentId
 * @returns {ActionSet | null}
 */
export function actionsOf(adapter, currentId) {
  if (adapter === null || currentId === null) return null;
  try {
    return adapter.actions(currentId);
  } catch {
    return null;
  }
}

/**
 * The live interactions' ids: Complete transfer applies to consults about these only.
 * @param {readonly Interaction[]} interactions
 * @returns {string[]}
 */
export function liveInteractionIds(interactions) {
  return interactions
    .filter((interaction) => interaction.kind === 'live')
    .map((interaction) => interaction.id);
}

/**
 * Wrap (Auto) with its Ready now, or Logging the call, or logs still owed while busy.
 * @param {Agent | null | undefined} agent
 * @returns {boolean}
 */
export function showsWrap(agent) {
  if (agent === null || agent === undefined) return false;
  return (
    agent.state === 'wrap-auto' ||
    agent.state === 'logging-call' ||
    (agent.pendingLogs?.length ?? 0) > 0
  );
}

/**
 * The directory's modes for the Consult or Transfer action: both when the actions allow both.
 * @param {ListingMode} action
 * @param {ActionSet | null} actions
 * @returns {ListingMode[]}
 */
export function directoryModes(action, actions) {
  return actions !== null && offersSwitch(actions) ? ['consult', 'transfer'] : [action];
}

/**
 * What ContactPad's fields are read for (see templateOf).
 * @typedef {object} PadState
 * @property {Agent | null} agent
 * @property {Settings | null} settings
 * @property {readonly Interaction[]} interactions
 * @property {Interaction | null} current
 * @property {ActionSet | null} actions
 * @property {readonly Consult[]} consults
 * @property {ConnectionState} connectionState
 */

/**
 * What the container's template shows, derived from its fields on each render.
 * @param {PadState} pad
 */
export function templateOf(pad) {
  const { agent, settings, interactions, current } = pad;
  return {
    presenceLabel: presenceLabel(agent),
    hasAgent: agent !== null,
    multiInteraction: settings?.features?.multiInteraction !== false,
    /** The account's consult timeout (s): a countdown never reads more. */
    consultTimeout: settings?.consultTimeoutSeconds ?? null,
    dispositions: settings?.dispositions ?? [],
    /** The work offered to the agent, with the account's offer timeout and decline reasons. */
    offers: interactions.filter((interaction) => interaction.state === 'offered'),
    offerTimeout: settings?.offers.timeoutSeconds ?? 0,
    declineReasons: settings?.offers.declineReasons ?? [],
    liveInteractionIds: liveInteractionIds(interactions),
    hasConsults: pad.consults.length > 0,
    showWrap: showsWrap(agent),
    hasActions: current !== null && pad.actions !== null,
    /** Click-to-dial from the panel when no interaction is current. */
    canDial: current === null && pad.connectionState.status === 'connected',
  };
}
