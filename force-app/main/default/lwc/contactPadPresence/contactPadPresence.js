// @ts-check
/**
 * Presentational: the agent's own state (B8) with the Wrap (Auto) countdown and the Away reason,
 * and a button group to choose Ready, Away or Logged out (`presencechange` { state, reason }: Away
 * with the reason picked from the account's list, when it has one). During work, what to become
 * after it (`nextchange` { next }: null for Ready, or Away with a reason). While Logging the call
 * the routing service refuses a change, and while the connection is not confirmed (`unconfirmed`)
 * nothing can reach it: the choices are disabled and the reason is shown. When a supervisor set
 * the state (Away or Logged out), who did and why shows under it.
 */
import { LightningElement, api } from 'lwc';
import { agentRefusalOf } from 'c/contactPadCore';
import { AGENT_ACTION_LABELS } from 'c/contactPadLabels';
import {
  agentStateLabel,
  clock,
  format,
  secondsUntil,
  setByText as setByWords,
  unconfirmedText,
} from 'c/contactPadText';
import AWAY_REASON from '@salesforce/label/c.ContactPad_AwayReason';
import AWAY_WITH_REASON from '@salesforce/label/c.ContactPad_AwayWithReason';
import PRESENCE from '@salesforce/label/c.ContactPad_Presence';
import CHANGE_PRESENCE from '@salesforce/label/c.ContactPad_ChangePresence';
import WRAP_ENDS_IN from '@salesforce/label/c.ContactPad_WrapEndsIn';
import PRESENCE_LOCKED from '@salesforce/label/c.ContactPad_PresenceLockedLogging';
import NOT_CONFIRMED from '@salesforce/label/c.ContactPad_NotConfirmed';

/** @import { Agent, NextState, Settings, Unconfirmed } from 'c/contactPadCore' */

/** The value of the after-this-work choice that stands for Ready (no state chosen for later). */
const NEXT_READY = 'ready';

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
  /**
   * The account's settings (Away reasons; whether the agent may choose the state after work).
   * @type {Settings | null}
   */
  @api settings = null;

  /** The Away reason picked (the first of the list until the agent picks another). */
  awayReason = '';

  labels = {
    awayReason: AWAY_REASON,
    afterThisWork: AGENT_ACTION_LABELS['choose-next'],
    presence: PRESENCE,
    changePresence: CHANGE_PRESENCE,
    locked: PRESENCE_LOCKED,
    notConfirmed: NOT_CONFIRMED,
  };

  get state() {
    return this.agent?.state ?? null;
  }

  get stateLabel() {
    const reason = this.agent?.awayReason;
    return this.state === 'away' && reason
      ? format(AWAY_WITH_REASON, reason)
      : agentStateLabel(this.state);
  }

  /** "Set Away by Sue Park: Coaching" when a supervisor set the current state; '' otherwise. */
  get setByText() {
    return this.agent ? setByWords(this.agent) : '';
  }

  /** The account's Away reasons; none: Away takes no reason. */
  get awayReasons() {
    return this.settings?.awayReasons ?? [];
  }

  get hasAwayReasons() {
    return this.awayReasons.length > 0;
  }

  get awayReasonOptions() {
    const chosen = this.chosenAwayReason;
    return this.awayReasons.map((reason) => ({
      value: reason,
      label: reason,
      selected: reason === chosen,
    }));
  }

  get chosenAwayReason() {
    return this.awayReasons.includes(this.awayReason)
      ? this.awayReason
      : (this.awayReasons[0] ?? '');
  }

  /** During work: the choice of what to become after it (the catalogue's choose-next). */
  get showNext() {
    const { agent, settings } = this;
    if (!agent || !settings || this.unconfirmed) return false;
    return agentRefusalOf('choose-next', agent, settings) === null;
  }

  /** Ready, Away, and Away with each reason, the agent's current choice selected. */
  get nextOptions() {
    const next = this.agent?.next ?? null;
    const current = next === null ? NEXT_READY : nextValue(next);
    const values = [
      { value: NEXT_READY, label: agentStateLabel('ready') },
      ...(this.hasAwayReasons
        ? this.awayReasons.map((reason) => ({
            value: nextValue({ state: 'away', reason }),
            label: format(AWAY_WITH_REASON, reason),
          }))
        : [{ value: nextValue({ state: 'away', reason: null }), label: agentStateLabel('away') }]),
    ];
    return values.map((option) => ({ ...option, selected: option.value === current }));
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
    const reason = state === 'away' && this.hasAwayReasons ? this.chosenAwayReason : null;
    if (this.disabled || (state === this.state && reason === (this.agent?.awayReason ?? null))) {
      return;
    }
    this.dispatchEvent(new CustomEvent('presencechange', { detail: { state, reason } }));
  }

  /** @param {CustomEvent<{ value: string }>} event */
  handleAwayReason(event) {
    this.awayReason = event.detail.value;
  }

  /** @param {CustomEvent<{ value: string }>} event */
  handleNext(event) {
    const { value } = event.detail;
    /** @type {NextState | null} */
    const next =
      value === NEXT_READY
        ? null
        : { state: 'away', reason: value.startsWith('away:') ? value.slice('away:'.length) : null };
    this.dispatchEvent(new CustomEvent('nextchange', { detail: { next } }));
  }
}

/**
 * The after-this-work choice's value for a next state: `away` or `away:<reason>`.
 * @param {NextState} next
 * @returns {string}
 */
function nextValue(next) {
  return next.state === 'away' && next.reason !== null ? `away:${next.reason}` : next.state;
}
