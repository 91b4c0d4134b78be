// @ts-check
/**
 * The system settings form (pure): the text of each field from the account's settings, the checks
 * of each field against the limits the adapter core reads off the protocol's schemas, and the whole
 * settings the form saves (what it does not show kept as they were).
 */
import { SETUP_KINDS, SETUP_LIMITS, settingsFailure } from 'c/contactPadCore';
import { format } from 'c/contactPadText';
import { rangeError, wholeNumber } from 'c/contactPadSetupText';
import TOO_MANY from '@salesforce/label/c.ContactPad_SetupTooManyDispositions';
import TOO_LONG from '@salesforce/label/c.ContactPad_SetupDispositionTooLong';

/** @import { Settings } from 'c/contactPadCore' */

/** The features the form turns on and off, in the order it shows them. */
export const FEATURES = /** @type {const} */ ([
  'multiInteraction',
  'crossMediaConsult',
  'transferToService',
  'callLogging',
]);

/** The number fields: their key (the settings field) and limits. */
export const NUMBER_FIELDS = /** @type {const} */ (['consultTimeoutSeconds', 'wrapSeconds']);

/**
 * What the form holds: numbers as typed, the features, the dispositions one a line.
 * @typedef {{ consultTimeoutSeconds: string, wrapSeconds: string,
 *   features: Readonly<Record<string, boolean>>, weights: Readonly<Record<string, string>>,
 *   dispositions: string }} Draft
 */

/**
 * @param {Settings} settings
 * @returns {Draft}
 */
export function draftOf(settings) {
  return {
    consultTimeoutSeconds: String(settings.consultTimeoutSeconds),
    wrapSeconds: String(settings.wrapSeconds),
    features: Object.fromEntries(FEATURES.map((name) => [name, settings.features[name]])),
    weights: Object.fromEntries(SETUP_KINDS.map((kind) => [kind, String(settings.weights[kind])])),
    dispositions: settings.dispositions.join('\n'),
  };
}

/**
 * The dispositions typed, one a line, blank lines and spaces around each left out.
 * @param {string} text
 * @returns {string[]}
 */
export function dispositionsOf(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Why the dispositions would be refused ('' when they are fine).
 * @param {string} text
 * @returns {string}
 */
export function dispositionsError(text) {
  const { maxItems, maxLength } = SETUP_LIMITS.dispositions;
  const lines = dispositionsOf(text);
  if (lines.length > maxItems) return format(TOO_MANY, maxItems);
  if (lines.some((line) => line.length > maxLength)) return format(TOO_LONG, maxLength);
  return '';
}

/**
 * Why one field's text would be refused ('' when fine); `key` as the form names its fields
 * ("wrapSeconds", "weights.live", "dispositions").
 * @param {string} key
 * @param {Draft} draft
 * @returns {string}
 */
export function fieldError(key, draft) {
  if (key === 'consultTimeoutSeconds' || key === 'wrapSeconds') {
    return rangeError(draft[key], SETUP_LIMITS[key]);
  }
  if (key === 'dispositions') return dispositionsError(draft.dispositions);
  const kind = SETUP_KINDS.find((k) => key === `weights.${k}`);
  return kind === undefined ? '' : rangeError(draft.weights[kind], SETUP_LIMITS.weights[kind]);
}

/** Every field the form checks, in the order it shows them. */
export const FIELD_KEYS = [
  ...NUMBER_FIELDS,
  ...SETUP_KINDS.map((kind) => `weights.${kind}`),
  'dispositions',
];

/**
 * The form's field a failure's dotted path blames ("dispositions.3" -> "dispositions"), or null
 * when the form does not show it.
 * @param {string | null} path
 * @returns {string | null}
 */
export function fieldKeyOf(path) {
  if (path === null) return null;
  return FIELD_KEYS.find((key) => path === key || path.startsWith(`${key}.`)) ?? null;
}

/**
 * The form's checks: the errors per field and, when there are none, the whole settings to save
 * (the ones loaded, with what the form shows replaced). `failure` is set when the whole settings
 * still fail the protocol's schema (a field the form does not show).
 * @param {Draft} draft
 * @param {Settings} loaded
 * @returns {{ errors: Record<string, string>, settings: Settings | null, failure: string }}
 */
export function checkDraft(draft, loaded) {
  /** @type {Record<string, string>} */
  const errors = {};
  for (const key of FIELD_KEYS) {
    const error = fieldError(key, draft);
    if (error !== '') errors[key] = error;
  }
  if (Object.keys(errors).length > 0) return { errors, settings: null, failure: '' };
  /** @type {Settings} */
  const settings = {
    ...loaded,
    consultTimeoutSeconds: wholeNumber(draft.consultTimeoutSeconds),
    wrapSeconds: wholeNumber(draft.wrapSeconds),
    features: { ...loaded.features, ...draft.features },
    weights: /** @type {Settings['weights']} */ (
      Object.fromEntries(SETUP_KINDS.map((kind) => [kind, wholeNumber(draft.weights[kind])]))
    ),
    dispositions: dispositionsOf(draft.dispositions),
  };
  const failure = settingsFailure(settings);
  if (failure !== null) {
    return { errors, settings: null, failure: `${failure.field}: ${failure.expected}` };
  }
  return { errors, settings, failure: '' };
}
