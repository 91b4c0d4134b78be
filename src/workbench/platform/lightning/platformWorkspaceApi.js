// @ts-check
/**
 * Workbench stand-in for `lightning/platformWorkspaceApi`: the functions drive the page's record
 * tabs (the page's console). openTab focuses an already open tab of the same record, as the
 * platform documents. Tab infos carry tabId, recordId, url, title, focused, pageReference.
 */
import { whenConsole } from '../host';

/**
 * What openTab reads of its arguments.
 * @typedef {{ recordId?: string, pageReference?: { attributes?: { recordId?: string } }, focus?: boolean }} OpenTabArgs
 */

/** @param {string} message */
const fail = (message) => Promise.reject(new Error(message));

/** @param {OpenTabArgs} [args] */
export async function openTab(args = {}) {
  const console = await whenConsole();
  const recordId = args.recordId ?? args.pageReference?.attributes?.recordId ?? null;
  if (recordId === null) return fail('openTab: the workbench opens record tabs only (recordId)');
  return console.openRecordTab(recordId, args.focus !== false);
}

/** @param {string} tabId */
export async function focusTab(tabId) {
  const console = await whenConsole();
  return console.focusTab(tabId);
}

/** @param {string} tabId */
export async function closeTab(tabId) {
  const console = await whenConsole();
  return console.closeTab(tabId);
}

export async function getFocusedTabInfo() {
  const console = await whenConsole();
  return console.tabInfo(console.focusedTabId());
}

/** @param {string} tabId */
export async function getTabInfo(tabId) {
  const console = await whenConsole();
  return console.tabInfo(tabId);
}

export async function getAllTabInfo() {
  const console = await whenConsole();
  return console.allTabIds().map((tabId) => console.tabInfo(tabId));
}

/** @param {string} tabId */
export async function refreshTab(tabId) {
  const console = await whenConsole();
  return console.refreshTab(tabId);
}

/**
 * @param {string} tabId
 * @param {string} label
 */
export async function setTabLabel(tabId, label) {
  const console = await whenConsole();
  return console.setTabLabel(tabId, label);
}

export async function isConsoleNavigation() {
  return true;
}

/** `@wire(IsConsoleNavigation)`: always true in the workbench. */
export class IsConsoleNavigation {
  /** @param {(isConsole: boolean) => void} dataCallback */
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }
  connect() {
    this.dataCallback(true);
  }
  disconnect() {}
  update() {}
}

/** `@wire(EnclosingTabId)`: components in the utility bar have no enclosing tab. */
export class EnclosingTabId {
  /** @param {(tabId: string | null) => void} dataCallback */
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }
  connect() {
    this.dataCallback(null);
  }
  disconnect() {}
  update() {}
}
