/** Overflow on the fake clock: waiting work moves to another service after the service's time. */
import { ACCOUNT, expectCode, harness } from './testing';
import type { Harness } from './testing';

/** Services sales, support and billing; bob serves support only (logged out until asked). */
function world(): Harness {
  const h = harness({ wrapSeconds: 0 });
  for (const id of ['sales', 'support', 'billing']) h.service(id);
  h.agent({ id: 'bob', services: ['support'] });
  return h;
}

const where = (h: Harness, id: string) => {
  const record = h.store.interaction(id);
  return record?.place.kind === 'queued' ? record.place.serviceId : record?.place.kind;
};

describe('overflow', () => {
  it('moves work waiting past the time to the overflow service, keeping its age', () => {
    const h = world();
    h.engine.setServiceOverflow(ACCOUNT, 'sales', { serviceId: 'support', afterSeconds: 30 });
    const call = h.arrive('sales', 'voice', { priority: 3 });
    h.advance(29);
    expect(where(h, call.id)).toBe('sales');
    h.advance(1);
    expect(where(h, call.id)).toBe('support');
    const [moved] = h.engine.queue(ACCOUNT, 'support');
    expect(moved).toMatchObject({
      id: call.id,
      serviceId: 'support',
      serviceName: 'SUPPORT',
      enqueuedAt: call.enqueuedAt,
      priority: 3,
    });
    expect(h.engine.queue(ACCOUNT, 'sales')).toEqual([]);
    h.presenceSet('bob', 'ready');
    expect(h.ids('bob')).toEqual([call.id]);
  });

  it('does not move work that was routed or left before the time', () => {
    const h = world();
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.engine.setServiceOverflow(ACCOUNT, 'sales', { serviceId: 'support', afterSeconds: 10 });
    const taken = h.arrive('sales', 'voice');
    const gone = h.arrive('sales', 'voice');
    h.engine.customerLeaves(ACCOUNT, gone.id);
    h.advance(60);
    expect(h.ids('ann')).toEqual([taken.id]);
    expect(h.engine.queue(ACCOUNT, 'support')).toEqual([]);
    expect(h.store.interaction(gone.id)).toBeUndefined();
  });

  it('follows a chain of services but never goes back round a loop', () => {
    const h = world();
    h.engine.setServiceOverflow(ACCOUNT, 'sales', { serviceId: 'support', afterSeconds: 10 });
    h.engine.setServiceOverflow(ACCOUNT, 'support', { serviceId: 'billing', afterSeconds: 10 });
    h.engine.setServiceOverflow(ACCOUNT, 'billing', { serviceId: 'sales', afterSeconds: 10 });
    const email = h.arrive('sales', 'email');
    h.advance(10);
    expect(where(h, email.id)).toBe('support');
    h.advance(10);
    expect(where(h, email.id)).toBe('billing');
    h.advance(10);
    expect(where(h, email.id)).toBe('billing');
    h.advance(600);
    expect(where(h, email.id)).toBe('billing');
    expect(h.engine.nextDueAt()).toBeUndefined();
  });

  it('a new rule applies to work already waiting; none stops it', () => {
    const h = world();
    const chat = h.arrive('sales', 'chat');
    h.advance(20);
    h.engine.setServiceOverflow(ACCOUNT, 'sales', { serviceId: 'support', afterSeconds: 30 });
    h.advance(9);
    expect(where(h, chat.id)).toBe('sales');
    h.advance(1);
    expect(where(h, chat.id)).toBe('support');
    const next = h.arrive('sales', 'chat');
    h.engine.setServiceOverflow(ACCOUNT, 'sales', { serviceId: null, afterSeconds: 30 });
    h.advance(600);
    expect(where(h, next.id)).toBe('sales');
    expect(h.engine.serviceOverflow(ACCOUNT, 'sales')).toEqual({
      serviceId: null,
      afterSeconds: 30,
    });
  });

  it('refuses an unknown or the same service, changing nothing', () => {
    const h = world();
    h.arrive('sales', 'chat');
    h.take();
    const before = h.state();
    const rule = (serviceId: string) => ({ serviceId, afterSeconds: 5 });
    expect(
      expectCode(() => h.engine.setServiceOverflow(ACCOUNT, 'sales', rule('nowhere')), 'not-found')
        .field,
    ).toBe('serviceId');
    expect(
      expectCode(() => h.engine.setServiceOverflow(ACCOUNT, 'sales', rule('sales')), 'bad-field')
        .field,
    ).toBe('serviceId');
    expectCode(() => h.engine.setServiceOverflow(ACCOUNT, 'nowhere', rule('sales')), 'not-found');
    expect(h.state()).toEqual(before);
    expect(h.engine.serviceOverflow(ACCOUNT, 'sales')).toEqual({
      serviceId: null,
      afterSeconds: 60,
    });
    expect(h.take()).toEqual([]);
  });
});
