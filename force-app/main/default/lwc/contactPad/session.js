// @ts-check
/**
 * The agent's session and the adapter built on it (plain, no template): the routing URL and a
 * first token come from Apex (ContactPadSessionController.getSession); each later connection asks
 * Apex for a fresh token. The adapter gets the browser's WebSocket and timers.
 */
import getSession from '@salesforce/apex/ContactPadSessionController.getSession';
import { ContactPadAdapter, browserSocket } from 'c/contactPadCore';
import { describeError } from './commands';

/** @import { ContactPadSession } from '@salesforce/apex/ContactPadSessionController.getSession' */

/** A token this close to its expiry is not used for a new connection. */
const TOKEN_MARGIN_MS = 5000;

/**
 * A session's `expiresAt` (ms or an ISO date) in ms, or null when it has none.
 * @param {unknown} value
 * @returns {number | null}
 */
function expiryOf(value) {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

/**
 * Tokens for the adapter's connections: the one of the session it started with, once (it came
 * with the routing URL, so the first connection costs no second Apex call), then a fresh one from
 * Apex for each new connection.
 */
export class SessionTokens {
  /** @param {ContactPadSession} first */
  constructor(first) {
    /** @type {ContactPadSession | null} */
    this.first = first;
  }

  /**
   * The token for a new connection.
   * @returns {Promise<string>}
   */
  async next() {
    const first = this.first;
    this.first = null;
    if (first !== null) {
      const expiresAt = expiryOf(first.expiresAt);
      if (expiresAt === null || expiresAt - Date.now() > TOKEN_MARGIN_MS) return first.token;
    }
    let session;
    try {
      session = await getSession();
    } catch (error) {
      // Apex rejects with `{ body: { message } }`, not an Error: keep its `code: words` for the
      // reason ContactPad shows while it reconnects (a removed agent: routing-unknown-agent).
      throw new Error(describeError(error, 'session-failed').message);
    }
    return session.token;
  }
}

/**
 * The adapter for `session`, on the browser's WebSocket and timers (not yet connected).
 * @param {ContactPadSession} session
 * @returns {ContactPadAdapter}
 */
export function adapterFor(session) {
  const tokens = new SessionTokens(session);
  return new ContactPadAdapter({
    url: session.routingUrl,
    token: () => tokens.next(),
    socket: browserSocket(WebSocket),
    timers: {
      // eslint-disable-next-line @lwc/lwc/no-async-operation
      setTimeout: (run, ms) => setTimeout(run, ms),
      // The handle is one this setTimeout gave.
      clearTimeout: (handle) => clearTimeout(/** @type {number} */ (handle)),
      now: () => Date.now(),
    },
  });
}
