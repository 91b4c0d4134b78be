// @ts-check
/**
 * What ContactPad's child events do, apart from the component (a plain class, no template): each
 * adapter command (release, hold, retrieve, abandon, consult, transfer, keypad digits, dial, presence, the consult
 * answers, wrap...), opening the selected interaction's record and saving its call log through the
 * record opener. Every failure becomes the alert `{ code, text }` handed to the host, never an
 * exception, so a handler can fire and forget.
 */
import { channelLabel, customerText, errorDetail, errorSentence, format } from 'c/contactPadText';
import { ACTIONS, CONSULT_ACTION_NAMES, INTERACTION_ACTIONS, callLogOf } from 'c/contactPadCore';
import { ACTION_LABELS, AGENT_ACTION_LABELS, CONSULT_ACTION_LABELS } from 'c/contactPadLabels';

import DIAL from '@salesforce/label/c.ContactPad_Dial';
import SAVE from '@salesforce/label/c.ContactPad_Save';
import DISMISS from '@salesforce/label/c.ContactPad_Dismiss';
import RETRY from '@salesforce/label/c.ContactPad_Retry';
import CHANGE_PRESENCE from '@salesforce/label/c.ContactPad_ChangePresence';
import END_WRAP from '@salesforce/label/c.ContactPad_EndWrap';
import DIRECTORY from '@salesforce/label/c.ContactPad_Directory';
import INTERACTIONS from '@salesforce/label/c.ContactPad_Interactions';
import NO_INTERACTIONS from '@salesforce/label/c.ContactPad_NoInteractions';
import NOT_CONNECTED from '@salesforce/label/c.ContactPad_NotConnected';
import ACTION_FAILED from '@salesforce/label/c.ContactPad_ActionFailed';
import RECORD_NOT_OPENED from '@salesforce/label/c.ContactPad_RecordNotOpened';
import LOG_SUBJECT from '@salesforce/label/c.ContactPad_LogSubject';
import CONNECT from '@salesforce/label/c.ContactPad_Connect';

/**
 * @import { Action, Agent, ConsultAction, ContactPadAdapter, ChosenRecordOpener, Interaction, ListingMode, RecordRef, Target } from 'c/contactPadCore'
 */

/**
 * A failure as the alert region shows it: the text in words, the code for support in `detail`.
 * @typedef {{ code: string, text: string, detail: string }} Alert
 */

/**
 * What the commands read of the component at the time they run (see PadCommands).
 * @typedef {object} PadHost
 * @property {() => ContactPadAdapter | null} adapter
 * @property {() => Promise<ChosenRecordOpener | null> | null} opener
 * @property {() => boolean} disposed
 * @property {(alert: Alert) => void} alert
 */

/**
 * The commands an alert can name (COMMAND_LABELS' keys).
 * @typedef {keyof typeof COMMAND_LABELS} CommandName
 */

/** The name of each command, for "{0} failed: {1}". */
const COMMAND_LABELS = {
  ...ACTION_LABELS,
  ...CONSULT_ACTION_LABELS,
  ...AGENT_ACTION_LABELS,
  dial: DIAL,
  presence: CHANGE_PRESENCE,
  select: INTERACTIONS,
  consultdismiss: DISMISS,
  logsave: SAVE,
  wrapend: END_WRAP,
  lostdismiss: DISMISS,
  retry: RETRY,
  directory: DIRECTORY,
  connect: CONNECT,
};

/**
 * The catalogue's actions that run at once on the current interaction (the others go to a target
 * picked in the directory).
 * @type {readonly Action[]}
 */
const DIRECT_ACTIONS = ACTIONS.filter((action) => INTERACTION_ACTIONS[action].input === 'none');

/**
 * A code and a message read off any rejection (ProtocolError, BridgeError, Apex).
 * @param {any} error whatever a promise rejected with: read field by field
 * @param {string} fallbackCode
 * @returns {{ code: string, message: string }}
 */
export function describeError(error, fallbackCode) {
  if (error === null || error === undefined) return { code: fallbackCode, message: '' };
  if (typeof error === 'string') return { code: fallbackCode, message: error };
  const body = Array.isArray(error.body) ? error.body[0] : error.body;
  const code =
    (typeof error.code === 'string' && error.code) ||
    (typeof body?.errorCode === 'string' && body.errorCode) ||
    fallbackCode;
  const message =
    (typeof body?.message === 'string' && body.message) ||
    (typeof error.message === 'string' && error.message) ||
    (typeof error.statusText === 'string' && error.statusText) ||
    '';
  return { code, message };
}

/**
 * The alert for a failure of command `what`: "{command} failed: {message}", or the message.
 * @param {CommandName | null} what
 * @param {unknown} error
 * @param {string} fallbackCode
 * @returns {Alert}
 */
export function alertOf(what, error, fallbackCode) {
  const { code, message } = describeError(error, fallbackCode);
  const text =
    what === null ? message : format(ACTION_FAILED, COMMAND_LABELS[what] ?? what, message);
  return { code, text: errorSentence(text), detail: errorDetail(code) };
}

export class PadCommands {
  /**
   * `host` is what the commands read of the component at the time they run: `adapter()` (the
   * adapter or null), `opener()` (the promise of the record opener, null when it was dropped),
   * `disposed()` (true once the component left the page) and `alert(alert)` (shows a failure).
   * @param {PadHost} host
   */
  constructor(host) {
    this.host = host;
    /**
     * Records a search popped for interactions that had none, so their Task lands on them.
     * @type {Map<string, string>}
     */
    this.openedRecords = new Map();
    /** The session's directory subscription is taken (or being taken): one per session. */
    this.directorySubscribed = false;
  }

  /**
   * Runs one adapter command; true when it succeeded, else the failure is alerted and false.
   * @param {CommandName} what
   * @param {(adapter: ContactPadAdapter) => unknown} command
   * @returns {Promise<boolean>}
   */
  async run(what, command) {
    const adapter = this.host.adapter();
    if (adapter === null) {
      this.fail(what, { code: 'unavailable', message: NOT_CONNECTED }, 'unavailable');
      return false;
    }
    try {
      await command(adapter);
      return true;
    } catch (error) {
      this.fail(what, error, 'error');
      return false;
    }
  }

  /**
   * Alerts a failure of command `what` (null: the message alone).
   * @param {CommandName | null} what
   * @param {unknown} error
   * @param {string} fallbackCode
   */
  fail(what, error, fallbackCode) {
    this.host.alert(alertOf(what, error, fallbackCode));
  }

  /**
   * The agent's choice of presence (Ready, Away with a reason or none, Logged out).
   * @param {Parameters<ContactPadAdapter['setPresence']>[0]} state
   * @param {string | null} [reason]
   */
  presence(state, reason = null) {
    return this.run('presence', (adapter) => adapter.setPresence(state, reason));
  }

  /**
   * What the agent becomes once their work and its wrap are over (null: Ready).
   * @param {Parameters<ContactPadAdapter['chooseNext']>[0]} next
   */
  chooseNext(next) {
    return this.run('choose-next', (adapter) => adapter.chooseNext(next));
  }

  /** Wrap (Auto) extended, once. */
  extendWrap() {
    return this.run('extend-wrap', (adapter) => adapter.extendWrap());
  }

  /**
   * Makes the interaction current (its record's tab follows through the selection event).
   * @param {string} interactionId
   */
  select(interactionId) {
    return this.run('select', (adapter) => adapter.select(interactionId));
  }

  /**
   * Release, hold, retrieve or abandon the interaction; any other action is not run from here.
   * @param {Exclude<Action, ListingMode>} action
   * @param {string} interactionId
   */
  direct(action, interactionId) {
    if (!DIRECT_ACTIONS.includes(action)) return Promise.resolve(false);
    return this.run(action, (adapter) =>
      adapter.act(/** @type {import('c/contactPadCore').DirectAction} */ (action), interactionId),
    );
  }

  /**
   * An answer to an offer: Accept, or Decline with a reason from the account's list (or null);
   * any other action is not run from here.
   * @param {Action} action
   * @param {string} interactionId
   * @param {string | null} reason
   */
  answerOffer(action, interactionId, reason) {
    if (action === 'accept')
      return this.run(action, (adapter) => adapter.act(action, interactionId));
    if (action === 'decline') {
      return this.run(action, (adapter) => adapter.act(action, interactionId, reason));
    }
    return Promise.resolve(false);
  }

  /**
   * Keypad digits to the live call (DTMF).
   * @param {string} interactionId
   * @param {string} digits
   */
  sendDigits(interactionId, digits) {
    return this.run('send-digits', (adapter) => adapter.act('send-digits', interactionId, digits));
  }

  /**
   * Dials a number, for the record it was clicked on (or null).
   * @param {string} number
   * @param {RecordRef | null} record
   */
  dial(number, record) {
    return this.run('dial', (adapter) => adapter.dial(number, record));
  }

  /**
   * The directory's choice: consult or transfer the current interaction, else dial a number.
   * @param {ListingMode} mode
   * @param {Target} target
   * @param {string | null} interactionId
   */
  choose(mode, target, interactionId) {
    if (interactionId === null) {
      if (target?.type === 'number') return this.dial(target.number, null);
      this.fail(mode, { code: 'not-found', message: NO_INTERACTIONS }, 'not-found');
      return Promise.resolve(false);
    }
    return this.run(mode, (adapter) => adapter.act(mode, interactionId, target));
  }

  /**
   * An answer to a consult from the catalogue (`consult.cancel`, `consult.accept`...); any other is
   * not run.
   * @param {ConsultAction} action
   * @param {string} consultId
   */
  answerConsult(action, consultId) {
    if (!CONSULT_ACTION_NAMES.includes(action)) return Promise.resolve(false);
    return this.run(action, (adapter) => adapter.answerConsult(action, consultId));
  }

  /**
   * Forgets an ended consult whose outcome the panel showed.
   * @param {string} consultId
   */
  dismissConsult(consultId) {
    return this.run('consultdismiss', (adapter) => adapter.dismissConsult(consultId));
  }

  /** Takes the session's directory subscription unless taken already; false if nothing was done. */
  subscribeDirectory() {
    if (this.directorySubscribed || this.host.adapter() === null) return false;
    this.directorySubscribed = true;
    this.run('directory', (adapter) => adapter.subscribeDirectory()).then((ok) => {
      // Not taken: opening the directory again tries again.
      if (!ok) this.directorySubscribed = false;
    });
    return true;
  }

  /** A new session, or none, has no directory subscription. */
  forgetDirectory() {
    this.directorySubscribed = false;
  }

  /** Ready now, ending Wrap (Auto). */
  wrapEnd() {
    return this.run('wrapend', (adapter) => adapter.setPresence('ready'));
  }

  /** Forgets what a refused resume lost (the lost notice's Dismiss). */
  dismissLost() {
    return this.run('lostdismiss', (adapter) => adapter.dismissLost());
  }

  /** Try again: a new connection on the same adapter. */
  retry() {
    return this.run('retry', (adapter) => adapter.connect());
  }

  /**
   * B4: opens (or focuses) the tab of `interaction`'s record.
   * @param {string} interactionId
   * @param {Interaction} interaction
   */
  async openRecord(interactionId, interaction) {
    try {
      const opener = await this.host.opener();
      if (opener === null || this.host.disposed()) return;
      const opened = await opener.open(interaction);
      if (opened?.recordId) this.openedRecords.set(interactionId, opened.recordId);
    } catch (error) {
      const { code, message } = describeError(error, 'workspace-failed');
      this.host.alert({
        code,
        text: errorSentence(format(RECORD_NOT_OPENED, message)),
        detail: errorDetail(code),
      });
    }
  }

  /**
   * Logging the call (B7): saves the Task first (through the bridge or Apex), then submits the
   * log to the routing service. A failed save leaves the log pending, so Save can be tried again
   * without a second Task. `pendingLogs` is the agent's (the Task is saved only for one of them).
   * @param {{ interactionId: string, disposition: string | null, notes: string }} detail
   * @param {Agent['pendingLogs'] | undefined} pendingLogs
   */
  async saveLog({ interactionId, disposition, notes }, pendingLogs) {
    const chosen = disposition || null;
    const text = notes ?? '';
    const pending = pendingLogs?.find((log) => log.interactionId === interactionId);
    if (pending !== undefined) {
      try {
        const opener = await this.host.opener();
        if (opener === null) return;
        const subject = format(
          LOG_SUBJECT,
          channelLabel(pending.channel),
          customerText(pending.customer),
        );
        const openedRecordId = this.openedRecords.get(interactionId) ?? null;
        await opener.log(callLogOf(pending, subject, chosen, text, openedRecordId));
      } catch (error) {
        this.fail('logsave', error, 'save-failed');
        return;
      }
    }
    const ok = await this.run('logsave', (adapter) =>
      adapter.submitLog(interactionId, chosen, text),
    );
    if (ok) this.openedRecords.delete(interactionId);
  }
}
