import { createElement } from 'lwc';
import ContactPadSupervisorAgents from 'c/contactPadSupervisorAgents';
import { SupervisorModel } from '../../contactPadSupervisor/supervisorModel';
import { NOW, agentStats, supervisorView } from '../../../../../test/supervisorFixtures';

jest.mock(
  '@salesforce/label/c.ContactPad_SupervisorChangeStateOf',
  () => ({ default: 'Change the state of {0}' }),
  { virtual: true },
);

jest.mock('@salesforce/label/c.ContactPad_SetAwayBy', () => ({ default: 'Set Away by {0}' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/label/c.ContactPad_SetAwayByReason',
  () => ({ default: 'Set Away by {0}: {1}' }),
  {
    virtual: true,
  },
);

/** Rows as the page's view model derives them. */
function rowsOf(agents) {
  const model = new SupervisorModel();
  model.received(supervisorView({ agents }));
  return model.agentRows();
}

function render(agents, now = NOW) {
  const element = createElement('c-contact-pad-supervisor-agents', {
    is: ContactPadSupervisorAgents,
  });
  element.agents = rowsOf(agents);
  element.now = now;
  document.body.appendChild(element);
  return element;
}

const flush = () => Promise.resolve();
const row = (element, id) => element.shadowRoot.querySelector(`tr[data-agent-id="${id}"]`);
const cell = (element, id, column) =>
  row(element, id).querySelector(`[data-id="${column}"]`).textContent.trim();
const button = (element, id) => row(element, id).querySelector('button[data-id="change-state"]');

describe('c-contact-pad-supervisor-agents', () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it('shows each agent in a table with column and row headers', async () => {
    const element = render([
      agentStats({
        state: 'busy',
        presence: 'logged-in',
        capacityUsed: { call: 100, video: 0, chat: 0, email: 0, case: 0 },
        interactions: [
          {
            id: 'i-1',
            channel: 'voice',
            serviceId: 'support',
            customerName: 'Rita Moss',
            state: 'active',
          },
        ],
      }),
      agentStats({ id: 'bob-lee', name: 'Bob Lee', state: 'logged-out', presence: 'logged-out' }),
    ]);
    await flush();
    const headers = [...element.shadowRoot.querySelectorAll('th[scope="col"]')].map((th) =>
      th.textContent.trim(),
    );
    expect(headers).toEqual([
      'c.ContactPad_Agent',
      'c.ContactPad_SupervisorState',
      'c.ContactPad_Presence',
      'c.ContactPad_SupervisorTimeInState',
      'c.ContactPad_SupervisorCapacityUsed',
      'c.ContactPad_Interactions',
      'c.ContactPad_SupervisorAction',
    ]);
    const names = [...element.shadowRoot.querySelectorAll('th[scope="row"]')].map(
      (th) => th.textContent,
    );
    expect(names).toEqual(['Ann Lee', 'Bob Lee']);
    expect(cell(element, 'ann-lee', 'state')).toBe('c.ContactPad_Busy');
    expect(cell(element, 'ann-lee', 'presence')).toBe('c.ContactPad_LoggedIn');
    expect(cell(element, 'ann-lee', 'time-in-state')).toBe('1:05');
    expect(cell(element, 'ann-lee', 'capacity')).toBe('c.ContactPad_Voice 100%');
    expect(cell(element, 'ann-lee', 'interactions')).toBe(
      'c.ContactPad_Voice · Rita Moss · c.ContactPad_Active · Support',
    );
    expect(cell(element, 'bob-lee', 'state')).toBe('c.ContactPad_LoggedOut');
    expect(cell(element, 'bob-lee', 'capacity')).toBe('c.ContactPad_SupervisorCapacityNone');
    expect(cell(element, 'bob-lee', 'interactions')).toBe('c.ContactPad_NoInteractions');
    expect(button(element, 'bob-lee').getAttribute('aria-label')).toBe(
      'Change the state of Bob Lee',
    );
    await expect(element).toBeAccessible();
  });

  it('says who set the state and why', async () => {
    const element = render([
      agentStats({
        state: 'away',
        awayReason: 'Training',
        setBy: { id: 'sam', name: 'Sam Park' },
      }),
    ]);
    await flush();
    expect(cell(element, 'ann-lee', 'note')).toBe('Set Away by Sam Park: Training');
  });

  it('counts the time in state from the page clock', async () => {
    const element = render([agentStats({ stateSince: NOW - 1_000 })]);
    await flush();
    expect(cell(element, 'ann-lee', 'time-in-state')).toBe('0:01');
    element.now = NOW + 600_000;
    await flush();
    expect(cell(element, 'ann-lee', 'time-in-state')).toBe('10:01');
  });

  it('Change state raises changestate with the agent; disabled while not live', async () => {
    const element = render([agentStats(), agentStats({ id: 'bob-lee', name: 'Bob Lee' })]);
    const changed = jest.fn();
    element.addEventListener('changestate', changed);
    await flush();
    button(element, 'bob-lee').click();
    expect(changed).toHaveBeenCalledTimes(1);
    expect(changed.mock.calls[0][0].detail).toEqual({ agentId: 'bob-lee' });

    element.disabled = true;
    await flush();
    expect(button(element, 'bob-lee').disabled).toBe(true);
  });

  it('focusAgent puts the focus on that agent’s button', async () => {
    const element = render([agentStats(), agentStats({ id: 'bob-lee', name: 'Bob Lee' })]);
    await flush();
    element.focusAgent('bob-lee');
    expect(element.shadowRoot.activeElement).toBe(button(element, 'bob-lee'));
  });

  it('keeps the rows of agents that did not change (keyed rows, rows kept by the model)', async () => {
    const model = new SupervisorModel();
    const bob = agentStats({ id: 'bob-lee', name: 'Bob Lee' });
    model.received(supervisorView({ agents: [agentStats(), bob] }));
    const element = createElement('c-contact-pad-supervisor-agents', {
      is: ContactPadSupervisorAgents,
    });
    element.agents = model.agentRows();
    element.now = NOW;
    document.body.appendChild(element);
    await flush();
    const bobRow = row(element, 'bob-lee');
    const bobState = bobRow.querySelector('[data-id="state"]');

    model.received(supervisorView({ agents: [agentStats({ state: 'busy' }), bob] }));
    element.agents = model.agentRows();
    await flush();
    expect(cell(element, 'ann-lee', 'state')).toBe('c.ContactPad_Busy');
    expect(row(element, 'bob-lee')).toBe(bobRow);
    expect(row(element, 'bob-lee').querySelector('[data-id="state"]')).toBe(bobState);
  });

  it('says so when no agent is shown', async () => {
    const element = render([]);
    await flush();
    expect(element.shadowRoot.querySelector('[data-id="empty"]').textContent).toBe(
      'c.ContactPad_SupervisorNoAgents',
    );
    await expect(element).toBeAccessible();
  });
});
