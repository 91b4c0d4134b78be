// @ts-check
/**
 * The record opener ContactPad opens tabs and saves Tasks with (a plain class, no template): the
 * Open CTI bridge over the ContactPad__c message channel if it announces itself within
 * BRIDGE_WAIT_MS, else the Workspace API and Apex. The same channel carries the bridge's own
 * requests to the panel: click-to-dial, and the announce of a bridge that came up late.
 */
import { getFocusedTabInfo, openTab } from 'lightning/platformWorkspaceApi';
import saveCallLog from '@salesforce/apex/ContactPadSessionController.saveCallLog';
import { WorkspaceRecordOpener, chooseRecordOpener, parseBridgeMessage } from 'c/contactPadCore';
import { createLmsBus } from './lmsBus';

/** @import { ChannelMessage, ChosenRecordOpener } from 'c/contactPadCore' */
/** @import { MessageContextValue } from 'lightning/messageService' */

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
   * Starts choosing on `messageContext` (from `@wire(MessageContext)`). `on.ready()` is called
   * once the opener is chosen, `on.announce()` when a bridge announces itself, `on.dial(number,
   * record)` for the bridge's click-to-dial (record: { id, objectType } or null).
   * @param {MessageContextValue} messageContext
   * @param {RecordOpenerEvents} on
   */
  constructor(messageContext, on) {
    this.bus = createLmsBus(messageContext);
    /** @type {ChosenRecordOpener | null} */
    this.opener = null;
    this.disposed = false;
    const workspace = new WorkspaceRecordOpener(
      { openTab, getFocusedTabInfo },
      { saveLog: (call) => saveCallLog({ callLogJson: JSON.stringify(call) }) },
    );
    /** The chosen opener; null when the panel left before the choice. */
    this.ready = chooseRecordOpener(this.bus, workspace, { waitMs: BRIDGE_WAIT_MS }).then(
      (opener) => {
        if (this.disposed) {
          opener.dispose();
          return null;
        }
        this.opener = opener;
        on.ready();
        return opener;
      },
    );
    this.unsubscribe = this.bus.subscribe((value) => this.receive(value, on));
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

  /** Drops the channel and the opener (disconnectedCallback); an opener chosen later is dropped. */
  dispose() {
    this.disposed = true;
    this.unsubscribe();
    if (this.opener !== null) this.opener.dispose();
    this.opener = null;
    this.bus.dispose();
  }
}
