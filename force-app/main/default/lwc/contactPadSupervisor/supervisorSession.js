// @ts-check
/**
 * The supervisor session (plain, no template): the routing service's supervisor WebSocket URL and
 * a first token come from Apex (ContactPadSupervisorController.getSupervisorSession, JSON checked
 * here); each later connection asks Apex for a fresh token. The client is the core's
 * framework-free supervisor client on the browser's WebSocket.
 */
import getSupervisorSession from '@salesforce/apex/ContactPadSupervisorController.getSupervisorSession';
import { createSupervisorClient } from 'c/contactPadCore';

/** @typedef {{ routingUrl: string, token: string, expiresAt: number | null }} SupervisorSession */
/** @typedef {ReturnType<typeof createSupervisorClient>} SupervisorClient */

/** A session Apex answered that cannot be used; `code` is stable. */
export class SupervisorSessionError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** A token this close to its expiry is not used for a new connection. */
const TOKEN_MARGIN_MS = 5000;

/**
 * The session Apex answered, checked: a ws(s) URL and a token; otherwise a SupervisorSessionError.
 * @param {unknown} answer the JSON string (or its value)
 * @returns {SupervisorSession}
 */
export function sessionOf(answer) {
  /** @type {unknown} */
  let value = answer;
  if (typeof answer === 'string') {
    try {
      value = JSON.parse(answer);
    } catch {
      value = null;
    }
  }
  const session = /** @type {Record<string, unknown> | null} */ (
    typeof value === 'object' && value !== null ? value : null
  );
  const url = session?.routingUrl;
  const token = session?.token;
  if (
    typeof url !== 'string' ||
    !/^wss?:\/\//.test(url) ||
    typeof token !== 'string' ||
    token === ''
  ) {
    throw new SupervisorSessionError(
      'bad-session',
      'the supervisor session has no routing address or token',
    );
  }
  const expires = session?.expiresAt;
  const expiresAt =
    typeof expires === 'number' ? expires : typeof expires === 'string' ? Date.parse(expires) : NaN;
  return { routingUrl: url, token, expiresAt: Number.isNaN(expiresAt) ? null : expiresAt };
}

/**
 * Opens the supervisor client: one Apex call for the URL and the first token, one more for each
 * later connection.
 * @returns {Promise<SupervisorClient>}
 */
export async function openSupervisorClient() {
  /** @type {SupervisorSession | null} */
  let first = sessionOf(await getSupervisorSession());
  const url = first.routingUrl;
  return createSupervisorClient({
    url,
    getToken: async () => {
      const session = first;
      first = null;
      if (session !== null) {
        if (session.expiresAt === null || session.expiresAt - Date.now() > TOKEN_MARGIN_MS) {
          return session.token;
        }
      }
      return sessionOf(await getSupervisorSession()).token;
    },
  });
}
