// @ts-check
/**
 * Presentational: the work offered to the agent, each with its customer, channel, service and the
 * seconds left to answer, and the catalogue's offer actions (Accept, Decline). Declining takes a
 * reason from the account's list when it has one. Clicking dispatches `offeraction`
 * { action, interactionId, reason }. While the connection is not confirmed the buttons are
 * disabled with the reason, and no time left runs.
 */
import { LightningElement, api } from 'lwc';
import { INTERACTION_ACTIONS, ACTIONS } from 'c/contactPadCore';
import { ACTION_LABELS } from 'c/contactPadLabels';
import {
  channelLabel,
  customerText,
  format,
  secondsUntil,
  unconfirmedText,
} from 'c/contactPadText';
import OFFERS from '@salesforce/label/c.ContactPad_Offers';
import DECLINE_REASON from '@salesforce/label/c.ContactPad_DeclineReason';
import TIME_LEFT from '@salesforce/label/c.ContactPad_OfferTimeLeft';

/** @import { Action, Interaction, Unconfirmed } from 'c/contactPadCore' */

/**
 * The actions an offer's card shows, in the catalogue's order.
 * @type {readonly Action[]}
 */
const OFFER_ACTIONS = ACTIONS.filter((action) => INTERACTION_ACTIONS[action].shown === 'offer');
/** The element that says why the buttons wait for the connection. */
const UNCONFIRMED_ID = 'offers-unconfirmed';

export default class ContactPadOffer extends LightningElement {
  /**
   * The interactions offered to the agent (state `offered`).
   * @type {readonly Interaction[]}
   */
  @api offers = [];
  /** The clock the container ticks, in ms. */
  @api now = 0;
  /** The account's offer timeout: the time left never shows more. */
  @api timeoutSeconds = 0;
  /**
   * The account's reasons for declining; none: Decline needs no reason.
   * @type {readonly string[]}
   */
  @api declineReasons = [];
  /**
   * The adapter's `unconfirmed` reason (reconnecting...), or null while confirmed.
   * @type {Unconfirmed | null}
   */
  @api unconfirmed = null;

  labels = { offers: OFFERS, reason: DECLINE_REASON };
  unconfirmedId = UNCONFIRMED_ID;
  /**
   * The reason chosen per offer (the first of the list until the agent picks another).
   * @type {Record<string, string>}
   */
  chosen = {};

  get cards() {
    const waiting = Boolean(this.unconfirmed);
    return (this.offers ?? []).map((offer) => {
      const left = Math.min(secondsUntil(offer.offerEndsAt ?? 0, this.now), this.timeoutSeconds);
      const titleId = `offer-${offer.id}`;
      return {
        id: offer.id,
        titleId,
        reasons: this.reasonsFor(offer.id),
        customer: customerText(offer.customer),
        details: [channelLabel(offer.channel), offer.serviceName].filter(Boolean).join(' · '),
        timeLeft: waiting ? null : format(TIME_LEFT, Math.max(0, left)),
        buttons: OFFER_ACTIONS.map((action) => ({
          action,
          key: `${offer.id}-${action}`,
          label: ACTION_LABELS[action],
          className:
            action === 'accept'
              ? 'slds-button slds-button_success'
              : 'slds-button slds-button_neutral',
          disabled: waiting,
          describedBy: waiting ? `${titleId} ${UNCONFIRMED_ID}` : titleId,
        })),
      };
    });
  }

  get hasOffers() {
    return (this.offers ?? []).length > 0;
  }

  get hasReasons() {
    return (this.declineReasons ?? []).length > 0;
  }

  /**
   * The reasons for declining one offer, the one chosen selected.
   * @param {string} interactionId
   */
  reasonsFor(interactionId) {
    const chosen = this.reasonOf(interactionId);
    return (this.declineReasons ?? []).map((reason) => ({
      value: reason,
      label: reason,
      selected: reason === chosen,
    }));
  }

  /**
   * The reason chosen for an offer: the agent's pick, else the first of the list (null: none).
   * @param {string} interactionId
   * @returns {string | null}
   */
  reasonOf(interactionId) {
    const reasons = this.declineReasons ?? [];
    const picked = this.chosen[interactionId];
    return picked !== undefined && reasons.includes(picked) ? picked : (reasons[0] ?? null);
  }

  /** Why the buttons are disabled; '' while confirmed. */
  get unconfirmedReason() {
    return unconfirmedText(this.unconfirmed);
  }

  /** @param {CustomEvent<{ value: string }> & { currentTarget: HTMLElement }} event */
  handleReason(event) {
    const { interactionId } = event.currentTarget.dataset;
    if (interactionId) this.chosen = { ...this.chosen, [interactionId]: event.detail.value };
  }

  /** @param {MouseEvent & { currentTarget: HTMLButtonElement }} event */
  handleClick(event) {
    const { action, interactionId } = event.currentTarget.dataset;
    if (!action || !interactionId || event.currentTarget.disabled) return;
    const reason =
      INTERACTION_ACTIONS[/** @type {Action} */ (action)].input === 'reason'
        ? this.reasonOf(interactionId)
        : null;
    this.dispatchEvent(
      new CustomEvent('offeraction', { detail: { action, interactionId, reason } }),
    );
  }
}
