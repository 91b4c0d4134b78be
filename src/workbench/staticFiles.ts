/**
 * Static files for the workbench page server: the built page, SLDS and the bridge resource. Every
 * answer carries a validator (ETag from size and modification time) so a reload revalidates with a
 * 304 instead of downloading again, which also lets the browser keep the compiled code of the
 * scripts it cached. Files whose name holds a content hash are cached for good. Text is sent gzipped
 * to a browser that accepts it, compressed once per file version and kept in memory.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Types worth compressing (fonts and images are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);

/** A file name with a content hash (rollup's `[name]-[hash].js`): its content never changes. */
const HASHED = /-[A-Za-z0-9_-]{8,}\.(js|css)$/;

/** Smaller files go as they are: compressing them saves nothing worth the time. */
const MIN_COMPRESS_BYTES = 1024;

/** The cache-control of a file: immutable when hashed, else revalidate every time. */
export function cacheControlOf(path: string): string {
  return HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Whether a request's Accept-Encoding takes gzip (q=0 refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    if (coding?.trim().toLowerCase() !== 'gzip') return false;
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
    return q === undefined || Number(q) > 0;
  });
}

/** Serves files from folders, with validators, caching and gzip; one per server. */
export class StaticFiles {
  /** Gzipped bodies by path, for the version (ETag) they were made from. */
  private readonly gzipped = new Map<string, { etag: string; body: Buffer }>();

  /**
   * Answers a GET or HEAD for `relative` under `base`, refusing paths that leave it; false when
   * there is no such file (nothing was sent).
   */
  serve(
    request: IncomingMessage,
    response: ServerResponse,
    base: string,
    relative: string,
  ): boolean {
    const path = normalize(join(base, relative));
    if (path !== base && !path.startsWith(base + sep)) return false;
    if (!existsSync(path)) return false;
    const stat = statSync(path);
    if (!stat.isFile()) return false;
    const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
    const type = extname(path);
    const compress = COMPRESSIBLE.has(type) && stat.size >= MIN_COMPRESS_BYTES;
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[type] ?? 'application/octet-stream',
      'cache-control': cacheControlOf(path),
      etag,
      ...(compress ? { vary: 'accept-encoding' } : {}),
    };
    if (matchesEtag(request.headers['if-none-match'], etag)) {
      response.writeHead(304, headers);
      response.end();
      return true;
    }
    const head = request.method === 'HEAD';
    if (compress && acceptsGzip(request.headers['accept-encoding'])) {
      const body = this.gzip(path, etag);
      response.writeHead(200, {
        ...headers,
        'content-encoding': 'gzip',
        'content-length': String(body.length),
      });
      response.end(head ? undefined : body);
      return true;
    }
    response.writeHead(200, { ...headers, 'content-length': String(stat.size) });
    if (head) response.end();
    else createReadStream(path).pipe(response);
    return true;
  }

  private gzip(path: string, etag: string): Buffer {
    const cached = this.gzipped.get(path);
    if (cached !== undefined && cached.etag === etag) return cached.body;
    const body = gzipSync(readFileSync(path), { level: 6 });
    this.gzipped.set(path, { etag, body });
    return body;
  }
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
