/**
 * Error codes of routing protocol v1. They are stable: clients branch on them, so a code is never
 * renamed or reused for another meaning. The `error` frame carries one; `ProtocolError` carries one
 * in code.
 */
export const ERROR_CODES = [
  // The frame itself (answered with an `error` frame; nothing changes).
  'bad-json',
  'bad-frame',
  'unsupported-version',
  'unknown-type',
  'missing-field',
  'unknown-field',
  'bad-field',
  'too-large',
  // The session.
  'not-welcomed',
  'rate-limited',
  // The command, checked against the routing service's state.
  'not-found',
  'conflict',
  'not-allowed',
  'feature-disabled',
  'target-unavailable',
  'has-work',
  'service-closed',
  // The service.
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What each code means; PROTOCOL.md's table is checked against this. */
export const ERROR_MEANINGS: Readonly<Record<ErrorCode, string>> = {
  'bad-json': 'the frame is not JSON text',
  'bad-frame': 'the frame is not an object with a string "type"',
  'unsupported-version': 'the frame\'s "v" is not the version of this session',
  'unknown-type': 'no message of this type goes in this direction',
  'missing-field': 'a required field is absent',
  'unknown-field': 'a field that the message type does not have',
  'bad-field': 'a field has the wrong type, is out of range or does not match its pattern',
  'too-large': 'the frame, a string or a list is longer than its limit',
  'not-welcomed': 'a command arrived before `welcome`',
  'rate-limited': 'too many commands on this connection; try again later',
  'not-found': 'no such interaction, consult, agent or service for this agent',
  conflict: 'the interaction changed since the version the command names',
  'not-allowed': 'the action is not allowed for this interaction or agent state now',
  'feature-disabled': "the account's settings do not enable this feature",
  'target-unavailable': 'the consult or transfer target cannot take it now',
  'has-work': 'the agent still holds interactions',
  'service-closed': 'the service is closed (its opening hours) and refuses new work now',
  unavailable: 'the routing service cannot accept work now (its store is unreachable)',
  internal: 'the routing service failed; nothing was changed',
};

/** A typed protocol error: a stable code, a message for people, and where it applies. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly code: ErrorCode;
  /** The message type the error concerns, when known ("consult.start"). */
  readonly messageType: string | null;
  /** The dotted path of the offending field, when one is to blame ("target.id"). */
  readonly field: string | null;
  /** The interaction the error concerns, when there is one. */
  readonly interactionId: string | null;
  /** For `conflict`: the interaction's version now. */
  readonly currentVersion: number | null;

  constructor(
    code: ErrorCode,
    message: string,
    messageType: string | null = null,
    field: string | null = null,
    about: { readonly interactionId?: string; readonly currentVersion?: number } = {},
  ) {
    super(message);
    this.code = code;
    this.messageType = messageType;
    this.field = field;
    this.interactionId = about.interactionId ?? null;
    this.currentVersion = about.currentVersion ?? null;
  }
}
