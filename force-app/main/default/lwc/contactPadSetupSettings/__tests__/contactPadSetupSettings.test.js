import { createElement } from 'lwc';
import ContactPadSetupSettings from 'c/contactPadSetupSettings';
import getSettings from '@salesforce/apex/ContactPadSetupController.getSettings';
import saveSettings from '@salesforce/apex/ContactPadSetupController.saveSettings';
import { SETUP_LIMITS } from 'c/contactPadCore';
import { checkDraft, dispositionsOf, draftOf, fieldKeyOf } from '../settingsView';
import { settingsFixture } from '../../../../../../src/protocol/fixtures';

jest.mock(
  '@salesforce/apex/ContactPadSetupController.getSettings',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/ContactPadSetupController.saveSettings',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
// Labels with placeholders get their English text, so the filled-in values can be checked.
jest.mock(
  '@salesforce/label/c.ContactPad_SetupRangeError',
  () => ({ default: 'Enter a whole number from {0} to {1}.' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_SetupRangeHint',
  () => ({ default: 'From {0} to {1}.' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_SetupTooManyDispositions',
  () => ({ default: 'Enter at most {0} dispositions.' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_SetupDispositionTooLong',
  () => ({ default: 'Each disposition is at most {0} characters.' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_SetupNotSaved',
  () => ({ default: 'Nothing was saved: {0}' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_ErrorDetail',
  () => ({ default: 'Code for support: {0}' }),
  { virtual: true },
);

const SETTINGS = settingsFixture({ dispositions: ['Resolved', 'Call back'] });

// eslint-disable-next-line @lwc/lwc/no-async-operation
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const field = (element, key) => $(element, `[data-id="${key}"]`);

async function mount(settings = SETTINGS) {
  getSettings.mockResolvedValue(JSON.stringify(settings));
  const element = createElement('c-contact-pad-setup-settings', { is: ContactPadSetupSettings });
  document.body.appendChild(element);
  await settle();
  return element;
}

async function type(element, key, value) {
  const input = field(element, key);
  input.value = value;
  input.dispatchEvent(new CustomEvent('input'));
  await settle();
}

async function save(element) {
  $(element, 'form').dispatchEvent(new CustomEvent('submit', { cancelable: true }));
  await settle();
}

const labelOf = (element, input) =>
  text(element.shadowRoot.querySelector(`label[for="${input.id}"]`));

describe('c-contact-pad-setup-settings', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows the account’s settings, every field labelled, the limits beside the numbers', async () => {
    const element = await mount();
    expect(field(element, 'consultTimeoutSeconds').value).toBe(
      String(SETTINGS.consultTimeoutSeconds),
    );
    expect(labelOf(element, field(element, 'wrapSeconds'))).toBe('c.ContactPad_SetupWrapTime');
    const { min, max } = SETUP_LIMITS.consultTimeoutSeconds;
    expect(
      text(
        $(
          element,
          `[id="${field(element, 'consultTimeoutSeconds').getAttribute('aria-describedby').split(' ')[0]}"]`,
        ),
      ),
    ).toBe(`From ${min} to ${max}.`);
    expect(
      $$(element, 'input[type="checkbox"]').map((box) => [box.dataset.id, box.checked]),
    ).toEqual([
      ['multiInteraction', SETTINGS.features.multiInteraction],
      ['crossMediaConsult', SETTINGS.features.crossMediaConsult],
      ['transferToService', SETTINGS.features.transferToService],
      ['callLogging', SETTINGS.features.callLogging],
    ]);
    expect(field(element, 'weights.live').value).toBe(String(SETTINGS.weights.live));
    expect(field(element, 'dispositions').value).toBe('Resolved\nCall back');
    await expect(element).toBeAccessible();
  });

  it('saves the whole settings, what the form does not show kept as it was', async () => {
    const element = await mount();
    await type(element, 'wrapSeconds', '45');
    const logging = field(element, 'callLogging');
    logging.checked = !SETTINGS.features.callLogging;
    logging.dispatchEvent(new CustomEvent('change'));
    await type(element, 'dispositions', ' Resolved \n\nSold\n');
    const expected = {
      ...SETTINGS,
      wrapSeconds: 45,
      features: { ...SETTINGS.features, callLogging: !SETTINGS.features.callLogging },
      dispositions: ['Resolved', 'Sold'],
    };
    saveSettings.mockResolvedValue(JSON.stringify(expected));
    await save(element);
    expect(JSON.parse(saveSettings.mock.calls[0][0].settingsJson)).toEqual(expected);
    expect(text($(element, '[data-id="status"]'))).toBe('c.ContactPad_SetupSettingsSaved');
    expect(field(element, 'dispositions').value).toBe('Resolved\nSold');
  });

  it.each([
    [
      'consultTimeoutSeconds',
      String(SETUP_LIMITS.consultTimeoutSeconds.min - 1),
      'Enter a whole number from 5 to 600.',
    ],
    ['wrapSeconds', '1.5', `Enter a whole number from 0 to ${SETUP_LIMITS.wrapSeconds.max}.`],
    ['weights.live', '', `Enter a whole number from ${SETUP_LIMITS.weights.live.min} to 100.`],
    [
      'dispositions',
      'x'.repeat(SETUP_LIMITS.dispositions.maxLength + 1),
      `Each disposition is at most ${SETUP_LIMITS.dispositions.maxLength} characters.`,
    ],
    [
      'dispositions',
      Array.from({ length: SETUP_LIMITS.dispositions.maxItems + 1 }, (_, n) => `d${n}`).join('\n'),
      `Enter at most ${SETUP_LIMITS.dispositions.maxItems} dispositions.`,
    ],
  ])('refuses %s = %j next to the field; nothing is sent', async (key, value, words) => {
    const element = await mount();
    await type(element, key, value);
    await save(element);
    expect(saveSettings).not.toHaveBeenCalled();
    expect(text($(element, `[data-error="${key}"]`))).toBe(words);
    const input = field(element, key);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(
      $(element, `[data-error="${key}"]`).id,
    );
    expect(element.shadowRoot.activeElement).toBe(input);
    expect(text($(element, '[data-id="status"]'))).toBe('c.ContactPad_SetupFixFields');
    await expect(element).toBeAccessible();
  });

  it('shows the routing service’s refusal of a field next to it', async () => {
    saveSettings.mockRejectedValue({
      body: { message: 'bad-field: settings.weights.non-live: expected an integer from 1 to 100' },
    });
    const element = await mount();
    await save(element);
    expect(text($(element, '[data-error="weights.non-live"]'))).toBe(
      'Expected an integer from 1 to 100.',
    );
    expect(field(element, 'weights.non-live').getAttribute('aria-invalid')).toBe('true');
  });

  it('shows any other refusal in words with its code apart', async () => {
    saveSettings.mockRejectedValue({
      body: { message: 'unavailable: the routing service is restarting' },
    });
    const element = await mount();
    await save(element);
    expect($$(element, '[data-id="failure"] p').map(text)).toEqual([
      'Nothing was saved: The routing service is restarting.',
      'Code for support: unavailable',
    ]);
  });

  it('shows settings it cannot read as a failure and no form', async () => {
    getSettings.mockResolvedValue('{"wrapSeconds": 5}');
    const element = createElement('c-contact-pad-setup-settings', { is: ContactPadSetupSettings });
    document.body.appendChild(element);
    await settle();
    expect($(element, 'form')).toBeNull();
    expect(text($(element, '[data-id="failure"]'))).toContain('bad-answer');
  });

  describe('settingsView', () => {
    it('reads the dispositions one a line, and maps a failure’s path to the form’s field', () => {
      expect(dispositionsOf(' a \n\n b')).toEqual(['a', 'b']);
      expect(fieldKeyOf('dispositions.3')).toBe('dispositions');
      expect(fieldKeyOf('weights.live')).toBe('weights.live');
      expect(fieldKeyOf('offers.timeoutSeconds')).toBeNull();
      expect(fieldKeyOf(null)).toBeNull();
    });

    it('keeps a field the form does not show from being saved when it fails the schema', () => {
      const loaded = { ...SETTINGS, releaseTimeoutSeconds: 0 };
      const checked = checkDraft(draftOf(loaded), loaded);
      expect(checked.settings).toBeNull();
      expect(checked.failure).toContain('releaseTimeoutSeconds');
    });
  });
});
