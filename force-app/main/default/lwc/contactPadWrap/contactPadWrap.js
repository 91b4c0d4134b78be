// @ts-check
/**
 * Presentational: the end of work (B7). In Wrap (Auto): the countdown to the wrap's end, Ready
 * now (`wrapend`) and, where the account allows it, Extend wrap once (`wrapextend`). In Logging the call (or while logs are pending): per released interaction a
 * disposition, notes and Save (`logsave` { interactionId, disposition, notes }). While the
 * connection is not confirmed (`unconfirmed`) Ready now and Save are disabled with the reason (a
 * Save would file the Task and then fail), and the countdown is not shown as live.
 */
import { LightningElement, api } from 'lwc';
import WRAP_AUTO from '@salesforce/label/c.ContactPad_WrapAuto';
import WRAP_ENDS_IN from '@salesforce/label/c.ContactPad_WrapEndsIn';
import END_WRAP from '@salesforce/label/c.ContactPad_EndWrap';
import LOGGING_THE_CALL from '@salesforce/label/c.ContactPad_LoggingTheCall';
import LOG_THIS_CALL from '@salesforce/label/c.ContactPad_LogThisCall';
import DISPOSITION from '@salesforce/label/c.ContactPad_Disposition';
import NOTES from '@salesforce/label/c.ContactPad_Notes';
import SAVE from '@salesforce/label/c.ContactPad_Save';
import { channelLabel, customerText, format, unconfirmedText } from 'c/contactPadText';
import { agentRefusalOf } from 'c/contactPadCore';
import { AGENT_ACTION_LABELS, REFUSAL_LABELS } from 'c/contactPadLabels';
import { MAX_NOTES_LENGTH, countdown, dispositionOptions, logDetail, notesError } from './wrapView';

/** @import { Agent, Settings, Unconfirmed } from 'c/contactPadCore' */

/**
 * What the agent has typed for one log.
 * @typedef {{ disposition?: string, notes?: string, error?: string | null }} Draft
 */

/**
 * The part of a lightning-textarea the notes check uses.
 * @typedef {HTMLElement & { setCustomValidity(message: string): void, reportValidity(): boolean }} ValidatedField
 */

/**
 * An element of one log's form: the template sets its data-id to the log's interaction id.
 * @typedef {HTMLElement & { dataset: { id: string } }} LogElement
 */

/**
 * A lightning-combobox or lightning-textarea change: the value in `detail`, the field as target.
 * @typedef {CustomEvent<{ value?: string } | null> & { target: LogElement & { value?: string } }} FieldChange
 */

/** The element that says why the commands wait for the connection. */
const UNCONFIRMED_ID = 'wrap-unconfirmed';

export default class ContactPadWrap extends LightningElement {
  /**
   * The agent (or null): the store's readonly value.
   * @type {Agent | null}
   */
  @api agent = null;
  /**
   * The account's dispositions (settings.dispositions).
   * @type {readonly string[]}
   */
  @api dispositions = [];
  /**
   * The clock the container ticks, in ms, for the wrap countdown; Date.now() when not given.
   * @type {number | undefined}
   */
  @api now;
  /**
   * The adapter's `unconfirmed` reason (reconnecting...), or null while confirmed.
   * @type {Unconfirmed | null}
   */
  @api unconfirmed = null;
  /**
   * The account's settings: whether Wrap (Auto) may be extended.
   * @type {Settings | null}
   */
  @api settings = null;

  /**
   * What the agent has typed, per interaction id: { disposition, notes, error }.
   * @type {Readonly<Record<string, Draft>>}
   */
  drafts = {};

  labels = {
    wrapAuto: WRAP_AUTO,
    endWrap: END_WRAP,
    loggingTheCall: LOGGING_THE_CALL,
    disposition: DISPOSITION,
    notes: NOTES,
    save: SAVE,
    extendWrap: AGENT_ACTION_LABELS['extend-wrap'],
  };

  maxNotesLength = MAX_NOTES_LENGTH;
  unconfirmedId = UNCONFIRMED_ID;

  get isWrapAuto() {
    return this.agent?.state === 'wrap-auto';
  }

  get hasWrapEnd() {
    if (this.unconfirmed) return false;
    return this.agent?.wrapEndsAt !== null && this.agent?.wrapEndsAt !== undefined;
  }

  get disabled() {
    return Boolean(this.unconfirmed);
  }

  /** Why Ready now and Save are disabled; '' while confirmed. */
  get unconfirmedReason() {
    return this.isWrapAuto || this.isLogging ? unconfirmedText(this.unconfirmed) : '';
  }

  /** Points a command at the reason it is disabled. */
  get endWrapDescribedBy() {
    return this.disabled ? UNCONFIRMED_ID : null;
  }

  get wrapEndsIn() {
    const now = this.now ?? Date.now();
    return format(WRAP_ENDS_IN, countdown(this.agent?.wrapEndsAt, now));
  }

  /**
   * Extend wrap (the catalogue's extend-wrap): shown where the account allows it, disabled with
   * its reason once used; null when not shown.
   */
  get extend() {
    if (!this.agent || !this.settings || this.settings.wrapExtensionSeconds === 0) return null;
    const refusal = agentRefusalOf('extend-wrap', this.agent, this.settings);
    if (refusal !== null && refusal !== 'wrap-extended') return null;
    const disabled = refusal !== null || this.disabled;
    return {
      disabled,
      reason: refusal === null ? null : REFUSAL_LABELS[refusal],
      describedBy: this.disabled ? UNCONFIRMED_ID : refusal === null ? null : 'extend-reason',
    };
  }

  handleWrapExtend() {
    if (this.extend && !this.extend.disabled) this.dispatchEvent(new CustomEvent('wrapextend'));
  }

  get isLogging() {
    return this.agent?.state === 'logging-call' || this.logs.length > 0;
  }

  get options() {
    return dispositionOptions(this.dispositions);
  }

  get logs() {
    return (this.agent?.pendingLogs ?? []).map((log) => {
      const draft = this.drafts[log.interactionId] ?? {};
      return {
        interactionId: log.interactionId,
        legendId: `log-${log.interactionId}`,
        saveDescribedBy: this.disabled
          ? `log-${log.interactionId} ${UNCONFIRMED_ID}`
          : `log-${log.interactionId}`,
        title: LOG_THIS_CALL,
        customer: customerText(log.customer),
        channel: channelLabel(log.channel),
        disposition: draft.disposition ?? '',
        notes: draft.notes ?? '',
      };
    });
  }

  handleWrapEnd() {
    if (this.disabled) return;
    this.dispatchEvent(new CustomEvent('wrapend', { detail: null }));
  }

  /** @param {FieldChange} event */
  handleDispositionChange(event) {
    this.update(event.target.dataset.id, { disposition: event.detail?.value ?? '' });
  }

  /** @param {FieldChange} event */
  handleNotesChange(event) {
    const notes = event.detail?.value ?? event.target.value ?? '';
    const id = event.target.dataset.id;
    const hadError = Boolean(this.drafts[id]?.error);
    const error = hadError ? notesError(notes) : null;
    this.update(id, { notes, error });
    if (hadError) this.report(id, error);
  }

  /** @param {MouseEvent & { currentTarget: LogElement }} event */
  handleSave(event) {
    if (this.disabled) return;
    const id = event.currentTarget.dataset.id;
    const draft = this.drafts[id] ?? {};
    const error = notesError(draft.notes);
    this.update(id, { error });
    this.report(id, error);
    if (error) return;
    this.dispatchEvent(
      new CustomEvent('logsave', {
        detail: logDetail(id, draft.disposition, draft.notes, this.dispositions),
      }),
    );
  }

  /**
   * @param {string} id
   * @param {Draft} changes
   */
  update(id, changes) {
    if (!id) return;
    this.drafts = { ...this.drafts, [id]: { ...this.drafts[id], ...changes } };
  }

  /**
   * Shows (or clears) the field error on the notes of one log: lightning-textarea shows it.
   * @param {string} id
   * @param {string | null | undefined} error
   */
  report(id, error) {
    /** @type {NodeListOf<ValidatedField>} */
    const fields = /** @type {ShadowRoot} */ (this.template).querySelectorAll('lightning-textarea');
    const textarea = [...fields].find((element) => element.dataset.id === id);
    if (!textarea) return;
    textarea.setCustomValidity(error ?? '');
    textarea.reportValidity();
  }
}
