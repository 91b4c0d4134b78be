/**
 * Workbench stand-in for `lightning/platformWorkspaceApi`: the functions drive the page's record
 * tabs (the shell's console). openTab focuses an already open tab of the same record, as the
 * platform documents. Tab infos carry tabId, recordId, url, title, focused, pageReference.
 */
import { whenConsole } from '../host';

const fail = (message) => Promise.reject(new Error(message));

export async function openTab(args = {}) {
  const console = await whenConsole();
  const recordId = args.recordId ?? args.pageReference?.attributes?.recordId ?? null;
  if (recordId === null) return fail('openTab: the workbench opens record tabs only (recordId)');
  return console.openRecordTab(recordId, args.focus !== false);
}

export async function focusTab(tabId) {
  const console = await whenConsole();
  return console.focusTab(tabId);
}

export async function closeTab(tabId) {
  const console = await whenConsole();
  return console.closeTab(tabId);
}

export async function getFocusedTabInfo() {
  const console = await whenConsole();
  return console.tabInfo(console.focusedTabId());
}

export async function getTabInfo(tabId) {
  const console = await whenConsole();
  return console.tabInfo(tabId);
}

export async function getAllTabInfo() {
  const console = await whenConsole();
  return console.allTabIds().map((tabId) => console.tabInfo(tabId));
}

export async function refreshTab(tabId) {
  const console = await whenConsole();
  return console.refreshTab(tabId);
}

export async function setTabLabel(tabId, label) {
  const console = await whenConsole();
  return console.setTabLabel(tabId, label);
}

export async function isConsoleNavigation() {
  return true;
}

/** `@wire(IsConsoleNavigation)`: always true in the workbench. */
export class IsConsoleNavigation {
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
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
  }
  connect() {
    this.dataCallback(null);
  }
  disconnect() {}
  update() {}
}
