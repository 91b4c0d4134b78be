// @ts-check
/**
 * ContactPad's face outside its panel (a plain class, no template): the utility bar item's label
 * and icon (lightning/platformUtilityBarApi), and the Open CTI softphone item's, sent to the bridge
 * as a `panel` message. Each is sent only when what it shows changes: the panel re-derives it on
 * every adapter event, and both are round trips for a cosmetic change.
 */
import { open, updateUtility } from 'lightning/platformUtilityBarApi';
import { BRIDGE_PROTOCOL_VERSION, checkBridgeMessage, requestIdFactory } from 'c/contactPadCore';
import { format } from 'c/contactPadText';

import UTILITY_LABEL from '@salesforce/label/c.ContactPad_UtilityLabel';
import UTILITY_LABEL_IDLE from '@salesforce/label/c.ContactPad_UtilityLabelIdle';

/** @import { MessageBus } from 'c/contactPadCore' */
/** @import { Face } from './padView' */

/**
 * The utility item's label for `presence` (a label) and `count` interactions, then the calls'
 * `notes` (Muted, Recording paused), so the agent sees them with the panel closed.
 * @param {string} presence
 * @param {number} count
 * @param {readonly string[]} [notes]
 * @returns {string}
 */
export function utilityLabel(presence, count, notes = []) {
  const label =
    count > 0 ? format(UTILITY_LABEL, presence, count) : format(UTILITY_LABEL_IDLE, presence);
  return [label, ...notes].join(' · ');
}

export class UtilityItem {
  constructor() {
    /**
     * The utility item's id (the EnclosingUtilityId wire), undefined outside a utility bar.
     * @type {string | undefined}
     */
    this.utilityId = undefined;
    /** @type {string | null} */
    this.lastUtilityKey = null;
    /** @type {string | null} */
    this.lastPanelKey = null;
    this.newRequestId = requestIdFactory('cp-panel');
  }

  /**
   * Takes the EnclosingUtilityId wire's value; a new item has been labelled by nobody yet.
   * @param {unknown} value
   */
  setUtilityId(value) {
    this.utilityId = typeof value === 'string' && value !== '' ? value : undefined;
    this.lastUtilityKey = null;
  }

  /**
   * Labels the utility item with `face` ({ presence, count, icon, notes }) unless it shows it.
   * @param {Face} face
   */
  label({ presence, count, icon, notes }) {
    const label = utilityLabel(presence, count, notes);
    const key = `${label}|${icon}`;
    if (this.utilityId === undefined || key === this.lastUtilityKey) return;
    this.lastUtilityKey = key;
    // Cosmetic: a refused update leaves the panel working, and the next update tries again.
    updateUtility(this.utilityId, { label, icon }).catch(() => {
      this.lastUtilityKey = null;
    });
  }

  /**
   * Opens the utility item's panel; resolves at once outside a utility bar.
   * @returns {Promise<boolean>}
   */
  open() {
    return this.utilityId === undefined ? Promise.resolve(false) : open(this.utilityId);
  }

  /**
   * Sends `face` to the bridge's softphone item over `bus` unless it shows that already.
   * @param {Pick<MessageBus, 'publish'>} bus
   * @param {Face} face
   */
  publishPanel(bus, { presence, count, icon }) {
    const key = `${presence}|${count}|${icon}`;
    if (key === this.lastPanelKey) return;
    this.lastPanelKey = key;
    try {
      bus.publish(
        checkBridgeMessage(
          {
            v: BRIDGE_PROTOCOL_VERSION,
            type: 'panel',
            requestId: this.newRequestId(),
            presence,
            interactions: count,
            icon,
          },
          'contactpad',
        ),
      );
    } catch {
      // A label the contract refuses (too long): the softphone item keeps its last label.
    }
  }

  /** A bridge that came up late has shown nothing yet: the next panel is sent whatever it holds. */
  forgetPanel() {
    this.lastPanelKey = null;
  }
}
