/**
 * The HTTP plumbing under the admin API: typed errors, the request target taken apart strictly,
 * the admin key, bodies and JSON answers. Anything malformed is a typed 4xx, never an exception
 * that reaches the server (a stack in the log, a 500 to the caller).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../../protocol';

const MAX_BODY_BYTES = 64 * 1024;

export type AdminErrorCode = ErrorCode | 'unauthorised' | 'no-route' | 'bad-url';

/** An answer the admin API gives on purpose: status, stable code, message, field to blame. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: AdminErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** What a path may hold as it is sent: RFC 3986 pchar, the separator, and percent escapes. */
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
/** The query, which nothing reads, may hold the same and `?`. */
const QUERY_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;
/** A `%` not followed by two hexadecimal digits. */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const UNSAFE_SEGMENT = /[/\\\u0000-\u001f\u007f]/;

const badUrl = (message: string) => new AdminError(400, 'bad-url', message);

/**
 * The decoded segments of a request target's path (empty segments dropped; the query is not read);
 * a typed `bad-url` error for a target that is not a plain path (absolute form, `*`, a fragment),
 * for a bad escape or one that is not UTF-8, and for a segment that decodes to a separator, a control character, `.`
 * or `..` (which would route differently than it reads).
 */
export function pathSegments(target: string | undefined): string[] {
  if (target === undefined || !target.startsWith('/')) {
    throw badUrl('the request target must be a path starting with "/"');
  }
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt + 1);
  if (!PATH_CHARACTERS.test(path) || !QUERY_CHARACTERS.test(query)) {
    throw badUrl('the request target holds characters a URL may not hold unescaped');
  }
  if (BAD_ESCAPE.test(query)) throw badUrl('the query holds a "%" that is no escape');
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        throw badUrl('the path is not valid percent-encoded UTF-8');
      }
      if (decoded === '.' || decoded === '..' || UNSAFE_SEGMENT.test(decoded)) {
        throw badUrl('a path segment decodes to ".", "..", a separator or a control character');
      }
      return decoded;
    });
}

/** Whether the request carries the admin key as `Authorization: Bearer <key>` (constant time). */
export function authorised(request: IncomingMessage, adminKey: string): boolean {
  const header = request.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(adminKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The JSON body (undefined when empty); `too-large` past 64 KiB, `bad-json` when not JSON. */
export async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new AdminError(413, 'too-large', `bodies are limited to ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AdminError(400, 'bad-json', 'the body is not JSON');
  }
}

/** Answers with JSON, never cached. */
export function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** A store address as health may show it: scheme, host, port and database, never credentials. */
export function withoutCredentials(where: string): string {
  if (where === 'memory') return where;
  // A cluster's seed nodes, as redisConnection.ts describes them: host:port pairs, no credentials.
  if (/^redis-cluster:\/\/[A-Za-z0-9.:,\[\]-]+$/.test(where)) return where;
  try {
    const url = new URL(where);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'unknown';
  }
}
