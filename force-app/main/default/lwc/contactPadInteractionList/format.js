// @ts-check
/**
 * Pure helpers of the information panel: how an interaction reads (customer, channel, state,
 * kind, icon, elapsed time, notes such as Muted). No business rule: what may be done comes from the adapter core.
 */
import {
  callNotes,
  channelIcon,
  channelLabel,
  clock,
  customerText,
  kindLabel,
  stateLabel,
} from 'c/contactPadText';

/** @import { Interaction } from 'c/contactPadCore' */

/**
 * The time the interaction has been in its current state (stateSince, else assignedAt) at `now`.
 * @param {Interaction | null | undefined} interaction
 * @param {number} now
 * @returns {string}
 */
export function elapsedSince(interaction, now) {
  const since = interaction?.stateSince ?? interaction?.assignedAt;
  if (typeof since !== 'number' || !Number.isFinite(since) || !Number.isFinite(now)) {
    return clock(0);
  }
  return clock((now - since) / 1000);
}

/**
 * One entry of the panel as the template shows it. `notConfirmed`: the label to show instead of
 * the state while the connection is not confirmed (the interaction may have ended); then there
 * is no elapsed time, since no clock of it is live.
 * @param {Interaction} interaction
 * @param {string | null} currentId
 * @param {number} now
 * @param {string | null} [notConfirmed]
 */
export function entryOf(interaction, currentId, now, notConfirmed = null) {
  const current = interaction.id === currentId;
  const confirmed = !notConfirmed;
  return {
    id: interaction.id,
    customer: customerText(interaction.customer),
    channel: channelLabel(interaction.channel),
    kind: kindLabel(interaction.kind),
    icon: channelIcon(interaction.channel),
    state: confirmed ? stateLabel(interaction.state) : notConfirmed,
    stateClass: confirmed ? 'state' : 'state slds-text-color_weak',
    elapsed: confirmed ? elapsedSince(interaction, now) : '',
    consultLeg: interaction.consultId !== null && interaction.consultId !== undefined,
    notes: callNotes(interaction),
    current,
    ariaCurrent: current ? 'true' : undefined,
    className: current
      ? 'slds-box slds-box_x-small slds-theme_shade entry entry_current'
      : 'slds-box slds-box_x-small entry',
  };
}
