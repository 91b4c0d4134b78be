// @ts-check
/**
 * Workbench stand-in for `lightning/platformUtilityBarApi`: drives the page's utility bar item
 * that hosts ContactPad. EnclosingUtilityId gives that item's id to a component inside it.
 */
import { whenConsole } from '../host';

/** @import { UtilityApi } from '../host' */

export const CONTACTPAD_UTILITY_ID = 'utility-contactpad';

/**
 * @param {string} utilityId
 * @param {unknown} [options]
 */
export async function open(utilityId, options) {
  const console = await whenConsole();
  return console.utility(utilityId).open(options);
}

/** @param {string} utilityId */
export async function minimize(utilityId) {
  const console = await whenConsole();
  return console.utility(utilityId).minimize();
}

/** @param {string} utilityId */
export async function getInfo(utilityId) {
  const console = await whenConsole();
  return console.utility(utilityId).info();
}

export async function getAllUtilityInfo() {
  const console = await whenConsole();
  return console.utilities().map((utility) => utility.info());
}

/**
 * @param {string} utilityId
 * @param {Parameters<UtilityApi['update']>[0]} [change]
 */
export async function updateUtility(utilityId, change = {}) {
  const console = await whenConsole();
  return console.utility(utilityId).update(change);
}

/**
 * @param {string} utilityId
 * @param {Parameters<UtilityApi['updatePanel']>[0]} [change]
 */
export async function updatePanel(utilityId, change = {}) {
  const console = await whenConsole();
  return console.utility(utilityId).updatePanel(change);
}

export async function enablePopout() {
  return true;
}

export async function enableModal() {
  return true;
}

/**
 * @param {string} utilityId
 * @param {Parameters<UtilityApi['onClick']>[0]} handler
 */
export async function onUtilityClick(utilityId, handler) {
  const console = await whenConsole();
  return console.utility(utilityId).onClick(handler);
}

/** `@wire(EnclosingUtilityId)`: the workbench hosts ContactPad in its utility item. */
export class EnclosingUtilityId {
  /** @param {(utilityId: string) => void} dataCallback */
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }
  connect() {
    this.dataCallback(CONTACTPAD_UTILITY_ID);
  }
  disconnect() {}
  update() {}
}
