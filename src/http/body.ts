/**
 * Request bodies: JSON, read up to a size limit. Past the limit it is a typed 413 `too-large`, and
 * text that is not JSON a typed 400 (`bad-json` unless the surface names another code).
 */
import type { Readable } from 'node:stream';
import { HttpError } from './errors';

/** The largest body any surface reads. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface BodyOptions {
  /** Bytes read at most (default MAX_BODY_BYTES). */
  readonly maxBytes?: number;
  /** The code of the 400 for a body that is not JSON (default `bad-json`). */
  readonly invalidCode?: string;
}

/** The body as text, up to `maxBytes` (413 `too-large` past it). */
export async function readText(request: Readable, options: BodyOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > maxBytes) {
      throw new HttpError(413, 'too-large', `bodies are limited to ${maxBytes} bytes`);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A body's text as JSON, undefined when empty (or only white space); a typed 400 when not JSON. */
export function parseJson(text: string, options: BodyOptions = {}): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, options.invalidCode ?? 'bad-json', 'the body is not JSON');
  }
}

/** The JSON body, undefined when empty (or only white space). */
export async function readJson(request: Readable, options: BodyOptions = {}): Promise<unknown> {
  return parseJson(await readText(request, options), options);
}
