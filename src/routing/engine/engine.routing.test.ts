/** Routing: kinds (B1), one or several interactions (B3), who gets what first, capacity (B9), settings (B10). */
import { DEFAULT_SETTINGS } from './engine';
import { ACCOUNT, expectCode, harness, settingsWith, types } from './testing';

describe('B1 kinds from channels', () => {
  it.each([
    ['voice', 'live'],
    ['video', 'live'],
    ['chat', 'semi-live'],
    ['email', 'non-live'],
    ['case', 'non-live'],
  ] as const)('%s is %s', (channel, kind) => {
    const h = harness();
    h.service('sales');
    const arrived = h.arrive('sales', channel);
    expect(arrived.kind).toBe(kind);
    expect(arrived.channel).toBe(channel);
    expect(arrived.direction).toBe('inbound');
    expect(arrived.state).toBe('ringing');
    expect(h.engine.queue(ACCOUNT, 'sales').map((i) => i.id)).toEqual([arrived.id]);
  });
});

describe('assignment', () => {
  it('gives waiting work to an agent who becomes ready, with an interaction.added event', () => {
    const h = harness();
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'] });
    const call = h.arrive('sales', 'voice');
    expect(h.list('ann')).toEqual([]);
    h.take();
    h.presenceSet('ann', 'ready');
    const events = h.events('ann');
    expect(types(events)).toEqual(['interaction.added', 'agent.changed']);
    const added = events[0];
    expect(added?.type === 'interaction.added' && added.interaction).toMatchObject({
      id: call.id,
      state: 'active',
      serviceId: 'sales',
      serviceName: 'SALES',
      assignedAt: h.clock.now(),
    });
    expect(h.stateOf('ann')).toBe('busy');
    expect(h.engine.queue(ACCOUNT, 'sales')).toEqual([]);
    expect(h.engine.decisions).toBe(1);
  });

  it('routes an arrival at once to a ready agent', () => {
    const h = harness();
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    const chat = h.arrive('sales', 'chat');
    expect(chat.state).toBe('active');
    expect(h.ids('ann')).toEqual([chat.id]);
  });

  it('takes the highest priority first, then the oldest, then the first to arrive', () => {
    const h = harness({ features: { multiInteraction: false } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'] });
    const oldLow = h.arrive('sales', 'email', { priority: 1 });
    h.clock.advance(1000);
    const newHigh = h.arrive('sales', 'email', { priority: 5 });
    const newHigh2 = h.arrive('sales', 'chat', { priority: 5 });
    h.clock.advance(1000);
    const newest = h.arrive('sales', 'voice', { priority: 5 });
    const oldest = h.engine.queue(ACCOUNT, 'sales').map((i) => i.id);
    expect(oldest).toEqual([newHigh.id, newHigh2.id, newest.id, oldLow.id]);

    const order: string[] = [];
    h.presenceSet('ann', 'ready');
    for (let i = 0; i < 4; i++) {
      const [held] = h.ids('ann');
      if (held === undefined) throw new Error('nothing routed');
      order.push(held);
      h.release('ann', held);
      h.presenceSet('ann', 'ready'); // ends the wrap
    }
    expect(order).toEqual(oldest);
  });

  it('gives work to the longest idle agent first', () => {
    const h = harness({ features: { multiInteraction: false } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'] });
    h.agent({ id: 'bob', services: ['sales'] });
    h.agent({ id: 'cat', services: ['sales'] });
    h.presenceSet('bob', 'ready');
    h.clock.advance(1000);
    h.presenceSet('cat', 'ready');
    h.clock.advance(1000);
    h.presenceSet('ann', 'ready');
    const first = h.arrive('sales', 'voice');
    const second = h.arrive('sales', 'voice');
    const third = h.arrive('sales', 'voice');
    expect(h.ids('bob')).toEqual([first.id]);
    expect(h.ids('cat')).toEqual([second.id]);
    expect(h.ids('ann')).toEqual([third.id]);
  });

  it('an agent who was given work most recently is not idle longest', () => {
    const h = harness({ features: { multiInteraction: true } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.clock.advance(1000);
    h.agent({ id: 'bob', services: ['sales'], state: 'ready' });
    h.clock.advance(1000);
    const one = h.arrive('sales', 'email');
    h.clock.advance(1000);
    const two = h.arrive('sales', 'email');
    expect(h.ids('ann')).toEqual([one.id]);
    expect(h.ids('bob')).toEqual([two.id]);
  });

  it('an agent only gets work from their own services', () => {
    const h = harness();
    h.service('sales');
    h.service('support');
    h.agent({ id: 'ann', services: ['support'], state: 'ready' });
    const sale = h.arrive('sales', 'email');
    expect(h.list('ann')).toEqual([]);
    expect(h.engine.queue(ACCOUNT, 'sales').map((i) => i.id)).toEqual([sale.id]);
    const ticket = h.arrive('support', 'email');
    expect(h.ids('ann')).toEqual([ticket.id]);
    h.engine.updateAgent(ACCOUNT, 'ann', { services: ['support', 'sales'] });
    expect(h.ids('ann')).toEqual([ticket.id, sale.id]);
  });

  it('an agent taken off a service gets no more of its work', () => {
    const h = harness();
    h.service('sales');
    h.service('support');
    h.agent({ id: 'ann', services: ['sales', 'support'], state: 'ready' });
    h.engine.updateAgent(ACCOUNT, 'ann', { services: ['support'] });
    h.arrive('sales', 'email');
    expect(h.list('ann')).toEqual([]);
  });

  it('an agent of several services gets the most urgent work of them all', () => {
    const h = harness({ features: { multiInteraction: false } });
    h.service('sales');
    h.service('support');
    h.agent({ id: 'ann', services: ['sales', 'support'] });
    h.arrive('sales', 'email', { priority: 1 });
    h.clock.advance(1000);
    const urgent = h.arrive('support', 'email', { priority: 8 });
    h.presenceSet('ann', 'ready');
    expect(h.ids('ann')).toEqual([urgent.id]);
  });

  it('an agent of several services gets the oldest work of equal priority', () => {
    const h = harness({ features: { multiInteraction: false } });
    h.service('sales');
    h.service('support');
    h.agent({ id: 'ann', services: ['sales', 'support'] });
    const old = h.arrive('support', 'chat');
    h.clock.advance(1000);
    h.arrive('sales', 'chat');
    h.presenceSet('ann', 'ready');
    expect(h.ids('ann')).toEqual([old.id]);
  });

  it('away and logged-out agents get no work', () => {
    const h = harness();
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'away' });
    h.agent({ id: 'bob', services: ['sales'] });
    h.arrive('sales', 'chat');
    expect(h.list('ann')).toEqual([]);
    expect(h.list('bob')).toEqual([]);
    expect(h.stateOf('ann')).toBe('away');
    expect(h.stateOf('bob')).toBe('logged-out');
  });
});

describe('B3 multi-interaction routing', () => {
  it('off: at most one interaction per agent', () => {
    const h = harness({ features: { multiInteraction: false } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    const one = h.arrive('sales', 'email');
    h.arrive('sales', 'email');
    expect(h.ids('ann')).toEqual([one.id]);
    expect(h.engine.queue(ACCOUNT, 'sales')).toHaveLength(1);
  });

  it('on: several interactions up to the capacity', () => {
    const h = harness({
      features: { multiInteraction: true },
      weights: { 'non-live': 30, 'semi-live': 40 },
    });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    const emails = [1, 2, 3, 4].map(() => h.arrive('sales', 'email'));
    expect(h.ids('ann')).toEqual(emails.slice(0, 3).map((i) => i.id));
    expect(h.me('ann').capacityUsed).toBe(90);
    expect(h.engine.queue(ACCOUNT, 'sales').map((i) => i.id)).toEqual([emails[3]?.id]);
  });

  it('on: a call (weight 100) is exclusive', () => {
    const h = harness({ features: { multiInteraction: true } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    const call = h.arrive('sales', 'voice');
    h.arrive('sales', 'email');
    expect(h.ids('ann')).toEqual([call.id]);
    expect(h.me('ann').capacityUsed).toBe(100);
  });

  it('on: a call waits while the agent holds other work, though the email behind it fits', () => {
    // The oldest, highest-priority interaction the agent can take goes first; a call that does
    // not fit does not block smaller work behind it.
    const h = harness({ features: { multiInteraction: true } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    const email = h.arrive('sales', 'email');
    const call = h.arrive('sales', 'voice');
    const email2 = h.arrive('sales', 'email');
    expect(h.ids('ann')).toEqual([email.id, email2.id]);
    expect(h.engine.queue(ACCOUNT, 'sales').map((i) => i.id)).toEqual([call.id]);
  });
});

describe('B9 capacity weights', () => {
  it('weighs each kind with the account weights', () => {
    const h = harness({ weights: { 'semi-live': 50, 'non-live': 25 } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.arrive('sales', 'chat');
    h.arrive('sales', 'email');
    h.arrive('sales', 'email');
    h.arrive('sales', 'chat');
    expect(h.list('ann').map((i) => i.kind)).toEqual(['semi-live', 'non-live', 'non-live']);
    expect(h.me('ann').capacityUsed).toBe(100);
    expect(h.me('ann').weights).toEqual({ live: 100, 'semi-live': 50, 'non-live': 25 });
  });

  it('a per-agent override changes that agent only', () => {
    const h = harness({ weights: { 'non-live': 50 } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready', weights: { 'non-live': 10 } });
    for (let i = 0; i < 12; i++) h.arrive('sales', 'email');
    expect(h.list('ann')).toHaveLength(10);
    expect(h.me('ann').weights['non-live']).toBe(10);
    h.agent({ id: 'bob', services: ['sales'], state: 'ready' });
    expect(h.list('bob')).toHaveLength(2);
    expect(h.me('bob').capacityUsed).toBe(100);
  });

  it('an override given later by updateAgent applies at once', () => {
    const h = harness({ weights: { 'non-live': 50 } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    for (let i = 0; i < 4; i++) h.arrive('sales', 'email');
    expect(h.list('ann')).toHaveLength(2);
    h.engine.updateAgent(ACCOUNT, 'ann', { weights: { 'non-live': 25 } });
    expect(h.list('ann')).toHaveLength(4);
  });

  it('a live weight under 100 lets a call share the agent', () => {
    const h = harness({ weights: { live: 60, 'non-live': 40 } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.arrive('sales', 'voice');
    h.arrive('sales', 'email');
    h.arrive('sales', 'email');
    expect(h.list('ann').map((i) => i.kind)).toEqual(['live', 'non-live']);
  });
});

describe('B10 settings', () => {
  it('updateSettings tells every agent of the account and re-routes', () => {
    const h = harness({ features: { multiInteraction: false } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.agent({ id: 'bob', services: [] });
    h.arrive('sales', 'email');
    h.arrive('sales', 'email');
    expect(h.list('ann')).toHaveLength(1);
    h.take();
    const next = settingsWith({ features: { multiInteraction: true }, wrapSeconds: 5 });
    h.engine.updateSettings(ACCOUNT, next);
    const effects = h.take();
    for (const agent of ['ann', 'bob']) {
      const events = effects.flatMap((e) =>
        e.kind === 'event' && e.agentId === agent && e.event.type === 'settings.changed'
          ? [e.event]
          : [],
      );
      expect(events).toEqual([{ type: 'settings.changed', settings: next }]);
    }
    expect(h.list('ann')).toHaveLength(2);
    expect(h.snapshot('bob').settings).toEqual(next);
  });

  it('reaches no agent of another account', () => {
    const h = harness();
    h.engine.createAccount('other', 'Other');
    h.agent({ id: 'zed' }, 'other');
    h.agent({ id: 'ann' });
    h.take();
    h.engine.updateSettings(ACCOUNT, settingsWith({ wrapSeconds: 3 }));
    const effects = h.take();
    expect(effects.every((e) => e.accountId === ACCOUNT)).toBe(true);
    expect(h.engine.snapshot('other', 'zed').settings).toEqual(DEFAULT_SETTINGS);
  });

  it('new weights change capacity at once', () => {
    const h = harness({ weights: { 'non-live': 50 } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    for (let i = 0; i < 5; i++) h.arrive('sales', 'case');
    expect(h.list('ann')).toHaveLength(2);
    h.engine.updateSettings(ACCOUNT, settingsWith({ weights: { 'non-live': 20 } }));
    expect(h.list('ann')).toHaveLength(5);
    expect(h.me('ann').capacityUsed).toBe(100);
  });
});

describe('customer leaves', () => {
  it('a queued interaction leaves the queue silently', () => {
    const h = harness();
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'] });
    const chat = h.arrive('sales', 'chat');
    h.take();
    h.engine.customerLeaves(ACCOUNT, chat.id);
    expect(h.engine.queue(ACCOUNT, 'sales')).toEqual([]);
    expect(h.events('ann')).toEqual([]);
    h.presenceSet('ann', 'ready');
    expect(h.list('ann')).toEqual([]);
    expect(h.engine.directory(ACCOUNT)).toContainEqual({
      type: 'service',
      id: 'sales',
      name: 'SALES',
      waiting: 0,
      consultable: true,
    });
  });

  it('an assigned interaction is removed with reason ended, and the agent wraps', () => {
    const h = harness({ wrapSeconds: 10 });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    const call = h.arrive('sales', 'voice');
    h.take();
    h.engine.customerLeaves(ACCOUNT, call.id);
    const events = h.events('ann');
    expect(events[0]).toEqual({
      type: 'interaction.removed',
      interactionId: call.id,
      reason: 'ended',
    });
    expect(h.list('ann')).toEqual([]);
    expect(h.stateOf('ann')).toBe('wrap-auto');
  });

  it('an unknown or foreign interaction is not-found', () => {
    const h = harness();
    h.engine.createAccount('other', 'Other');
    h.engine.createService('other', 'svc', 'Svc');
    const foreign = h.engine.arrive('other', {
      channel: 'email',
      serviceId: 'svc',
      customer: { name: null, phone: null, email: 'a@b.c' },
      record: null,
      searchKeys: [],
      subject: 'Hello',
      priority: 0,
    });
    expectCode(() => h.engine.customerLeaves(ACCOUNT, foreign.id), 'not-found');
    expectCode(() => h.engine.customerLeaves(ACCOUNT, 'nope'), 'not-found');
    expect(h.engine.queue('other', 'svc')).toHaveLength(1);
  });
});

describe('directory of services', () => {
  it('upserts the waiting count when work arrives and is routed', () => {
    const h = harness();
    h.service('sales', 'Sales');
    h.agent({ id: 'ann', services: ['sales'] });
    h.take();
    h.arrive('sales', 'email');
    expect(h.upserts()).toEqual([
      { type: 'service', id: 'sales', name: 'Sales', waiting: 1, consultable: false },
    ]);
    h.presenceSet('ann', 'ready');
    // Ann holds the e-mail now: Interruptible, so Sales can take a consult.
    expect(h.upserts()).toEqual(
      expect.arrayContaining([
        { type: 'service', id: 'sales', name: 'Sales', waiting: 0, consultable: true },
      ]),
    );
  });

  it('says whether someone in a service can take a consult now, and upserts it when that changes', () => {
    const h = harness();
    h.service('sales', 'Sales');
    h.service('support', 'Support');
    h.agent({ id: 'ann', services: ['sales'] });
    h.agent({ id: 'bob', services: ['sales', 'support'] });
    const consultable = (id: string) =>
      h.engine.directory(ACCOUNT).find((entry) => entry.type === 'service' && entry.id === id);
    expect(consultable('support')).toMatchObject({ consultable: false });
    h.take();
    h.presenceSet('bob', 'ready');
    expect(h.upserts()).toEqual(
      expect.arrayContaining([
        { type: 'service', id: 'sales', name: 'Sales', waiting: 0, consultable: true },
        { type: 'service', id: 'support', name: 'Support', waiting: 0, consultable: true },
      ]),
    );
    expect(consultable('support')).toMatchObject({ consultable: true });
    h.presenceSet('bob', 'away');
    expect(h.upserts()).toEqual(
      expect.arrayContaining([
        { type: 'service', id: 'support', name: 'Support', waiting: 0, consultable: false },
      ]),
    );
    expect(consultable('sales')).toMatchObject({ consultable: false });
  });

  it('lists agents then services, each alphabetically', () => {
    const h = harness();
    h.service('b', 'Billing');
    h.service('a', 'Accounts');
    h.agent({ id: 'zoe', name: 'Zoe' });
    h.agent({ id: 'abe', name: 'Abe', state: 'ready' });
    expect(h.engine.directory(ACCOUNT).map((e) => e.name)).toEqual([
      'Abe',
      'Zoe',
      'Accounts',
      'Billing',
    ]);
  });
});

describe('admin errors', () => {
  it('rejects duplicates and unknown references', () => {
    const h = harness();
    h.service('sales');
    h.agent({ id: 'ann' });
    expectCode(() => h.engine.createAccount(ACCOUNT, 'Again'), 'conflict');
    expectCode(() => h.service('sales'), 'conflict');
    expectCode(() => h.agent({ id: 'ann' }), 'conflict');
    expectCode(() => h.agent({ id: 'bob', services: ['nope'] }), 'not-found');
    expectCode(() => h.engine.updateAgent(ACCOUNT, 'ann', { services: ['nope'] }), 'not-found');
    expectCode(() => h.arrive('nope', 'email'), 'not-found');
    expectCode(() => h.engine.snapshot('nope', 'ann'), 'not-found');
    expectCode(() => h.engine.snapshot(ACCOUNT, 'nope'), 'not-found');
  });
});
