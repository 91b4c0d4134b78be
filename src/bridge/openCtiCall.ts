/**
 * Calling Open CTI: its methods take a callback and answer `{ success, returnValue, errors }`.
 * `callOpenCti` turns one call into a promise that never rejects, so no failure goes unseen;
 * the readers below take what the bridge needs out of loosely documented return values.
 */
import type { BridgeError } from './errors';
import { asBridgeError, openCtiFailure } from './errors';
import { recordId } from './messages';
import type { OpenCtiCallback } from './openCti';
import { compile } from '../protocol/schema';

export type OpenCtiOutcome<T> =
  | { readonly ok: true; readonly value: T | null }
  | { readonly ok: false; readonly error: BridgeError };

/** Calls one Open CTI method with a callback and resolves with its outcome; never rejects. */
export function callOpenCti<T = unknown>(
  method: string,
  invoke: (callback: OpenCtiCallback<T>) => void,
): Promise<OpenCtiOutcome<T>> {
  return new Promise((resolve) => {
    try {
      invoke((response) => {
        if (typeof response !== 'object' || response === null) {
          resolve({ ok: false, error: openCtiFailure(method, [`no response object`]) });
        } else if (response.success === true) {
          resolve({ ok: true, value: response.returnValue ?? null });
        } else {
          resolve({ ok: false, error: openCtiFailure(method, response.errors) });
        }
      });
    } catch (error) {
      resolve({ ok: false, error: asBridgeError('opencti-failed', `${method} threw`, error) });
    }
  });
}

const checkRecordId = compile(recordId);
const isRecordId = (value: unknown): value is string => checkRecordId(value) === null;

/**
 * The id saveLog answers with. The guide calls returnValue "the ID of the object" but types it
 * as an object, so both a bare id and `{ recordId | id | Id }` are read.
 */
export function savedRecordIdOf(returnValue: unknown): string | null {
  if (isRecordId(returnValue)) return returnValue;
  if (typeof returnValue !== 'object' || returnValue === null) return null;
  const fields = returnValue as Record<string, unknown>;
  for (const key of ['recordId', 'id', 'Id']) {
    if (isRecordId(fields[key])) return fields[key];
  }
  return null;
}

/** The one record searchAndScreenPop matched (its returnValue is keyed by record id), else null. */
export function matchedRecordIdOf(returnValue: unknown): string | null {
  if (typeof returnValue !== 'object' || returnValue === null) return null;
  const ids = Object.keys(returnValue).filter(isRecordId);
  return ids.length === 1 ? (ids[0] ?? null) : null;
}
