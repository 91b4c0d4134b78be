/**
 * Renaming and removing services and agents (removal.ts): a refusal is a value with a code and
 * words, given before anything changes; a removal leaves no index, timer or directory entry behind.
 */
import { KINDS } from '../../protocol';
import { eligibleKey } from './keys';
import { ACCOUNT, expectCode, harness } from './testing';

/** Sales and support; Ann serves sales, Ready; Bob serves nothing, Logged out. */
function setup() {
  const h = harness();
  h.service('sales');
  h.service('support');
  h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
  h.agent({ id: 'bob', services: [], state: 'logged-out' });
  h.take();
  return h;
}

const removed = (h: ReturnType<typeof setup>) =>
  h.take().flatMap((effect) => (effect.kind === 'directory' ? effect.removed : []));

describe('renaming a service', () => {
  it('changes its name in the directory at once', () => {
    const h = setup();
    h.engine.renameService(ACCOUNT, 'sales', 'Sales EMEA');
    expect(h.upserts()).toContainEqual(
      expect.objectContaining({ type: 'service', id: 'sales', name: 'Sales EMEA' }),
    );
    expect(h.store.service(ACCOUNT, 'sales')?.name).toBe('Sales EMEA');
  });

  it('of an unknown service is not-found', () => {
    const h = setup();
    expectCode(() => h.engine.renameService(ACCOUNT, 'nope', 'X'), 'not-found');
  });
});

describe('removing a service', () => {
  it('is refused while agents serve it, work waits or is in progress there, or a service overflows to it', () => {
    const h = setup();
    const before = h.state();
    expect(h.engine.removeService(ACCOUNT, 'sales')).toEqual({
      code: 'service-in-use',
      message: 'service sales cannot be removed: 1 agent serves it',
    });
    expect(h.state()).toEqual(before);
    h.arrive('support', 'email');
    h.arrive('support', 'chat');
    const waiting = h.state();
    expect(h.engine.removeService(ACCOUNT, 'support')?.message).toBe(
      'service support cannot be removed: 2 interactions are waiting',
    );
    expect(h.state()).toEqual(waiting);
    h.engine.setServiceOverflow(ACCOUNT, 'sales', { serviceId: 'support', afterSeconds: 60 });
    expect(h.engine.removeService(ACCOUNT, 'support')?.message).toContain(
      '1 service overflows to it',
    );
    h.take();
  });

  it('is refused while an interaction of it is in progress with an agent who no longer serves it', () => {
    const h = setup();
    const email = h.arrive('sales', 'email');
    expect(h.ids('ann')).toEqual([email.id]);
    h.engine.updateAgent(ACCOUNT, 'ann', { services: ['support'] });
    expect(h.engine.removeService(ACCOUNT, 'sales')?.message).toBe(
      'service sales cannot be removed: 1 interaction is in progress',
    );
    h.take();
  });

  it('removes an unused service and tells the directory', () => {
    const h = setup();
    expect(h.engine.removeService(ACCOUNT, 'support')).toBeNull();
    expect(h.store.service(ACCOUNT, 'support')).toBeUndefined();
    expect(removed(h)).toEqual([{ type: 'service', id: 'support' }]);
    expect(h.engine.directory(ACCOUNT).map((entry) => entry.id)).not.toContain('support');
    expectCode(() => h.engine.removeService(ACCOUNT, 'support'), 'not-found');
  });
});

describe('removing an agent', () => {
  it('is refused while they hold an interaction, and nothing changes', () => {
    const h = setup();
    h.arrive('sales', 'chat');
    h.take();
    const before = h.state();
    expect(h.engine.removeAgent(ACCOUNT, 'ann')).toEqual({
      code: 'agent-has-work',
      message: 'agent ann cannot be removed while holding work: 1 interaction',
    });
    expect(h.state()).toEqual(before);
    expect(h.take()).toEqual([]);
  });

  it('leaves every index and the directory; their services are sent again', () => {
    const h = setup();
    expect(h.engine.removeAgent(ACCOUNT, 'ann')).toBeNull();
    expect(h.store.agent(ACCOUNT, 'ann')).toBeUndefined();
    for (const kind of KINDS) {
      expect(h.store.rankHas(eligibleKey(ACCOUNT, 'sales', kind), 'ann')).toBe(false);
    }
    const effects = h.take();
    const directory = effects.flatMap((effect) => (effect.kind === 'directory' ? [effect] : []));
    expect(directory.flatMap((effect) => effect.removed)).toEqual([{ type: 'agent', id: 'ann' }]);
    expect(directory.flatMap((effect) => effect.upserted)).toContainEqual(
      expect.objectContaining({ type: 'service', id: 'sales', consultable: false }),
    );
    // Work for sales now waits: nobody serves it.
    h.arrive('sales', 'chat');
    expect(h.engine.queue(ACCOUNT, 'sales')).toHaveLength(1);
    expectCode(() => h.engine.removeAgent(ACCOUNT, 'ann'), 'not-found');
    h.take();
  });

  it('of an unknown agent or account is not-found', () => {
    const h = setup();
    expectCode(() => h.engine.removeAgent(ACCOUNT, 'nope'), 'not-found');
    expectCode(() => h.engine.removeAgent('nope', 'ann'), 'not-found');
    expectCode(() => h.engine.removeService('nope', 'sales'), 'not-found');
  });
});
