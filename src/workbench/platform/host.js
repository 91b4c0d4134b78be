/**
 * The workbench page's console host: what the platform stand-ins (Workspace API, utility bar API,
 * Apex, Open CTI) drive. The page shell registers the console's implementation with
 * `registerConsole`; until it does, calls wait for it. One in-page message bus carries Lightning
 * Message Service traffic for both ContactPad (`lightning/messageService`) and the Open CTI
 * stand-in (`sforce.opencti.publish` / `subscribe`), as the two share one channel in an org.
 */

let consoleImpl = null;
const waiting = [];

/** The shell's console: { openTab, focusTab, closeTab, focusedTab, allTabs, utility... }. */
export function registerConsole(impl) {
  consoleImpl = impl;
  for (const resolve of waiting.splice(0)) resolve(impl);
}

/** Resolves with the console once the shell has registered it. */
export function whenConsole() {
  if (consoleImpl !== null) return Promise.resolve(consoleImpl);
  return new Promise((resolve) => waiting.push(resolve));
}

/** The agent the page is signed in as (?agent=, or the picker). */
export function currentAgentId() {
  const fromQuery = new URLSearchParams(window.location.search).get('agent');
  return fromQuery || window.sessionStorage.getItem('workbench.agent') || 'ann-lee';
}

// ---- the message bus (Lightning Message Service in the page) ----

const subscribers = new Map();

/**
 * Delivers a copy of `payload` to every subscriber of `channelName`, the publisher included, a
 * task later (LMS is asynchronous and serialises payloads).
 */
export function busPublish(channelName, payload) {
  const copy = JSON.parse(JSON.stringify(payload ?? null));
  const list = [...(subscribers.get(channelName) ?? [])];
  setTimeout(() => {
    for (const listener of list) {
      try {
        listener(copy);
      } catch (error) {
        console.error(`workbench LMS: a subscriber of ${channelName} threw`, error);
      }
    }
  }, 0);
  window.dispatchEvent(
    new CustomEvent('workbench:lms', { detail: { channelName, payload: copy } }),
  );
}

/** Adds a subscriber; returns the function that removes it. */
export function busSubscribe(channelName, listener) {
  if (!subscribers.has(channelName)) subscribers.set(channelName, new Set());
  subscribers.get(channelName).add(listener);
  return () => subscribers.get(channelName)?.delete(listener);
}

// ---- the workbench server ----

/** JSON from the workbench server; a failure rejects like an Apex error ({ body: { message } }). */
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
    const failure = new Error(error.message || `${response.status} ${response.statusText}`);
    failure.status = response.status;
    failure.body = { message: failure.message, errorCode: error.code ?? `http-${response.status}` };
    throw failure;
  }
  return body;
}
