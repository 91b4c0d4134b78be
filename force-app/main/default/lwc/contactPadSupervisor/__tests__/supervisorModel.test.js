import { SupervisorModel, capacityText, stateNote } from '../supervisorModel';
import { agentStats, serviceStats, supervisorView } from '../../../../../test/supervisorFixtures';

jest.mock('@salesforce/label/c.ContactPad_SetAwayBy', () => ({ default: 'Set Away by {0}' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/label/c.ContactPad_LoggedOutByReason',
  () => ({ default: 'Logged out by {0}: {1}' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_SetAwayByReason',
  () => ({ default: 'Set Away by {0}: {1}' }),
  {
    virtual: true,
  },
);
jest.mock('@salesforce/label/c.ContactPad_Voice', () => ({ default: 'Call' }), { virtual: true });
jest.mock('@salesforce/label/c.ContactPad_Chat', () => ({ default: 'Chat' }), { virtual: true });

const SAM = { id: 'sam-park', name: 'Sam Park' };

describe('SupervisorModel', () => {
  it('keeps the row of an agent the client kept, derives a new one for a changed agent', () => {
    const model = new SupervisorModel();
    const ann = agentStats();
    const bob = agentStats({ id: 'bob-lee', name: 'Bob Lee' });
    model.received(supervisorView({ agents: [bob, ann] }));
    const [annRow, bobRow] = model.agentRows();
    expect([annRow.name, bobRow.name]).toEqual(['Ann Lee', 'Bob Lee']);

    model.received(supervisorView({ agents: [agentStats({ state: 'away' }), bob] }));
    const [annAfter, bobAfter] = model.agentRows();
    expect(bobAfter).toBe(bobRow);
    expect(annAfter).not.toBe(annRow);
    expect(annAfter.state).toBe('c.ContactPad_Away');
  });

  it('at 1,000 agents, a delta about one derives one row; the other 999 are the same objects', () => {
    const model = new SupervisorModel();
    const agents = Array.from({ length: 1000 }, (_, n) =>
      agentStats({ id: `agent-${n}`, name: `Agent ${String(n).padStart(4, '0')}` }),
    );
    model.received(supervisorView({ agents }));
    const before = model.agentRows();
    const changed = [...agents];
    changed[500] = { ...agents[500], state: 'busy' };
    model.received(supervisorView({ agents: changed }));
    const after = model.agentRows();
    expect(after).toHaveLength(1000);
    const renewed = after.filter((row, n) => row !== before[n]);
    expect(renewed.map((row) => row.id)).toEqual(['agent-500']);
    expect(renewed[0].state).toBe('c.ContactPad_Busy');
  });

  it('an agent gone from the view is gone from the rows', () => {
    const model = new SupervisorModel();
    model.received(
      supervisorView({ agents: [agentStats(), agentStats({ id: 'bob-lee', name: 'Bob Lee' })] }),
    );
    model.received(supervisorView({ agents: [agentStats()] }));
    expect(model.agentRows().map((row) => row.id)).toEqual(['ann-lee']);
    expect(model.agent('bob-lee')).toBeUndefined();
  });

  it('a renamed service renames it in every interaction', () => {
    const model = new SupervisorModel();
    const ann = agentStats({
      interactions: [
        { id: 'i-1', channel: 'chat', serviceId: 'support', customerName: null, state: 'active' },
      ],
    });
    model.received(supervisorView({ agents: [ann] }));
    expect(model.agentRows()[0].interactions[0].text).toBe(
      'Chat · c.ContactPad_UnknownCustomer · c.ContactPad_Active · Support',
    );
    model.received(
      supervisorView({ services: [serviceStats({ name: 'Help desk' })], agents: [ann] }),
    );
    expect(model.agentRows()[0].interactions[0].text).toBe(
      'Chat · c.ContactPad_UnknownCustomer · c.ContactPad_Active · Help desk',
    );
  });

  it('filters by service; an unknown service or one removed shows all', () => {
    const model = new SupervisorModel();
    const view = supervisorView({
      services: [serviceStats(), serviceStats({ id: 'billing', name: 'Billing' })],
      agents: [agentStats(), agentStats({ id: 'bob-lee', name: 'Bob Lee', services: ['billing'] })],
    });
    model.received(view);
    expect(model.serviceOptions()).toEqual([
      { value: 'billing', label: 'Billing' },
      { value: 'support', label: 'Support' },
    ]);
    model.setFilter('billing');
    expect(model.serviceRows().map((s) => s.id)).toEqual(['billing']);
    expect(model.agentRows().map((a) => a.id)).toEqual(['bob-lee']);
    model.setFilter('nowhere');
    expect(model.agentRows()).toHaveLength(2);
    model.setFilter('billing');
    model.received({ ...view, services: [serviceStats()] });
    expect(model.filter).toBe('');
    expect(model.serviceRows().map((s) => s.id)).toEqual(['support']);
  });

  it('the Away reasons are the view’s; null before the first snapshot', () => {
    const model = new SupervisorModel();
    expect(model.awayReasons()).toBeNull();
    model.received(supervisorView({ awayReasons: ['Lunch'] }));
    expect(model.awayReasons()).toEqual(['Lunch']);
    model.received(supervisorView({ awayReasons: [] }));
    expect(model.awayReasons()).toEqual([]);
  });
});

describe('stateNote', () => {
  it('says who set the state and why, or the agent’s own reason', () => {
    expect(stateNote(agentStats({ state: 'away', awayReason: 'Training', setBy: SAM }))).toBe(
      'Set Away by Sam Park: Training',
    );
    expect(stateNote(agentStats({ state: 'away', setBy: SAM }))).toBe('Set Away by Sam Park');
    expect(
      stateNote(agentStats({ state: 'logged-out', awayReason: 'Shift over', setBy: SAM })),
    ).toBe('Logged out by Sam Park: Shift over');
    expect(stateNote(agentStats({ state: 'away', awayReason: 'Break' }))).toBe('Break');
    expect(stateNote(agentStats())).toBe('');
  });
});

describe('capacityText', () => {
  it('lists the kinds in use, in the page’s order', () => {
    expect(capacityText({ call: 0, video: 0, chat: 30, email: 0, case: 0 })).toBe('Chat 30%');
    expect(capacityText({ call: 100, video: 0, chat: 30, email: 0, case: 0 })).toBe(
      'Call 100%, Chat 30%',
    );
    expect(capacityText({ call: 0, video: 0, chat: 0, email: 0, case: 0 })).toBe(
      'c.ContactPad_SupervisorCapacityNone',
    );
  });
});
