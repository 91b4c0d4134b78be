/**
 * Typed HTTP errors: an answer given on purpose, with a status, a stable machine-readable code and
 * a human message (and, where one is to blame, the field). Every HTTP surface throws these and
 * answers them the same way (answer.ts), so a bad request is a typed 4xx, never a stack.
 */

/** What an error may add: the field to blame, the methods a path takes (a 405's `Allow`). */
export interface ErrorDetails {
  readonly field?: string | null;
  readonly allow?: readonly string[];
}

/** An answer given on purpose: status, stable code, message, field to blame. */
export class HttpError extends Error {
  readonly field: string | null;
  /** The methods the path takes, sent as `Allow` (405); empty otherwise. */
  readonly allow: readonly string[];

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(message);
    this.field = details.field ?? null;
    this.allow = details.allow ?? [];
  }
}

/** The wire form of an error: `{ error: { code, message, field } }`, or without `field`. */
export function errorBody(error: HttpError, withField: boolean): unknown {
  const { code, message, field } = error;
  return { error: withField ? { code, message, field } : { code, message } };
}
