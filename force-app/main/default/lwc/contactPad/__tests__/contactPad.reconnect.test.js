// ContactPad tells the truth across a lost connection: nothing confirmed or actionable while
// reconnecting, all back on a resume, and a notice of what a refused resume lost.
import { createElement } from 'lwc';
import ContactPad from 'c/contactPad';
import getSession from '@salesforce/apex/ContactPadSessionController.getSession';
import { EnclosingUtilityId, utilityBarControl } from 'lightning/platformUtilityBarApi';
import { getFocusedTabInfo, openTab } from 'lightning/platformWorkspaceApi';
import {
  adapterControl,
  agentFixture,
  consultFixture,
  interactionFixture,
  snapshotFixture,
} from '../../../../../test/jest-mocks/c/contactPadAdapter';

jest.mock('c/contactPadCore', () => ({
  ...jest.requireActual('c/contactPadCore'),
  ContactPadAdapter: require('../../../../../test/jest-mocks/c/contactPadAdapter').MockAdapter,
}));
jest.mock(
  '@salesforce/apex/ContactPadSessionController.getSession',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/ContactPadSessionController.saveCallLog',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
// English text for the labels the notice is made of.
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
jest.mock('@salesforce/label/c.ContactPad_LoggedOut', () => ({ default: 'Logged out' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_Chat', () => ({ default: 'Chat' }), { virtual: true });
jest.mock('@salesforce/label/c.ContactPad_Voice', () => ({ default: 'Call' }), { virtual: true });

const NOW = 1795000000000;
const SESSION = { routingUrl: 'wss://routing.example.com/v1/agent', token: 't-1', expiresAt: null };

/** Lets promises and LWC re-renders run (timers are fake). */
async function flush(times = 10) {
  await Promise.resolve();
  if (times > 1) await flush(times - 1);
}

const maria = interactionFixture({
  id: 'i-1',
  kind: 'semi-live',
  channel: 'chat',
  customer: { name: 'Maria Garcia', phone: null, email: 'maria.garcia@example.com' },
  searchKeys: ['maria.garcia@example.com'],
});
const caller = interactionFixture({
  id: 'i-2',
  customer: { name: null, phone: '+44 20 7946 0000', email: null },
});

/** ContactPad connected, busy with a chat and a call, a consult ringing on the call. */
async function mountBusy() {
  const element = createElement('c-contact-pad', { is: ContactPad });
  document.body.appendChild(element);
  EnclosingUtilityId.emit('utility-1');
  await flush();
  const adapter = adapterControl.latest();
  adapter.welcome(
    snapshotFixture({
      agent: agentFixture({ state: 'busy' }),
      interactions: [maria, caller],
      consults: [consultFixture({ interactionId: 'i-2' })],
    }),
  );
  await jest.advanceTimersByTimeAsync(1500);
  await flush();
  return { element, adapter };
}

const child = (element, name) => element.shadowRoot.querySelector(name);
const inside = (element, name, selector) =>
  child(element, name).shadowRoot.querySelectorAll(selector);
const text = (node) => node.textContent.replace(/\s+/g, ' ').trim();
const states = (element) =>
  [...inside(element, 'c-contact-pad-interaction-list', '.state')].map(text);
const actionButtons = (element) => [...inside(element, 'c-contact-pad-actions', 'button')];
const presenceButtons = (element) => [
  ...inside(element, 'c-contact-pad-presence', 'button[data-state]'),
];
const consultButtons = (element) => [...inside(element, 'c-contact-pad-consult', 'button')];

describe('c-contact-pad', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(NOW);
    getSession.mockResolvedValue(SESSION);
    getFocusedTabInfo.mockResolvedValue({ tabId: 'tab0' });
    openTab.mockResolvedValue('tab1');
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.useRealTimers();
    adapterControl.reset();
    utilityBarControl.reset();
  });

  it('while reconnecting: interactions not confirmed, every action and presence disabled with the reason', async () => {
    const { element, adapter } = await mountBusy();
    expect(states(element)).toEqual(['c.ContactPad_Active', 'c.ContactPad_Active']);
    expect(actionButtons(element).some((button) => !button.disabled)).toBe(true);

    adapter.drop();
    await flush();
    expect(states(element)).toEqual(['c.ContactPad_NotConfirmed', 'c.ContactPad_NotConfirmed']);
    expect(inside(element, 'c-contact-pad-interaction-list', '.elapsed')).toHaveLength(0);
    expect(actionButtons(element).every((button) => button.disabled)).toBe(true);
    const reason = inside(element, 'c-contact-pad-actions', '[data-reason="reconnecting"]');
    expect(reason).toHaveLength(1);
    expect(text(reason[0])).toBe('c.ContactPad_ReasonReconnecting');
    expect(presenceButtons(element).every((button) => button.disabled)).toBe(true);
    expect(text(inside(element, 'c-contact-pad-presence', '[data-id="unconfirmed"]')[0])).toBe(
      'c.ContactPad_ReasonReconnecting',
    );
    expect(consultButtons(element).every((button) => button.disabled)).toBe(true);
  });

  it('a resumed session brings everything back as it was, with no notice', async () => {
    const { element, adapter } = await mountBusy();
    adapter.drop();
    await flush();
    adapter.resume();
    await flush();
    expect(states(element)).toEqual(['c.ContactPad_Active', 'c.ContactPad_Active']);
    expect(actionButtons(element).some((button) => !button.disabled)).toBe(true);
    expect(presenceButtons(element).every((button) => !button.disabled)).toBe(true);
    expect(inside(element, 'c-contact-pad-actions', '[data-reason="reconnecting"]')).toHaveLength(
      0,
    );
    expect(text(inside(element, 'c-contact-pad-lost-notice', '[role="status"]')[0])).toBe('');
  });

  it('a refused resume: says which interactions ended and the state now; Dismiss forgets it', async () => {
    const { element, adapter } = await mountBusy();
    adapter.drop();
    await flush();
    adapter.refuseResume(snapshotFixture({ agent: agentFixture({ state: 'logged-out' }) }));
    await flush();
    const notice = child(element, 'c-contact-pad-lost-notice');
    const region = notice.shadowRoot.querySelector('[role="status"]');
    expect(text(region.querySelector('[data-id="lost-text"]'))).toBe(
      '2 interactions ended while ContactPad was disconnected: Maria Garcia (Chat), ' +
        '+44 20 7946 0000 (Call)',
    );
    expect(text(region.querySelector('[data-id="lost-presence"]'))).toBe('You are Logged out.');
    expect(inside(element, 'c-contact-pad-interaction-list', '[data-entry]')).toHaveLength(0);
    expect(presenceButtons(element).every((button) => !button.disabled)).toBe(true);

    notice.shadowRoot.querySelector('[data-id="dismiss-lost"]').click();
    await flush();
    expect(adapter.dismissLost).toHaveBeenCalledTimes(1);
    expect(text(notice.shadowRoot.querySelector('[role="status"]'))).toBe('');
  });

  it('says another ContactPad took its place after tooManySessions', async () => {
    const { element, adapter } = await mountBusy();
    adapter.setConnection({ status: 'failed', reason: 'a newer session', code: 4409 });
    await flush();
    expect(text(inside(element, 'c-contact-pad-connection', '[data-id="message"]')[0])).toBe(
      'c.ContactPad_ReasonReplaced',
    );
    expect(actionButtons(element).every((button) => button.disabled)).toBe(true);
    expect(inside(element, 'c-contact-pad-actions', '[data-reason="replaced"]')).toHaveLength(1);
  });

  it('is accessible while reconnecting and with the notice', async () => {
    const { element, adapter } = await mountBusy();
    adapter.drop();
    await flush();
    jest.useRealTimers();
    await expect(element).toBeAccessible();
    adapter.refuseResume(snapshotFixture({ agent: agentFixture({ state: 'logged-out' }) }));
    await flush();
    await expect(element).toBeAccessible();
  });
});
