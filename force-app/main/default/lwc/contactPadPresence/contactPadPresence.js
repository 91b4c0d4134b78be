// @ts-check
/**
 * Presentational: the agent's own state (B8) with the Wrap (Auto) countdown, and a button group to
 * choose Ready, Away or Logged out (`presencechange` { state }). While Logging the call the routing
 * service refuses a change, and while the connection is not confirmed (`unconfirmed`) nothing can
 * reach it: the choices are disabled and the reason is shown.
 */
import { LightningElement, api } from 'lwc';
import { agentStateLabel, clock, format, secondsUntil, unconfirmedText } from 'c/contactPadText';
import PRESENCE from '@salesforce/label/c.ContactPad_Presence';
import CHANGE_PRESENCE from '@salesforce/label/c.ContactPad_ChangePresence';
import WRAP_ENDS_IN from '@salesforce/label/c.ContactPad_WrapEndsIn';
import PRESENCE_LOCKED from '@salesforce/label/c.ContactPad_PresenceLockedLogging';
import NOT_CONFIRMED from '@salesforce/label/c.ContactPad_NotConfirmed';

/** @import { Agent, Unconfirmed } from 'c/contactPadCore' */

/** The states an agent may choose (the protocol's presence.set). */
const CHOICES = [
  { state: 'ready', label: agentStateLabel('ready') },
  { state: 'away', label: agentStateLabel('away') },
  { state: 'logged-out', label: agentStateLabel('logged-out') },
];

export default class ContactPadPresence extends LightningElement {
  /**
   * The agent (protocol Agent), or null when not connected.
   * @type {Agent | null}
   */
  @api agent = null;
  /** The container's clock, in ms. */
  @api now = 0;
  /**
   * The adapter's `unconfirmed` reason (reconnecting...), or null while confirmed.
   * @type {Unconfirmed | null}
   */
  @api unconfirmed = null;

  labels = {
    presence: PRESENCE,
    changePresence: CHANGE_PRESENCE,
    locked: PRESENCE_LOCKED,
    notConfirmed: NOT_CONFIRMED,
  };

  get state() {
    return this.agent?.state ?? null;
  }

  get stateLabel() {
    return agentStateLabel(this.state);
  }

  get badgeClass() {
    const tone =
      this.state === 'ready'
        ? ' slds-theme_success'
        : this.state === 'busy'
          ? ' slds-theme_warning'
          : '';
    return `slds-badge${tone}`;
  }

  /** "Wrap ends in 0:15" while in Wrap (Auto) with a deadline; empty otherwise. */
  get wrapCountdown() {
    if (this.unconfirmed) return '';
    const endsAt = this.agent?.wrapEndsAt;
    if (this.state !== 'wrap-auto' || endsAt === null || endsAt === undefined) return '';
    const seconds = secondsUntil(endsAt, this.now ?? 0);
    return format(WRAP_ENDS_IN, clock(seconds));
  }

  /** The routing service refuses presence changes until the call log is saved. */
  get locked() {
    return !this.unconfirmed && this.state === 'logging-call';
  }

  /** Why the state shown is not confirmed and cannot be changed now; '' when it is. */
  get unconfirmedReason() {
    return unconfirmedText(this.unconfirmed);
  }

  /** Points the choices at the reason they are disabled. */
  get describedBy() {
    if (this.unconfirmed) return 'unconfirmed-reason';
    return this.locked ? 'locked-reason' : null;
  }

  get disabled() {
    return (
      this.agent === null || this.agent === undefined || this.locked || Boolean(this.unconfirmed)
    );
  }

  get choices() {
    return CHOICES.map((choice) => {
      const pressed = choice.state === this.state;
      return {
        ...choice,
        pressed: pressed ? 'true' : 'false',
        className: pressed ? 'slds-button slds-button_brand' : 'slds-button slds-button_neutral',
      };
    });
  }

  /** @param {MouseEvent & { currentTarget: HTMLElement }} event */
  handleChoose(event) {
    const state = event.currentTarget.dataset.state;
    if (this.disabled || state === this.state) return;
    this.dispatchEvent(new CustomEvent('presencechange', { detail: { state } }));
  }
}
