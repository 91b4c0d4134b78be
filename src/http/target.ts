/**
 * The request target taken apart strictly: anything that would route differently than it reads is
 * a typed 400 `bad-url` before any route is looked at.
 */
import { HttpError } from './errors';

/** What a path may hold as it is sent: RFC 3986 pchar, the separator, and percent escapes. */
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
/** The query may hold the same and `?`. */
const QUERY_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;
/** A `%` not followed by two hexadecimal digits. */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const UNSAFE_SEGMENT = /[/\\\u0000-\u001f\u007f]/;

const badUrl = (message: string) => new HttpError(400, 'bad-url', message);

/**
 * The decoded segments of a request target's path (empty segments dropped; the query is not read);
 * a typed `bad-url` error for a target that is not a plain path (absolute form, `*`, a fragment),
 * for a bad escape or one that is not UTF-8, and for a segment that decodes to a separator, a
 * control character, `.` or `..` (which would route differently than it reads).
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

/** The query of a request target (empty when it has none). */
export function queryOf(target: string | undefined): URLSearchParams {
  const at = target?.indexOf('?') ?? -1;
  return new URLSearchParams(at === -1 ? '' : (target as string).slice(at));
}
