import { createElement } from 'lwc';
import ContactPadPresence from 'c/contactPadPresence';
import { agentFixture, settingsFixture } from '../../../../../../src/protocol/fixtures';

jest.mock('@salesforce/label/c.ContactPad_WrapEndsIn', () => ({ default: 'Wrap ends in {0}' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_AwayWithReason', () => ({ default: 'Away: {0}' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_SetAwayBy', () => ({ default: 'Set Away by {0}' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/label/c.ContactPad_SetAwayByReason',
  () => ({ default: 'Set Away by {0}: {1}' }),
  { virtual: true },
);
jest.mock('@salesforce/label/c.ContactPad_LoggedOutBy', () => ({ default: 'Logged out by {0}' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/label/c.ContactPad_LoggedOutByReason',
  () => ({ default: 'Logged out by {0}: {1}' }),
  { virtual: true },
);

const NOW = 1795000000000;

function render(agent, now = NOW) {
  const element = createElement('c-contact-pad-presence', { is: ContactPadPresence });
  element.agent = agent;
  element.now = now;
  document.body.appendChild(element);
  return element;
}

const flush = () => Promise.resolve();
const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
const choices = (element) => [...element.shadowRoot.querySelectorAll('button[data-state]')];
const choice = (element, state) =>
  element.shadowRoot.querySelector(`button[data-state="${state}"]`);

describe('c-contact-pad-presence', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it.each([
    ['ready', 'c.ContactPad_Ready'],
    ['busy', 'c.ContactPad_Busy'],
    ['away', 'c.ContactPad_Away'],
    ['wrap-auto', 'c.ContactPad_WrapAuto'],
    ['logging-call', 'c.ContactPad_LoggingTheCall'],
    ['logged-out', 'c.ContactPad_LoggedOut'],
  ])('shows the state %s', async (state, label) => {
    const element = render(agentFixture({ state }));
    await flush();
    expect($(element, 'state-label').textContent).toBe(label);
  });

  it('offers Ready, Away and Logged out in a named group, the current one pressed', async () => {
    const element = render(agentFixture({ state: 'away' }));
    await flush();
    const group = element.shadowRoot.querySelector('[role="group"]');
    expect(group.getAttribute('aria-label')).toBe('c.ContactPad_ChangePresence');
    expect(choices(element).map((b) => b.dataset.state)).toEqual(['ready', 'away', 'logged-out']);
    expect(choices(element).map((b) => b.getAttribute('aria-pressed'))).toEqual([
      'false',
      'true',
      'false',
    ]);
  });

  it('dispatches presencechange with the chosen state', async () => {
    const element = render(agentFixture({ state: 'busy' }));
    const handler = jest.fn();
    element.addEventListener('presencechange', handler);
    await flush();
    choice(element, 'away').click();
    choice(element, 'logged-out').click();
    expect(handler.mock.calls.map((call) => call[0].detail)).toEqual([
      { state: 'away', reason: null },
      { state: 'logged-out', reason: null },
    ]);
  });

  it('goes Away with the reason picked from the account’s list, and shows it', async () => {
    const element = render(agentFixture({ state: 'ready' }));
    element.settings = settingsFixture({ awayReasons: ['Lunch', 'Training'] });
    const handler = jest.fn();
    element.addEventListener('presencechange', handler);
    await flush();
    const select = $(element, 'away-reason');
    expect(select.label).toBe('c.ContactPad_AwayReason');
    expect(select.options.map((option) => [option.value, option.selected])).toEqual([
      ['Lunch', true],
      ['Training', false],
    ]);
    choice(element, 'away').click();
    select.dispatchEvent(new CustomEvent('valuechange', { detail: { value: 'Training' } }));
    await flush();
    choice(element, 'away').click();
    expect(handler.mock.calls.map((call) => call[0].detail)).toEqual([
      { state: 'away', reason: 'Lunch' },
      { state: 'away', reason: 'Training' },
    ]);
    element.agent = agentFixture({ state: 'away', awayReason: 'Training' });
    await flush();
    expect($(element, 'state-label').textContent).toBe('Away: Training');
  });

  it('during work, chooses what comes after it: Ready, or Away with a reason', async () => {
    const element = render(agentFixture({ state: 'ready' }));
    element.settings = settingsFixture({ awayReasons: ['Lunch'] });
    const handler = jest.fn();
    element.addEventListener('nextchange', handler);
    await flush();
    expect($(element, 'after-this-work')).toBeNull();
    element.agent = agentFixture({ state: 'busy', next: { state: 'away', reason: 'Lunch' } });
    await flush();
    const select = $(element, 'after-this-work');
    expect(select.label).toBe('c.ContactPad_AfterThisWork');
    expect(select.options).toEqual([
      { value: 'ready', label: 'c.ContactPad_Ready', selected: false },
      { value: 'away:Lunch', label: 'Away: Lunch', selected: true },
    ]);
    const choose = (value) =>
      select.dispatchEvent(new CustomEvent('valuechange', { detail: { value } }));
    choose('ready');
    choose('away:Lunch');
    expect(handler.mock.calls.map((call) => call[0].detail)).toEqual([
      { next: null },
      { next: { state: 'away', reason: 'Lunch' } },
    ]);
  });

  it('does not dispatch for the state the agent is already in', async () => {
    const element = render(agentFixture({ state: 'ready' }));
    const handler = jest.fn();
    element.addEventListener('presencechange', handler);
    await flush();
    choice(element, 'ready').click();
    expect(handler).not.toHaveBeenCalled();
  });

  it('counts down Wrap (Auto) from wrapEndsAt and now', async () => {
    const element = render(agentFixture({ state: 'wrap-auto', wrapEndsAt: NOW + 75000 }));
    await flush();
    expect($(element, 'countdown').textContent).toBe('Wrap ends in 1:15');
    element.now = NOW + 70500;
    await flush();
    expect($(element, 'countdown').textContent).toBe('Wrap ends in 0:05');
    element.now = NOW + 80000;
    await flush();
    expect($(element, 'countdown').textContent).toBe('Wrap ends in 0:00');
  });

  it('shows no countdown outside Wrap (Auto)', async () => {
    const element = render(agentFixture({ state: 'busy', wrapEndsAt: NOW + 5000 }));
    await flush();
    expect($(element, 'countdown')).toBeNull();
  });

  it('disables the choices while Logging the call and says why', async () => {
    const element = render(agentFixture({ state: 'logging-call' }));
    const handler = jest.fn();
    element.addEventListener('presencechange', handler);
    await flush();
    expect(choices(element).every((b) => b.disabled)).toBe(true);
    const reason = $(element, 'locked');
    expect(reason.textContent.trim()).toBe('c.ContactPad_PresenceLockedLogging');
    expect(choices(element)[0].getAttribute('aria-describedby')).toBe(reason.id);
    choice(element, 'ready').click();
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['reconnecting', 'c.ContactPad_ReasonReconnecting'],
    ['replaced', 'c.ContactPad_ReasonReplaced'],
  ])(
    'while %s: marks the state not confirmed, disables the choices and says why',
    async (unconfirmed, label) => {
      const element = render(agentFixture({ state: 'wrap-auto', wrapEndsAt: NOW + 5000 }));
      element.unconfirmed = unconfirmed;
      const handler = jest.fn();
      element.addEventListener('presencechange', handler);
      await flush();
      expect($(element, 'state-label').textContent).toBe('c.ContactPad_WrapAuto');
      expect($(element, 'not-confirmed').textContent).toBe('c.ContactPad_NotConfirmed');
      expect($(element, 'countdown')).toBeNull();
      const reason = $(element, 'unconfirmed');
      expect(reason.textContent.trim()).toBe(label);
      for (const each of choices(element)) {
        expect(each.disabled).toBe(true);
        expect(each.getAttribute('aria-describedby')).toBe(reason.id);
      }
      choice(element, 'ready').click();
      expect(handler).not.toHaveBeenCalled();

      element.unconfirmed = null;
      await flush();
      expect($(element, 'not-confirmed')).toBeNull();
      expect($(element, 'unconfirmed')).toBeNull();
      expect($(element, 'countdown').textContent).toBe('Wrap ends in 0:05');
      choice(element, 'ready').click();
      expect(handler).toHaveBeenCalledTimes(1);
    },
  );

  it('says the connection reason, not the call log, while Logging the call and reconnecting', async () => {
    const element = render(agentFixture({ state: 'logging-call' }));
    element.unconfirmed = 'reconnecting';
    await flush();
    expect($(element, 'locked')).toBeNull();
    expect(choices(element)[0].getAttribute('aria-describedby')).toBe($(element, 'unconfirmed').id);
  });

  it('shows Not connected and disabled choices without an agent', async () => {
    const element = render(null);
    await flush();
    expect($(element, 'state-label').textContent).toBe('c.ContactPad_NotConnected');
    expect(choices(element).every((b) => b.disabled)).toBe(true);
  });

  it('is accessible', async () => {
    const element = render(agentFixture({ state: 'logging-call' }));
    await flush();
    await expect(element).toBeAccessible();
  });

  it('is accessible while reconnecting', async () => {
    const element = render(agentFixture({ state: 'busy' }));
    element.unconfirmed = 'reconnecting';
    await flush();
    await expect(element).toBeAccessible();
  });

  it('is accessible while ready', async () => {
    const element = render(agentFixture({ state: 'ready' }));
    await flush();
    await expect(element).toBeAccessible();
  });

  describe('set by a supervisor', () => {
    const SUE = { id: 'sue', name: 'Sue Park' };

    it.each([
      ['away', 'Coaching', 'Set Away by Sue Park: Coaching'],
      ['away', null, 'Set Away by Sue Park'],
      ['logged-out', 'Shift over', 'Logged out by Sue Park: Shift over'],
      ['logged-out', null, 'Logged out by Sue Park'],
    ])('%s with reason %s says "%s" as a status', async (state, awayReason, text) => {
      const element = render(agentFixture({ state, awayReason, setBy: SUE }));
      await flush();
      const line = $(element, 'set-by');
      expect(line.textContent.trim()).toBe(text);
      expect(line.getAttribute('role')).toBe('status');
      await expect(element).toBeAccessible();
    });

    it('says nothing when the agent chose the state', async () => {
      const element = render(agentFixture({ state: 'away', awayReason: 'Lunch', setBy: null }));
      await flush();
      expect($(element, 'set-by')).toBeNull();
      element.agent = agentFixture({ state: 'ready', setBy: null });
      await flush();
      expect($(element, 'set-by')).toBeNull();
    });
  });
});
