/**
 * The edge of routing protocol v1: every frame in either direction goes through `parse` (text in)
 * or `stringify` (text out), so nothing unchecked ever reaches the engine, the adapter or the wire.
 * Runs in Node and in browsers alike (no Node APIs).
 */
import { ProtocolError } from './errors';
import {
  MAX_CLIENT_FRAME_BYTES,
  MAX_SERVER_FRAME_BYTES,
  PROTOCOL_VERSION,
  SUPPORTED_VERSIONS,
} from './limits';
import type { ClientMessage, ClientMessageOf, ServerMessage, ServerMessageOf } from './messages';
import { clientMessage, id as idSchema, serverMessage } from './messages';
import type { Checker, UnionSchema } from './schema';
import { compile } from './schema';

/** Who sent a frame: it decides which message types and size limit apply. */
export type Sender = 'client' | 'server';

export type Parsed<T> =
  | { readonly ok: true; readonly message: T }
  | {
      readonly ok: false;
      readonly error: ProtocolError;
      /** The frame's command `id` when one could be read, so the error can answer that command. */
      readonly id: string | null;
    };

interface Direction {
  readonly checkers: ReadonlyMap<string, Checker>;
  readonly maxBytes: number;
  readonly other: ReadonlySet<string>;
}

const checkersOf = (schema: UnionSchema): ReadonlyMap<string, Checker> =>
  new Map(Object.entries(schema.variants).map(([type, variant]) => [type, compile(variant)]));

const clientCheckers = checkersOf(clientMessage);
const serverCheckers = checkersOf(serverMessage);
const DIRECTIONS: Readonly<Record<Sender, Direction>> = {
  client: {
    checkers: clientCheckers,
    maxBytes: MAX_CLIENT_FRAME_BYTES,
    other: new Set(serverCheckers.keys()),
  },
  server: {
    checkers: serverCheckers,
    maxBytes: MAX_SERVER_FRAME_BYTES,
    other: new Set(clientCheckers.keys()),
  },
};

/** Parses one text frame and validates it; never throws. */
export function parse(text: string, from: 'client'): Parsed<ClientMessage>;
export function parse(text: string, from: 'server'): Parsed<ServerMessage>;
export function parse(text: string, from: Sender): Parsed<ClientMessage | ServerMessage>;
export function parse(text: string, from: Sender): Parsed<ClientMessage | ServerMessage> {
  const { maxBytes } = DIRECTIONS[from];
  if (typeof text !== 'string') {
    return fail(new ProtocolError('bad-frame', 'a frame must be text'), null);
  }
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text) > maxBytes)) {
    return fail(new ProtocolError('too-large', `the frame is larger than ${maxBytes} bytes`), null);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(new ProtocolError('bad-json', 'the frame is not JSON text'), null);
  }
  return validate(value, from);
}

/** Validates an already decoded frame; never throws. */
export function validate(value: unknown, from: 'client'): Parsed<ClientMessage>;
export function validate(value: unknown, from: 'server'): Parsed<ServerMessage>;
export function validate(value: unknown, from: Sender): Parsed<ClientMessage | ServerMessage>;
export function validate(value: unknown, from: Sender): Parsed<ClientMessage | ServerMessage> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(new ProtocolError('bad-frame', 'a frame must be a JSON object'), null);
  }
  const frame = value as Record<string, unknown>;
  const id = readId(frame['id']);
  const type = frame['type'];
  if (typeof type !== 'string') {
    return fail(
      new ProtocolError('bad-frame', 'a frame must have a string "type"', null, 'type'),
      id,
    );
  }
  const direction = DIRECTIONS[from];
  const checker = direction.checkers.get(type);
  const shownType = type.length <= 64 ? type : null;
  if (checker === undefined) {
    const hint = direction.other.has(type) ? ` (it goes the other way)` : '';
    return fail(
      new ProtocolError(
        'unknown-type',
        `${from}s send no message of type ${JSON.stringify(shownType ?? type.slice(0, 64) + '…')}${hint}`,
        shownType,
        'type',
      ),
      id,
    );
  }
  if (type !== 'hello' && frame['v'] !== undefined && frame['v'] !== PROTOCOL_VERSION) {
    return fail(
      new ProtocolError(
        'unsupported-version',
        `${type}.v: this session speaks version ${PROTOCOL_VERSION}`,
        type,
        'v',
      ),
      id,
    );
  }
  const failure = checker(frame);
  if (failure !== null) {
    return fail(
      new ProtocolError(
        failure.code,
        `${type}.${failure.field}: ${failure.code === 'unknown-field' ? 'no such field' : `expected ${failure.expected}`}`,
        type,
        failure.field,
      ),
      id,
    );
  }
  return { ok: true, message: frame as unknown as ClientMessage | ServerMessage };
}

/** Validates a message and turns it into a frame; throws ProtocolError if it is not valid. */
export function stringify(message: ClientMessage, from: 'client'): string;
export function stringify(message: ServerMessage, from: 'server'): string;
export function stringify(message: ClientMessage | ServerMessage, from: Sender): string {
  const checked = validate(message, from);
  if (!checked.ok) throw checked.error;
  const text = JSON.stringify(message);
  const { maxBytes } = DIRECTIONS[from];
  if (text.length * 3 > maxBytes && utf8Length(text) > maxBytes) {
    throw new ProtocolError(
      'too-large',
      `a ${message.type} frame is larger than ${maxBytes} bytes`,
      message.type,
    );
  }
  return text;
}

/**
 * The version a hello negotiates: the highest one both sides speak, or null when there is none
 * (the server then closes with `unsupported-version`).
 */
export function negotiateVersion(hello: ClientMessageOf<'hello'>): number | null {
  if (!hello.versions.includes(hello.v)) return null;
  const common = hello.versions.filter((v) => SUPPORTED_VERSIONS.includes(v));
  return common.length === 0 ? null : Math.max(...common);
}

/** The `error` frame that answers a failed frame or command. */
export function errorMessage(error: ProtocolError, id: string | null): ServerMessageOf<'error'> {
  return {
    v: PROTOCOL_VERSION,
    type: 'error',
    id,
    code: error.code,
    message: error.message.slice(0, 1000) || error.code,
    messageType: error.messageType,
    field: error.field === null || error.field === '' ? null : error.field.slice(0, 200),
    interactionId: error.interactionId,
    currentVersion: error.currentVersion,
  };
}

/** UTF-8 byte length of a string, counted without allocating. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

const checkId = compile(idSchema);

function readId(value: unknown): string | null {
  return checkId(value) === null ? (value as string) : null;
}

function fail(error: ProtocolError, id: string | null): Parsed<never> {
  return { ok: false, error, id };
}
