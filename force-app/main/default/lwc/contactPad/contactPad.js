// @ts-check
/**
 * Container: ContactPad in the console's utility bar. It owns the adapter (the connection to the
 * routing service, with the agent token from Apex: ./session), the record opener (the Open CTI
 * bridge over the agent's routing session, else the Workspace API and Apex: ./recordOpener),
 * the utility item's label and panel (./utilityItem), and the `now` clock. It copies the adapter's
 * state into fields for the presentational children on each adapter event (./adapterState; what
 * they show is derived by ./padView) and turns their events into commands (./commands); every
 * failure is shown in the alert region, nothing is thrown. No business rule lives here: they come from c/contactPadCore.
 */
import { LightningElement, wire } from 'lwc';
import { EnclosingUtilityId } from 'lightning/platformUtilityBarApi';
import getSession from '@salesforce/apex/ContactPadSessionController.getSession';
import { PadCommands, describeError } from './commands';
import { directoryModes, faceOf, templateOf } from './padView';
import { RecordOpenerLink } from './recordOpener';
import { adapterFor } from './session';
import { followAdapter } from './adapterState';
import { UtilityItem } from './utilityItem';
import { DirectoryDialog } from './directoryDialog';
import { CaseOwnership } from './caseOwner';

import DIAL from '@salesforce/label/c.ContactPad_Dial';
import DISMISS from '@salesforce/label/c.ContactPad_Dismiss';

/**
 * @import { ActionSet, Agent, ConnectionState, Consult, ContactPadAdapter, Directory, Interaction, ListingMode, LostReport, Settings, Unconfirmed } from 'c/contactPadCore'
 */
/** @import { Alert } from './commands' */

export default class ContactPad extends LightningElement {
  // State copied from adapter.store for the template (references, never changed here).
  /** @type {ConnectionState} */
  connectionState = { status: 'idle' };
  /**
   * Why the state shown is not confirmed (the adapter's `unconfirmed`); null once welcomed.
   * @type {Unconfirmed | null}
   */
  unconfirmed = null;
  /**
   * What a refused resume lost (the adapter's lost report), until dismissed.
   * @type {LostReport | null}
   */
  lost = null;
  /** @type {Agent | null} */
  agent = null;
  /** @type {Settings | null} */
  settings = null;
  /** @type {readonly Interaction[]} */
  interactions = [];
  /** @type {string | null} */
  currentId = null;
  /** @type {Interaction | null} */
  current = null;
  /** @type {ActionSet | null} */
  actions = null;
  /** @type {readonly Consult[]} */
  consults = [];
  /** @type {Directory | null} */
  directory = null;
  directoryVersion = 0;
  now = Date.now();

  // The directory dialog.
  directoryOpen = false;
  /** @type {ListingMode} */
  directoryMode = 'consult';
  /** @type {ListingMode[]} */
  directoryModes = ['consult'];

  /**
   * The last failure: { code, text }.
   * @type {Alert | null}
   */
  error = null;

  // Labels the template reads.
  dialLabel = DIAL;
  dismissLabel = DISMISS;

  /** @type {ContactPadAdapter | null} */
  adapter = null;
  /**
   * The record opener and the bridge's link (a RecordOpenerLink), from startAdapter.
   * @type {RecordOpenerLink | null}
   */
  link = null;
  /** @type {number | null} */
  clock = null;
  disposed = false;
  /** @type {(() => void)[]} */
  unsubscribers = [];
  utilityItem = new UtilityItem();
  /** Routed Cases: the agent becomes the owner, the status follows the setting on release. */
  cases = new CaseOwnership((error, code) => this.commands.fail(null, error, code));
  dialog = new DirectoryDialog({
    adapter: () => this.adapter,
    choose: (mode, target) => this.commands.choose(mode, target, this.currentId),
    modeChanged: (mode) => {
      this.directoryMode = mode;
    },
    focusCancel: () => Boolean(this.child('c-contact-pad-consult')?.focusCancel()),
    focusList: () => this.child('c-contact-pad-interaction-list')?.focusCurrent(),
  });
  commands = new PadCommands({
    adapter: () => this.adapter,
    opener: () => this.link?.ready ?? null,
    disposed: () => this.disposed,
    alert: (alert) => {
      this.error = alert;
    },
  });

  /** @param {string | undefined} utilityId */
  @wire(EnclosingUtilityId)
  wiredUtilityId(utilityId) {
    this.utilityItem.setUtilityId(utilityId);
    this.updateUtilityItem();
  }

  connectedCallback() {
    this.disposed = false;
    this.now = Date.now();
    // The one clock the children's elapsed times and countdowns read.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.clock = setInterval(() => {
      this.now = Date.now();
    }, 1000);
    this.startAdapter();
  }

  disconnectedCallback() {
    this.disposed = true;
    clearInterval(this.clock ?? undefined);
    this.clock = null;
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers = [];
    if (this.adapter !== null) this.adapter.disconnect();
    this.adapter = null;
    this.link?.dispose();
    this.commands.forgetDirectory();
  }

  // ---------------------------------------------------------------------------------------
  // Start-up

  /**
   * The bridge if one announces in time, else the Workspace API and Apex (./recordOpener); the
   * bridge's messages ride on the adapter's session.
   * @param {ContactPadAdapter} adapter
   */
  startRecordOpener(adapter) {
    this.link = new RecordOpenerLink(adapter, {
      ready: () => this.sendPanel(),
      announce: () => {
        // A bridge that came up late: let it label its softphone item too.
        this.utilityItem.forgetPanel();
        Promise.resolve().then(() => this.sendPanel());
      },
      dial: (number, record) => this.commands.dial(number, record),
    });
  }

  /** Gets the routing URL and a first token from Apex, then connects. */
  async startAdapter() {
    this.connectionState = { status: 'connecting', attempt: 0 };
    let adapter;
    try {
      const session = await getSession();
      if (this.disposed) return;
      adapter = adapterFor(session);
    } catch (error) {
      if (this.disposed) return;
      const { message } = describeError(error, 'session-failed');
      this.connectionState = { status: 'failed', reason: message, code: null };
      this.commands.fail('connect', error, 'session-failed');
      return;
    }
    this.adapter = adapter;
    this.startRecordOpener(adapter);
    this.unsubscribers.push(...followAdapter(this, adapter));
    this.connectionState = adapter.connectionState;
    this.unconfirmed = adapter.unconfirmed;
    adapter.connect();
  }

  // ---------------------------------------------------------------------------------------
  // The utility item and the bridge's softphone item

  /** What both items show now: { presence, count, icon }. */
  face() {
    return faceOf(this.agent, this.connectionState, this.interactions);
  }

  updateUtilityItem() {
    this.utilityItem.label(this.face());
    this.sendPanel();
  }

  /** The softphone item is the bridge's: labelled only when the bridge is the record opener. */
  sendPanel() {
    if (this.link?.viaBridge) this.utilityItem.publishPanel(this.link, this.face());
  }

  openUtility() {
    this.utilityItem.open().catch((error) => this.commands.fail(null, error, 'utility-failed'));
  }

  // ---------------------------------------------------------------------------------------
  // Child events -> commands

  handleDismissError() {
    this.error = null;
  }

  handleLostDismiss() {
    this.commands.dismissLost();
  }

  handleRetry() {
    this.error = null;
    if (this.adapter === null) {
      this.startAdapter();
      return;
    }
    this.commands.retry();
  }

  /** @param {CustomEvent<{ state: 'ready' | 'away' | 'logged-out', reason?: string | null }>} event */
  handlePresenceChange(event) {
    this.commands.presence(event.detail.state, event.detail.reason ?? null);
  }

  /** @param {CustomEvent<{ next: import('c/contactPadCore').NextState | null }>} event */
  handleNextChange(event) {
    this.commands.chooseNext(event.detail.next);
  }

  handleWrapExtend() {
    this.commands.extendWrap();
  }

  /** @param {CustomEvent<{ interactionId: string }>} event */
  handleSelect(event) {
    this.commands.select(event.detail.interactionId);
  }

  /** @param {CustomEvent<{ action: import('c/contactPadCore').Action, digits?: string }>} event */
  handleAction(event) {
    const { action, digits } = event.detail;
    const id = /** @type {string} */ (this.currentId);
    if (action === 'consult' || action === 'transfer') {
      this.openDirectory(action, directoryModes(action, this.actions));
    } else if (digits !== undefined) {
      this.commands.sendDigits(id, digits);
    } else {
      this.commands.direct(action, id);
    }
  }

  /** Dialling with nothing current: the directory in consult mode, a number to dial. */
  handleDial() {
    this.openDirectory('consult', ['consult']);
  }

  /**
   * @param {ListingMode} mode
   * @param {ListingMode[]} modes
   */
  openDirectory(mode, modes) {
    if (this.directoryOpen) return;
    this.directoryMode = mode;
    this.directoryModes = modes;
    this.directoryOpen = true;
    this.subscribeDirectory();
    const kind = this.current?.kind ?? 'live';
    const features = this.settings?.features ?? null;
    this.dialog
      .open({ mode, modes, kind, features, agentId: this.agent?.id ?? null })
      .finally(() => {
        this.directoryOpen = false;
      });
  }

  subscribeDirectory() {
    if (this.commands.subscribeDirectory()) {
      this.directory = /** @type {ContactPadAdapter} */ (this.adapter).store.directory;
    }
  }

  /** @param {CustomEvent<{ action: import('c/contactPadCore').ConsultAction, consultId: string }>} event */
  handleConsultAction(event) {
    this.commands.answerConsult(event.detail.action, event.detail.consultId);
  }

  /** @param {CustomEvent<{ action: import('c/contactPadCore').Action, interactionId: string, reason: string | null }>} event */
  handleOfferAction(event) {
    const { action, interactionId, reason } = event.detail;
    this.commands.answerOffer(action, interactionId, reason);
  }

  /** @param {CustomEvent<{ consultId: string }>} event */
  handleConsultDismiss(event) {
    this.commands.dismissConsult(event.detail.consultId);
  }

  /**
   * Logging the call (B7): the Task, then the log (see PadCommands.saveLog).
   * @param {CustomEvent<{ interactionId: string, disposition: string | null, notes: string }>} event
   */
  handleLogSave(event) {
    this.commands.saveLog(event.detail, this.agent?.pendingLogs);
  }

  handleWrapEnd() {
    this.commands.wrapEnd();
  }

  // ---------------------------------------------------------------------------------------
  // Template

  get view() {
    return templateOf(this);
  }

  /**
   * A child component's element, when it shows.
   * @param {string} selector
   * @returns {any}
   */
  child(selector) {
    return /** @type {ShadowRoot} */ (this.template).querySelector(selector);
  }
}
