import { createElement } from 'lwc';
import ContactPadSupervisor from 'c/contactPadSupervisor';
import { createSupervisorClient } from 'c/contactPadCore';
import getSupervisorSession from '@salesforce/apex/ContactPadSupervisorController.getSupervisorSession';
import {
  agentStats,
  fakeSupervisorClient,
  serviceStats,
  supervisorView,
} from '../../../../../test/supervisorFixtures';

jest.mock('c/contactPadCore', () => ({
  ...jest.requireActual('c/contactPadCore'),
  createSupervisorClient: jest.fn(),
}));
jest.mock(
  '@salesforce/apex/ContactPadSupervisorController.getSupervisorSession',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_SupervisorSessionFailed',
  () => ({ default: 'Cannot open the supervisor session: {0}' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_ErrorDetail',
  () => ({ default: 'Code for support: {0}' }),
  {
    virtual: true,
  },
);

const SESSION = {
  routingUrl: 'wss://routing.example/v1/supervisor',
  token: 't-1',
  expiresAt: null,
};

let client;

/** Lets the Apex call, the client's creation and the re-render run (a macrotask later). */
// eslint-disable-next-line @lwc/lwc/no-async-operation
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function render() {
  const element = createElement('c-contact-pad-supervisor', { is: ContactPadSupervisor });
  document.body.appendChild(element);
  await settle();
  return element;
}

const $ = (element, id) => element.shadowRoot.querySelector(`[data-id="${id}"]`);
const agentRows = (element) =>
  [...$(element, 'agents').shadowRoot.querySelectorAll('tr[data-agent-id]')].map(
    (tr) => tr.dataset.agentId,
  );
const serviceRows = (element) =>
  [...$(element, 'services').shadowRoot.querySelectorAll('tr[data-service-id]')].map(
    (tr) => tr.dataset.serviceId,
  );
async function choose(select, value) {
  const control = select.shadowRoot.querySelector('select');
  control.value = value;
  control.dispatchEvent(new CustomEvent('change'));
  await settle();
}
async function openForm(element, agentId) {
  $(element, 'agents').shadowRoot.querySelector(`button[data-agent-id="${agentId}"]`).click();
  await settle();
  return $(element, 'presence-form');
}

const VIEW = supervisorView({
  services: [serviceStats(), serviceStats({ id: 'billing', name: 'Billing', waiting: 2 })],
  agents: [agentStats(), agentStats({ id: 'bob-lee', name: 'Bob Lee', services: ['billing'] })],
});

describe('c-contact-pad-supervisor', () => {
  beforeEach(() => {
    client = fakeSupervisorClient();
    createSupervisorClient.mockImplementation((options) => {
      client.options = options;
      return client;
    });
    getSupervisorSession.mockResolvedValue(JSON.stringify(SESSION));
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('opens the supervisor session from Apex; a later connection gets a fresh token', async () => {
    await render();
    expect(getSupervisorSession).toHaveBeenCalledTimes(1);
    expect(client.options.url).toBe(SESSION.routingUrl);
    await expect(client.options.getToken()).resolves.toBe('t-1');
    getSupervisorSession.mockResolvedValue(JSON.stringify({ ...SESSION, token: 't-2' }));
    await expect(client.options.getToken()).resolves.toBe('t-2');
    expect(getSupervisorSession).toHaveBeenCalledTimes(2);
  });

  it('says it is connecting, then shows the services and agents pushed, live', async () => {
    const element = await render();
    expect($(element, 'connection').getAttribute('role')).toBe('status');
    expect($(element, 'connection').textContent).toBe('c.ContactPad_Connecting');
    client.push(VIEW);
    await settle();
    expect($(element, 'connection').textContent).toBe('c.ContactPad_SupervisorLive');
    expect(serviceRows(element)).toEqual(['billing', 'support']);
    expect(agentRows(element)).toEqual(['ann-lee', 'bob-lee']);
    await expect(element).toBeAccessible();

    client.push({ ...VIEW, connection: 'lost' });
    await settle();
    expect($(element, 'connection').textContent).toBe('c.ContactPad_SupervisorLost');
    const button = $(element, 'agents').shadowRoot.querySelector('button[data-agent-id]');
    expect(button.disabled).toBe(true);
  });

  it('filters services and agents by service', async () => {
    const element = await render();
    client.push(VIEW);
    await settle();
    const filter = $(element, 'filter');
    const options = [...filter.shadowRoot.querySelectorAll('option')].map((o) =>
      o.textContent.trim(),
    );
    expect(options).toEqual(['c.ContactPad_SupervisorAllServices', 'Billing', 'Support']);
    await choose(filter, 'billing');
    expect(serviceRows(element)).toEqual(['billing']);
    expect(agentRows(element)).toEqual(['bob-lee']);
    // The filter holds across pushes.
    client.push({ ...VIEW, agents: [...VIEW.agents] });
    await settle();
    expect(agentRows(element)).toEqual(['bob-lee']);
    await choose(filter, '');
    expect(agentRows(element)).toEqual(['ann-lee', 'bob-lee']);
  });

  it('sets an agent Away with a reason of the account; the form closes and the focus goes back', async () => {
    const element = await render();
    client.push(VIEW);
    await settle();
    const form = await openForm(element, 'bob-lee');
    expect(form.agentName).toBe('Bob Lee');
    expect(form.shadowRoot.activeElement).toBe(
      form.shadowRoot.querySelector('[data-id="heading"]'),
    );
    expect(form.reasons).toEqual(['Break', 'Training']);
    form.dispatchEvent(
      new CustomEvent('presenceset', { detail: { presence: 'away', reason: 'Training' } }),
    );
    await settle();
    expect(client.setPresence).toHaveBeenCalledWith('bob-lee', 'away', 'Training');
    expect($(element, 'presence-form')).toBeNull();
    const agents = $(element, 'agents');
    expect(agents.shadowRoot.activeElement).toBe(
      agents.shadowRoot.querySelector('button[data-agent-id="bob-lee"]'),
    );
  });

  it('shows a refusal in words with its code apart, and keeps the form open', async () => {
    client.setPresence.mockRejectedValue({
      code: 'not-listed',
      message: 'the reason is not one of the account’s Away reasons',
    });
    const element = await render();
    client.push(VIEW);
    await settle();
    const form = await openForm(element, 'ann-lee');
    form.dispatchEvent(
      new CustomEvent('presenceset', { detail: { presence: 'away', reason: 'Lunch' } }),
    );
    await settle();
    expect($(element, 'presence-form').error).toBe(
      'The reason is not one of the account’s Away reasons. Code for support: not-listed',
    );
    expect($(element, 'presence-form').busy).toBe(false);
    await expect(element).toBeAccessible();
  });

  it('Cancel closes the form; an agent removed closes it too', async () => {
    const element = await render();
    client.push(VIEW);
    await settle();
    let form = await openForm(element, 'ann-lee');
    form.dispatchEvent(new CustomEvent('cancel'));
    await settle();
    expect($(element, 'presence-form')).toBeNull();
    form = await openForm(element, 'bob-lee');
    client.push({ ...VIEW, agents: [VIEW.agents[0]] });
    await settle();
    expect($(element, 'presence-form')).toBeNull();
    expect(client.setPresence).not.toHaveBeenCalled();
  });

  it('says why the session could not be opened, with its code apart', async () => {
    getSupervisorSession.mockRejectedValue({
      body: { message: 'you are not a supervisor', errorCode: 'forbidden' },
    });
    const element = await render();
    expect($(element, 'failure').getAttribute('role')).toBe('alert');
    expect($(element, 'failure').textContent).toContain(
      'Cannot open the supervisor session: You are not a supervisor.',
    );
    expect($(element, 'failure').textContent).toContain('Code for support: forbidden');
    expect(createSupervisorClient).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('a session without a routing address is refused before any connection', async () => {
    getSupervisorSession.mockResolvedValue('{"token":"t"}');
    const element = await render();
    expect($(element, 'failure').textContent).toContain('Code for support: bad-session');
    expect(createSupervisorClient).not.toHaveBeenCalled();
  });

  it('leaving the page stops listening and closes the client', async () => {
    const element = await render();
    expect(client.listeners.size).toBe(1);
    document.body.removeChild(element);
    expect(client.listeners.size).toBe(0);
    expect(client.close).toHaveBeenCalledTimes(1);
  });
});
