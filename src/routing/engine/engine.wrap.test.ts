/** B7 release gate and wrap, B8 presence and the directory, outbound dial. */
import type { DirectoryEntry } from '../../protocol';
import { ACCOUNT, expectCode, harness, toAgent, types } from './testing';

const agentEntry = (id: string, presence: string): DirectoryEntry =>
  ({
    type: 'agent',
    id,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    presence,
  }) as DirectoryEntry;

/** Ann (multi-interaction) holds two emails; a third waits. */
function twoEmails(settings: Parameters<typeof harness>[0] = {}) {
  const h = harness({ wrapSeconds: 30, weights: { 'non-live': 40 }, ...settings });
  h.service('sales');
  h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
  const one = h.arrive('sales', 'email').id;
  const two = h.arrive('sales', 'email').id;
  const three = h.arrive('sales', 'email').id;
  expect(h.ids('ann')).toEqual([one, two]);
  h.take();
  return { h, one, two, three };
}

describe('B7 release gate', () => {
  it('after one release nothing new is routed until the rest is released, despite capacity', () => {
    const { h, one, two, three } = twoEmails();
    h.release('ann', one);
    expect(h.me('ann')).toMatchObject({ draining: true, state: 'busy', capacityUsed: 40 });
    h.arrive('sales', 'email');
    expect(h.ids('ann')).toEqual([two]);
    expect(h.presence('ann')).toBe('logged-in');
    h.take();
    h.clock.advance(5000);
    h.release('ann', two);
    const me = h.me('ann');
    expect(me).toMatchObject({
      draining: false,
      state: 'wrap-auto',
      wrapEndsAt: h.clock.now() + 30_000,
      stateSince: h.clock.now(),
    });
    const changed = h.events('ann').filter((e) => e.type === 'agent.changed');
    expect(changed.at(-1)).toMatchObject({ agent: { state: 'wrap-auto' } });
    expect(h.ids('ann')).toEqual([]);
    h.advance(29);
    expect(h.stateOf('ann')).toBe('wrap-auto');
    expect(h.ids('ann')).toEqual([]);
    h.advance(1);
    expect(h.me('ann').wrapEndsAt).toBeNull();
    expect(h.ids('ann')).toHaveLength(2);
    expect(h.ids('ann')[0]).toBe(three);
    expect(h.stateOf('ann')).toBe('busy');
  });

  it('a release that hangs already closes the gate', () => {
    const { h, one, two } = twoEmails();
    h.engine.armReleaseFault(ACCOUNT, one, 'hang');
    h.release('ann', one);
    h.arrive('sales', 'email');
    expect(h.ids('ann')).toEqual([one, two]);
    expect(h.me('ann').draining).toBe(true);
  });

  it('abandoning the last interaction wraps too', () => {
    const { h, one, two } = twoEmails();
    h.release('ann', one);
    h.engine.armReleaseFault(ACCOUNT, two, 'error');
    h.release('ann', two);
    expect(h.stateOf('ann')).toBe('busy');
    h.on('ann', 'abandon', two);
    expect(h.stateOf('ann')).toBe('wrap-auto');
  });

  it('with no wrap time the agent is ready at once and gets the next work', () => {
    const { h, one, two, three } = twoEmails({ wrapSeconds: 0 });
    h.release('ann', one);
    h.release('ann', two);
    expect(h.me('ann').wrapEndsAt).toBeNull();
    expect(h.ids('ann')).toEqual([three]);
    expect(h.engine.nextDueAt()).toBeUndefined();
  });

  it('choosing ready during the wrap ends it early', () => {
    const { h, one, two, three } = twoEmails();
    h.release('ann', one);
    h.release('ann', two);
    h.presenceSet('ann', 'ready');
    expect(h.ids('ann')).toEqual([three]);
    expect(h.engine.nextDueAt()).toBeUndefined();
  });

  it('choosing away during the wrap ends it, and no work comes', () => {
    const { h, one, two } = twoEmails();
    h.release('ann', one);
    h.release('ann', two);
    h.presenceSet('ann', 'away');
    expect(h.stateOf('ann')).toBe('away');
    h.advance(60);
    expect(h.ids('ann')).toEqual([]);
  });
});

describe('B7 logging the call', () => {
  it('with call logging the agent logs each released interaction, then is ready', () => {
    const { h, one, two, three } = twoEmails({ features: { callLogging: true } });
    h.clock.advance(1000);
    h.release('ann', one);
    expect(h.me('ann').pendingLogs).toEqual([
      expect.objectContaining({ interactionId: one, kind: 'non-live', releasedAt: h.clock.now() }),
    ]);
    expect(h.stateOf('ann')).toBe('busy');
    h.release('ann', two);
    expect(h.me('ann')).toMatchObject({ state: 'logging-call', wrapEndsAt: null });
    expect(h.me('ann').pendingLogs.map((log) => log.interactionId)).toEqual([one, two]);
    expect(h.presence('ann')).toBe('logged-in');
    // No timer ends it.
    h.advance(3600);
    expect(h.stateOf('ann')).toBe('logging-call');
    // Nor a change of state, nor logging out.
    expect(h.reject('ann', { type: 'presence.set', state: 'ready', reason: null }).code).toBe(
      'not-allowed',
    );
    expect(h.reject('ann', { type: 'presence.set', state: 'logged-out', reason: null }).code).toBe(
      'not-allowed',
    );
    h.cmd('ann', { type: 'log.submit', interactionId: two, disposition: 'Resolved', notes: 'ok' });
    expect(h.stateOf('ann')).toBe('logging-call');
    expect(
      h.reject('ann', { type: 'log.submit', interactionId: two, disposition: null, notes: '' })
        .code,
    ).toBe('not-found');
    h.cmd('ann', { type: 'log.submit', interactionId: one, disposition: null, notes: '' });
    expect(h.me('ann').pendingLogs).toEqual([]);
    expect(h.ids('ann')).toEqual([three]);
  });

  it("a disposition must be one of the account's, else nothing changes", () => {
    const { h, one } = twoEmails({ features: { callLogging: true } });
    h.release('ann', one);
    expect(
      h.reject('ann', { type: 'log.submit', interactionId: one, disposition: 'Made up', notes: '' })
        .code,
    ).toBe('bad-field');
    expect(h.me('ann').pendingLogs.map((log) => log.interactionId)).toEqual([one]);
  });

  it('a log can be submitted while still draining', () => {
    const { h, one, two } = twoEmails({ features: { callLogging: true } });
    h.release('ann', one);
    h.cmd('ann', { type: 'log.submit', interactionId: one, disposition: null, notes: '' });
    h.release('ann', two);
    expect(h.me('ann').pendingLogs.map((log) => log.interactionId)).toEqual([two]);
    expect(h.stateOf('ann')).toBe('logging-call');
  });

  it('a consult leg needs no log', () => {
    const h = harness({ features: { callLogging: true } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.agent({ id: 'bob', state: 'ready' });
    const call = h.arrive('sales', 'voice').id;
    const consultId = h.consult('ann', call, toAgent('bob'));
    h.cmd('bob', { type: 'consult.accept', consultId });
    const leg = h.ids('bob')[0] as string;
    h.release('bob', leg);
    expect(h.me('bob').pendingLogs).toEqual([]);
    expect(h.me('ann').pendingLogs).toEqual([]);
    expect(h.stateOf('bob')).toBe('ready');
  });
});

describe('B8 presence and the directory', () => {
  it('derives state and presence, and upserts each change', () => {
    const h = harness({ wrapSeconds: 10, weights: { 'non-live': 20 } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'] });
    expect(h.upserts()).toContainEqual(agentEntry('ann', 'logged-out'));
    expect(h.stateOf('ann')).toBe('logged-out');

    h.presenceSet('ann', 'away');
    expect(h.stateOf('ann')).toBe('away');
    expect(h.upserts()).toEqual([agentEntry('ann', 'logged-in')]);

    h.presenceSet('ann', 'ready');
    expect(h.stateOf('ann')).toBe('ready');
    // Sales now has someone who can take a consult.
    expect(h.upserts()).toEqual([
      agentEntry('ann', 'available-now'),
      { type: 'service', id: 'sales', name: 'SALES', waiting: 0, consultable: true },
    ]);

    const email = h.arrive('sales', 'email').id;
    expect(h.stateOf('ann')).toBe('busy');
    expect(h.upserts()).toContainEqual(agentEntry('ann', 'interruptible'));

    const call = h.arrive('sales', 'voice').id; // waits: 20 + 100 > 100
    expect(h.ids('ann')).toEqual([email]);
    h.take();

    h.release('ann', email);
    expect(h.stateOf('ann')).toBe('wrap-auto');
    expect(h.upserts()).toContainEqual(agentEntry('ann', 'logged-in'));

    h.advance(10);
    expect(h.ids('ann')).toEqual([call]);
    // From wrap to a call: logged-in all along, so no agent upsert.
    expect(h.upserts()).toEqual([
      { type: 'service', id: 'sales', name: 'SALES', waiting: 0, consultable: false },
    ]);

    h.release('ann', call);
    h.presenceSet('ann', 'logged-out');
    expect(h.stateOf('ann')).toBe('logged-out');
    expect(h.upserts()).toContainEqual(agentEntry('ann', 'logged-out'));
  });

  it('an unchanged presence is not upserted again', () => {
    const h = harness();
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready', weights: { 'non-live': 10 } });
    h.arrive('sales', 'email');
    h.take();
    h.arrive('sales', 'email');
    expect(h.upserts().filter((e) => e.type === 'agent')).toEqual([]);
  });

  it('a draining agent is not interruptible', () => {
    const h = harness({ weights: { 'non-live': 20 } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    const one = h.arrive('sales', 'email').id;
    h.arrive('sales', 'email');
    expect(h.presence('ann')).toBe('interruptible');
    h.release('ann', one);
    expect(h.presence('ann')).toBe('logged-in');
  });

  it('away with work: state away, presence logged-in', () => {
    const h = harness();
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.arrive('sales', 'email');
    h.presenceSet('ann', 'away');
    expect(h.stateOf('ann')).toBe('away');
    expect(h.presence('ann')).toBe('logged-in');
    h.arrive('sales', 'email');
    expect(h.list('ann')).toHaveLength(1);
  });

  it('logging out while holding work is has-work', () => {
    const h = harness();
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.arrive('sales', 'chat');
    const err = h.reject('ann', { type: 'presence.set', state: 'logged-out', reason: null });
    expect(err.code).toBe('has-work');
  });

  it('agent.changed carries the new state with its stateSince', () => {
    const h = harness();
    h.agent({ id: 'ann' });
    h.take();
    h.clock.advance(1234);
    h.presenceSet('ann', 'ready');
    expect(h.events('ann')).toEqual([
      {
        type: 'agent.changed',
        agent: expect.objectContaining({ state: 'ready', stateSince: h.clock.now() }),
      },
    ]);
    // Setting the same state again sends nothing.
    h.presenceSet('ann', 'ready');
    expect(h.take()).toEqual([]);
  });
});

describe('outbound dial', () => {
  function dialer() {
    const h = harness({ consultTimeoutSeconds: 20, wrapSeconds: 10 });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.take();
    const { interactionId } = h.cmd('ann', {
      type: 'dial',
      number: '+441234567',
      record: { id: '0035g00000AbCdEAAZ', objectType: 'Contact' },
    });
    if (interactionId === null) throw new Error('dial gave no interaction id');
    return { h, id: interactionId };
  }

  it('rings until the outside answers, then is active', () => {
    const { h, id } = dialer();
    expect(types(h.events('ann'))).toContain('interaction.added');
    expect(h.view('ann', id)).toMatchObject({
      kind: 'live',
      channel: 'voice',
      direction: 'outbound',
      state: 'ringing',
      customer: { phone: '+441234567' },
      record: { objectType: 'Contact' },
      serviceId: null,
    });
    expect(h.stateOf('ann')).toBe('busy');
    // The dialling agent holds it once.
    expect(h.store.interaction(id)?.agentIds).toEqual(['ann']);
    h.advance(10);
    h.engine.outsideAnswers(ACCOUNT, id);
    expect(h.view('ann', id).state).toBe('active');
    h.advance(60);
    expect(h.view('ann', id).state).toBe('active');
    expectCode(() => h.engine.outsideAnswers(ACCOUNT, id), 'not-allowed');
  });

  it('unanswered, it ends at the timeout', () => {
    const { h, id } = dialer();
    h.advance(19);
    expect(h.view('ann', id).state).toBe('ringing');
    h.take();
    h.advance(1);
    expect(h.events('ann')).toContainEqual({
      type: 'interaction.removed',
      interactionId: id,
      reason: 'ended',
    });
    expect(h.list('ann')).toEqual([]);
  });

  it('a dialling agent gets no routed call on top', () => {
    const { h, id } = dialer();
    h.arrive('sales', 'voice');
    expect(h.ids('ann')).toEqual([id]);
  });

  it('not while logged out, nor without capacity', () => {
    const { h } = dialer();
    expect(h.reject('ann', { type: 'dial', number: '+441234568', record: null }).code).toBe(
      'not-allowed',
    );
    h.agent({ id: 'bob' });
    expect(h.reject('bob', { type: 'dial', number: '+441234568', record: null }).code).toBe(
      'not-allowed',
    );
  });

  it('dialling during the wrap: the call ending restarts the wrap, which lasts its full time', () => {
    const h = harness({ consultTimeoutSeconds: 5, wrapSeconds: 10 });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    const email = h.arrive('sales', 'email').id;
    h.release('ann', email);
    expect(h.me('ann').wrapEndsAt).toBe(h.clock.now() + 10_000);
    h.advance(1);
    h.cmd('ann', { type: 'dial', number: '+441234567', record: null });
    // One late tick finds both the dial timeout (at 6 s) and the first wrap end (at 10 s) due:
    // the unanswered call ends at 6 s and starts a new wrap, which the old wrap end must not end.
    h.clock.advance(11_000);
    h.engine.tick();
    expect(h.list('ann')).toEqual([]);
    expect(h.me('ann')).toMatchObject({ state: 'wrap-auto', wrapEndsAt: h.clock.now() + 10_000 });
    h.advance(10);
    expect(h.stateOf('ann')).toBe('ready');
  });
});

describe('engine edge cases', () => {
  it('settles a change in a few store operations, however long routing could go on', () => {
    const h = harness();
    h.service('sales');
    h.service('other');
    for (let i = 0; i < 50; i++) h.agent({ id: `a${i}`, services: ['sales'], state: 'ready' });
    let ranks = 0;
    const rankAdd = h.store.rankAdd.bind(h.store);
    h.store.rankAdd = (set, member, rank) => {
      ranks++;
      rankAdd(set, member, rank);
    };
    h.engine.updateAgent(ACCOUNT, 'a7', { name: 'Seven' });
    h.arrive('other', 'email');
    expect(ranks).toBeLessThan(20);
  });

  it('personal-queue work reaches an agent whose only work was a consult leg', () => {
    const h = harness({ features: { multiInteraction: false } });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.agent({ id: 'bob', state: 'ready' });
    h.agent({ id: 'cat', services: ['sales'] });
    const call = h.arrive('sales', 'voice').id;
    h.presenceSet('cat', 'ready');
    const email = h.arrive('sales', 'email').id;
    expect(h.ids('cat')).toEqual([email]);
    const consultId = h.consult('ann', call, toAgent('bob'));
    h.cmd('bob', { type: 'consult.accept', consultId });
    const leg = h.ids('bob')[0] as string;
    h.transfer('cat', email, toAgent('bob'));
    expect(h.ids('bob')).toEqual([leg]);
    h.release('ann', leg);
    expect(h.ids('bob')).toEqual([email]);
  });

  it('a consult ringing for an agent who logs out ends', () => {
    const h = harness();
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.agent({ id: 'bob', state: 'ready' });
    const call = h.arrive('sales', 'voice').id;
    const consultId = h.consult('ann', call, toAgent('bob'));
    h.take();
    h.presenceSet('bob', 'logged-out');
    expect(h.snapshot('ann').consults).toEqual([]);
    expect(h.events('ann')).toContainEqual({
      type: 'consult.changed',
      consult: expect.objectContaining({ id: consultId, state: 'ended', endReason: 'declined' }),
    });
    expect(h.reject('bob', { type: 'consult.accept', consultId }).code).toBe('not-found');
  });

  it('a consult ringing from an agent who released the original and logged out is cancelled', () => {
    const h = harness({ wrapSeconds: 0 });
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.agent({ id: 'bob', state: 'ready' });
    const call = h.arrive('sales', 'voice').id;
    const consultId = h.consult('ann', call, toAgent('bob'));
    h.release('ann', call);
    h.take();
    h.presenceSet('ann', 'logged-out');
    expect(h.events('bob')).toContainEqual({
      type: 'consult.changed',
      consult: expect.objectContaining({ id: consultId, state: 'ended', endReason: 'cancelled' }),
    });
    expect(h.snapshot('bob').consults).toEqual([]);
  });

  it('the target of a consult leg keeps seeing it inbound after a change', () => {
    const h = harness();
    h.service('sales');
    h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    h.agent({ id: 'bob', state: 'ready' });
    const call = h.arrive('sales', 'voice').id;
    const consultId = h.consult('ann', call, toAgent('bob'));
    h.cmd('bob', { type: 'consult.accept', consultId });
    const leg = h.ids('bob')[0] as string;
    h.take();
    h.on('bob', 'hold', leg);
    const bob = h
      .take()
      .flatMap((e) => (e.kind === 'event' && e.agentId === 'bob' ? [e.event] : []));
    expect(bob).toContainEqual({
      type: 'interaction.changed',
      interaction: expect.objectContaining({ id: leg, direction: 'inbound', state: 'held' }),
    });
    expect(h.view('bob', leg).direction).toBe('inbound');
    expect(h.view('ann', leg)).toMatchObject({ direction: 'outbound', state: 'held' });
  });

  it('nothing crosses accounts: an agent of another account never gets this work', () => {
    const h = harness();
    h.engine.createAccount('other', 'Other');
    h.engine.createService('other', 'sales', 'Sales');
    h.agent({ id: 'zed', services: ['sales'], state: 'ready' }, 'other');
    h.service('sales');
    h.arrive('sales', 'email');
    expect(h.engine.snapshot('other', 'zed').interactions).toEqual([]);
    expect(h.engine.queue(ACCOUNT, 'sales')).toHaveLength(1);
  });
});
