import { createElement } from 'lwc';
import ContactPadSetupAgents from 'c/contactPadSetupAgents';
import listAgents from '@salesforce/apex/ContactPadSetupController.listAgents';
import saveAgent from '@salesforce/apex/ContactPadSetupController.saveAgent';
import removeAgent from '@salesforce/apex/ContactPadSetupController.removeAgent';
import searchUsers from '@salesforce/apex/ContactPadSetupController.searchUsers';
import { SETUP_LIMITS } from 'c/contactPadCore';
import { SEARCH_DELAY_MS } from '../contactPadSetupAgents';
import { UserSearch } from '../userSearch';

jest.mock('@salesforce/apex/ContactPadSetupController.listAgents', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock('@salesforce/apex/ContactPadSetupController.saveAgent', () => ({ default: jest.fn() }), {
  virtual: true,
});
jest.mock(
  '@salesforce/apex/ContactPadSetupController.removeAgent',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/ContactPadSetupController.searchUsers',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
// Labels with placeholders get their English text, so the filled-in values can be checked.
jest.mock('@salesforce/label/c.ContactPad_SetupEdit', () => ({ default: 'Edit {0}' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_SetupRemove', () => ({ default: 'Remove {0}' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_SetupRemoved', () => ({ default: '{0} removed.' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_SetupSaved', () => ({ default: '{0} saved.' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_SetupAgentOf', () => ({ default: 'Agent {0}' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_SetupWeightOf', () => ({ default: '{0} weight' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/label/c.ContactPad_SetupUsersFound',
  () => ({ default: '{0} users found' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_SetupNotRemoved',
  () => ({ default: '{0} was not removed: {1}' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_SetupRangeError',
  () => ({ default: 'Enter a whole number from {0} to {1}.' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_ErrorDetail',
  () => ({ default: 'Code for support: {0}' }),
  { virtual: true },
);
jest.mock('@salesforce/label/c.ContactPad_Live', () => ({ default: 'Live' }), { virtual: true });
jest.mock('@salesforce/label/c.ContactPad_AvailableNow', () => ({ default: 'Available now' }), {
  virtual: true,
});

const SERVICES = [
  { id: 'sales', name: 'Sales' },
  { id: 'billing', name: 'Billing' },
];
const agent = (change = {}) => ({
  id: 'ann-lee',
  name: 'Ann Lee',
  services: ['sales'],
  weightOverrides: {},
  presence: 'available-now',
  state: 'ready',
  capacityUsed: 0,
  ...change,
});
const USERS = [
  { userId: '005A', name: 'Kim Novak', username: 'kim@example.com', agentId: 'kim-novak' },
  { userId: '005B', name: 'Rui Santos', username: 'rui@example.com', agentId: 'rui@example.com' },
  { userId: '005C', name: 'Ann Lee', username: 'ann@example.com', agentId: 'ann-lee' },
];

// eslint-disable-next-line @lwc/lwc/no-async-operation
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const combobox = (element) => $(element, '[data-id="user-search"]');

async function mount(agents = [agent()]) {
  listAgents.mockResolvedValue(JSON.stringify(agents));
  const element = createElement('c-contact-pad-setup-agents', { is: ContactPadSetupAgents });
  element.services = SERVICES;
  document.body.appendChild(element);
  await settle();
  return element;
}

async function key(element, name) {
  combobox(element).dispatchEvent(new KeyboardEvent('keydown', { key: name, cancelable: true }));
  await settle();
}

/** Types a term and lets the search run (after the pause) and answer. */
async function search(element, term, users = USERS) {
  searchUsers.mockResolvedValue(users);
  jest.useFakeTimers();
  const input = combobox(element);
  input.value = term;
  input.dispatchEvent(new CustomEvent('input'));
  jest.advanceTimersByTime(SEARCH_DELAY_MS);
  jest.useRealTimers();
  await settle();
  await settle();
}

describe('c-contact-pad-setup-agents', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('lists the agents: presence, services by name, weights', async () => {
    const element = await mount([
      agent(),
      agent({
        id: 'bo',
        name: 'Bo Park',
        services: ['sales', 'billing'],
        weightOverrides: { live: 60 },
        presence: null,
      }),
    ]);
    const row = (id) => $$(element, `tr[data-row="${id}"] td, tr[data-row="${id}"] th`).map(text);
    expect(row('ann-lee').slice(0, 4)).toEqual([
      'Ann Lee',
      'Available now',
      'Sales',
      'c.ContactPad_SetupAccountWeights',
    ]);
    expect(row('bo').slice(0, 4)).toEqual([
      'Bo Park',
      'c.ContactPad_SetupPresenceUnknown',
      'Sales, Billing',
      'Live 60',
    ]);
    expect($$(element, 'tr[data-row="bo"] button').map(text)).toEqual([
      'Edit Bo Park',
      'Remove Bo Park',
    ]);
    await expect(element).toBeAccessible();
  });

  it('finds users by name: a combobox whose listbox the arrow keys move through', async () => {
    const element = await mount();
    const input = combobox(element);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await search(element, 'a');
    expect(searchUsers).toHaveBeenCalledWith({ term: 'a' });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const listbox = $(element, '[role="listbox"]');
    expect(input.getAttribute('aria-controls')).toBe(listbox.id);
    const options = $$(element, '[role="option"]');
    expect(options.map((o) => text(o.querySelector('.user-name')))).toEqual([
      'Kim Novak',
      'Rui Santos',
      'Ann Lee',
    ]);
    expect(text(options[1])).toContain('c.ContactPad_SetupCannotBeAgent');
    expect(options[1].getAttribute('aria-disabled')).toBe('true');
    expect(text(options[2])).toContain('c.ContactPad_SetupAlreadyAgent');
    expect(text($(element, '[data-id="user-status"]'))).toBe('3 users found');
    await expect(element).toBeAccessible();

    await key(element, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe($$(element, '[role="option"]')[0].id);
    // Rui Santos cannot be an agent: skipped.
    await key(element, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe($$(element, '[role="option"]')[2].id);
    expect($$(element, '[role="option"]')[2].getAttribute('aria-selected')).toBe('true');
    await key(element, 'Home');
    expect(input.getAttribute('aria-activedescendant')).toBe($$(element, '[role="option"]')[0].id);
    await key(element, 'Escape');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect($$(element, '[role="option"]')).toEqual([]);
  });

  it('says when no user is found, and searches nothing for a blank term', async () => {
    const element = await mount();
    await search(element, 'zz', []);
    expect(text($(element, '[data-id="user-status"]'))).toBe('c.ContactPad_SetupNoUsersFound');
    searchUsers.mockClear();
    await search(element, '  ');
    expect(searchUsers).not.toHaveBeenCalled();
    expect(combobox(element).getAttribute('aria-expanded')).toBe('false');
  });

  it('Return on a user opens the editor; saving makes them an agent', async () => {
    saveAgent.mockResolvedValue(
      JSON.stringify(
        agent({
          id: 'kim-novak',
          name: 'Kim Novak',
          services: ['billing'],
          weightOverrides: { 'non-live': 20 },
          presence: 'logged-out',
        }),
      ),
    );
    const element = await mount();
    await search(element, 'kim');
    await key(element, 'ArrowDown');
    await key(element, 'Enter');
    const form = $(element, '[data-id="editor"]');
    expect(text($(element, '[data-id="editor-heading"]'))).toBe('Agent Kim Novak');
    expect(element.shadowRoot.activeElement).toBe($(element, '[data-id="editor-heading"]'));
    expect(combobox(element).getAttribute('aria-expanded')).toBe('false');
    await expect(element).toBeAccessible();

    const box = form.querySelector('input[data-id="billing"]');
    box.checked = true;
    box.dispatchEvent(new CustomEvent('change'));
    const weight = form.querySelector('input[data-id="non-live"]');
    weight.value = '20';
    weight.dispatchEvent(new CustomEvent('input'));
    await settle();
    form.dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await settle();
    expect(JSON.parse(saveAgent.mock.calls[0][0].agentJson)).toEqual({
      id: 'kim-novak',
      name: 'Kim Novak',
      services: ['billing'],
      weights: { live: null, 'semi-live': null, 'non-live': 20 },
    });
    expect($(element, '[data-id="editor"]')).toBeNull();
    expect(text($(element, '[data-id="status"]'))).toBe('Kim Novak saved.');
    expect($(element, 'tr[data-row="kim-novak"]')).not.toBeNull();
    expect(element.shadowRoot.activeElement).toBe(combobox(element));
  });

  it('a click on a user chooses them; a user who cannot be an agent is not chosen', async () => {
    const element = await mount();
    await search(element, 'a');
    $$(element, '[role="option"]')[1].click();
    await settle();
    expect($(element, '[data-id="editor"]')).toBeNull();
    $$(element, '[role="option"]')[2].click();
    await settle();
    // Ann Lee is an agent already: the editor shows her services.
    expect(text($(element, '[data-id="editor-heading"]'))).toBe('Agent Ann Lee');
    expect($(element, 'input[data-id="sales"]').checked).toBe(true);
  });

  it('refuses a weight out of the protocol’s limits next to the field; nothing is sent', async () => {
    const element = await mount();
    $(element, 'tr[data-row="ann-lee"] button').click();
    await settle();
    const live = $(element, 'input[data-id="live"]');
    live.value = String(SETUP_LIMITS.weights.live.min - 1);
    live.dispatchEvent(new CustomEvent('input'));
    $(element, '[data-id="editor"]').dispatchEvent(new CustomEvent('submit', { cancelable: true }));
    await settle();
    expect(saveAgent).not.toHaveBeenCalled();
    const { min, max } = SETUP_LIMITS.weights.live;
    expect(text($(element, '[data-error="live"]'))).toBe(
      `Enter a whole number from ${min} to ${max}.`,
    );
    expect(live.getAttribute('aria-invalid')).toBe('true');
    expect(element.shadowRoot.activeElement).toBe(live);
    await expect(element).toBeAccessible();
  });

  it('removes an agent', async () => {
    removeAgent.mockResolvedValue(undefined);
    const element = await mount();
    $(element, 'button[data-remove="ann-lee"]').click();
    await settle();
    expect(removeAgent).toHaveBeenCalledWith({ agentId: 'ann-lee' });
    expect($(element, 'tr[data-row="ann-lee"]')).toBeNull();
    expect(text($(element, '[data-id="status"]'))).toBe('Ann Lee removed.');
  });

  it('shows a refused removal in words; the agent stays', async () => {
    removeAgent.mockRejectedValue({
      body: { message: 'agent-has-work: Ann Lee holds 1 interaction' },
    });
    const element = await mount();
    $(element, 'button[data-remove="ann-lee"]').click();
    await settle();
    expect($(element, 'tr[data-row="ann-lee"]')).not.toBeNull();
    expect($$(element, '[data-id="failure"] p').map(text)).toEqual([
      'Ann Lee was not removed: Ann Lee holds 1 interaction.',
      'Code for support: agent-has-work',
    ]);
  });

  it('Refresh reads the presences again', async () => {
    const element = await mount();
    listAgents.mockResolvedValue(JSON.stringify([agent({ presence: 'logged-out' })]));
    $(element, '[data-id="refresh"]').click();
    await settle();
    expect(text($(element, 'tr[data-row="ann-lee"] .presence'))).toBe('c.ContactPad_LoggedOut');
  });

  it('shows an answer it cannot read as a failure, not a crash', async () => {
    listAgents.mockResolvedValue('not json');
    const element = createElement('c-contact-pad-setup-agents', { is: ContactPadSetupAgents });
    document.body.appendChild(element);
    await settle();
    expect(text($(element, '[data-id="failure"]'))).toContain('bad-answer');
  });
});

describe('UserSearch', () => {
  it('drops the answer of a search a newer one replaced', () => {
    const model = new UserSearch();
    const first = model.typed('k');
    const second = model.typed('ki');
    expect(model.received(first, [])).toBe(false);
    expect(model.received(second, [])).toBe(true);
    expect(model.answered).toBe(true);
  });
});
