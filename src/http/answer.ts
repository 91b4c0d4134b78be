/**
 * Answering: JSON and text never cached, typed errors in one wire form, and the request listener
 * that turns whatever a handler throws into such an answer (never an unhandled rejection).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpError } from './errors';
import { errorBody } from './errors';

/** Answers with JSON, never cached. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(text);
}

/** Answers with text of the given type, never cached. */
export function sendText(
  response: ServerResponse,
  status: number,
  contentType: string,
  text: string,
): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  response.end(text);
}

/** Answers a typed error as JSON (with `Allow` for a 405). */
export function sendError(response: ServerResponse, error: HttpError, withField: boolean): void {
  if (error.allow.length > 0) response.setHeader('allow', error.allow.join(', '));
  sendJson(response, error.status, errorBody(error, withField));
}

/** How a surface answers what its handler threw. */
export interface FailurePolicy {
  /** The typed error a failure is answered with (an HttpError as it is, anything else mapped). */
  toError(caught: unknown): HttpError;
  /** Whether error bodies carry `field` (`{ code, message, field }`) or not. */
  readonly withField: boolean;
  /** Told of every failure answered 500, to log it. */
  failed(caught: unknown): void;
}

/** A request listener that runs `handle` and answers whatever it throws by `policy`. */
export function answering(
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  policy: FailurePolicy,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handle(request, response).catch((caught: unknown) => {
      const error = policy.toError(caught);
      if (error.status === 500) policy.failed(caught);
      if (response.headersSent) response.end();
      else sendError(response, error, policy.withField);
    });
  };
}
