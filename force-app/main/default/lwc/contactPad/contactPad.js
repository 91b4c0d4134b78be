/**
 * Container: ContactPad in the console's utility bar. It owns the adapter (the connection to the
 * routing service, with the agent token from Apex), the record opener (the Open CTI bridge over the
 * ContactPad__c message channel, else the Workspace API and Apex), the utility item's label and
 * panel, and the `now` clock. It copies the adapter's state into fields for the presentational
 * children and turns their events into adapter commands; every failure is shown in the alert
 * region, nothing is thrown. No business rule lives here: they come from c/contactPadCore.
 */
import { LightningElement, wire } from 'lwc';
import { channelLabel, customerText, format } from 'c/contactPadText';
import { MessageContext } from 'lightning/messageService';
import { EnclosingUtilityId, open, updateUtility } from 'lightning/platformUtilityBarApi';
import { getFocusedTabInfo, openTab } from 'lightning/platformWorkspaceApi';
import getSession from '@salesforce/apex/ContactPadSessionController.getSession';
import saveCallLog from '@salesforce/apex/ContactPadSessionController.saveCallLog';
import {
  BRIDGE_PROTOCOL_VERSION,
  ContactPadAdapter,
  WorkspaceRecordOpener,
  browserSocket,
  callLogOf,
  hasRecordToOpen,
  checkBridgeMessage,
  chooseRecordOpener,
  offersSwitch,
  parseBridgeMessage,
  requestIdFactory,
} from 'c/contactPadCore';
import { createLmsBus } from './lmsBus';

import READY from '@salesforce/label/c.ContactPad_Ready';
import BUSY from '@salesforce/label/c.ContactPad_Busy';
import AWAY from '@salesforce/label/c.ContactPad_Away';
import WRAP_AUTO from '@salesforce/label/c.ContactPad_WrapAuto';
import LOGGING_THE_CALL from '@salesforce/label/c.ContactPad_LoggingTheCall';
import LOGGED_OUT from '@salesforce/label/c.ContactPad_LoggedOut';
import NOT_CONNECTED from '@salesforce/label/c.ContactPad_NotConnected';
import RELEASE from '@salesforce/label/c.ContactPad_Release';
import HOLD from '@salesforce/label/c.ContactPad_Hold';
import RETRIEVE from '@salesforce/label/c.ContactPad_Retrieve';
import CONSULT from '@salesforce/label/c.ContactPad_Consult';
import TRANSFER from '@salesforce/label/c.ContactPad_Transfer';
import ABANDON from '@salesforce/label/c.ContactPad_Abandon';
import DIAL from '@salesforce/label/c.ContactPad_Dial';
import ACCEPT from '@salesforce/label/c.ContactPad_Accept';
import DECLINE from '@salesforce/label/c.ContactPad_Decline';
import CANCEL from '@salesforce/label/c.ContactPad_Cancel';
import SAVE from '@salesforce/label/c.ContactPad_Save';
import DISMISS from '@salesforce/label/c.ContactPad_Dismiss';
import RETRY from '@salesforce/label/c.ContactPad_Retry';
import COMPLETE_TRANSFER from '@salesforce/label/c.ContactPad_CompleteTransfer';
import CHANGE_PRESENCE from '@salesforce/label/c.ContactPad_ChangePresence';
import END_WRAP from '@salesforce/label/c.ContactPad_EndWrap';
import DIRECTORY from '@salesforce/label/c.ContactPad_Directory';
import INTERACTIONS from '@salesforce/label/c.ContactPad_Interactions';
import NO_INTERACTIONS from '@salesforce/label/c.ContactPad_NoInteractions';
import ACTION_FAILED from '@salesforce/label/c.ContactPad_ActionFailed';
import RECORD_NOT_OPENED from '@salesforce/label/c.ContactPad_RecordNotOpened';
import UTILITY_LABEL from '@salesforce/label/c.ContactPad_UtilityLabel';
import UTILITY_LABEL_IDLE from '@salesforce/label/c.ContactPad_UtilityLabelIdle';
import LOG_SUBJECT from '@salesforce/label/c.ContactPad_LogSubject';
import CONNECT from '@salesforce/label/c.ContactPad_Connect';

/** How long to wait for the Open CTI bridge to announce itself before using the Workspace API. */
const BRIDGE_WAIT_MS = 1500;
/** A token this close to its expiry is not used for a new connection. */
const TOKEN_MARGIN_MS = 5000;

const STATE_LABELS = {
  ready: READY,
  busy: BUSY,
  away: AWAY,
  'wrap-auto': WRAP_AUTO,
  'logging-call': LOGGING_THE_CALL,
  'logged-out': LOGGED_OUT,
};

/** The name of each command, for "{0} failed: {1}". */
const COMMAND_LABELS = {
  release: RELEASE,
  hold: HOLD,
  retrieve: RETRIEVE,
  abandon: ABANDON,
  consult: CONSULT,
  transfer: TRANSFER,
  dial: DIAL,
  presence: CHANGE_PRESENCE,
  select: INTERACTIONS,
  consultcancel: CANCEL,
  consultaccept: ACCEPT,
  consultdecline: DECLINE,
  consulttransfer: COMPLETE_TRANSFER,
  consultdismiss: DISMISS,
  logsave: SAVE,
  wrapend: END_WRAP,
  lostdismiss: DISMISS,
  retry: RETRY,
  directory: DIRECTORY,
  connect: CONNECT,
};

const DIRECT_ACTIONS = ['release', 'hold', 'retrieve', 'abandon'];

/** Reads a code and a message off anything a promise rejected with (ProtocolError, BridgeError, Apex). */
function describeError(error, fallbackCode) {
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

function expiryOf(value) {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

export default class ContactPad extends LightningElement {
  @wire(MessageContext) messageContext;

  /** The utility item's id, from the EnclosingUtilityId wire (undefined outside a utility bar). */
  utilityId;

  // State copied from adapter.store for the template (references, never changed here).
  connectionState = { status: 'idle' };
  /** Why the state shown is not confirmed (the adapter's `unconfirmed`); null once welcomed. */
  unconfirmed = null;
  /** What a refused resume lost (the adapter's lost report), until dismissed. */
  lost = null;
  agent = null;
  settings = null;
  interactions = [];
  currentId = null;
  current = null;
  actions = null;
  consults = [];
  directory = null;
  directoryVersion = 0;
  now = Date.now();

  // The directory dialog.
  directoryOpen = false;
  directoryMode = 'consult';
  directoryModes = ['consult'];

  /** The last failure: { code, text }. */
  error = null;

  adapter = null;
  opener = null;
  openerReady = null;
  bus = null;
  clock = null;
  disposed = false;
  directorySubscribed = false;
  firstSession = null;
  unsubscribers = [];
  /** Records a search popped for interactions that had none, so their Task lands on them. */
  openedRecords = new Map();
  lastUtilityKey = null;
  lastPanelKey = null;
  newRequestId = requestIdFactory('cp-panel');
  /** What the pending logs do not carry, remembered while the interactions were assigned. */

  @wire(EnclosingUtilityId)
  wiredUtilityId(utilityId) {
    this.utilityId = typeof utilityId === 'string' && utilityId !== '' ? utilityId : undefined;
    this.lastUtilityKey = null;
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
    this.startRecordOpener();
    this.startAdapter();
  }

  disconnectedCallback() {
    this.disposed = true;
    clearInterval(this.clock);
    this.clock = null;
    for (const unsubscribe of this.unsubscribers) unsubscribe();
    this.unsubscribers = [];
    if (this.adapter !== null) this.adapter.disconnect();
    this.adapter = null;
    if (this.opener !== null) this.opener.dispose();
    this.opener = null;
    if (this.bus !== null) this.bus.dispose();
    this.bus = null;
    this.directorySubscribed = false;
  }

  // ---------------------------------------------------------------------------------------
  // Start-up

  /** The bridge if one announces within BRIDGE_WAIT_MS, else the Workspace API and Apex. */
  startRecordOpener() {
    const bus = createLmsBus(this.messageContext);
    this.bus = bus;
    const workspace = new WorkspaceRecordOpener(
      { openTab, getFocusedTabInfo },
      { saveLog: (call) => saveCallLog({ callLogJson: JSON.stringify(call) }) },
    );
    this.openerReady = chooseRecordOpener(bus, workspace, { waitMs: BRIDGE_WAIT_MS }).then(
      (opener) => {
        if (this.disposed || this.bus !== bus) {
          opener.dispose();
          return null;
        }
        this.opener = opener;
        this.sendPanel();
        return opener;
      },
    );
    this.unsubscribers.push(bus.subscribe((value) => this.handleBridgeMessage(value)));
  }

  /** Gets the routing URL and a first token from Apex, then connects. */
  async startAdapter() {
    this.connectionState = { status: 'connecting', attempt: 0 };
    let session;
    try {
      session = await getSession();
    } catch (error) {
      if (this.disposed) return;
      const { message } = describeError(error, 'session-failed');
      this.connectionState = { status: 'failed', reason: message, code: null };
      this.showError('connect', error, 'session-failed');
      return;
    }
    if (this.disposed) return;
    this.firstSession = session;
    let adapter;
    try {
      adapter = new ContactPadAdapter({
        url: session.routingUrl,
        token: () => this.nextToken(),
        socket: browserSocket(WebSocket),
        timers: {
          // eslint-disable-next-line @lwc/lwc/no-async-operation
          setTimeout: (run, ms) => setTimeout(run, ms),
          clearTimeout: (handle) => clearTimeout(handle),
          now: () => Date.now(),
        },
      });
    } catch (error) {
      const { message } = describeError(error, 'session-failed');
      this.connectionState = { status: 'failed', reason: message, code: null };
      this.showError('connect', error, 'session-failed');
      return;
    }
    this.adapter = adapter;
    this.listen(adapter);
    this.connectionState = adapter.connectionState;
    this.unconfirmed = adapter.unconfirmed;
    adapter.connect();
  }

  /** The token for a new connection: the one fetched at start once, then a fresh one each time. */
  async nextToken() {
    const first = this.firstSession;
    this.firstSession = null;
    if (first !== null) {
      const expiresAt = expiryOf(first.expiresAt);
      if (expiresAt === null || expiresAt - Date.now() > TOKEN_MARGIN_MS) return first.token;
    }
    const session = await getSession();
    return session.token;
  }

  listen(adapter) {
    const on = (name, handler) => this.unsubscribers.push(adapter.on(name, handler));
    on('statereset', () => this.handleStateReset());
    on('agentchange', () => {
      this.agent = adapter.store.agent;
      this.updateUtilityItem();
    });
    on('settingschange', () => {
      this.settings = adapter.store.settings;
      this.refreshActions();
    });
    on('interactionadd', (event) => {
      this.refreshInteractions();
      const added = adapter.store.interaction(event.detail.interactionId);
      if (added?.kind === 'live') this.openUtility();
    });
    on('interactionchange', () => this.refreshInteractions());
    on('interactionremove', () => this.refreshInteractions());
    on('selectionchange', (event) => this.handleSelection(event.detail.interactionId));
    on('consultchange', () => {
      this.consults = adapter.store.consults;
      this.refreshActions();
    });
    on('directorychange', () => {
      this.directory = adapter.store.directory;
      this.directoryVersion += 1;
    });
    on('connectionchange', (event) => {
      this.connectionState = event.detail.state;
      // The actions follow: nothing may be done while the state is not confirmed.
      this.unconfirmed = adapter.unconfirmed;
      this.refreshActions();
      this.updateUtilityItem();
    });
    on('lostchange', () => {
      this.lost = adapter.lost;
    });
    on('adaptererror', (event) => this.showError(null, event.detail.error, 'error'));
  }

  // ---------------------------------------------------------------------------------------
  // Adapter events -> fields

  handleStateReset() {
    const store = this.adapter.store;
    this.agent = store.agent;
    this.settings = store.settings;
    this.consults = store.consults;
    this.directory = store.directory;
    this.directoryVersion += 1;
    // A fresh session has no directory subscription: take it again if the dialog is open.
    this.directorySubscribed = false;
    if (this.directoryOpen) this.subscribeDirectory();
    this.refreshInteractions();
  }

  refreshInteractions() {
    const store = this.adapter.store;
    this.interactions = store.interactions;
    this.currentId = store.currentId;
    this.current = this.currentId === null ? null : (store.interaction(this.currentId) ?? null);
    this.refreshActions();
    this.updateUtilityItem();
  }

  refreshActions() {
    if (this.adapter === null || this.currentId === null) {
      this.actions = null;
      return;
    }
    try {
      this.actions = this.adapter.actions(this.currentId);
    } catch {
      this.actions = null;
    }
  }

  /** B4: the current interaction changed; open (or focus) its record's tab. */
  async handleSelection(interactionId) {
    this.refreshInteractions();
    if (interactionId === null) return;
    const interaction = this.adapter.store.interaction(interactionId);
    // A consult call has no record and nothing to search on: nothing to open.
    if (interaction === undefined || !hasRecordToOpen(interaction)) return;
    try {
      const opener = await this.openerReady;
      if (opener === null || this.disposed) return;
      const opened = await opener.open(interaction);
      if (opened?.recordId) this.openedRecords.set(interactionId, opened.recordId);
    } catch (error) {
      const { code, message } = describeError(error, 'workspace-failed');
      this.error = { code, text: format(RECORD_NOT_OPENED, message) };
    }
  }

  /** Click-to-dial from the bridge; other bridge messages are the record opener's business. */
  handleBridgeMessage(value) {
    const parsed = parseBridgeMessage(value, 'bridge');
    if (!parsed.ok) return;
    const message = parsed.message;
    if (message.type === 'announce') {
      // A bridge that came up late: let it label its softphone item too.
      this.lastPanelKey = null;
      Promise.resolve().then(() => this.sendPanel());
    } else if (message.type === 'dial') {
      const record =
        message.recordId !== null && message.objectType !== null
          ? { id: message.recordId, objectType: message.objectType }
          : null;
      this.run('dial', (adapter) => adapter.dial(message.number, record));
    }
  }

  // ---------------------------------------------------------------------------------------
  // The utility item and the bridge's softphone item

  get presenceLabel() {
    if (this.agent === null) return NOT_CONNECTED;
    return STATE_LABELS[this.agent.state] ?? this.agent.state;
  }

  get utilityIcon() {
    const state = this.agent?.state;
    if (this.connectionState.status !== 'connected' || !state) return 'end_call';
    return state === 'away' || state === 'logged-out' ? 'end_call' : 'call';
  }

  updateUtilityItem() {
    const count = this.interactions.length;
    const label =
      count > 0
        ? format(UTILITY_LABEL, this.presenceLabel, count)
        : format(UTILITY_LABEL_IDLE, this.presenceLabel);
    const icon = this.utilityIcon;
    const key = `${label}|${icon}`;
    if (this.utilityId !== undefined && key !== this.lastUtilityKey) {
      this.lastUtilityKey = key;
      // Cosmetic: a utility bar that refuses an update leaves the panel working.
      updateUtility(this.utilityId, { label, icon }).catch(() => {
        this.lastUtilityKey = null;
      });
    }
    this.sendPanel();
  }

  openUtility() {
    if (this.utilityId === undefined) return;
    open(this.utilityId).catch((error) => this.showError(null, error, 'utility-failed'));
  }

  /** The `panel` message for the Open CTI softphone item, when the bridge is the opener. */
  sendPanel() {
    if (this.opener === null || this.opener.via !== 'bridge' || this.bus === null) return;
    const presence = this.presenceLabel;
    const interactions = this.interactions.length;
    const icon = this.utilityIcon;
    const key = `${presence}|${interactions}|${icon}`;
    if (key === this.lastPanelKey) return;
    this.lastPanelKey = key;
    try {
      this.bus.publish(
        checkBridgeMessage(
          {
            v: BRIDGE_PROTOCOL_VERSION,
            type: 'panel',
            requestId: this.newRequestId(),
            presence,
            interactions,
            icon,
          },
          'contactpad',
        ),
      );
    } catch {
      // A label the contract refuses (too long): the softphone item keeps its last label.
    }
  }

  // ---------------------------------------------------------------------------------------
  // Commands

  /** Runs one adapter command; a rejection or a throw becomes the alert, never an exception. */
  async run(what, command) {
    if (this.adapter === null) {
      this.showError(what, { code: 'unavailable', message: NOT_CONNECTED }, 'unavailable');
      return false;
    }
    try {
      await command(this.adapter);
      return true;
    } catch (error) {
      this.showError(what, error, 'error');
      return false;
    }
  }

  /** Shows a failure in the alert region: "{command} failed: {message}", or the message alone. */
  showError(what, error, fallbackCode) {
    const { code, message } = describeError(error, fallbackCode);
    const text =
      what === null ? message : format(ACTION_FAILED, COMMAND_LABELS[what] ?? what, message);
    this.error = { code, text };
  }

  handleDismissError() {
    this.error = null;
  }

  handleLostDismiss() {
    this.run('lostdismiss', (adapter) => adapter.dismissLost());
  }

  handleRetry() {
    this.error = null;
    if (this.adapter === null) {
      this.startAdapter();
      return;
    }
    this.run('retry', (adapter) => adapter.connect());
  }

  handlePresenceChange(event) {
    const { state } = event.detail;
    this.run('presence', (adapter) => adapter.setPresence(state));
  }

  handleSelect(event) {
    const { interactionId } = event.detail;
    this.run('select', (adapter) => adapter.select(interactionId));
  }

  handleAction(event) {
    const { action } = event.detail;
    const interactionId = this.currentId;
    if (DIRECT_ACTIONS.includes(action)) {
      this.run(action, (adapter) => adapter[action](interactionId));
    } else if (action === 'consult' || action === 'transfer') {
      const both = this.actions !== null && offersSwitch(this.actions);
      this.openDirectory(action, both ? ['consult', 'transfer'] : [action]);
    }
  }

  /** Dialling with nothing current: the directory in consult mode, a number to dial. */
  handleDial() {
    this.openDirectory('consult', ['consult']);
  }

  openDirectory(mode, modes) {
    this.directoryMode = mode;
    this.directoryModes = modes;
    this.directoryOpen = true;
    this.subscribeDirectory();
  }

  subscribeDirectory() {
    if (this.directorySubscribed || this.adapter === null) return;
    this.directorySubscribed = true;
    this.directory = this.adapter.store.directory;
    this.run('directory', (adapter) => adapter.subscribeDirectory()).then((ok) => {
      if (!ok) this.directorySubscribed = false;
    });
  }

  handleDirectoryModeChange(event) {
    this.directoryMode = event.detail.mode;
  }

  handleDirectoryClose() {
    this.directoryOpen = false;
  }

  handleDirectoryChoose(event) {
    const { mode, target } = event.detail;
    const interactionId = this.currentId;
    this.directoryOpen = false;
    if (interactionId === null) {
      if (target?.type === 'number') {
        this.run('dial', (adapter) => adapter.dial(target.number, null));
      } else {
        this.showError(mode, { code: 'not-found', message: NO_INTERACTIONS }, 'not-found');
      }
      return;
    }
    if (mode === 'transfer') {
      this.run('transfer', (adapter) => adapter.transfer(interactionId, target));
    } else {
      this.run('consult', (adapter) => adapter.consult(interactionId, target));
    }
  }

  handleConsultCancel(event) {
    const { consultId } = event.detail;
    this.run('consultcancel', (adapter) => adapter.cancelConsult(consultId));
  }

  handleConsultAccept(event) {
    const { consultId } = event.detail;
    this.run('consultaccept', (adapter) => adapter.acceptConsult(consultId));
  }

  handleConsultDecline(event) {
    const { consultId } = event.detail;
    this.run('consultdecline', (adapter) => adapter.declineConsult(consultId));
  }

  handleConsultTransfer(event) {
    const { consultId } = event.detail;
    this.run('consulttransfer', (adapter) => adapter.completeTransfer(consultId));
  }

  handleConsultDismiss(event) {
    const { consultId } = event.detail;
    this.run('consultdismiss', (adapter) => adapter.dismissConsult(consultId));
  }

  /**
   * Logging the call (B7): saves the Task first (through the bridge or Apex), then submits the
   * log to the routing service. A failed save leaves the log pending, so Save can be tried again
   * without a second Task.
   */
  async handleLogSave(event) {
    const { interactionId, disposition, notes } = event.detail;
    const pending = this.agent?.pendingLogs?.find((log) => log.interactionId === interactionId);
    if (pending !== undefined) {
      try {
        const opener = await this.openerReady;
        if (opener === null) return;
        const subject = format(
          LOG_SUBJECT,
          channelLabel(pending.channel),
          customerText(pending.customer),
        );
        const openedRecordId = this.openedRecords.get(interactionId) ?? null;
        await opener.log(
          callLogOf(pending, subject, disposition || null, notes ?? '', openedRecordId),
        );
      } catch (error) {
        this.showError('logsave', error, 'save-failed');
        return;
      }
    }
    const ok = await this.run('logsave', (adapter) =>
      adapter.submitLog(interactionId, disposition || null, notes ?? ''),
    );
    if (ok) this.openedRecords.delete(interactionId);
  }

  handleWrapEnd() {
    this.run('wrapend', (adapter) => adapter.setPresence('ready'));
  }

  // ---------------------------------------------------------------------------------------
  // Template

  get hasAgent() {
    return this.agent !== null;
  }

  get multiInteraction() {
    return this.settings?.features?.multiInteraction !== false;
  }

  /** The signed-in agent, whom the directory never offers as a target. */
  get agentId() {
    return this.agent?.id ?? null;
  }

  get features() {
    return this.settings?.features ?? null;
  }

  get dispositions() {
    return this.settings?.dispositions ?? [];
  }

  /** The live interactions: Complete transfer applies to consults about these only. */
  get liveInteractionIds() {
    return this.interactions
      .filter((interaction) => interaction.kind === 'live')
      .map((interaction) => interaction.id);
  }

  get hasConsults() {
    return this.consults.length > 0;
  }

  /** Wrap (Auto) with its Ready now, or Logging the call, or logs still owed while busy. */
  get showWrap() {
    const agent = this.agent;
    if (agent === null || agent === undefined) return false;
    return (
      agent.state === 'wrap-auto' ||
      agent.state === 'logging-call' ||
      (agent.pendingLogs?.length ?? 0) > 0
    );
  }

  get hasActions() {
    return this.current !== null && this.actions !== null;
  }

  /** Click-to-dial from the panel when no interaction is current. */
  get canDial() {
    return this.current === null && this.connectionState.status === 'connected';
  }

  get directoryKind() {
    return this.current?.kind ?? 'live';
  }

  get dialLabel() {
    return DIAL;
  }

  get dismissLabel() {
    return DISMISS;
  }
}
