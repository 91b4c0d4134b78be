/**
 * Error codes of the bridge contract. Stable: ContactPad branches on them and they travel in
 * `result` messages, so a code is never renamed or reused for another meaning.
 */
import type { OpenCtiError } from './openCti';

export const BRIDGE_ERROR_CODES = [
  'bad-message',
  'opencti-failed',
  'no-bridge',
  'no-record',
  'timeout',
  'workspace-failed',
  'save-failed',
] as const;

export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

/** What each code means; the README's table follows this. */
export const BRIDGE_ERROR_MEANINGS: Readonly<Record<BridgeErrorCode, string>> = {
  'bad-message': 'a message on the channel does not fit the contract',
  'opencti-failed': 'an Open CTI call answered success: false (its error text is kept)',
  'no-bridge': 'no bridge has announced itself on the channel',
  'no-record': 'the interaction has no record and nothing to search on',
  timeout: 'the bridge did not answer in time',
  'workspace-failed': 'the Workspace API could not open or focus the tab',
  'save-failed': 'the call log could not be saved without a bridge',
};

/** A typed bridge error: a stable code, a message for people, Open CTI's own errors if any. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  readonly code: BridgeErrorCode;
  /** For `opencti-failed`: the `errors` array Open CTI answered with. */
  readonly openCtiErrors: readonly OpenCtiError[];

  constructor(code: BridgeErrorCode, message: string, openCtiErrors: readonly OpenCtiError[] = []) {
    super(message);
    this.code = code;
    this.openCtiErrors = openCtiErrors;
  }
}

/** Builds the `opencti-failed` error for a failed call, keeping Open CTI's error text. */
export function openCtiFailure(method: string, errors: unknown): BridgeError {
  const list = readErrors(errors);
  const text =
    list.length === 0
      ? 'no error details'
      : list.map((e) => (e.code === '' ? e.description : `${e.code}: ${e.description}`)).join('; ');
  return new BridgeError('opencti-failed', `${method} failed: ${text}`, list);
}

/** Turns anything thrown or rejected into a BridgeError with the given code. */
export function asBridgeError(code: BridgeErrorCode, what: string, cause: unknown): BridgeError {
  if (cause instanceof BridgeError) return cause;
  const detail =
    cause instanceof Error
      ? cause.message
      : typeof cause === 'string'
        ? cause
        : describeUnknown(cause);
  return new BridgeError(code, detail === '' ? what : `${what}: ${detail}`);
}

// Open CTI documents `errors` as an array of { code, description, details? }; read it defensively.
function readErrors(errors: unknown): OpenCtiError[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((e: unknown): OpenCtiError => {
    if (typeof e === 'string') return { code: '', description: e };
    if (typeof e !== 'object' || e === null) return { code: '', description: String(e) };
    const record = e as Record<string, unknown>;
    const code = typeof record['code'] === 'string' ? record['code'] : '';
    const description =
      typeof record['description'] === 'string'
        ? record['description']
        : typeof record['message'] === 'string'
          ? record['message']
          : '';
    return record['details'] === undefined
      ? { code, description }
      : { code, description, details: record['details'] };
  });
}

function describeUnknown(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    // Platform promise rejections are often plain objects ({ message } or { body: { message } }).
    const record = value as Record<string, unknown>;
    if (typeof record['message'] === 'string') return record['message'];
    const body = record['body'];
    if (typeof body === 'object' && body !== null) {
      const message = (body as Record<string, unknown>)['message'];
      if (typeof message === 'string') return message;
    }
    try {
      return JSON.stringify(value);
    } catch {
      return '';
    }
  }
  return value === undefined ? '' : String(value);
}
