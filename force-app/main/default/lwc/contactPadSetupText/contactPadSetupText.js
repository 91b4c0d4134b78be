// @ts-check
/**
 * Words the Setup page's components share (a service module, no template): a failure read off any
 * rejection (its words as a sentence, its code apart, the field it blames), and the checks of a
 * name and a whole number against the limits the adapter core reads off the protocol's schemas.
 */
import { SETUP_LIMITS, isValidName, setupErrorOf } from 'c/contactPadCore';
import { errorDetail, errorSentence, format } from 'c/contactPadText';
import NAME_ERROR from '@salesforce/label/c.ContactPad_SetupNameError';
import RANGE_ERROR from '@salesforce/label/c.ContactPad_SetupRangeError';
import RANGE_HINT from '@salesforce/label/c.ContactPad_SetupRangeHint';

/** @import { Range } from 'c/contactPadCore' */

/**
 * A failure as the page shows it.
 * @typedef {{ code: string, words: string, detail: string, field: string | null }} Failure
 */

/**
 * What a rejection says: its words as a sentence, "Code for support: {code}" apart, its field.
 * @param {unknown} error
 * @param {string} fallbackCode the code when the rejection carries none
 * @returns {Failure}
 */
export function failureOf(error, fallbackCode) {
  const failure = setupErrorOf(error, fallbackCode);
  return {
    code: failure.code,
    words: errorSentence(failure.message),
    detail: errorDetail(failure.code),
    field: failure.field,
  };
}

/**
 * Why a name would be refused ('' when it is fine): 1 to MAX characters, not only spaces.
 * @param {string} name
 * @returns {string}
 */
export function nameError(name) {
  return isValidName(name.trim()) ? '' : format(NAME_ERROR, SETUP_LIMITS.name.maxLength);
}

/**
 * A field's text as a whole number; NaN when it is not one.
 * @param {string | number | null | undefined} text
 * @returns {number}
 */
export function wholeNumber(text) {
  const value = String(text ?? '').trim();
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}

/**
 * Why a number field would be refused ('' when its text is a whole number within the range).
 * @param {string | number | null | undefined} text
 * @param {Range} range
 * @returns {string}
 */
export function rangeError(text, range) {
  const value = wholeNumber(text);
  return value >= range.min && value <= range.max ? '' : format(RANGE_ERROR, range.min, range.max);
}

/**
 * "From {min} to {max}.": the hint beside a number field.
 * @param {Range} range
 * @returns {string}
 */
export function rangeHint(range) {
  return format(RANGE_HINT, range.min, range.max);
}

/**
 * Focuses the element `selector` finds in `root` when it can take the focus (there, not disabled).
 * @param {ShadowRoot | null} root
 * @param {string} selector
 * @returns {boolean} whether it took the focus
 */
export function focusIn(root, selector) {
  /** @type {(HTMLElement & { disabled?: boolean }) | null | undefined} */
  const element = root?.querySelector(selector);
  if (!element || element.disabled) return false;
  element.focus();
  return true;
}
