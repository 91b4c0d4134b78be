import { createElement } from 'lwc';
import ContactPadLostNotice from 'c/contactPadLostNotice';
import { lostItems, lostText, presenceText } from '../lostText';

// English text for the labels the sentence is made of, so the whole sentence can be checked.
jest.mock(
  '@salesforce/label/c.ContactPad_LostOne',
  () => ({ default: '1 interaction ended while ContactPad was disconnected: {0}' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_LostMany',
  () => ({ default: '{0} interactions ended while ContactPad was disconnected: {1}' }),
  { virtual: true },
);
jest.mock('@salesforce/label/c.ContactPad_LostItem', () => ({ default: '{0} ({1})' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_YouAre', () => ({ default: 'You are {0}.' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_Chat', () => ({ default: 'Chat' }), { virtual: true });
jest.mock('@salesforce/label/c.ContactPad_Voice', () => ({ default: 'Call' }), { virtual: true });

const maria = {
  id: 'i-1',
  channel: 'chat',
  customer: { name: 'Maria Garcia', phone: null, email: 'maria.garcia@example.com' },
};
const caller = {
  id: 'i-2',
  channel: 'voice',
  customer: { name: null, phone: '+44 20 7946 0000', email: null },
};
const report = (interactions = [maria, caller]) => ({
  interactions,
  stateBefore: 'busy',
  stateAfter: 'logged-out',
});

const flush = () => Promise.resolve();
const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();

function mount(props) {
  const element = createElement('c-contact-pad-lost-notice', { is: ContactPadLostNotice });
  Object.assign(element, { lost: null, presence: 'Logged out' }, props);
  document.body.appendChild(element);
  return element;
}

describe('c-contact-pad-lost-notice', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe('text helpers', () => {
    it('names each lost interaction by customer and channel', () => {
      expect(lostItems([maria, caller])).toBe('Maria Garcia (Chat), +44 20 7946 0000 (Call)');
      expect(lostItems(null)).toBe('');
    });

    it('counts one or several, and says a new session when none ended', () => {
      expect(lostText([maria])).toBe(
        '1 interaction ended while ContactPad was disconnected: Maria Garcia (Chat)',
      );
      expect(lostText([maria, caller])).toMatch(/^2 interactions ended/);
      expect(lostText([])).toBe('c.ContactPad_NewSession');
      expect(presenceText('Ready')).toBe('You are Ready.');
      expect(presenceText('')).toBe('');
    });
  });

  it('keeps an empty polite status region while there is nothing to say', async () => {
    const element = mount({});
    await flush();
    const region = $(element, 'lost-region');
    expect(region.getAttribute('role')).toBe('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(text(region)).toBe('');
    expect($(element, 'dismiss-lost')).toBeNull();
    expect($(element, 'lost').className).toBe('');
  });

  it('says which interactions ended and the state now, inside the status region', async () => {
    const element = mount({});
    await flush();
    element.lost = report();
    await flush();
    const region = $(element, 'lost-region');
    expect(text(region.querySelector('[data-id="lost-text"]'))).toBe(
      '2 interactions ended while ContactPad was disconnected: Maria Garcia (Chat), ' +
        '+44 20 7946 0000 (Call)',
    );
    expect(text(region.querySelector('[data-id="lost-presence"]'))).toBe('You are Logged out.');
    expect($(element, 'lost').classList).toContain('slds-alert_warning');
    element.presence = 'Ready';
    await flush();
    expect(text($(element, 'lost-presence'))).toBe('You are Ready.');
  });

  it('is dismissed with a named button that dispatches dismiss', async () => {
    const element = mount({ lost: report([maria]) });
    const handler = jest.fn();
    element.addEventListener('dismiss', handler);
    await flush();
    const dismiss = $(element, 'dismiss-lost');
    expect(dismiss.alternativeText).toBe('c.ContactPad_Dismiss');
    dismiss.click();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0][0].detail).toBeNull();
  });

  it('is accessible', async () => {
    const element = mount({ lost: report() });
    await flush();
    await expect(element).toBeAccessible();
  });
});
