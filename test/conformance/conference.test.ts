/**
 * Conference and keypad over the wire: a connected consult merged with its call (a colleague, a
 * telephone number), the party released or the host leaving, keypad digits reaching the
 * simulator's telephone system; bad digits refused with a typed error and nothing changed.
 */
import type { Interaction } from '../../src/protocol';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('conference and keypad', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const telephone = async (accountId: string, id: string) =>
    (await h.http('GET', `/simulator/accounts/${accountId}/calls/${id}`)).body;

  /** Ann holds a call and consults Bob, who accepts; the consult is connected. */
  async function consulting() {
    const a = await h.world({
      settings: { wrapSeconds: 0 },
      services: ['s'],
      agents: [
        { id: 'ann', name: 'Ann Lee', services: ['s'] },
        { id: 'bob', name: 'Bob Stone', services: [] },
      ],
    });
    const ann = await h.connect(a, 'ann');
    const bob = await h.connect(a, 'bob');
    await h.arrive(a, { channel: 'voice', serviceId: 's', customer: { phone: '+14155550100' } });
    const call = await ann.added();
    const { consultId } = await ann.ok({
      type: 'consult.start',
      interactionId: call.id,
      version: call.version,
      target: { type: 'agent', id: 'bob' },
    });
    await bob.consultIn(consultId as string, 'ringing');
    await bob.ok({ type: 'consult.accept', consultId: consultId as string });
    await ann.consultIn(consultId as string, 'connected');
    return { a, ann, bob, call, consultId: consultId as string };
  }

  it('merges a consult with its call; the host leaves and the colleague keeps the customer', async () => {
    const { a, ann, bob, call, consultId } = await consulting();
    await ann.ok({ type: 'consult.conference', consultId });
    const merged = await ann.changed(call.id);
    expect(merged).toMatchObject({
      state: 'active',
      conference: { partyName: 'Bob Stone', partyNumber: null },
    });
    expect((await bob.consultIn(consultId, 'ended')).endReason).toBe('conferenced');
    const joined = await bob.added((i) => i.id === call.id);
    expect(joined).toMatchObject({ conference: { partyName: 'Ann Lee', partyNumber: null } });
    expect(await telephone(a, call.id)).toMatchObject({ conference: true, connected: true });

    await ann.ok({ type: 'conference.leave', interactionId: call.id, version: merged.version });
    const removed = await ann.event('interaction.removed', (e) => e.interactionId === call.id);
    expect(removed.reason).toBe('transferred');
    expect((await bob.changed(call.id)).conference).toBeNull();
    expect((await bob.resync()).interactions.map((i) => i.id)).toEqual([call.id]);
    expect(ann.invalid).toEqual([]);
    expect(bob.invalid).toEqual([]);
  });

  it('the host releases the colleague and stays with the customer', async () => {
    const { ann, bob, call, consultId } = await consulting();
    await ann.ok({ type: 'consult.conference', consultId });
    const merged = await ann.changed(call.id);
    await bob.added((i) => i.id === call.id);
    await ann.ok({ type: 'party.release', interactionId: call.id, version: merged.version });
    expect((await ann.changed(call.id)).conference).toBeNull();
    await bob.event('interaction.removed', (e) => e.interactionId === call.id);
    expect((await bob.resync()).interactions).toEqual([]);
  });

  it('with a telephone number the simulator answers: the party is the number', async () => {
    const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
    const ann = await h.connect(a, 'ann');
    await h.number('+442071234567', 'auto', 20);
    await h.arrive(a, { channel: 'voice', serviceId: 's' });
    const call = await ann.added();
    const { consultId } = await ann.ok({
      type: 'consult.start',
      interactionId: call.id,
      version: call.version,
      target: { type: 'number', number: '+442071234567' },
    });
    await ann.consultIn(consultId as string, 'connected');
    await ann.ok({ type: 'consult.conference', consultId: consultId as string });
    const merged = await ann.changed(call.id);
    expect(merged.conference).toEqual({ partyName: null, partyNumber: '+442071234567' });
    expect(await telephone(a, call.id)).toMatchObject({
      conference: true,
      partyNumber: '+442071234567',
    });
  });

  it('refuses Leave outside a conference, and Transfer in one, with the catalogue’s reasons', async () => {
    const { ann, call, consultId } = await consulting();
    const latest = (await ann.resync()).interactions.find((i) => i.id === call.id) as Interaction;
    const leave = await ann.refused({
      type: 'conference.leave',
      interactionId: call.id,
      version: latest.version,
    });
    expect(leave).toMatchObject({ code: 'not-allowed', message: 'The call is not a conference.' });
    await ann.ok({ type: 'consult.conference', consultId });
    const merged = await ann.changed(call.id);
    const transfer = await ann.refused({
      type: 'transfer',
      interactionId: call.id,
      version: merged.version,
      target: { type: 'number', number: '+14155550199' },
    });
    expect(transfer).toMatchObject({
      code: 'not-allowed',
      message: 'Not available during a conference.',
    });
  });

  it('sends keypad digits to the telephone system; bad digits are refused and change nothing', async () => {
    const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
    const ann = await h.connect(a, 'ann');
    await h.arrive(a, { channel: 'voice', serviceId: 's' });
    const call = await ann.added();
    const on = { interactionId: call.id, version: call.version };
    await ann.ok({ type: 'digits.send', ...on, digits: '12#' });
    await ann.ok({ type: 'digits.send', ...on, digits: '*' });
    expect(await telephone(a, call.id)).toMatchObject({ digits: '12#*' });
    ann.sendRaw(JSON.stringify({ v: 1, type: 'digits.send', id: 'c-bad', ...on, digits: '12a' }));
    const bad = await ann.next((m) => m.type === 'error' && m.id === 'c-bad');
    expect(bad).toMatchObject({ code: 'bad-field' });
    expect(await telephone(a, call.id)).toMatchObject({ digits: '12#*' });
    await ann.ok({ type: 'hold', ...on });
    const held = await ann.changed(call.id);
    const refused = await ann.refused({
      type: 'digits.send',
      interactionId: call.id,
      version: held.version,
      digits: '5',
    });
    expect(refused).toMatchObject({ code: 'not-allowed', message: 'The call is on hold.' });
    expect(await telephone(a, call.id)).toMatchObject({ digits: '12#*' });
  });
});
