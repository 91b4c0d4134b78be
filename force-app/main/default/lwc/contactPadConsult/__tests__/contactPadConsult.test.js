import { createElement } from 'lwc';
import ContactPadConsult from 'c/contactPadConsult';
import { format, secondsUntil as secondsLeft } from 'c/contactPadText';
import { outcomeText, secondsLeft as clampedLeft, targetText, viewOf } from '../consultView';
import { consultFixture } from '../../../../../../src/protocol/fixtures';

// Labels with placeholders get their English text, so the filled-in values can be checked.
jest.mock('@salesforce/label/c.ContactPad_ConsultTimeLeft', () => ({ default: '{0} s left' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_ConsultRinging', () => ({ default: 'Ringing {0}' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/label/c.ContactPad_ConsultFrom',
  () => ({ default: '{0} is consulting you' }),
  { virtual: true },
);

// The fixture consult is Ann's (me), ringing Bob Stone for 25 s more.
const NOW = 1_795_000_005_000;
const ME = 'ann';

const flush = () => Promise.resolve();

function mount(props) {
  const element = createElement('c-contact-pad-consult', { is: ContactPadConsult });
  Object.assign(element, { consults: [], agentId: ME, now: NOW }, props);
  document.body.appendChild(element);
  return element;
}

const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();
const message = (element) => text(element.shadowRoot.querySelector('.message'));
const commands = (element) =>
  [...element.shadowRoot.querySelectorAll('button')].map((button) => button.dataset.command);
const press = (element, command) =>
  element.shadowRoot.querySelector(`button[data-command="${command}"]`).click();

describe('c-contact-pad-consult', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe('consult helpers', () => {
    it('fills placeholders', () => {
      expect(format('{0} and {1}', 'a', 2)).toBe('a and 2');
      expect(format('{0} and {1}', 'a')).toBe('a and {1}');
    });

    it('counts whole seconds left, rounded up, never negative', () => {
      expect(secondsLeft(NOW + 25_000, NOW)).toBe(25);
      expect(secondsLeft(NOW + 24_001, NOW)).toBe(25);
      expect(secondsLeft(NOW, NOW)).toBe(0);
      expect(secondsLeft(NOW - 5_000, NOW)).toBe(0);
      expect(secondsLeft(undefined, NOW)).toBe(0);
    });

    it('names the target by name, else number, else id', () => {
      expect(targetText(consultFixture())).toBe('Bob Stone');
      expect(
        targetText(
          consultFixture({ targetName: null, target: { type: 'number', number: '+4412345' } }),
        ),
      ).toBe('+4412345');
      expect(targetText(consultFixture({ targetName: null }))).toBe('bob');
    });

    it('reads an unknown end reason as ended', () => {
      expect(outcomeText(consultFixture({ state: 'ended', endReason: null }))).toBe(
        'c.ContactPad_ConsultEnded',
      );
    });

    it('offers Complete transfer and Conference only on live interactions when their ids are given', () => {
      const connected = consultFixture({ state: 'connected' });
      expect(viewOf(connected, ME, NOW, null).transfer).toBe(true);
      expect(viewOf(connected, ME, NOW, ['i-1']).transfer).toBe(true);
      expect(viewOf(connected, ME, NOW, ['i9']).transfer).toBe(false);
      expect(viewOf(connected, ME, NOW, ['i-1']).conference).toBe(true);
      expect(viewOf(connected, ME, NOW, ['i9']).conference).toBe(false);
      expect(outcomeText(consultFixture({ state: 'ended', endReason: 'conferenced' }))).toBe(
        'c.ContactPad_ConsultConferenced',
      );
    });
  });

  it('announces changes: a status region', async () => {
    const element = mount({ consults: [] });
    await flush();
    expect(element.shadowRoot.querySelector('[role="status"]')).not.toBeNull();
    expect(element.shadowRoot.querySelectorAll('li')).toHaveLength(0);
  });

  it('shows a consult I started ringing, with the time left, and cancels it', async () => {
    const element = mount({ consults: [consultFixture()] });
    const handler = jest.fn();
    element.addEventListener('consultaction', handler);
    await flush();
    expect(message(element)).toBe('Ringing Bob Stone');
    expect(text(element.shadowRoot.querySelector('.time-left'))).toBe('25 s left');
    expect(commands(element)).toEqual(['cancel']);
    const cancel = element.shadowRoot.querySelector('button');
    expect(text(cancel)).toBe('c.ContactPad_Cancel');
    press(element, 'cancel');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0].detail).toEqual({ action: 'consult.cancel', consultId: 'k-1' });
  });

  it('counts the ringing down as the clock ticks, outside the announcements', async () => {
    const element = mount({ consults: [consultFixture({ ringingUntil: NOW + 3_000 })] });
    await flush();
    const timeLeft = () => text(element.shadowRoot.querySelector('.time-left'));
    expect(timeLeft()).toBe('3 s left');
    element.now = NOW + 1_000;
    await flush();
    expect(timeLeft()).toBe('2 s left');
    element.now = NOW + 10_000;
    await flush();
    expect(timeLeft()).toBe('0 s left');
    expect(element.shadowRoot.querySelector('.time-left').getAttribute('aria-live')).toBe('off');
  });

  it('never shows more time left than the consult timeout', async () => {
    // A 6 s timeout seen with a clock that last ticked 0.8 s before the consult started.
    expect(clampedLeft(NOW + 6_800, NOW, 6)).toBe(6);
    expect(clampedLeft(NOW + 6_800, NOW, null)).toBe(7);
    expect(clampedLeft(NOW + 2_100, NOW, 6)).toBe(3);
    const element = mount({
      consults: [consultFixture({ ringingUntil: NOW + 6_800 })],
      consultTimeout: 6,
    });
    await flush();
    expect(text(element.shadowRoot.querySelector('.time-left'))).toBe('6 s left');
  });

  it('moves focus to the Cancel of the ringing consult (after dialling from the directory)', async () => {
    const element = mount({ consults: [consultFixture()] });
    await flush();
    expect(element.focusCancel('nope')).toBe(false);
    expect(element.focusCancel()).toBe(true);
    expect(element.shadowRoot.activeElement).toBe(
      element.shadowRoot.querySelector('button[data-command="cancel"]'),
    );
  });

  it('names a number when the target has no name', async () => {
    const element = mount({
      consults: [
        consultFixture({ targetName: null, target: { type: 'number', number: '+441234567890' } }),
      ],
    });
    await flush();
    expect(message(element)).toBe('Ringing +441234567890');
  });

  it('shows a connected consult I started and completes the transfer or a conference', async () => {
    const element = mount({ consults: [consultFixture({ state: 'connected', legId: 'leg1' })] });
    const handler = jest.fn();
    element.addEventListener('consultaction', handler);
    await flush();
    expect(message(element)).toBe('c.ContactPad_ConsultConnected');
    expect(element.shadowRoot.querySelector('.time-left')).toBeNull();
    expect(commands(element)).toEqual(['transfer', 'conference']);
    expect(text(element.shadowRoot.querySelector('button'))).toBe('c.ContactPad_CompleteTransfer');
    press(element, 'transfer');
    press(element, 'conference');
    expect(handler.mock.calls.map((call) => call[0].detail)).toEqual([
      { action: 'consult.transfer', consultId: 'k-1' },
      { action: 'consult.conference', consultId: 'k-1' },
    ]);
  });

  it('hides Complete transfer for a consult about a non-live interaction when live ids are given', async () => {
    const element = mount({
      consults: [consultFixture({ state: 'connected', interactionId: 'email-1' })],
      liveInteractionIds: ['voice-1'],
    });
    await flush();
    expect(commands(element)).toEqual([]);
  });

  it.each([
    ['timed-out', 'c.ContactPad_ConsultTimedOut'],
    ['declined', 'c.ContactPad_ConsultDeclined'],
    ['cancelled', 'c.ContactPad_ConsultCancelled'],
    ['released', 'c.ContactPad_ConsultEnded'],
    ['transferred', 'c.ContactPad_ConsultTransferred'],
    ['failed', 'c.ContactPad_ConsultFailed'],
  ])('shows the %s outcome and dismisses it', async (endReason, label) => {
    const element = mount({ consults: [consultFixture({ state: 'ended', endReason })] });
    const handler = jest.fn();
    element.addEventListener('consultdismiss', handler);
    await flush();
    expect(message(element)).toBe(label);
    expect(commands(element)).toEqual(['dismiss']);
    expect(text(element.shadowRoot.querySelector('button'))).toBe('c.ContactPad_Dismiss');
    press(element, 'dismiss');
    expect(handler.mock.calls[0][0].detail).toEqual({ consultId: 'k-1' });
  });

  it('shows a consult ringing for me and accepts it', async () => {
    const element = mount({
      consults: [consultFixture({ id: 'c7', initiatorId: 'agent-al', initiatorName: 'Al Green' })],
    });
    const answer = jest.fn();
    element.addEventListener('consultaction', answer);
    await flush();
    expect(message(element)).toBe('Al Green is consulting you');
    expect(text(element.shadowRoot.querySelector('.time-left'))).toBe('25 s left');
    expect(commands(element)).toEqual(['accept', 'decline']);
    press(element, 'accept');
    expect(answer.mock.calls.map((call) => call[0].detail)).toEqual([
      { action: 'consult.accept', consultId: 'c7' },
    ]);
  });

  it('declines a consult ringing for me', async () => {
    const element = mount({
      consults: [consultFixture({ id: 'c7', initiatorId: 'agent-al', initiatorName: 'Al Green' })],
    });
    const decline = jest.fn();
    element.addEventListener('consultaction', decline);
    await flush();
    press(element, 'decline');
    expect(decline.mock.calls[0][0].detail).toEqual({ action: 'consult.decline', consultId: 'c7' });
  });

  it('reads the incoming message with the initiator', () => {
    const view = viewOf(
      consultFixture({ initiatorId: 'agent-al', initiatorName: 'Al Green' }),
      ME,
      NOW,
    );
    expect(view.role).toBe('target');
    expect(view.accept && view.decline).toBe(true);
    expect(view.cancel || view.transfer || view.dismiss).toBe(false);
  });

  it('shows a connected consult I was asked into without buttons, an ended one with Dismiss', async () => {
    const element = mount({
      consults: [
        consultFixture({ id: 'c8', initiatorId: 'agent-al', state: 'connected' }),
        consultFixture({
          id: 'c9',
          initiatorId: 'agent-al',
          state: 'ended',
          endReason: 'released',
        }),
      ],
    });
    await flush();
    const items = element.shadowRoot.querySelectorAll('li');
    expect(text(items[0].querySelector('.message'))).toBe('c.ContactPad_ConsultConnected');
    expect(items[0].querySelectorAll('button')).toHaveLength(0);
    expect(text(items[1].querySelector('.message'))).toBe('c.ContactPad_ConsultEnded');
    expect(items[1].querySelector('button').dataset.command).toBe('dismiss');
  });

  it('lists several consults, each button describing its own consult', async () => {
    const element = mount({
      consults: [consultFixture({ id: 'a' }), consultFixture({ id: 'b', state: 'connected' })],
    });
    await flush();
    const items = [...element.shadowRoot.querySelectorAll('li')];
    expect(items.map((item) => item.dataset.consultId)).toEqual(['a', 'b']);
    items.forEach((item) => {
      const button = item.querySelector('button');
      const describedBy = button.getAttribute('aria-describedby');
      expect(item.querySelector('.message').getAttribute('id')).toBe(describedBy);
    });
  });

  it('while reconnecting: commands disabled with the reason, no time left, Dismiss kept', async () => {
    const element = mount({
      consults: [
        consultFixture({ id: 'a' }),
        consultFixture({ id: 'b', state: 'ended', endReason: 'timed-out' }),
        consultFixture({ id: 'c', initiatorId: 'agent-al', initiatorName: 'Al Green' }),
      ],
      unconfirmed: 'reconnecting',
    });
    const cancel = jest.fn();
    const dismiss = jest.fn();
    element.addEventListener('consultaction', cancel);
    element.addEventListener('consultdismiss', dismiss);
    await flush();
    const reason = element.shadowRoot.querySelector('[data-id="unconfirmed"]');
    expect(text(reason)).toBe('c.ContactPad_ReasonReconnecting');
    expect(element.shadowRoot.querySelector('.time-left')).toBeNull();
    const buttons = [...element.shadowRoot.querySelectorAll('button')];
    expect(buttons.map((b) => [b.dataset.command, b.disabled])).toEqual([
      ['cancel', true],
      ['dismiss', false],
      ['accept', true],
      ['decline', true],
    ]);
    expect(buttons[0].getAttribute('aria-describedby').split(' ')).toContain(
      reason.getAttribute('id'),
    );
    press(element, 'cancel');
    press(element, 'dismiss');
    expect(cancel).not.toHaveBeenCalled();
    expect(dismiss).toHaveBeenCalledTimes(1);

    element.unconfirmed = null;
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="unconfirmed"]')).toBeNull();
    expect(element.shadowRoot.querySelector('.time-left')).not.toBeNull();
    press(element, 'cancel');
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('is accessible while reconnecting', async () => {
    const element = mount({
      consults: [consultFixture({ id: 'a' }), consultFixture({ id: 'b', state: 'connected' })],
      unconfirmed: 'reconnecting',
    });
    await flush();
    await expect(element).toBeAccessible();
  });

  it('is accessible', async () => {
    const element = mount({
      consults: [
        consultFixture({ id: 'a' }),
        consultFixture({ id: 'b', state: 'connected' }),
        consultFixture({ id: 'c', state: 'ended', endReason: 'timed-out' }),
        consultFixture({ id: 'd', initiatorId: 'agent-al', initiatorName: 'Al Green' }),
      ],
    });
    await flush();
    await expect(element).toBeAccessible();
  });
});
