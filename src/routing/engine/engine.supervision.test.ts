/** What a supervisor sees (figures read from the records) and sets (an agent Away or Logged out). */
import type { SupervisorRef } from '../../protocol';
import type { SettingsChange } from './testing';
import { ACCOUNT, expectCode, harness } from './testing';

const SUE: SupervisorRef = { id: 'sue', name: 'Sue Park' };

/** Sales with Ann (Ready) and Bob (Away); Away reasons Coaching and Lunch. */
function setup(change: SettingsChange = {}) {
  const h = harness({ awayReasons: ['Coaching', 'Lunch'], ...change });
  h.service('sales', 'Sales');
  h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
  h.agent({ id: 'bob', services: ['sales'], state: 'away' });
  h.take();
  return h;
}

const supervise = (
  h: ReturnType<typeof setup>,
  agentId: string,
  presence: 'away' | 'logged-out',
  reason: string | null,
) =>
  h.engine.supervise(ACCOUNT, SUE, {
    v: 1,
    type: 'supervisor.presence.set',
    id: 'c-1',
    agentId,
    presence,
    reason,
  });

describe('supervisor figures', () => {
  it('count waiting, the oldest wait, work in progress, and what was assigned and abandoned today', () => {
    const h = setup();
    const first = h.arrive('sales', 'voice');
    h.advance(5);
    const waiting = h.arrive('sales', 'voice');
    h.advance(5);
    const left = h.arrive('sales', 'voice');
    h.engine.customerLeaves(ACCOUNT, left.id);
    const { services, agents } = h.engine.supervisorFigures(ACCOUNT, null);
    expect(services).toEqual([
      {
        id: 'sales',
        name: 'Sales',
        waiting: 1,
        oldestWaitingSince: waiting.enqueuedAt,
        inProgress: 1,
        assignedToday: 1,
        abandonedToday: 1,
      },
    ]);
    const ann = agents.find((agent) => agent.id === 'ann');
    expect(ann).toMatchObject({
      state: 'busy',
      presence: 'logged-in',
      capacityUsed: { call: 100, video: 0, chat: 0, email: 0, case: 0 },
      interactions: [{ id: first.id, channel: 'voice', serviceId: 'sales', state: 'active' }],
    });
  });

  it('start the day again at UTC midnight (the service has no opening hours)', () => {
    const h = setup();
    h.arrive('sales', 'chat');
    expect(h.engine.supervisorFigures(ACCOUNT, null).services[0]?.assignedToday).toBe(1);
    h.advance(24 * 3600);
    expect(h.engine.supervisorFigures(ACCOUNT, null).services[0]?.assignedToday).toBe(0);
  });

  it('name agents asked for that no longer exist', () => {
    const h = setup();
    expect(h.engine.supervisorFigures(ACCOUNT, ['ann', 'gone']).missingAgents).toEqual(['gone']);
  });
});

describe('a supervisor sets an agent', () => {
  it('Away with a reason from the list: the agent sees who and why, until they choose a state', () => {
    const h = setup();
    supervise(h, 'ann', 'away', 'Coaching');
    expect(h.me('ann')).toMatchObject({ state: 'away', awayReason: 'Coaching', setBy: SUE });
    h.presenceSet('ann', 'ready');
    expect(h.me('ann')).toMatchObject({ state: 'ready', awayReason: null, setBy: null });
  });

  it('Logged out with words of their own, refused while the agent holds work', () => {
    const h = setup();
    const call = h.arrive('sales', 'voice');
    expect(
      expectCode(() => supervise(h, 'ann', 'logged-out', 'Shift over'), 'has-work').field,
    ).toBe('presence');
    h.release('ann', call.id);
    h.advance(60);
    supervise(h, 'ann', 'logged-out', 'Shift over');
    expect(h.me('ann')).toMatchObject({
      state: 'logged-out',
      awayReason: 'Shift over',
      setBy: SUE,
    });
  });

  it('refuses a reason not on the list, an agent not in the account, and changes nothing', () => {
    const h = setup();
    const before = h.state();
    expect(expectCode(() => supervise(h, 'ann', 'away', 'Nap'), 'bad-field').field).toBe('reason');
    expect(expectCode(() => supervise(h, 'ann', 'away', null), 'bad-field').field).toBe('reason');
    expect(expectCode(() => supervise(h, 'zed', 'away', 'Lunch'), 'not-found').field).toBe(
      'agentId',
    );
    expect(h.state()).toEqual(before);
  });

  it('Away without a reason when the account has none', () => {
    const h = setup({ awayReasons: [] });
    supervise(h, 'ann', 'away', null);
    expect(h.me('ann')).toMatchObject({ state: 'away', awayReason: null, setBy: SUE });
  });
});
