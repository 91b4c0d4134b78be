/**
 * Telephone numbers in the routing protocol's form (an optional "+" and 2-20 digits), from what
 * people type into the directory's Search field (B5) and from what Salesforce shows (click-to-dial).
 */
import { phoneNumber } from './messages';
import { compile } from './schema';

const checkPhoneNumber = compile(phoneNumber);
/** Digits and the separators people type between them; "+" only in front. */
const DIALLED = /^\+?[0-9\s().\-/]*$/;
/** The "(0)" of "+44 (0)20 ...": the national trunk prefix, not dialled after a country code. */
const TRUNK_ZERO = /\(0\)/;

/** The protocol form of a query that is a telephone number, or null when it is not one. */
export function recognisePhoneNumber(query: string): string | null {
  const text = query.trim();
  if (!DIALLED.test(text)) return null;
  const international = text.startsWith('+');
  const body = international ? text.slice(1).replace(TRUNK_ZERO, '') : text;
  const digits = body.replace(/[^0-9]/g, '');
  let number = international ? `+${digits}` : digits;
  // "00" is the international prefix in most of the world: "0044..." is "+44...".
  if (!international && digits.startsWith('00') && digits.length >= 4) {
    number = `+${digits.slice(2)}`;
  }
  return checkPhoneNumber(number) === null ? number : null;
}

/** The protocol form of a displayed number, or null when no valid number is in it. */
export function normalisePhoneNumber(value: unknown): string | null {
  let text: string;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) text = String(value);
  else if (typeof value === 'string') text = value;
  else return null;
  // An extension is dialled after the call connects, so it is not part of the number.
  const main = text.split(/\s*(?:ext\.?|extension|x|#)\s*\d/i)[0] ?? '';
  const plus = /^\s*\+/.test(main) ? '+' : '';
  const digits = main.replace(/[^0-9]/g, '');
  const candidate = `${plus}${digits}`;
  return checkPhoneNumber(candidate) === null ? candidate : null;
}
