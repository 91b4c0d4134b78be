import { createElement } from 'lwc';
import ContactPadActions from 'c/contactPadActions';
import { ACTIONS, KIND_OF_CHANNEL, allowedActions } from 'c/contactPadCore';
import { REASON_LABELS, buttonsFor, reasonText } from '../buttons';
import { interactionFixture, settingsFixture } from '../../../../../../src/protocol/fixtures';

const FEATURES = settingsFixture().features;

/** The fixture interaction, its kind the one of the channel given. */
const interaction = (change = {}) =>
  interactionFixture({ kind: KIND_OF_CHANNEL[change.channel ?? 'voice'], ...change });

const no = (reason) => ({ allowed: false, reason });

/**
 * An ActionSet with every action allowed but those of a conference (the call is not one), then
 * the given ones replaced.
 */
function actionSet(overrides = {}) {
  const set = Object.fromEntries(
    ACTIONS.map((action) => [action, { allowed: true, reason: null }]),
  );
  const outsideConference = { 'release-party': no('not-conference'), leave: no('not-conference') };
  return { ...set, ...outsideConference, ...overrides };
}

const flush = () => Promise.resolve();

function mount(props) {
  const element = createElement('c-contact-pad-actions', { is: ContactPadActions });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

const buttons = (element) => [...element.shadowRoot.querySelectorAll('button')];
const names = (element) => buttons(element).map((button) => button.textContent.trim());
const button = (element, action) =>
  element.shadowRoot.querySelector(`button[data-action="${action}"]`);

describe('c-contact-pad-actions', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe('button helpers', () => {
    it('has a label for every reason code of the core', () => {
      expect(Object.keys(REASON_LABELS).sort()).toEqual(
        [
          'consult-call',
          'consult-under-way',
          'cross-media-consult-off',
          'not-active',
          'not-for-kind',
          'not-held',
          'muted',
          'not-muted',
          'recording-off',
          'not-recording',
          'recording-not-paused',
          'on-hold',
          'in-conference',
          'not-conference',
          'offered',
          'not-offered',
          'no-room-for-call',
          'not-callback',
          'not-wrapping',
          'wrap-extended',
          'wrap-extension-off',
          'not-working',
          'release-working',
          'releasing',
          'reconnecting',
          'disconnected',
          'replaced',
        ].sort(),
      );
      expect(reasonText(null)).toBeNull();
      expect(reasonText('something-new')).toBe('c.ContactPad_ReasonNotForKind');
    });

    it('gives no buttons without an interaction and disables all without an action set', () => {
      expect(buttonsFor(null, actionSet())).toEqual([]);
      const list = buttonsFor(interaction({ channel: 'chat' }), null);
      expect(list.map((b) => b.action)).toEqual(['release', 'consult', 'abandon']);
      expect(list.every((b) => b.disabled && b.reason === null && !b.reasonId)).toBe(true);
    });
  });

  it.each([
    ['voice', ['Release', 'Hold', 'Mute', 'PauseRecording', 'Keypad', 'Consult', 'Transfer']],
    ['video', ['Release', 'Hold', 'Mute', 'PauseRecording', 'Keypad', 'Consult', 'Transfer']],
    ['chat', ['Release', 'Consult', 'Abandon']],
    ['email', ['Release', 'Consult', 'Transfer', 'Abandon']],
    ['case', ['Release', 'Consult', 'Transfer', 'Abandon']],
  ])('shows exactly the buttons a %s interaction offers', async (channel, expected) => {
    const subject = interaction({ channel });
    const element = mount({ interaction: subject, actions: allowedActions(subject, FEATURES) });
    await flush();
    expect(names(element)).toEqual(expected.map((name) => `c.ContactPad_${name}`));
  });

  it('shows Retrieve, Unmute and Resume recording on their toggles while they apply', async () => {
    const held = interaction({ state: 'held', muted: true, recording: 'paused' });
    const element = mount({ interaction: held, actions: allowedActions(held, FEATURES) });
    await flush();
    expect(names(element)).toEqual([
      'c.ContactPad_Release',
      'c.ContactPad_Retrieve',
      'c.ContactPad_Unmute',
      'c.ContactPad_ResumeRecording',
      'c.ContactPad_Keypad',
      'c.ContactPad_Consult',
      'c.ContactPad_Transfer',
    ]);
    expect(button(element, 'retrieve').disabled).toBe(false);
    expect(button(element, 'hold')).toBeNull();
    expect(button(element, 'send-digits').title).toBe('c.ContactPad_ReasonOnHold');
  });

  it('in a conference shows Release party and Leave in place of Consult and Transfer', async () => {
    const conference = interaction({ conference: { partyName: 'Bob Stone', partyNumber: null } });
    const element = mount({
      interaction: conference,
      actions: allowedActions(conference, FEATURES),
    });
    const handler = jest.fn();
    element.addEventListener('action', handler);
    await flush();
    expect(names(element)).toEqual([
      'c.ContactPad_Release',
      'c.ContactPad_Hold',
      'c.ContactPad_Mute',
      'c.ContactPad_PauseRecording',
      'c.ContactPad_Keypad',
      'c.ContactPad_ReleaseParty',
      'c.ContactPad_Leave',
    ]);
    button(element, 'leave').click();
    button(element, 'release-party').click();
    expect(handler.mock.calls.map((call) => call[0].detail)).toEqual([
      { action: 'leave' },
      { action: 'release-party' },
    ]);
  });

  it('Keypad opens the keys: each key sends its digit, Escape closes and gives focus back', async () => {
    const call = interaction();
    const element = mount({ interaction: call, actions: allowedActions(call, FEATURES) });
    const handler = jest.fn();
    element.addEventListener('action', handler);
    await flush();
    const keypadButton = button(element, 'send-digits');
    expect(keypadButton.getAttribute('aria-expanded')).toBe('false');
    keypadButton.click();
    await flush();
    await flush();
    expect(handler).not.toHaveBeenCalled();
    expect(keypadButton.getAttribute('aria-expanded')).toBe('true');
    const keypad = element.shadowRoot.querySelector('c-contact-pad-keypad');
    expect(keypad).not.toBeNull();
    const keys = [...keypad.shadowRoot.querySelectorAll('button[data-key]')];
    expect(keys.map((key) => key.textContent.trim()).join('')).toBe('123456789*0#');
    expect(keys[0].getAttribute('aria-label')).toBe('c.ContactPad_KeypadDigit');
    expect(keypad.shadowRoot.activeElement).toBe(keys[0]);
    keys[4].click();
    const group = keypad.shadowRoot.querySelector('[role="group"]');
    group.dispatchEvent(new KeyboardEvent('keydown', { key: '#', bubbles: true }));
    group.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', bubbles: true }));
    await flush();
    expect(handler.mock.calls.map((each) => each[0].detail)).toEqual([
      { action: 'send-digits', digits: '5' },
      { action: 'send-digits', digits: '#' },
    ]);
    expect(keypad.shadowRoot.querySelector('[data-id="sent"]').textContent).toBe(
      'c.ContactPad_DigitsSent',
    );
    group.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flush();
    expect(element.shadowRoot.querySelector('c-contact-pad-keypad')).toBeNull();
    expect(element.shadowRoot.activeElement).toBe(keypadButton);
    expect(keypadButton.getAttribute('aria-expanded')).toBe('false');
  });

  it('closes the keypad when the call goes on hold or another interaction is current', async () => {
    const call = interaction();
    const element = mount({ interaction: call, actions: allowedActions(call, FEATURES) });
    await flush();
    button(element, 'send-digits').click();
    await flush();
    expect(element.shadowRoot.querySelector('c-contact-pad-keypad')).not.toBeNull();
    const held = interaction({ state: 'held' });
    element.interaction = held;
    element.actions = allowedActions(held, FEATURES);
    await flush();
    expect(element.shadowRoot.querySelector('c-contact-pad-keypad')).toBeNull();
    const other = interaction({ id: 'i-2' });
    element.interaction = other;
    element.actions = allowedActions(other, FEATURES);
    await flush();
    expect(element.shadowRoot.querySelector('c-contact-pad-keypad')).toBeNull();
  });

  it('shows a disabled Hold with its reason while the call rings', async () => {
    const ringing = interaction({ state: 'ringing' });
    const element = mount({ interaction: ringing, actions: allowedActions(ringing, FEATURES) });
    await flush();
    const hold = button(element, 'hold');
    expect(hold.disabled).toBe(true);
    expect(hold.title).toBe('c.ContactPad_ReasonNotActive');
  });

  it.each([
    ['release', 'voice'],
    ['hold', 'voice'],
    ['consult', 'voice'],
    ['transfer', 'voice'],
    ['retrieve', 'voice', { retrieve: { allowed: true, reason: null } }],
    ['abandon', 'chat'],
    ['abandon', 'email'],
    ['transfer', 'case'],
    ['consult', 'chat'],
  ])('dispatches action %p for a %s interaction', async (action, channel) => {
    const subject = interaction({ channel, state: action === 'retrieve' ? 'held' : 'active' });
    const actions = action === 'retrieve' ? actionSet() : actionSet({ retrieve: no('not-held') });
    const element = mount({ interaction: subject, actions });
    const handler = jest.fn();
    element.addEventListener('action', handler);
    await flush();
    button(element, action).click();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0].detail).toEqual({ action });
  });

  it.each([
    ['release', 'releasing', 'c.ContactPad_ReasonReleasing'],
    ['abandon', 'release-working', 'c.ContactPad_ReasonReleaseWorking'],
    ['consult', 'not-active', 'c.ContactPad_ReasonNotActive'],
    ['release', 'not-held', 'c.ContactPad_ReasonNotHeld'],
    ['transfer', 'consult-call', 'c.ContactPad_ReasonConsultCall'],
    ['consult', 'consult-under-way', 'c.ContactPad_ReasonConsultUnderWay'],
    ['consult', 'cross-media-consult-off', 'c.ContactPad_ReasonCrossMediaConsultOff'],
    ['release', 'not-for-kind', 'c.ContactPad_ReasonNotForKind'],
  ])('disables %s and says why for reason %s', async (action, reason, label) => {
    const subject = interaction({ channel: 'email' });
    const element = mount({ interaction: subject, actions: actionSet({ [action]: no(reason) }) });
    const handler = jest.fn();
    element.addEventListener('action', handler);
    await flush();
    const disabled = button(element, action);
    expect(disabled.disabled).toBe(true);
    expect(disabled.title).toBe(label);
    const describedBy = disabled.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    const text = element.shadowRoot.querySelector(`[id="${describedBy}"]`);
    expect(text.textContent.trim()).toBe(label);
    expect(text.dataset.reason).toBe(reason);
    disabled.click();
    expect(handler).not.toHaveBeenCalled();
    // The others stay enabled, without a reason.
    buttons(element)
      .filter((other) => other !== disabled)
      .forEach((other) => {
        expect(other.disabled).toBe(false);
        expect(other.getAttribute('aria-describedby')).toBeNull();
      });
    expect(element.shadowRoot.querySelectorAll('.reason')).toHaveLength(1);
  });

  it('shows Abandon disabled until Release is not working, then enabled', async () => {
    const chat = interaction({ channel: 'chat' });
    const element = mount({ interaction: chat, actions: allowedActions(chat, FEATURES) });
    await flush();
    expect(button(element, 'abandon').disabled).toBe(true);
    expect(button(element, 'abandon').title).toBe('c.ContactPad_ReasonReleaseWorking');

    const failed = interaction({
      channel: 'chat',
      state: 'release-failed',
      releaseFailure: { reason: 'timeout', message: 'No answer' },
    });
    element.interaction = failed;
    element.actions = allowedActions(failed, FEATURES);
    await flush();
    expect(button(element, 'abandon').disabled).toBe(false);
    expect(button(element, 'abandon').title).toBe('');
  });

  it('follows the core on a consult leg and for cross-media consult off', async () => {
    const leg = interaction({ consultId: 'c1' });
    const element = mount({ interaction: leg, actions: allowedActions(leg, FEATURES) });
    await flush();
    expect(button(element, 'consult').title).toBe('c.ContactPad_ReasonConsultCall');
    expect(button(element, 'transfer').title).toBe('c.ContactPad_ReasonConsultCall');
    expect(button(element, 'release').disabled).toBe(false);

    const email = interaction({ channel: 'email' });
    element.interaction = email;
    element.actions = allowedActions(email, { ...FEATURES, crossMediaConsult: false });
    await flush();
    expect(button(element, 'consult').title).toBe('c.ContactPad_ReasonCrossMediaConsultOff');
  });

  it.each([
    ['reconnecting', 'c.ContactPad_ReasonReconnecting'],
    ['replaced', 'c.ContactPad_ReasonReplaced'],
  ])(
    'while %s: every button disabled, the reason said once, a held call still shows Retrieve',
    async (unconfirmed, label) => {
      const held = interaction({ state: 'held' });
      const element = mount({
        interaction: held,
        actions: allowedActions(held, FEATURES, [], unconfirmed),
      });
      const handler = jest.fn();
      element.addEventListener('action', handler);
      await flush();
      expect(names(element)).toEqual([
        'c.ContactPad_Release',
        'c.ContactPad_Retrieve',
        'c.ContactPad_Mute',
        'c.ContactPad_PauseRecording',
        'c.ContactPad_Keypad',
        'c.ContactPad_Consult',
        'c.ContactPad_Transfer',
      ]);
      // The keypad keeps its own reason (the call is on hold); the others wait for the connection.
      const reasons = element.shadowRoot.querySelectorAll(`.reason[data-reason="${unconfirmed}"]`);
      expect(reasons).toHaveLength(1);
      expect(reasons[0].textContent.trim()).toBe(label);
      for (const each of buttons(element).filter((b) => b.dataset.action !== 'send-digits')) {
        expect(each.disabled).toBe(true);
        expect(each.title).toBe(label);
        expect(each.getAttribute('aria-describedby')).toBe(reasons[0].getAttribute('id'));
        each.click();
      }
      expect(handler).not.toHaveBeenCalled();

      // Confirmed again: everything as it was.
      element.actions = allowedActions(held, FEATURES);
      await flush();
      expect(buttons(element).map((each) => each.disabled)).toEqual([
        false,
        false,
        false,
        false,
        true,
        false,
        false,
      ]);
      expect(element.shadowRoot.querySelectorAll('.reason')).toHaveLength(1);
    },
  );

  it('keeps a reason of the interaction beside the connection reason', async () => {
    const chat = interaction({ channel: 'chat' });
    const element = mount({
      interaction: chat,
      actions: allowedActions(chat, FEATURES, [], 'reconnecting'),
    });
    await flush();
    const reasons = [...element.shadowRoot.querySelectorAll('.reason')].map(
      (p) => p.dataset.reason,
    );
    expect(reasons.sort()).toEqual(['reconnecting', 'release-working']);
    expect(button(element, 'abandon').title).toBe('c.ContactPad_ReasonReleaseWorking');
    expect(button(element, 'release').title).toBe('c.ContactPad_ReasonReconnecting');
  });

  it('renders nothing without an interaction', async () => {
    const element = mount({ interaction: null, actions: null });
    await flush();
    expect(buttons(element)).toHaveLength(0);
    expect(element.shadowRoot.querySelector('ul')).toBeNull();
  });

  it('is accessible', async () => {
    const subject = interaction({ channel: 'chat' });
    const element = mount({ interaction: subject, actions: allowedActions(subject, FEATURES) });
    await flush();
    await expect(element).toBeAccessible();
  });

  it('is accessible while reconnecting', async () => {
    const subject = interaction({ channel: 'voice' });
    const element = mount({
      interaction: subject,
      actions: allowedActions(subject, FEATURES, [], 'reconnecting'),
    });
    await flush();
    await expect(element).toBeAccessible();
  });
});
