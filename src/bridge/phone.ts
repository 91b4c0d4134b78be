/**
 * Telephone numbers as Salesforce shows them ("(415) 555-0100", "+44 20 7946 0000 ext. 12", or a
 * bare number) turned into the routing protocol's form: an optional "+" and digits only.
 */
import { phoneNumber } from '../protocol/messages';
import { compile } from '../protocol/schema';

const checkPhoneNumber = compile(phoneNumber);

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
