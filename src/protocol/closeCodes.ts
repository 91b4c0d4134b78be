/**
 * WebSocket close codes of routing protocol v1 and what a client does after each: failure policy as
 * data. Codes 4000-4999 are the application's; each mirrors the HTTP status it resembles.
 */
export const CLOSE_CODES = {
  /** The client closed the session on purpose (sign-out, page closed). */
  normal: 1000,
  /** The first frame was not a valid `hello`, or the client broke the protocol repeatedly. */
  badRequest: 4400,
  /** No token, or the token is expired, forged or of another account. */
  unauthorised: 4401,
  /** Nothing arrived in time: no `hello` within the hello deadline, or no frame for two heartbeat periods. */
  heartbeatTimeout: 4408,
  /** The agent opened more sessions than the limit; the oldest is closed and cannot be resumed. */
  tooManySessions: 4409,
  /** A frame was larger than the limit. */
  tooLarge: 4413,
  /** `hello` offered no version the server speaks. */
  unsupportedVersion: 4426,
  /** The connection kept sending commands after being rate limited. */
  rateLimited: 4429,
  /** The routing service is shutting down (deploy, restart). */
  shuttingDown: 4503,
  /** The client stopped reading: more than the outbound byte limit waited to be sent to it. */
  slowReader: 4507,
} as const;

export type CloseName = keyof typeof CLOSE_CODES;
export type CloseCode = (typeof CLOSE_CODES)[CloseName];

export interface ClosePolicy {
  /** Whether the client connects again by itself (with capped backoff and jitter). */
  readonly retry: boolean;
  /** Whether the client needs a fresh token before it connects again. */
  readonly newToken: boolean;
  readonly why: string;
}

export const CLOSE_POLICY: Readonly<Record<CloseName, ClosePolicy>> = {
  normal: { retry: false, newToken: false, why: 'closed on purpose' },
  badRequest: { retry: false, newToken: false, why: 'a client bug: retrying would repeat it' },
  unauthorised: {
    retry: true,
    newToken: true,
    why: 'tokens are short-lived: fetch a new one first',
  },
  heartbeatTimeout: {
    retry: true,
    newToken: false,
    why: 'the network dropped; resume the session',
  },
  tooManySessions: {
    retry: false,
    newToken: false,
    why: 'a newer session of the same agent took its place; reconnecting would close another',
  },
  tooLarge: { retry: true, newToken: false, why: 'the session is fine; the frame is not resent' },
  unsupportedVersion: { retry: false, newToken: false, why: 'the client must be upgraded' },
  rateLimited: { retry: true, newToken: false, why: 'back off, then resume the session' },
  shuttingDown: {
    retry: true,
    newToken: false,
    why: 'another process or the restarted one takes over',
  },
  slowReader: {
    retry: true,
    newToken: false,
    why: 'nothing is lost: resume; missed events are replayed, or a fresh snapshot comes',
  },
};

const NAMES = new Map<number, CloseName>(
  Object.entries(CLOSE_CODES).map(([name, code]) => [code, name as CloseName]),
);

/** The name of a close code, or null for a code the protocol does not define (1006 and the like). */
export function closeName(code: number): CloseName | null {
  return NAMES.get(code) ?? null;
}

/** What to do after a close. Unknown codes (an abnormal drop is 1006) retry: the network failed. */
export function closePolicy(code: number): ClosePolicy {
  const name = closeName(code);
  return name === null
    ? { retry: true, newToken: false, why: 'the connection dropped' }
    : CLOSE_POLICY[name];
}
