import { createElement } from 'lwc';
import ContactPadInteractionList from 'c/contactPadInteractionList';
import {
  channelIcon,
  channelLabel,
  clock,
  customerText,
  kindLabel,
  stateLabel,
} from 'c/contactPadText';
import { KIND_OF_CHANNEL } from 'c/contactPadCore';
import { elapsedSince } from '../format';
import { interactionFixture } from '../../../../../../src/protocol/fixtures';

const formatElapsed = (ms) => clock(ms / 1000);

const NOW = 1_700_000_000_000;

/** The fixture interaction, in its state for 1:05; its kind the one of the channel given. */
const interaction = (change = {}) =>
  interactionFixture({
    kind: KIND_OF_CHANNEL[change.channel ?? 'voice'],
    stateSince: NOW - 65_000,
    enqueuedAt: NOW - 120_000,
    assignedAt: NOW - 90_000,
    ...change,
  });

const flush = () => Promise.resolve();

function mount(props) {
  const element = createElement('c-contact-pad-interaction-list', {
    is: ContactPadInteractionList,
  });
  Object.assign(
    element,
    { interactions: [], currentId: null, now: NOW, multiInteraction: true },
    props,
  );
  document.body.appendChild(element);
  return element;
}

const entries = (element) => [...element.shadowRoot.querySelectorAll('[data-entry]')];
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();

describe('c-contact-pad-interaction-list', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe('format helpers', () => {
    it('formats elapsed time as m:ss', () => {
      expect(formatElapsed(0)).toBe('0:00');
      expect(formatElapsed(999)).toBe('0:00');
      expect(formatElapsed(5_000)).toBe('0:05');
      expect(formatElapsed(65_000)).toBe('1:05');
      expect(formatElapsed(3_725_000)).toBe('62:05');
      expect(formatElapsed(-3_000)).toBe('0:00');
      expect(formatElapsed(NaN)).toBe('0:00');
    });

    it('measures from stateSince, else assignedAt', () => {
      expect(elapsedSince({ stateSince: NOW - 10_000, assignedAt: NOW - 90_000 }, NOW)).toBe(
        '0:10',
      );
      expect(elapsedSince({ assignedAt: NOW - 90_000 }, NOW)).toBe('1:30');
      expect(elapsedSince({}, NOW)).toBe('0:00');
      expect(elapsedSince({ stateSince: NOW }, undefined)).toBe('0:00');
    });

    it('names the customer by name, else phone, else e-mail, else unknown', () => {
      expect(customerText({ name: 'Ada', phone: '+44', email: 'a@b' })).toBe('Ada');
      expect(customerText({ name: null, phone: '+441234', email: 'a@b' })).toBe('+441234');
      expect(customerText({ name: null, phone: null, email: 'a@b' })).toBe('a@b');
      expect(customerText({ name: null, phone: null, email: null })).toBe(
        'c.ContactPad_UnknownCustomer',
      );
      expect(customerText(undefined)).toBe('c.ContactPad_UnknownCustomer');
    });

    it('looks up labels and icons by channel, state and kind', () => {
      expect(channelLabel('voice')).toBe('c.ContactPad_Voice');
      expect(channelLabel('case')).toBe('c.ContactPad_Case');
      expect(channelLabel('fax')).toBe('fax');
      expect(channelIcon('chat')).toBe('standard:live_chat');
      expect(channelIcon('fax')).toBe('utility:question');
      expect(stateLabel('held')).toBe('c.ContactPad_Held');
      expect(stateLabel('release-failed')).toBe('c.ContactPad_ReleaseFailed');
      expect(stateLabel('odd')).toBe('odd');
      expect(kindLabel('semi-live')).toBe('c.ContactPad_SemiLive');
      expect(kindLabel(undefined)).toBe('');
    });
  });

  it('names the list "Interactions"', async () => {
    const element = mount({ interactions: [interaction()] });
    await flush();
    const list = element.shadowRoot.querySelector('ul');
    expect(list.getAttribute('aria-label')).toBe('c.ContactPad_Interactions');
    expect(element.shadowRoot.querySelectorAll('li')).toHaveLength(1);
  });

  it('reads channel, state and elapsed time as separate words (a hidden comma between each)', async () => {
    const element = mount({ interactions: [interaction({ channel: 'chat' })] });
    await flush();
    const [entry] = entries(element);
    // What a screen reader reads: the visible " · " is hidden, the commas are not.
    const spoken = [...entry.querySelectorAll('p:nth-of-type(2) > span:not([aria-hidden])')]
      .map((span) => span.textContent)
      .join('');
    expect(spoken).toMatch(
      /^c\.ContactPad_Chat, c\.ContactPad_Active, c\.ContactPad_Elapsed \d+:\d\d$/,
    );
  });

  it.each([
    ['voice', 'standard:call', 'c.ContactPad_Voice', 'c.ContactPad_Live'],
    ['video', 'standard:video', 'c.ContactPad_Video', 'c.ContactPad_Live'],
    ['chat', 'standard:live_chat', 'c.ContactPad_Chat', 'c.ContactPad_SemiLive'],
    ['email', 'standard:email', 'c.ContactPad_Email', 'c.ContactPad_NonLive'],
    ['case', 'standard:case', 'c.ContactPad_Case', 'c.ContactPad_NonLive'],
  ])('shows a %s interaction with its icon and channel', async (channel, icon, label, kind) => {
    const element = mount({ interactions: [interaction({ channel })] });
    await flush();
    const [entry] = entries(element);
    const lightningIcon = entry.querySelector('lightning-icon');
    expect(lightningIcon.iconName).toBe(icon);
    expect(lightningIcon.alternativeText).toBe(kind);
    expect(entry.querySelector('.channel').textContent).toBe(label);
    expect(text(entry)).toContain('John Smith');
  });

  it.each([
    ['ringing', 'c.ContactPad_Ringing'],
    ['active', 'c.ContactPad_Active'],
    ['held', 'c.ContactPad_Held'],
    ['releasing', 'c.ContactPad_Releasing'],
    ['release-failed', 'c.ContactPad_ReleaseFailed'],
  ])('shows the %s state', async (state, label) => {
    const element = mount({ interactions: [interaction({ state })] });
    await flush();
    expect(entries(element)[0].querySelector('.state').textContent).toBe(label);
  });

  it('shows the customer phone, e-mail or unknown when there is no name', async () => {
    const element = mount({
      interactions: [
        interaction({ id: 'a', customer: { name: null, phone: '+441234567890', email: null } }),
        interaction({ id: 'b', customer: { name: null, phone: null, email: 'x@example.com' } }),
        interaction({ id: 'c', customer: { name: null, phone: null, email: null } }),
      ],
    });
    await flush();
    const names = entries(element).map((entry) =>
      text(entry.querySelector('.slds-text-title_bold')),
    );
    expect(names).toEqual(['+441234567890', 'x@example.com', 'c.ContactPad_UnknownCustomer']);
  });

  it('shows the elapsed time from now and follows the clock', async () => {
    const element = mount({ interactions: [interaction({ stateSince: NOW - 65_000 })] });
    await flush();
    expect(entries(element)[0].querySelector('.elapsed').textContent).toBe('1:05');
    element.now = NOW + 60_000;
    await flush();
    expect(entries(element)[0].querySelector('.elapsed').textContent).toBe('2:05');
  });

  it.each([true, false])(
    'reads "Not confirmed" with no running timer while reconnecting, then as it was (multi-interaction %p)',
    async (multi) => {
      const element = mount({
        interactions: [interaction({ id: 'a', state: 'held' })],
        multiInteraction: multi,
        unconfirmed: 'reconnecting',
      });
      await flush();
      const shown = () => {
        return multi ? entries(element)[0] : element.shadowRoot.querySelector('.single');
      };
      expect(text(shown().querySelector('.state'))).toBe('c.ContactPad_NotConfirmed');
      expect(shown().querySelector('.elapsed')).toBeNull();
      expect(text(shown())).not.toMatch(/c\.ContactPad_(Held|Elapsed)/);
      element.now = NOW + 60_000;
      await flush();
      expect(shown().querySelector('.elapsed')).toBeNull();

      element.unconfirmed = null;
      await flush();
      expect(text(shown().querySelector('.state'))).toBe('c.ContactPad_Held');
      expect(shown().querySelector('.elapsed').textContent).toBe('2:05');
    },
  );

  it('marks a consult call leg', async () => {
    const element = mount({
      interactions: [interaction({ id: 'a' }), interaction({ id: 'leg', consultId: 'c1' })],
    });
    await flush();
    const [plain, leg] = entries(element);
    expect(plain.querySelector('.consult-leg')).toBeNull();
    expect(leg.querySelector('.consult-leg').textContent).toBe('c.ContactPad_ConsultCall');
  });

  it('marks the current interaction with aria-current and a visual treatment', async () => {
    const element = mount({
      interactions: [interaction({ id: 'a' }), interaction({ id: 'b' })],
      currentId: 'b',
    });
    await flush();
    const [a, b] = entries(element);
    expect(a.getAttribute('aria-current')).toBeNull();
    expect(b.getAttribute('aria-current')).toBe('true');
    expect(b.classList).toContain('slds-theme_shade');
    expect(a.classList).not.toContain('slds-theme_shade');
    expect(b.querySelector('.current-badge').textContent).toBe('c.ContactPad_Current');
    expect(a.querySelector('.current-badge')).toBeNull();

    element.currentId = 'a';
    await flush();
    expect(entries(element)[0].getAttribute('aria-current')).toBe('true');
    expect(entries(element)[1].getAttribute('aria-current')).toBeNull();
  });

  it('dispatches select on click', async () => {
    const element = mount({ interactions: [interaction({ id: 'a' }), interaction({ id: 'b' })] });
    const handler = jest.fn();
    element.addEventListener('select', handler);
    await flush();
    entries(element)[1].click();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0].detail).toEqual({ interactionId: 'b' });
  });

  it.each(['Enter', ' '])('dispatches select on the %p key', async (key) => {
    const element = mount({ interactions: [interaction({ id: 'a' }), interaction({ id: 'b' })] });
    const handler = jest.fn();
    element.addEventListener('select', handler);
    await flush();
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    entries(element)[0].dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0].detail).toEqual({ interactionId: 'a' });
  });

  it('moves the focus with the arrow, Home and End keys without selecting', async () => {
    const element = mount({
      interactions: [interaction({ id: 'a' }), interaction({ id: 'b' }), interaction({ id: 'c' })],
    });
    const handler = jest.fn();
    element.addEventListener('select', handler);
    await flush();
    const all = entries(element);
    all.forEach((entry) => expect(entry.getAttribute('tabindex')).toBe('0'));
    const press = (target, key) =>
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    const focused = () => element.shadowRoot.activeElement;

    all[0].focus();
    press(all[0], 'ArrowDown');
    expect(focused()).toBe(all[1]);
    press(all[1], 'ArrowDown');
    press(all[2], 'ArrowDown');
    expect(focused()).toBe(all[2]);
    press(all[2], 'ArrowUp');
    expect(focused()).toBe(all[1]);
    press(all[1], 'Home');
    expect(focused()).toBe(all[0]);
    press(all[0], 'ArrowUp');
    expect(focused()).toBe(all[0]);
    press(all[0], 'End');
    expect(focused()).toBe(all[2]);
    press(all[2], 'a');
    expect(focused()).toBe(all[2]);
    expect(handler).not.toHaveBeenCalled();
  });

  it('shows the one interaction alone when multi-interaction routing is off', async () => {
    const element = mount({
      interactions: [interaction({ id: 'a', channel: 'chat', state: 'ringing' })],
      multiInteraction: false,
      currentId: 'a',
    });
    await flush();
    expect(element.shadowRoot.querySelector('ul')).toBeNull();
    expect(entries(element)).toHaveLength(0);
    const single = element.shadowRoot.querySelector('.single');
    expect(single.dataset.id).toBe('a');
    expect(single.querySelector('lightning-icon').iconName).toBe('standard:live_chat');
    expect(single.querySelector('.channel').textContent).toBe('c.ContactPad_Chat');
    expect(single.querySelector('.state').textContent).toBe('c.ContactPad_Ringing');
    expect(single.querySelector('.elapsed').textContent).toBe('1:05');
    expect(single.querySelector('.consult-leg')).toBeNull();
  });

  it('shows the current interaction in the single view, else the first, with the consult marker', async () => {
    const element = mount({
      interactions: [interaction({ id: 'a' }), interaction({ id: 'b', consultId: 'c1' })],
      multiInteraction: false,
      currentId: 'b',
    });
    await flush();
    expect(element.shadowRoot.querySelector('.single').dataset.id).toBe('b');
    expect(element.shadowRoot.querySelector('.single .consult-leg')).not.toBeNull();
    element.currentId = null;
    await flush();
    expect(element.shadowRoot.querySelector('.single').dataset.id).toBe('a');
  });

  it.each([true, false])('says there are no interactions (multi-interaction %p)', async (multi) => {
    const element = mount({ interactions: [], multiInteraction: multi });
    await flush();
    expect(text(element.shadowRoot.querySelector('p'))).toBe('c.ContactPad_NoInteractions');
    expect(element.shadowRoot.querySelector('ul')).toBeNull();
    expect(element.shadowRoot.querySelector('.single')).toBeNull();
  });

  it('copes with interactions not given', async () => {
    const element = mount({ interactions: null });
    await flush();
    expect(text(element.shadowRoot.querySelector('p'))).toBe('c.ContactPad_NoInteractions');
  });

  it('is accessible as a list', async () => {
    const element = mount({
      interactions: [
        interaction({ id: 'a' }),
        interaction({ id: 'b', channel: 'email', consultId: 'c1' }),
      ],
      currentId: 'a',
    });
    await flush();
    await expect(element).toBeAccessible();
  });

  it('is accessible while not confirmed', async () => {
    const element = mount({
      interactions: [interaction({ id: 'a' }), interaction({ id: 'b', channel: 'chat' })],
      currentId: 'a',
      unconfirmed: 'reconnecting',
    });
    await flush();
    await expect(element).toBeAccessible();
  });

  it('is accessible as a single interaction', async () => {
    const element = mount({ interactions: [interaction()], multiInteraction: false });
    await flush();
    await expect(element).toBeAccessible();
  });
});
