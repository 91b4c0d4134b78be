// @ts-check
/**
 * The record opener ContactPad opens tabs and saves Tasks with (a plain class, no template): the
 * Open CTI bridge if it announces itself within BRIDGE_WAIT_MS of the first connection, else the
 * Workspace API and Apex. ContactPad and the bridge (the softphone page) are two sessions of the
 * same agent, and the routing service relays the bridge's messages between them (the adapter's
 * `bridgeLink()`); no Lightning Message Channel is involved. The same link carries the bridge's
 * own requests to the panel: click-to-dial, and the announce of a bridge that came up late.
 */
import { getFocusedTabInfo, openTab } from 'lightning/platformWorkspaceApi';
import saveCallLog from '@salesforce/apex/ContactPadSessionController.saveCallLog';
import {
  WorkspaceRecordOpener,
  chooseRecordOpener,
  parseBridgeMessage,
  sayHello,
  sessionBus,
  silentLogger,
} from 'c/contactPadCore';

/** @import { ChannelMessage, ChosenRecordOpener, ContactPadAdapter, MessageBus } from 'c/contactPadCore' */

/**
 * What the link tells the panel: the opener is chosen, a bridge announced itself, the bridge's
 * click-to-dial (record: { id, objectType } or null).
 * @typedef {object} RecordOpenerEvents
 * @property {() => void} ready
 * @property {() => void} announce
 * @property {(number: string, record: { id: string, objectType: string } | null) => void} dial
 */

/** How long to wait for the Open CTI bridge to announce itself before using the Workspace API. */
const BRIDGE_WAIT_MS = 1500;

export class RecordOpenerLink {
  /**
   * Starts choosing once `adapter` first connects. `on.ready()` is called once the opener is
   * chosen, `on.announce()` when a bridge announces itself, `on.dial(number, record)` for the
   * bridge's click-to-dial (record: { id, objectType } or null).
   * @param {ContactPadAdapter} adapter
   * @param {RecordOpenerEvents} on
   */
  constructor(adapter, on) {
    /** @type {MessageBus} */
    // A message the session could not send is like one the bridge did not answer: the opener's
    // timeouts and the next hello deal with it.
    this.bus = sessionBus(adapter.bridgeLink(), silentLogger);
    /** @type {ChosenRecordOpener | null} */
    this.opener = null;
    this.disposed = false;
    /** @type {(() => void) | null} */
    let firstConnection = null;
    const connected = new Promise((resolve) => {
      firstConnection = () => resolve(undefined);
    });
    const workspace = new WorkspaceRecordOpener(
      { openTab, getFocusedTabInfo },
      { saveLog: (call) => saveCallLog({ callLogJson: JSON.stringify(call) }) },
    );
    /** The chosen opener; null when the panel left before the choice. */
    this.ready = connected
      .then(() => chooseRecordOpener(this.bus, workspace, { waitMs: BRIDGE_WAIT_MS }))
      .then((opener) => {
        if (this.disposed) {
          opener.dispose();
          return null;
        }
        this.opener = opener;
        on.ready();
        return opener;
      });
    this.unsubscribe = this.bus.subscribe((value) => this.receive(value, on));
    // The first connection starts the choice (which says hello); each later one says hello again,
    // so a bridge that reloaded meanwhile answers with announce.
    const connectedNow = () => {
      if (this.disposed) return;
      if (firstConnection === null) {
        sayHello(this.bus);
        return;
      }
      firstConnection();
      firstConnection = null;
    };
    this.stopWatching = adapter.on('connectionchange', (event) => {
      if (event.detail.state.status === 'connected') connectedNow();
    });
    if (adapter.connectionState.status === 'connected') connectedNow();
  }

  /** The bridge opens the records: its softphone item then shows the panel's state too. */
  get viaBridge() {
    return this.opener?.via === 'bridge';
  }

  /**
   * Sends a message to the bridge.
   * @param {ChannelMessage} message
   */
  publish(message) {
    this.bus.publish(message);
  }

  /**
   * Click-to-dial and announces; other bridge messages are the record opener's business.
   * @param {unknown} value
   * @param {RecordOpenerEvents} on
   */
  receive(value, on) {
    const parsed = parseBridgeMessage(value, 'bridge');
    if (!parsed.ok) return;
    const message = parsed.message;
    if (message.type === 'announce') {
      on.announce();
    } else if (message.type === 'dial') {
      const record =
        message.recordId !== null && message.objectType !== null
          ? { id: message.recordId, objectType: message.objectType }
          : null;
      on.dial(message.number, record);
    }
  }

  /** Drops the link and the opener (disconnectedCallback); an opener chosen later is dropped. */
  dispose() {
    this.disposed = true;
    this.unsubscribe();
    this.stopWatching();
    if (this.opener !== null) this.opener.dispose();
    this.opener = null;
  }
}
