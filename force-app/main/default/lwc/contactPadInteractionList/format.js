/**
 * Pure helpers of the information panel: how an interaction reads (customer, channel, state,
 * kind, icon, elapsed time). No business rule: what may be done comes from the adapter core.
 */
import UNKNOWN_CUSTOMER from '@salesforce/label/c.ContactPad_UnknownCustomer';
import VOICE from '@salesforce/label/c.ContactPad_Voice';
import VIDEO from '@salesforce/label/c.ContactPad_Video';
import CHAT from '@salesforce/label/c.ContactPad_Chat';
import EMAIL from '@salesforce/label/c.ContactPad_Email';
import CASE from '@salesforce/label/c.ContactPad_Case';
import RINGING from '@salesforce/label/c.ContactPad_Ringing';
import ACTIVE from '@salesforce/label/c.ContactPad_Active';
import HELD from '@salesforce/label/c.ContactPad_Held';
import RELEASING from '@salesforce/label/c.ContactPad_Releasing';
import RELEASE_FAILED from '@salesforce/label/c.ContactPad_ReleaseFailed';
import LIVE from '@salesforce/label/c.ContactPad_Live';
import SEMI_LIVE from '@salesforce/label/c.ContactPad_SemiLive';
import NON_LIVE from '@salesforce/label/c.ContactPad_NonLive';

const CHANNEL_LABELS = { voice: VOICE, video: VIDEO, chat: CHAT, email: EMAIL, case: CASE };
const CHANNEL_ICONS = {
  voice: 'standard:call',
  video: 'standard:video',
  chat: 'standard:live_chat',
  email: 'standard:email',
  case: 'standard:case',
};
const STATE_LABELS = {
  ringing: RINGING,
  active: ACTIVE,
  held: HELD,
  releasing: RELEASING,
  'release-failed': RELEASE_FAILED,
};
const KIND_LABELS = { live: LIVE, 'semi-live': SEMI_LIVE, 'non-live': NON_LIVE };

/** The channel's label ("Call", "Chat"...); the raw value if unknown. */
export function channelLabel(channel) {
  return CHANNEL_LABELS[channel] ?? String(channel ?? '');
}

/** The channel's icon; a neutral utility icon if unknown. */
export function channelIcon(channel) {
  return CHANNEL_ICONS[channel] ?? 'utility:question';
}

/** The interaction state's label ("Ringing", "On hold"...); the raw value if unknown. */
export function stateLabel(state) {
  return STATE_LABELS[state] ?? String(state ?? '');
}

/** The kind's label ("Live", "Semi-live", "Non-live"); the raw value if unknown. */
export function kindLabel(kind) {
  return KIND_LABELS[kind] ?? String(kind ?? '');
}

/** Who the customer is: the name, else the telephone number or e-mail address, else unknown. */
export function customerText(customer) {
  return customer?.name || customer?.phone || customer?.email || UNKNOWN_CUSTOMER;
}

/** A duration in milliseconds as m:ss (minutes keep counting past 59); negative counts as 0. */
export function formatElapsed(ms) {
  const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** The time the interaction has been in its current state (stateSince, else assignedAt) at `now`. */
export function elapsedSince(interaction, now) {
  const since = interaction?.stateSince ?? interaction?.assignedAt;
  if (!Number.isFinite(since) || !Number.isFinite(now)) return formatElapsed(0);
  return formatElapsed(now - since);
}

/** One entry of the panel as the template shows it. */
export function entryOf(interaction, currentId, now) {
  const current = interaction.id === currentId;
  return {
    id: interaction.id,
    customer: customerText(interaction.customer),
    channel: channelLabel(interaction.channel),
    kind: kindLabel(interaction.kind),
    icon: channelIcon(interaction.channel),
    state: stateLabel(interaction.state),
    elapsed: elapsedSince(interaction, now),
    consultLeg: interaction.consultId !== null && interaction.consultId !== undefined,
    current,
    ariaCurrent: current ? 'true' : undefined,
    className: current
      ? 'slds-box slds-box_x-small slds-theme_shade entry entry_current'
      : 'slds-box slds-box_x-small entry',
  };
}
