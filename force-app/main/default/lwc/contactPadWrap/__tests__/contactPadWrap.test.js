import { createElement } from 'lwc';
import ContactPadWrap from 'c/contactPadWrap';
import { channelLabel, customerText, format } from 'c/contactPadText';
import {
  MAX_NOTES_LENGTH,
  countdown,
  dispositionOptions,
  logDetail,
  notesError,
} from '../wrapView';
import {
  agentFixture,
  pendingLogFixture,
  settingsFixture,
} from '../../../../../../src/protocol/fixtures';

// Labels with placeholders get their English text, so the filled-in values can be checked.
jest.mock('@salesforce/label/c.ContactPad_WrapEndsIn', () => ({ default: 'Wrap ends in {0}' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/label/c.ContactPad_NotesTooLong',
  () => ({ default: 'Notes can be at most {0} characters.' }),
  { virtual: true },
);

const NOW = 1_700_000_000_000;
const DISPOSITIONS = ['Resolved', 'Call back'];

const flush = () => Promise.resolve();

function mount(props) {
  const element = createElement('c-contact-pad-wrap', { is: ContactPadWrap });
  Object.assign(element, { dispositions: DISPOSITIONS, now: NOW }, props);
  document.body.appendChild(element);
  return element;
}

const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();
const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

function change(target, value) {
  target.value = value;
  target.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

describe('c-contact-pad-wrap', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe('wrap helpers', () => {
    it('counts down as m:ss, rounded up, never below 0:00', () => {
      expect(countdown(NOW + 90_000, NOW)).toBe('1:30');
      expect(countdown(NOW + 4_001, NOW)).toBe('0:05');
      expect(countdown(NOW - 1_000, NOW)).toBe('0:00');
      expect(countdown(null, NOW)).toBe('0:00');
    });

    it('fills placeholders and reads customers and channels', () => {
      expect(format('{0}-{1}', 1)).toBe('1-{1}');
      expect(customerText({ name: null, phone: null, email: 'a@b' })).toBe('a@b');
      expect(customerText(null)).toBe('c.ContactPad_UnknownCustomer');
      expect(channelLabel('email')).toBe('c.ContactPad_Email');
      expect(channelLabel('fax')).toBe('fax');
    });

    it('offers None then the dispositions', () => {
      expect(dispositionOptions(['A'])).toEqual([
        { label: 'c.ContactPad_NoDisposition', value: '' },
        { label: 'A', value: 'A' },
      ]);
      expect(dispositionOptions(undefined)).toHaveLength(1);
    });

    it('checks the notes length', () => {
      expect(notesError('')).toBeNull();
      expect(notesError(undefined)).toBeNull();
      expect(notesError('x'.repeat(MAX_NOTES_LENGTH))).toBeNull();
      expect(notesError('x'.repeat(MAX_NOTES_LENGTH + 1))).toBe(
        'Notes can be at most 4000 characters.',
      );
    });

    it('sends no disposition as null', () => {
      expect(logDetail('i1', '', 'n', DISPOSITIONS)).toEqual({
        interactionId: 'i1',
        disposition: null,
        notes: 'n',
      });
      expect(logDetail('i1', 'Gone', undefined, DISPOSITIONS).disposition).toBeNull();
      expect(logDetail('i1', 'Resolved', 'n', DISPOSITIONS).disposition).toBe('Resolved');
    });
  });

  it('shows nothing while the agent is ready with nothing to log', async () => {
    const element = mount({ agent: agentFixture() });
    await flush();
    expect($(element, 'section')).toBeNull();
  });

  it('shows nothing without an agent', async () => {
    const element = mount({ agent: null });
    await flush();
    expect($(element, 'section')).toBeNull();
  });

  it('shows Wrap (Auto) with the countdown, following the clock', async () => {
    const element = mount({
      agent: agentFixture({ state: 'wrap-auto', wrapEndsAt: NOW + 90_000 }),
    });
    await flush();
    expect(text($(element, '.wrap-auto h2'))).toBe('c.ContactPad_WrapAuto');
    expect(text($(element, '.wrap-ends-in'))).toBe('Wrap ends in 1:30');
    element.now = NOW + 31_000;
    await flush();
    expect(text($(element, '.wrap-ends-in'))).toBe('Wrap ends in 0:59');
    element.now = NOW + 120_000;
    await flush();
    expect(text($(element, '.wrap-ends-in'))).toBe('Wrap ends in 0:00');
    expect($(element, '.logging')).toBeNull();
  });

  it('shows no countdown when the wrap has no end', async () => {
    const element = mount({ agent: agentFixture({ state: 'wrap-auto', wrapEndsAt: null }) });
    await flush();
    expect($(element, '.wrap-ends-in')).toBeNull();
    expect($(element, 'button[data-command="wrapend"]')).not.toBeNull();
  });

  it('ends the wrap with Ready now', async () => {
    const element = mount({ agent: agentFixture({ state: 'wrap-auto', wrapEndsAt: NOW + 5_000 }) });
    const handler = jest.fn();
    element.addEventListener('wrapend', handler);
    await flush();
    const button = $(element, 'button[data-command="wrapend"]');
    expect(text(button)).toBe('c.ContactPad_EndWrap');
    button.click();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0].detail).toBeNull();
  });

  it('Extend wrap where the account allows it: once, then disabled with the reason', async () => {
    const wrapping = agentFixture({ state: 'wrap-auto', wrapEndsAt: NOW + 5_000 });
    const element = mount({ agent: wrapping, settings: settingsFixture() });
    const handler = jest.fn();
    element.addEventListener('wrapextend', handler);
    await flush();
    // The account does not allow it: no button.
    expect($(element, 'button[data-command="wrapextend"]')).toBeNull();
    element.settings = settingsFixture({ wrapExtensionSeconds: 30 });
    await flush();
    const extend = $(element, 'button[data-command="wrapextend"]');
    expect(text(extend)).toBe('c.ContactPad_ExtendWrap');
    extend.click();
    expect(handler).toHaveBeenCalledTimes(1);
    element.agent = { ...wrapping, wrapExtended: true };
    await flush();
    expect(extend.disabled).toBe(true);
    expect(text($(element, '[data-id="extend-reason"]'))).toBe('c.ContactPad_ReasonWrapExtended');
    extend.click();
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('shows Logging the call with a form per pending log', async () => {
    const element = mount({
      agent: agentFixture({
        state: 'logging-call',
        pendingLogs: [
          pendingLogFixture(),
          pendingLogFixture({
            interactionId: 'i2',
            kind: 'non-live',
            channel: 'email',
            customer: { name: null, phone: null, email: 'bo@example.com' },
          }),
        ],
      }),
    });
    await flush();
    expect(text($(element, '.logging h2'))).toBe('c.ContactPad_LoggingTheCall');
    const legends = $$(element, 'legend').map(text);
    expect(legends).toEqual([
      'c.ContactPad_LogThisCall: John Smith (c.ContactPad_Voice)',
      'c.ContactPad_LogThisCall: bo@example.com (c.ContactPad_Email)',
    ]);
    const combobox = $(element, 'lightning-combobox');
    expect(combobox.label).toBe('c.ContactPad_Disposition');
    expect(combobox.options).toEqual([
      { label: 'c.ContactPad_NoDisposition', value: '' },
      { label: 'Resolved', value: 'Resolved' },
      { label: 'Call back', value: 'Call back' },
    ]);
    expect(combobox.value).toBe('');
    const textarea = $(element, 'lightning-textarea');
    expect(textarea.label).toBe('c.ContactPad_Notes');
    expect(textarea.maxLength).toBe(4000);
    expect($$(element, 'button[data-command="save"]').map(text)).toEqual([
      'c.ContactPad_Save',
      'c.ContactPad_Save',
    ]);
  });

  it('shows the logs whenever logs are pending, even in another state', async () => {
    const element = mount({
      agent: agentFixture({
        state: 'wrap-auto',
        wrapEndsAt: NOW + 5_000,
        pendingLogs: [pendingLogFixture()],
      }),
    });
    await flush();
    expect($(element, '.wrap-auto')).not.toBeNull();
    expect($$(element, 'fieldset')).toHaveLength(1);
  });

  it('shows the heading alone in Logging the call with nothing pending', async () => {
    const element = mount({ agent: agentFixture({ state: 'logging-call' }) });
    await flush();
    expect($(element, '.logging')).not.toBeNull();
    expect($$(element, 'fieldset')).toHaveLength(0);
  });

  it('saves the disposition and notes of the right log', async () => {
    const element = mount({
      agent: agentFixture({
        state: 'logging-call',
        pendingLogs: [
          pendingLogFixture(),
          pendingLogFixture({ interactionId: 'i2', channel: 'chat' }),
        ],
      }),
    });
    const handler = jest.fn();
    element.addEventListener('logsave', handler);
    await flush();
    const second = $$(element, 'fieldset')[1];
    change(second.querySelector('lightning-combobox'), 'Call back');
    change(second.querySelector('lightning-textarea'), 'Wants a call on Monday');
    await flush();
    expect(second.querySelector('lightning-combobox').value).toBe('Call back');
    second.querySelector('button').click();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0].detail).toEqual({
      interactionId: 'i2',
      disposition: 'Call back',
      notes: 'Wants a call on Monday',
    });
  });

  it('saves None as a null disposition and empty notes', async () => {
    const element = mount({
      agent: agentFixture({ state: 'logging-call', pendingLogs: [pendingLogFixture()] }),
    });
    const handler = jest.fn();
    element.addEventListener('logsave', handler);
    await flush();
    change($(element, 'lightning-combobox'), 'Resolved');
    change($(element, 'lightning-combobox'), '');
    await flush();
    $(element, 'button[data-command="save"]').click();
    expect(handler.mock.calls[0][0].detail).toEqual({
      interactionId: 'i-1',
      disposition: null,
      notes: '',
    });
  });

  it('refuses notes that are too long and shows the field error until they are fixed', async () => {
    const element = mount({
      agent: agentFixture({ state: 'logging-call', pendingLogs: [pendingLogFixture()] }),
    });
    const handler = jest.fn();
    element.addEventListener('logsave', handler);
    await flush();
    const textarea = $(element, 'lightning-textarea');
    const setCustomValidity = jest.spyOn(textarea, 'setCustomValidity');
    const reportValidity = jest.spyOn(textarea, 'reportValidity');
    change(textarea, 'x'.repeat(4001));
    await flush();
    $(element, 'button[data-command="save"]').click();
    await flush();
    expect(handler).not.toHaveBeenCalled();
    expect(setCustomValidity).toHaveBeenLastCalledWith('Notes can be at most 4000 characters.');
    expect(reportValidity).toHaveBeenCalled();

    change(textarea, 'x'.repeat(4000));
    await flush();
    expect(setCustomValidity).toHaveBeenLastCalledWith('');
    $(element, 'button[data-command="save"]').click();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0].detail.notes).toHaveLength(4000);
  });

  it('while reconnecting: Ready now and Save disabled with the reason, no live countdown', async () => {
    const element = mount({
      agent: agentFixture({
        state: 'wrap-auto',
        wrapEndsAt: NOW + 5_000,
        pendingLogs: [pendingLogFixture()],
      }),
      unconfirmed: 'reconnecting',
    });
    const wrapend = jest.fn();
    const logsave = jest.fn();
    element.addEventListener('wrapend', wrapend);
    element.addEventListener('logsave', logsave);
    await flush();
    const reason = $(element, '[data-id="unconfirmed"]');
    expect(text(reason)).toBe('c.ContactPad_ReasonReconnecting');
    expect($(element, '.wrap-ends-in')).toBeNull();
    const endWrap = $(element, 'button[data-command="wrapend"]');
    const save = $(element, 'button[data-command="save"]');
    for (const button of [endWrap, save]) {
      expect(button.disabled).toBe(true);
      expect(button.getAttribute('aria-describedby').split(' ')).toContain(
        reason.getAttribute('id'),
      );
      button.click();
    }
    expect(wrapend).not.toHaveBeenCalled();
    expect(logsave).not.toHaveBeenCalled();

    element.unconfirmed = null;
    await flush();
    expect($(element, '[data-id="unconfirmed"]')).toBeNull();
    expect(text($(element, '.wrap-ends-in'))).toBe('Wrap ends in 0:05');
    $(element, 'button[data-command="wrapend"]').click();
    expect(wrapend).toHaveBeenCalledTimes(1);
  });

  it('is accessible while reconnecting', async () => {
    const element = mount({
      agent: agentFixture({ state: 'logging-call', pendingLogs: [pendingLogFixture()] }),
      unconfirmed: 'reconnecting',
    });
    await flush();
    await expect(element).toBeAccessible();
  });

  it('is accessible', async () => {
    const element = mount({
      agent: agentFixture({
        state: 'wrap-auto',
        wrapEndsAt: NOW + 5_000,
        pendingLogs: [pendingLogFixture()],
      }),
    });
    await flush();
    await expect(element).toBeAccessible();
  });
});
