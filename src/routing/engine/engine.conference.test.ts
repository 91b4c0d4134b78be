/** Conference (a connected consult merged with its live call) and keypad digits (DTMF). */
import { ACCOUNT, harness, toAgent, toNumber, types } from './testing';

/** Ann holds a call from John; Bob is ready in another service; a consult from Ann to `target`. */
function connected(target: 'bob' | 'number') {
  const h = harness({ consultTimeoutSeconds: 30, wrapSeconds: 0 });
  h.service('sales');
  h.service('experts', 'Experts');
  h.agent({ id: 'ann', name: 'Ann', services: ['sales'], state: 'ready' });
  h.agent({ id: 'bob', name: 'Bob', services: ['experts'], state: 'ready' });
  const call = h.arrive('sales', 'voice').id;
  h.on('ann', 'hold', call);
  const consultId = h.consult(
    'ann',
    call,
    target === 'bob' ? toAgent('bob') : toNumber('+442071234567'),
  );
  if (target === 'bob') h.cmd('bob', { type: 'consult.accept', consultId });
  else h.engine.outsideAnswers(ACCOUNT, consultId);
  const leg = h.snapshot('ann').consults[0]?.legId as string;
  expect(h.ids('ann')).toEqual([call, leg]);
  h.take();
  return { h, call, consultId, leg };
}

const version = (h: ReturnType<typeof connected>['h'], agentId: string, id: string) =>
  h.view(agentId, id).version;

describe('conference', () => {
  it('merges the consult with the call: the leg ends, the call is connected with both agents', () => {
    const { h, call, consultId, leg } = connected('bob');
    h.cmd('ann', { type: 'consult.conference', consultId });
    expect(h.snapshot('ann').consults).toEqual([]);
    expect(h.ids('ann')).toEqual([call]);
    expect(h.ids('bob')).toEqual([call]);
    expect(h.view('ann', call)).toMatchObject({
      state: 'active',
      customer: { phone: expect.any(String) },
      conference: { partyName: 'Bob', partyNumber: null },
    });
    // Bob sees the same call, with Ann as the third party.
    expect(h.view('bob', call)).toMatchObject({
      state: 'active',
      direction: 'inbound',
      conference: { partyName: 'Ann', partyNumber: null },
    });
    const events = h.take();
    const removedLeg = events.filter(
      (e) => e.kind === 'event' && e.event.type === 'interaction.removed',
    );
    expect(removedLeg.map((e) => e.kind === 'event' && e.event)).toEqual([
      { type: 'interaction.removed', interactionId: leg, reason: 'ended' },
      { type: 'interaction.removed', interactionId: leg, reason: 'ended' },
    ]);
    expect(h.log.flatMap((e) => (e.kind === 'event' ? [e.event] : []))).toContainEqual({
      type: 'consult.changed',
      consult: expect.objectContaining({ id: consultId, state: 'ended', endReason: 'conferenced' }),
    });
  });

  it('the host leaves: the colleague keeps the call (a transfer by leaving)', () => {
    const { h, call, consultId } = connected('bob');
    h.cmd('ann', { type: 'consult.conference', consultId });
    h.take();
    h.cmd('ann', {
      type: 'conference.leave',
      interactionId: call,
      version: version(h, 'ann', call),
    });
    expect(h.events('ann')).toContainEqual({
      type: 'interaction.removed',
      interactionId: call,
      reason: 'transferred',
    });
    expect(h.ids('ann')).toEqual([]);
    expect(h.view('bob', call)).toMatchObject({ state: 'active', conference: null });
    // Bob can consult and transfer the call again: it is an ordinary call of his now.
    h.consult('bob', call, toNumber('+14155550199'));
  });

  it('the host releases the colleague and stays with the customer', () => {
    const { h, call, consultId } = connected('bob');
    h.cmd('ann', { type: 'consult.conference', consultId });
    h.take();
    h.cmd('ann', { type: 'party.release', interactionId: call, version: version(h, 'ann', call) });
    expect(h.events('bob')).toContainEqual({
      type: 'interaction.removed',
      interactionId: call,
      reason: 'ended',
    });
    expect(h.ids('bob')).toEqual([]);
    expect(h.view('ann', call)).toMatchObject({ state: 'active', conference: null });
  });

  it('the colleague may leave too, or release the host', () => {
    const first = connected('bob');
    first.h.cmd('ann', { type: 'consult.conference', consultId: first.consultId });
    const v = version(first.h, 'bob', first.call);
    first.h.cmd('bob', { type: 'conference.leave', interactionId: first.call, version: v });
    expect(first.h.ids('bob')).toEqual([]);
    expect(first.h.view('ann', first.call).conference).toBeNull();

    const second = connected('bob');
    second.h.cmd('ann', { type: 'consult.conference', consultId: second.consultId });
    const w = version(second.h, 'bob', second.call);
    second.h.cmd('bob', { type: 'party.release', interactionId: second.call, version: w });
    expect(second.h.ids('ann')).toEqual([]);
    expect(second.h.view('bob', second.call).conference).toBeNull();
  });

  it('with a telephone number: leaving hands the customer to the number', () => {
    const { h, call, consultId } = connected('number');
    h.cmd('ann', { type: 'consult.conference', consultId });
    expect(h.view('ann', call).conference).toEqual({
      partyName: null,
      partyNumber: '+442071234567',
    });
    h.take();
    h.cmd('ann', {
      type: 'conference.leave',
      interactionId: call,
      version: version(h, 'ann', call),
    });
    expect(types(h.events('ann'))).toContain('interaction.removed');
    expect(h.ids('ann')).toEqual([]);
    expect(h.store.interaction(call)).toBeUndefined();
  });

  it('each agent mutes their own line: the colleague’s stays open', () => {
    const { h, call, consultId } = connected('bob');
    h.cmd('ann', { type: 'consult.conference', consultId });
    h.cmd('ann', { type: 'mute', interactionId: call, version: version(h, 'ann', call) });
    expect(h.view('ann', call).muted).toBe(true);
    expect(h.view('bob', call).muted).toBe(false);
    // Bob may mute too, and unmuting is his alone.
    h.cmd('bob', { type: 'mute', interactionId: call, version: version(h, 'bob', call) });
    h.cmd('ann', { type: 'unmute', interactionId: call, version: version(h, 'ann', call) });
    expect(h.view('ann', call).muted).toBe(false);
    expect(h.view('bob', call).muted).toBe(true);
    // Leaving takes one's line with it: Ann's call is hers alone, unmuted.
    h.cmd('bob', {
      type: 'conference.leave',
      interactionId: call,
      version: version(h, 'bob', call),
    });
    expect(h.store.interaction(call)?.mutedBy).toEqual([]);
  });

  it('Release ends the call for everyone on it', () => {
    const { h, call, consultId } = connected('bob');
    h.cmd('ann', { type: 'consult.conference', consultId });
    h.release('ann', call);
    expect(h.ids('ann')).toEqual([]);
    expect(h.ids('bob')).toEqual([]);
  });

  it('refuses a conference that is not a connected consult of a live call the agent holds', () => {
    const { h, consultId } = connected('bob');
    expect(h.reject('bob', { type: 'consult.conference', consultId }).code).toBe('not-allowed');
    const chat = harness({ features: { crossMediaConsult: true } });
    chat.service('sales');
    chat.agent({ id: 'ann', services: ['sales'], state: 'ready' });
    chat.agent({ id: 'bob', state: 'ready' });
    const id = chat.arrive('sales', 'chat').id;
    const chatConsult = chat.consult('ann', id, toAgent('bob'));
    chat.cmd('bob', { type: 'consult.accept', consultId: chatConsult });
    const refused = chat.reject('ann', { type: 'consult.conference', consultId: chatConsult });
    expect(refused.code).toBe('not-allowed');
    expect(chat.snapshot('ann').consults[0]?.state).toBe('connected');
  });

  it('refuses leave and release-party outside a conference, and consult or transfer in one', () => {
    const { h, call, consultId } = connected('bob');
    const on = () => ({ interactionId: call, version: version(h, 'ann', call) });
    expect(h.reject('ann', { type: 'conference.leave', ...on() }).message).toBe(
      'The call is not a conference.',
    );
    h.cmd('ann', { type: 'consult.conference', consultId });
    const before = h.view('ann', call);
    expect(
      h.reject('ann', { type: 'transfer', ...on(), target: toNumber('+1415555') }).message,
    ).toBe('Not available during a conference.');
    expect(h.view('ann', call)).toEqual(before);
  });
});

describe('keypad digits', () => {
  it('go to the telephone system for a connected call, and change nothing else', () => {
    const { h, call } = connected('bob');
    h.on('ann', 'retrieve', call);
    h.take();
    const before = h.view('ann', call);
    h.cmd('ann', {
      type: 'digits.send',
      interactionId: call,
      version: before.version,
      digits: '12#',
    });
    expect(h.take()).toEqual([
      { kind: 'digits', accountId: ACCOUNT, interactionId: call, digits: '12#' },
    ]);
    expect(h.view('ann', call)).toEqual(before);
  });

  it('are refused on a held call with the reason', () => {
    const { h, call } = connected('bob');
    const { version: v } = h.view('ann', call);
    const refused = h.reject('ann', {
      type: 'digits.send',
      interactionId: call,
      version: v,
      digits: '1',
    });
    expect(refused).toMatchObject({ code: 'not-allowed', message: 'The call is on hold.' });
    expect(h.take()).toEqual([]);
  });
});
