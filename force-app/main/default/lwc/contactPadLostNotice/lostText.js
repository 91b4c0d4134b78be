// @ts-check
/**
 * Pure helpers of the lost notice: how the interactions a refused resume lost read, and the
 * agent's state now.
 */
import { channelLabel, customerText, format } from 'c/contactPadText';
import LOST_ONE from '@salesforce/label/c.ContactPad_LostOne';
import LOST_MANY from '@salesforce/label/c.ContactPad_LostMany';
import LOST_ITEM from '@salesforce/label/c.ContactPad_LostItem';
import NEW_SESSION from '@salesforce/label/c.ContactPad_NewSession';
import YOU_ARE from '@salesforce/label/c.ContactPad_YouAre';

/** @import { Interaction } from 'c/contactPadCore' */

/**
 * "Maria Garcia (Chat), +442079460000 (Call)".
 * @param {readonly Interaction[] | null | undefined} interactions
 * @returns {string}
 */
export function lostItems(interactions) {
  return (interactions ?? [])
    .map((interaction) =>
      format(LOST_ITEM, customerText(interaction.customer), channelLabel(interaction.channel)),
    )
    .join(', ');
}

/**
 * "2 interactions ended while ContactPad was disconnected: ...", or, when none ended (only the
 * state changed), that a new session was started.
 * @param {readonly Interaction[] | null | undefined} interactions
 * @returns {string}
 */
export function lostText(interactions) {
  const list = interactions ?? [];
  if (list.length === 0) return NEW_SESSION;
  if (list.length === 1) return format(LOST_ONE, lostItems(list));
  return format(LOST_MANY, list.length, lostItems(list));
}

/**
 * "You are Logged out."; '' without a state.
 * @param {string | null | undefined} presence
 * @returns {string}
 */
export function presenceText(presence) {
  return presence ? format(YOU_ARE, presence) : '';
}
