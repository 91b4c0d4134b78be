/** Offers: routed work rings for the agent, who accepts or declines it before it times out. */
import type { SettingsChange } from './testing';
import { ACCOUNT, expectCode, harness, toAgent } from './testing';

/** Chats are offered (20 s, not again to the same agent for 60 s); Ann and Bob serve sales. */
function setup(change: SettingsChange = {}) {
  const h = harness({
    wrapSeconds: 0,
    ...change,
    offers: { kinds: ['semi-live'], timeoutSeconds: 20, reofferAfterSeconds: 60, ...change.offers },
  });
  h.service('sales');
  h.agent({ id: 'ann', services: ['sales'], state: 'ready' });
  return h;
}

const on = (h: ReturnType<typeof setup>, agentId: string, interactionId: string) => ({
  interactionId,
  version: h.view(agentId, interactionId).version,
});

describe('offers', () => {
  it('an offered kind rings for the agent until the offer ends; an assigned kind is active at once', () => {
    const h = setup();
    const chat = h.arrive('sales', 'chat');
    expect(h.view('ann', chat.id)).toMatchObject({
      state: 'offered',
      offerEndsAt: h.clock.now() + 20_000,
    });
    const email = h.arrive('sales', 'email');
    expect(h.view('ann', email.id).state).toBe('active');
  });

  it('an offer counts against capacity while it rings', () => {
    const h = setup({ weights: { 'semi-live': 60 } });
    const first = h.arrive('sales', 'chat');
    const second = h.arrive('sales', 'chat');
    expect(h.ids('ann')).toEqual([first.id]);
    expect(h.engine.queue(ACCOUNT, 'sales').map((i) => i.id)).toEqual([second.id]);
    expect(h.me('ann').capacityUsed).toBe(60);
  });

  it('Accept connects it from now, and the offer no longer times out', () => {
    const h = setup();
    const chat = h.arrive('sales', 'chat');
    h.advance(5);
    h.cmd('ann', { type: 'offer.accept', ...on(h, 'ann', chat.id) });
    expect(h.view('ann', chat.id)).toMatchObject({
      state: 'active',
      assignedAt: h.clock.now(),
      offerEndsAt: null,
    });
    h.advance(30);
    expect(h.view('ann', chat.id).state).toBe('active');
    expect(h.stateOf('ann')).toBe('busy');
  });

  it('Decline: back at the front of its queue with its age, to a colleague; the agent is No Answer', () => {
    const h = setup();
    const chat = h.arrive('sales', 'chat');
    h.advance(1);
    h.agent({ id: 'bob', services: ['sales'], state: 'ready' });
    h.take();
    h.cmd('ann', { type: 'offer.decline', ...on(h, 'ann', chat.id), reason: null });
    expect(h.events('ann')).toContainEqual({
      type: 'interaction.removed',
      interactionId: chat.id,
      reason: 'declined',
    });
    expect(h.stateOf('ann')).toBe('no-answer');
    expect(h.presence('ann')).toBe('logged-in');
    expect(h.ids('ann')).toEqual([]);
    expect(h.view('bob', chat.id)).toMatchObject({ state: 'offered', enqueuedAt: chat.enqueuedAt });
  });

  it('No Answer is not routed to until the agent chooses Ready; the declined one is not offered again for a while', () => {
    const h = setup();
    const chat = h.arrive('sales', 'chat');
    h.cmd('ann', { type: 'offer.decline', ...on(h, 'ann', chat.id), reason: null });
    const other = h.arrive('sales', 'chat');
    expect(h.ids('ann')).toEqual([]);
    h.presenceSet('ann', 'ready');
    expect(h.stateOf('ann')).not.toBe('no-answer');
    // Ready again: the other chat, not the one she declined 0 s ago.
    expect(h.ids('ann')).toEqual([other.id]);
    h.cmd('ann', { type: 'offer.accept', ...on(h, 'ann', other.id) });
    h.release('ann', other.id);
    expect(h.ids('ann')).toEqual([]);
    // Once the time is over, it is hers to take.
    h.advance(61);
    expect(h.ids('ann')).toEqual([chat.id]);
  });

  it('an offer nobody answers is missed: the same as a decline', () => {
    const h = setup();
    const chat = h.arrive('sales', 'chat');
    h.take();
    h.advance(20);
    expect(h.events('ann')).toContainEqual({
      type: 'interaction.removed',
      interactionId: chat.id,
      reason: 'missed',
    });
    expect(h.stateOf('ann')).toBe('no-answer');
    expect(h.engine.queue(ACCOUNT, 'sales').map((i) => i.id)).toEqual([chat.id]);
  });

  it('declining takes one of the account’s reasons when it has a list; a bad one changes nothing', () => {
    const h = setup({ offers: { declineReasons: ['On a break', 'Wrong skill'] } });
    const chat = h.arrive('sales', 'chat');
    const before = h.view('ann', chat.id);
    for (const reason of [null, 'Bored']) {
      const refused = expectCode(
        () => h.cmd('ann', { type: 'offer.decline', ...on(h, 'ann', chat.id), reason }),
        'bad-field',
      );
      expect(refused.field).toBe('reason');
    }
    expect(h.view('ann', chat.id)).toEqual(before);
    h.cmd('ann', { type: 'offer.decline', ...on(h, 'ann', chat.id), reason: 'Wrong skill' });
    expect(h.ids('ann')).toEqual([]);
  });

  it('an offered interaction is accepted or declined first: Release, Transfer and the rest are refused', () => {
    const h = setup();
    h.agent({ id: 'bob', state: 'ready' });
    const chat = h.arrive('sales', 'chat');
    const release = h.reject('ann', { type: 'release', ...on(h, 'ann', chat.id) });
    expect(release).toMatchObject({
      code: 'not-allowed',
      message: 'Accept the interaction first.',
    });
    const consult = h.reject('ann', {
      type: 'consult.start',
      ...on(h, 'ann', chat.id),
      target: toAgent('bob'),
    });
    expect(consult.code).toBe('not-allowed');
    expect(h.view('ann', chat.id).state).toBe('offered');
  });

  it('work transferred to an agent personally is not offered', () => {
    const h = setup({ offers: { kinds: ['non-live'] } });
    h.agent({ id: 'bob', state: 'ready' });
    const email = h.arrive('sales', 'email');
    h.cmd('ann', { type: 'offer.accept', ...on(h, 'ann', email.id) });
    h.transfer('ann', email.id, toAgent('bob'));
    expect(h.view('bob', email.id).state).toBe('active');
  });
});
