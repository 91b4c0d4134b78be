// @ts-check
/**
 * The Setup page's system settings (B10): consult timeout, wrap time, the features
 * (multi-interaction routing, cross-media consult, transfer to service, call logging), the capacity
 * weights and the dispositions. Each field is checked against the protocol's limits, its error in
 * words next to it; Save sends the whole settings (ContactPadSetupController.saveSettings, applied
 * all at once or not at all) and every connected ContactPad gets them live. A refusal is shown next
 * to the field it blames, else in words with its code apart; nothing was saved.
 */
import { LightningElement } from 'lwc';
import getSettings from '@salesforce/apex/ContactPadSetupController.getSettings';
import saveSettings from '@salesforce/apex/ContactPadSetupController.saveSettings';
import { SETUP_KINDS, SETUP_LIMITS, readSettings } from 'c/contactPadCore';
import { format, kindLabel } from 'c/contactPadText';
import { failureOf, rangeHint, focusIn } from 'c/contactPadSetupText';
import { FEATURES, checkDraft, draftOf, fieldError, fieldKeyOf } from './settingsView';
import SETTINGS from '@salesforce/label/c.ContactPad_SetupSettings';
import CONSULT_TIMEOUT from '@salesforce/label/c.ContactPad_SetupConsultTimeout';
import WRAP_TIME from '@salesforce/label/c.ContactPad_SetupWrapTime';
import FEATURES_LABEL from '@salesforce/label/c.ContactPad_SetupFeatures';
import MULTI_INTERACTION from '@salesforce/label/c.ContactPad_SetupMultiInteraction';
import CROSS_MEDIA_CONSULT from '@salesforce/label/c.ContactPad_SetupCrossMediaConsult';
import TRANSFER_TO_SERVICE from '@salesforce/label/c.ContactPad_SetupTransferToService';
import CALL_LOGGING from '@salesforce/label/c.ContactPad_SetupCallLogging';
import CAPACITY_WEIGHTS from '@salesforce/label/c.ContactPad_SetupCapacityWeights';
import DISPOSITIONS from '@salesforce/label/c.ContactPad_SetupDispositions';
import DISPOSITIONS_HINT from '@salesforce/label/c.ContactPad_SetupDispositionsHint';
import SAVE_SETTINGS from '@salesforce/label/c.ContactPad_SetupSaveSettings';
import SAVED from '@salesforce/label/c.ContactPad_SetupSettingsSaved';
import FIX_FIELDS from '@salesforce/label/c.ContactPad_SetupFixFields';
import NOT_SAVED from '@salesforce/label/c.ContactPad_SetupNotSaved';
import LOAD_FAILED from '@salesforce/label/c.ContactPad_SetupLoadFailed';

/** @import { Settings } from 'c/contactPadCore' */
/** @import { Draft } from './settingsView' */

/** @type {Readonly<Record<string, string>>} */
const FEATURE_LABELS = {
  multiInteraction: MULTI_INTERACTION,
  crossMediaConsult: CROSS_MEDIA_CONSULT,
  transferToService: TRANSFER_TO_SERVICE,
  callLogging: CALL_LOGGING,
};

/** @typedef {HTMLElement & { dataset: { id: string } }} FieldElement */

export default class ContactPadSetupSettings extends LightningElement {
  labels = {
    settings: SETTINGS,
    features: FEATURES_LABEL,
    capacityWeights: CAPACITY_WEIGHTS,
    dispositions: DISPOSITIONS,
    save: SAVE_SETTINGS,
  };
  dispositionsHint = format(
    DISPOSITIONS_HINT,
    SETUP_LIMITS.dispositions.maxItems,
    SETUP_LIMITS.dispositions.maxLength,
  );

  /** The account's settings as last read or saved. @type {Settings | null} */
  loaded = null;
  /** @type {Draft | null} */
  draft = null;
  /** The error next to each field, by the form's key. @type {Readonly<Record<string, string>>} */
  errors = {};
  status = '';
  failure = '';
  failureDetail = '';
  busy = false;
  /** What takes the focus once the template shows it. @type {string | null} */
  pendingFocus = null;
  /**
   * The dispositions' text to write into the textarea after the next render (a template cannot
   * set a textarea's value); null while the admin types.
   * @type {string | null}
   */
  dispositionsToShow = null;

  connectedCallback() {
    this.load();
  }

  async load() {
    try {
      this.show(readSettings(await getSettings()));
    } catch (error) {
      const failure = failureOf(error, 'load-failed');
      this.failure = format(LOAD_FAILED, failure.words);
      this.failureDetail = failure.detail;
    }
  }

  /** @param {Settings} settings */
  show(settings) {
    this.loaded = settings;
    this.draft = draftOf(settings);
    this.errors = {};
    this.dispositionsToShow = this.draft.dispositions;
  }

  get ready() {
    return this.draft !== null;
  }

  /**
   * One field as the template shows it.
   * @param {string} key
   * @param {string} label
   * @param {string} value
   * @param {string} hint
   */
  field(key, label, value, hint) {
    const id = key.replace(/\W/g, '-');
    const error = this.errors[key] ?? '';
    return {
      key,
      id,
      label,
      value,
      hint,
      hintId: `${id}-hint`,
      error,
      errorId: `${id}-error`,
      describedBy: `${id}-hint ${id}-error`,
      invalid: error === '' ? 'false' : 'true',
    };
  }

  get numbers() {
    const draft = this.draft;
    if (draft === null) return [];
    return [
      this.field(
        'consultTimeoutSeconds',
        CONSULT_TIMEOUT,
        draft.consultTimeoutSeconds,
        rangeHint(SETUP_LIMITS.consultTimeoutSeconds),
      ),
      this.field('wrapSeconds', WRAP_TIME, draft.wrapSeconds, rangeHint(SETUP_LIMITS.wrapSeconds)),
    ];
  }

  get weights() {
    const draft = this.draft;
    if (draft === null) return [];
    return SETUP_KINDS.map((kind) =>
      this.field(
        `weights.${kind}`,
        kindLabel(kind),
        draft.weights[kind] ?? '',
        rangeHint(SETUP_LIMITS.weights[kind]),
      ),
    );
  }

  get features() {
    const draft = this.draft;
    if (draft === null) return [];
    return FEATURES.map((name) => ({
      name,
      id: `feature-${name}`,
      label: FEATURE_LABELS[name],
      checked: draft.features[name] === true,
    }));
  }

  get dispositionsField() {
    return this.field(
      'dispositions',
      DISPOSITIONS,
      this.draft?.dispositions ?? '',
      this.dispositionsHint,
    );
  }

  /** @param {Event & { target: HTMLInputElement & FieldElement }} event */
  handleInput(event) {
    const draft = this.draft;
    if (draft === null) return;
    const key = event.target.dataset.id;
    const value = event.target.value;
    /** @type {Draft} */
    const next = key.startsWith('weights.')
      ? { ...draft, weights: { ...draft.weights, [key.slice('weights.'.length)]: value } }
      : { ...draft, [key]: value };
    this.draft = next;
    // An error shown follows the typing; a field not yet in error waits for Save.
    if (this.errors[key]) this.errors = { ...this.errors, [key]: fieldError(key, next) };
  }

  /** @param {Event & { target: HTMLInputElement & FieldElement }} event */
  handleFeature(event) {
    const draft = this.draft;
    if (draft === null) return;
    this.draft = {
      ...draft,
      features: { ...draft.features, [event.target.dataset.id]: event.target.checked },
    };
  }

  /** @param {Event} event */
  async handleSave(event) {
    event.preventDefault();
    const draft = this.draft;
    const loaded = this.loaded;
    if (draft === null || loaded === null || this.busy) return;
    this.clearNotice();
    const checked = checkDraft(draft, loaded);
    this.errors = checked.errors;
    if (checked.settings === null) {
      if (checked.failure === '') {
        this.status = FIX_FIELDS;
        this.focusLater('[aria-invalid="true"]');
      } else {
        this.failure = format(NOT_SAVED, checked.failure);
      }
      return;
    }
    this.busy = true;
    try {
      const saved = readSettings(
        await saveSettings({ settingsJson: JSON.stringify(checked.settings) }),
      );
      this.show(saved);
      this.status = SAVED;
    } catch (error) {
      this.refused(error);
    } finally {
      this.busy = false;
    }
  }

  /**
   * A refusal: next to the field it blames when the form shows it, else in words with its code.
   * @param {unknown} error
   */
  refused(error) {
    const failure = failureOf(error, 'not-saved');
    const key = fieldKeyOf(failure.field);
    if (key !== null) {
      this.errors = { ...this.errors, [key]: failure.words };
      this.status = FIX_FIELDS;
      this.focusLater('[aria-invalid="true"]');
      return;
    }
    this.failure = format(NOT_SAVED, failure.words);
    this.failureDetail = failure.detail;
  }

  clearNotice() {
    this.status = '';
    this.failure = '';
    this.failureDetail = '';
  }

  /**
   * Focuses an element once the template shows it enabled (after the next render).
   * @param {string} selector
   */
  focusLater(selector) {
    this.pendingFocus = selector;
  }

  renderedCallback() {
    /** @type {HTMLTextAreaElement | null} */
    const area = /** @type {ShadowRoot} */ (this.template).querySelector('textarea');
    if (area !== null && this.dispositionsToShow !== null) {
      area.value = this.dispositionsToShow;
      this.dispositionsToShow = null;
    }
    if (
      this.pendingFocus !== null &&
      focusIn(/** @type {ShadowRoot} */ (this.template), this.pendingFocus)
    ) {
      this.pendingFocus = null;
    }
  }
}
