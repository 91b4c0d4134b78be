// @ts-check
/**
 * The workbench page's console host: what the platform stand-ins (Workspace API, utility bar API,
 * Apex, Open CTI) drive. The page's console component registers the console's implementation with
 * `registerConsole`; until it does, calls wait for it.
 */

/**
 * The console's parts as its models (src/workbench/models) declare them.
 * @typedef {import('../models/utilities').UtilityApi} UtilityApi
 * @typedef {import('../models/workspace').TabInfo} TabInfo
 * @typedef {import('../models/workspace').SearchMatch} SearchMatch
 */

/**
 * The console the page (app/modules/wb/console) implements and the platform stand-ins drive.
 * @typedef {object} WorkbenchConsole
 * @property {(recordId: string, focus: boolean) => Promise<string>} openRecordTab
 * @property {(term: string, matches: readonly SearchMatch[]) => string} openSearchTab
 * @property {(tabId: string) => Promise<boolean>} focusTab
 * @property {(tabId: string) => Promise<boolean>} closeTab
 * @property {() => string} focusedTabId
 * @property {() => string[]} allTabIds
 * @property {(tabId: string) => TabInfo} tabInfo
 * @property {(tabId: string) => Promise<boolean>} refreshTab
 * @property {(tabId: string, label: string) => Promise<boolean>} setTabLabel
 * @property {(utilityId: string) => UtilityApi} utility
 * @property {() => UtilityApi[]} utilities
 * @property {(enabled: boolean) => boolean} setClickToDial
 */

/** @type {WorkbenchConsole | null} */
let consoleImpl = null;
/** @type {((impl: WorkbenchConsole) => void)[]} */
const waiting = [];

/**
 * The page's console: tabs, utilities, click-to-dial.
 * @param {WorkbenchConsole} impl
 */
export function registerConsole(impl) {
  consoleImpl = impl;
  for (const resolve of waiting.splice(0)) resolve(impl);
}

/**
 * Resolves with the console once the page has registered it.
 * @returns {Promise<WorkbenchConsole>}
 */
export function whenConsole() {
  if (consoleImpl !== null) return Promise.resolve(consoleImpl);
  return new Promise((resolve) => waiting.push(resolve));
}

/**
 * The agent the page is signed in as (?agent=, or the picker).
 * @returns {string}
 */
export function currentAgentId() {
  const fromQuery = new URLSearchParams(window.location.search).get('agent');
  return fromQuery || window.sessionStorage.getItem('workbench.agent') || 'ann-lee';
}

// ---- the workbench server ----

/**
 * JSON from the workbench server; a failure rejects like an Apex error ({ body: { message } }).
 * The answer is the server's JSON as it comes: untyped (any) at this edge.
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<any>}
 */
export async function fetchJson(path, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  let body = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = { message: text };
  }
  if (!response.ok) {
    const error = body?.error ?? body ?? {};
    /** @type {Error & { status?: number, body?: { message: string, errorCode: string } }} */
    const failure = new Error(error.message || `${response.status} ${response.statusText}`);
    failure.status = response.status;
    failure.body = { message: failure.message, errorCode: error.code ?? `http-${response.status}` };
    throw failure;
  }
  return body;
}
