/**
 * The Setup page's typed errors: a stable code, words to show, and the field to blame when there is
 * one. `setupErrorOf` reads any rejection the page meets: an Apex error (AuraHandledException,
 * `code: words`), the workbench's stand-in (`{ body: { errorCode, message } }`), or a SetupError.
 */

export class SetupError extends Error {
  override readonly name = 'SetupError';
  readonly code: string;
  /** The dotted path of the field to blame ("wrapSeconds", "weights.live"), or null. */
  readonly field: string | null;

  constructor(code: string, message: string, field: string | null = null) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

/** `code: words`, as ContactPad's Apex words its errors. */
const CODED = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)*): ([\s\S]*)$/;
/** `settings.wrapSeconds: expected ...`, as the admin API names the field of a bad body. */
const FIELD = /^(?:settings|service|agent)\.([A-Za-z0-9_.-]+): ([\s\S]*)$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The code, words and field of whatever a promise rejected with. */
export function setupErrorOf(error: unknown, fallbackCode: string): SetupError {
  if (error instanceof SetupError) return error;
  if (typeof error === 'string') return fromWords(error, fallbackCode, null);
  if (!isRecord(error)) return new SetupError(fallbackCode, '');
  const rawBody = Array.isArray(error['body']) ? (error['body'] as unknown[])[0] : error['body'];
  const body = isRecord(rawBody) ? rawBody : {};
  const code = textOf(error['code']) || textOf(body['errorCode']) || fallbackCode;
  const words = textOf(body['message']) || textOf(error['message']);
  const field = textOf(body['field']) || null;
  return fromWords(words, code, field);
}

function fromWords(words: string, code: string, field: string | null): SetupError {
  let text = words.trim();
  let found = code;
  const coded = CODED.exec(text);
  if (coded !== null) {
    found = coded[1] as string;
    text = coded[2] as string;
  }
  const named = FIELD.exec(text);
  if (named !== null) return new SetupError(found, named[2] as string, field ?? named[1] ?? null);
  return new SetupError(found, text, field);
}
