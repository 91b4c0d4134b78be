import { createElement } from 'lwc';
import ContactPadOffer from 'c/contactPadOffer';
import { interactionFixture } from '../../../../../../src/protocol/fixtures';

jest.mock('@salesforce/label/c.ContactPad_OfferTimeLeft', () => ({ default: '{0} s to answer' }), {
  virtual: true,
});

const NOW = 1_795_000_000_000;
const chat = interactionFixture({
  id: 'chat-1',
  kind: 'semi-live',
  channel: 'chat',
  state: 'offered',
  serviceName: 'Sales',
  offerEndsAt: NOW + 12_400,
});

const flush = () => Promise.resolve();

function mount(props) {
  const element = createElement('c-contact-pad-offer', { is: ContactPadOffer });
  Object.assign(element, { offers: [chat], now: NOW, timeoutSeconds: 20 }, props);
  document.body.appendChild(element);
  return element;
}

const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();
const buttons = (element) => [...element.shadowRoot.querySelectorAll('button')];

describe('c-contact-pad-offer', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it('shows each offer: customer, channel, service, seconds left; Accept and Decline from the catalogue', async () => {
    const element = mount();
    await flush();
    const card = element.shadowRoot.querySelector('li[data-interaction-id="chat-1"]');
    expect(text(card.querySelector('.slds-text-title_bold'))).toBe('John Smith,');
    expect(text(card.querySelector('.details'))).toBe('c.ContactPad_Chat · Sales');
    expect(text(card.querySelector('.time-left'))).toBe('13 s to answer');
    expect(buttons(element).map((b) => [b.dataset.action, text(b)])).toEqual([
      ['accept', 'c.ContactPad_Accept'],
      ['decline', 'c.ContactPad_Decline'],
    ]);
    expect(element.shadowRoot.querySelector('c-contact-pad-select')).toBeNull();
  });

  it('never shows more time than the timeout, nor less than none', async () => {
    const element = mount({ offers: [{ ...chat, offerEndsAt: NOW + 99_000 }] });
    await flush();
    expect(text(element.shadowRoot.querySelector('.time-left'))).toBe('20 s to answer');
    element.offers = [{ ...chat, offerEndsAt: NOW - 5_000 }];
    await flush();
    expect(text(element.shadowRoot.querySelector('.time-left'))).toBe('0 s to answer');
  });

  it('dispatches offeraction for Accept, and Decline with no reason when the account has none', async () => {
    const element = mount();
    const handler = jest.fn();
    element.addEventListener('offeraction', handler);
    await flush();
    for (const button of buttons(element)) button.click();
    expect(handler.mock.calls.map((call) => call[0].detail)).toEqual([
      { action: 'accept', interactionId: 'chat-1', reason: null },
      { action: 'decline', interactionId: 'chat-1', reason: null },
    ]);
  });

  it('declines with the reason chosen from the account’s list (the first by default)', async () => {
    const element = mount({ declineReasons: ['On a break', 'Wrong skill'] });
    const handler = jest.fn();
    element.addEventListener('offeraction', handler);
    await flush();
    const select = element.shadowRoot.querySelector('c-contact-pad-select');
    expect(select.label).toBe('c.ContactPad_DeclineReason');
    expect(select.options.map((option) => option.selected)).toEqual([true, false]);
    const decline = element.shadowRoot.querySelector('button[data-action="decline"]');
    decline.click();
    select.dispatchEvent(new CustomEvent('valuechange', { detail: { value: 'Wrong skill' } }));
    await flush();
    expect(select.options.map((option) => option.selected)).toEqual([false, true]);
    decline.click();
    expect(handler.mock.calls.map((call) => call[0].detail.reason)).toEqual([
      'On a break',
      'Wrong skill',
    ]);
  });

  it('while reconnecting: buttons disabled with the reason, no time running', async () => {
    const element = mount({ unconfirmed: 'reconnecting' });
    const handler = jest.fn();
    element.addEventListener('offeraction', handler);
    await flush();
    for (const button of buttons(element)) {
      expect(button.disabled).toBe(true);
      button.click();
    }
    expect(handler).not.toHaveBeenCalled();
    expect(element.shadowRoot.querySelector('.time-left')).toBeNull();
    const reason = element.shadowRoot.querySelector('[data-id="unconfirmed"]');
    expect(text(reason)).toBe('c.ContactPad_ReasonReconnecting');
    expect(buttons(element)[0].getAttribute('aria-describedby')).toContain(reason.id);
  });

  it('shows nothing without offers, in a named status region', async () => {
    const element = mount({ offers: [] });
    await flush();
    const region = element.shadowRoot.querySelector('[role="status"]');
    expect(region.getAttribute('aria-label')).toBe('c.ContactPad_Offers');
    expect(element.shadowRoot.querySelectorAll('li')).toHaveLength(0);
  });
});
