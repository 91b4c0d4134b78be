/**
 * B5 consult over the wire: to an agent (accepted, declined, cancelled, timed out), to a service,
 * to a telephone number (answered or never), the leg as its own interaction in both lists, and the
 * rules about who can be consulted on what.
 */
import type { Interaction } from '../../src/protocol';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('B5 consult', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  /** Ann (service s) holding one interaction of a channel; Bob Ready with no services. */
  async function setup(channel: 'voice' | 'chat' | 'email' | 'case' = 'voice', settings = {}) {
    const a = await h.world({
      settings: { wrapSeconds: 0, ...settings },
      services: ['s', 't'],
      agents: [
        { id: 'ann', name: 'Ann Lee', services: ['s'] },
        { id: 'bob', name: 'Bob Stone', services: [] },
      ],
    });
    const ann = await h.connect(a, 'ann');
    const bob = await h.connect(a, 'bob');
    await h.arrive(a, { channel, serviceId: 's', customer: { name: 'John Smith' } });
    const original = await ann.added();
    return { a, ann, bob, original };
  }

  /** Ann consults Bob about the original and Bob accepts. */
  async function connected(channel: 'voice' | 'chat' = 'voice') {
    const world = await setup(channel);
    const { ann, bob, original } = world;
    const ack = await ann.ok({
      type: 'consult.start',
      interactionId: original.id,
      version: original.version,
      target: { type: 'agent', id: 'bob' },
    });
    const consultId = ack.consultId as string;
    expect(consultId).toEqual(expect.any(String));
    const ringing = await bob.consultIn(consultId, 'ringing');
    expect(ringing).toMatchObject({
      interactionId: original.id,
      initiatorId: 'ann',
      initiatorName: 'Ann Lee',
      target: { type: 'agent', id: 'bob' },
      targetName: 'Bob Stone',
      legId: null,
      endReason: null,
    });
    await ann.consultIn(consultId, 'ringing');
    await bob.ok({ type: 'consult.accept', consultId });
    const annLeg = await ann.added((i) => i.consultId === consultId);
    const bobLeg = await bob.added((i) => i.consultId === consultId);
    const annConsult = await ann.consultIn(consultId, 'connected');
    await bob.consultIn(consultId, 'connected');
    expect(annConsult.legId).toBe(annLeg.id);
    expect(bobLeg.id).toBe(annLeg.id);
    return { ...world, consultId, annLeg, bobLeg };
  }

  it('to an agent who accepts: connected, and the leg is in both agents’ lists', async () => {
    const { ann, bob, original, annLeg, bobLeg } = await connected();
    expect(annLeg).toMatchObject({
      kind: 'live',
      state: 'active',
      direction: 'outbound',
      customer: { name: 'Bob Stone' },
    });
    // The target sees the leg as an inbound call from the initiator.
    expect(bobLeg).toMatchObject({
      kind: 'live',
      direction: 'inbound',
      customer: { name: 'Ann Lee' },
    });
    expect((await ann.resync()).interactions.map((i) => i.id).sort()).toEqual(
      [original.id, annLeg.id].sort(),
    );
    expect((await bob.resync()).interactions.map((i) => i.id)).toEqual([bobLeg.id]);
    expect(ann.invalid).toEqual([]);
    expect(bob.invalid).toEqual([]);
  });

  it('releasing the original does not end the consult', async () => {
    const { ann, bob, original, consultId, annLeg } = await connected();
    await ann.ok({ type: 'release', interactionId: original.id, version: original.version });
    expect(await ann.event('interaction.removed')).toMatchObject({
      interactionId: original.id,
      reason: 'released',
    });
    expect(
      await bob.arrivesWithin(
        (m) =>
          (m.type === 'consult.changed' && m.consult.state === 'ended') ||
          m.type === 'interaction.removed',
        200,
      ),
    ).toBe(false);
    const annNow = await ann.resync();
    expect(annNow.interactions.map((i) => i.id)).toEqual([annLeg.id]);
    expect(annNow.consults).toEqual([
      expect.objectContaining({ id: consultId, state: 'connected' }),
    ]);
    expect((await bob.resync()).interactions.map((i) => i.id)).toEqual([annLeg.id]);
    expect(ann.invalid).toEqual([]);
    expect(bob.invalid).toEqual([]);
  });

  it('releasing the leg leaves the original, and ends the consult for both', async () => {
    const { ann, bob, original, consultId, annLeg } = await connected('chat');
    await ann.ok({ type: 'release', interactionId: annLeg.id, version: annLeg.version });
    expect(await ann.event('interaction.removed')).toMatchObject({
      interactionId: annLeg.id,
      reason: 'released',
    });
    expect(await bob.event('interaction.removed')).toMatchObject({
      interactionId: annLeg.id,
      reason: 'ended',
    });
    expect((await ann.consultIn(consultId, 'ended')).endReason).toBe('released');
    expect((await bob.consultIn(consultId, 'ended')).endReason).toBe('released');
    const annNow = await ann.resync();
    expect(annNow.interactions).toEqual([
      expect.objectContaining({ id: original.id, state: 'active' }),
    ]);
    // Releasing a consult leg is not a release of routed work: no draining, no wrap.
    expect(annNow.agent).toMatchObject({ state: 'busy', draining: false });
    expect(annNow.consults).toEqual([]);
    expect((await bob.resync()).interactions).toEqual([]);
    expect(ann.invalid).toEqual([]);
    expect(bob.invalid).toEqual([]);
  });

  it('consult.transfer hands the live call to the consulted agent', async () => {
    const { ann, bob, original, consultId, annLeg } = await connected('voice');
    await ann.ok({ type: 'consult.transfer', consultId });
    expect((await bob.consultIn(consultId, 'ended')).endReason).toBe('transferred');
    const removed = [
      await ann.event('interaction.removed', (e) => e.interactionId === annLeg.id),
      await ann.event('interaction.removed', (e) => e.interactionId === original.id),
    ];
    expect(removed.map((e) => e.reason)).toEqual(['transferred', 'transferred']);
    const got = await bob.added((i) => i.id === original.id);
    expect(got).toMatchObject({ state: 'active', channel: 'voice' });
    expect((await bob.resync()).interactions.map((i) => i.id)).toEqual([original.id]);
    expect((await ann.resync()).interactions).toEqual([]);
    expect(ann.invalid).toEqual([]);
    expect(bob.invalid).toEqual([]);
  });

  it('the target declines, or the initiator cancels while it rings', async () => {
    const { ann, bob, original } = await setup('voice');
    const start = () =>
      ann.ok({
        type: 'consult.start',
        interactionId: original.id,
        version: original.version,
        target: { type: 'agent', id: 'bob' },
      });
    const first = (await start()).consultId as string;
    await bob.consultIn(first, 'ringing');
    // Only the target may accept or decline; only the initiator may cancel.
    expect((await ann.refused({ type: 'consult.accept', consultId: first })).code).toBe(
      'not-allowed',
    );
    expect((await bob.refused({ type: 'consult.cancel', consultId: first })).code).toBe(
      'not-allowed',
    );
    await bob.ok({ type: 'consult.decline', consultId: first });
    expect((await ann.consultIn(first, 'ended')).endReason).toBe('declined');
    const second = (await start()).consultId as string;
    expect(second).not.toBe(first);
    await bob.consultIn(second, 'ringing');
    await ann.ok({ type: 'consult.cancel', consultId: second });
    expect((await bob.consultIn(second, 'ended')).endReason).toBe('cancelled');
    expect((await ann.consultIn(second, 'ended')).endReason).toBe('cancelled');
    // An ended consult is gone.
    expect((await bob.refused({ type: 'consult.accept', consultId: second })).code).toBe(
      'not-found',
    );
    expect((await ann.resync()).consults).toEqual([]);
    expect(ann.invalid).toEqual([]);
    expect(bob.invalid).toEqual([]);
  });

  it('only agents who are Available now or Interruptible can be consulted', async () => {
    const a = await h.world({
      services: ['s', 'c', 'k'],
      agents: [
        { id: 'ann', services: ['s'] },
        { id: 'away', state: 'away' },
        { id: 'out', state: 'logged-out' },
        { id: 'chatty', services: ['c'] },
        { id: 'casey', services: ['k'] },
      ],
    });
    const ann = await h.connect(a, 'ann');
    const casey = await h.connect(a, 'casey');
    await h.arrive(a, { channel: 'chat', serviceId: 'c' });
    await h.arrive(a, { channel: 'case', serviceId: 'k' });
    await h.arrive(a, { channel: 'voice', serviceId: 's' });
    const call = await ann.added();
    for (const target of ['away', 'out', 'chatty']) {
      const error = await ann.refused({
        type: 'consult.start',
        interactionId: call.id,
        version: call.version,
        target: { type: 'agent', id: target },
      });
      expect(error).toMatchObject({
        code: 'target-unavailable',
        messageType: 'consult.start',
        interactionId: call.id,
      });
    }
    const unknown = await ann.refused({
      type: 'consult.start',
      interactionId: call.id,
      version: call.version,
      target: { type: 'agent', id: 'nobody' },
    });
    expect(unknown.code).toBe('not-found');
    // Casey holds only a case: Interruptible, so she can take a consult (B9).
    await casey.added();
    const ack = await ann.ok({
      type: 'consult.start',
      interactionId: call.id,
      version: call.version,
      target: { type: 'agent', id: 'casey' },
    });
    await casey.consultIn(ack.consultId as string, 'ringing');
    // One consult at a time per interaction.
    const twice = await ann.refused({
      type: 'consult.start',
      interactionId: call.id,
      version: call.version,
      target: { type: 'agent', id: 'casey' },
    });
    expect(twice.code).toBe('not-allowed');
    expect(ann.invalid).toEqual([]);
    expect(casey.invalid).toEqual([]);
  });

  it('a consult to a service rings an available agent of that service', async () => {
    const a = await h.world({
      services: ['s', 't'],
      agents: [
        { id: 'ann', services: ['s'] },
        { id: 'tia', name: 'Tia Moss', services: ['t'] },
      ],
    });
    const ann = await h.connect(a, 'ann');
    const tia = await h.connect(a, 'tia');
    await h.arrive(a, { channel: 'voice', serviceId: 's' });
    const call = await ann.added();
    const ack = await ann.ok({
      type: 'consult.start',
      interactionId: call.id,
      version: call.version,
      target: { type: 'service', id: 't' },
    });
    const ringing = await tia.consultIn(ack.consultId as string, 'ringing');
    expect(ringing).toMatchObject({ target: { type: 'service', id: 't' }, targetName: 'Tia Moss' });
    await tia.ok({ type: 'consult.accept', consultId: ack.consultId as string });
    await tia.added((i) => i.consultId === ack.consultId);
    expect(ann.invalid).toEqual([]);
    expect(tia.invalid).toEqual([]);
  });

  it('cross-media consult off: chat and email consults are feature-disabled, calls are not', async () => {
    const a = await h.world({
      settings: { features: { crossMediaConsult: false } },
      services: ['s', 'v'],
      agents: [
        { id: 'ann', services: ['s'] },
        { id: 'vic', services: ['v'] },
        { id: 'bob', services: [] },
      ],
    });
    const ann = await h.connect(a, 'ann');
    const vic = await h.connect(a, 'vic');
    await h.arrive(a, { channel: 'chat', serviceId: 's' });
    await h.arrive(a, { channel: 'email', serviceId: 's' });
    const items = [await ann.added(), await ann.added()];
    for (const item of items) {
      const error = await ann.refused({
        type: 'consult.start',
        interactionId: item.id,
        version: item.version,
        target: { type: 'agent', id: 'bob' },
      });
      expect(error).toMatchObject({
        code: 'feature-disabled',
        messageType: 'consult.start',
        interactionId: item.id,
      });
    }
    await h.arrive(a, { channel: 'voice', serviceId: 'v' });
    const call = await vic.added();
    const ack = await vic.ok({
      type: 'consult.start',
      interactionId: call.id,
      version: call.version,
      target: { type: 'agent', id: 'bob' },
    });
    expect(ack.consultId).not.toBeNull();
    expect((await ann.resync()).consults).toEqual([]);
    expect(ann.invalid).toEqual([]);
    expect(vic.invalid).toEqual([]);
  });

  it('a consult to a number the simulator answers connects with a leg to that number', async () => {
    const { a, ann, original } = await setup('voice');
    void a;
    await h.number('+442071234567', 'auto', 50);
    const ack = await ann.ok({
      type: 'consult.start',
      interactionId: original.id,
      version: original.version,
      target: { type: 'number', number: '+442071234567' },
    });
    const consultId = ack.consultId as string;
    const ringing = await ann.consultIn(consultId, 'ringing');
    expect(ringing).toMatchObject({
      target: { type: 'number', number: '+442071234567' },
      targetName: null,
    });
    const leg = await ann.added((i) => i.consultId === consultId);
    expect(leg).toMatchObject({
      kind: 'live',
      state: 'active',
      customer: { phone: '+442071234567' },
    });
    expect((await ann.consultIn(consultId, 'connected')).legId).toBe(leg.id);
    expect(ann.invalid).toEqual([]);
  });

  it('rings until the consult timeout when nobody answers (number and agent)', async () => {
    const a = await h.world({
      settings: { consultTimeoutSeconds: 5 },
      services: ['s'],
      agents: [
        { id: 'ann', services: ['s'] },
        { id: 'bob', services: [] },
      ],
    });
    await h.number('+14155550199', 'never', 0);
    const ann = await h.connect(a, 'ann');
    const bob = await h.connect(a, 'bob');
    await h.arrive(a, { channel: 'chat', serviceId: 's' });
    await h.arrive(a, { channel: 'email', serviceId: 's' });
    const [chat, email] = [await ann.added(), await ann.added()] as [Interaction, Interaction];
    const started = Date.now();
    const toNumber = await ann.ok({
      type: 'consult.start',
      interactionId: chat.id,
      version: chat.version,
      target: { type: 'number', number: '+14155550199' },
    });
    const toAgent = await ann.ok({
      type: 'consult.start',
      interactionId: email.id,
      version: email.version,
      target: { type: 'agent', id: 'bob' },
    });
    const ringing = await ann.consultIn(toNumber.consultId as string, 'ringing');
    expect(ringing.ringingUntil).toBeGreaterThanOrEqual(started + 5000 - 50);
    expect(ringing.ringingUntil).toBeLessThanOrEqual(Date.now() + 5000 + 50);
    await bob.consultIn(toAgent.consultId as string, 'ringing');
    const ended = await ann.consultIn(toNumber.consultId as string, 'ended', 7000);
    expect(ended.endReason).toBe('timed-out');
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
    expect((await bob.consultIn(toAgent.consultId as string, 'ended', 2000)).endReason).toBe(
      'timed-out',
    );
    // The originals are untouched, and no leg was ever added.
    const snapshot = await ann.resync();
    expect(snapshot.interactions.map((i) => i.id).sort()).toEqual([chat.id, email.id].sort());
    expect(snapshot.consults).toEqual([]);
    expect((await bob.resync()).interactions).toEqual([]);
    expect(ann.invalid).toEqual([]);
    expect(bob.invalid).toEqual([]);
  }, 12_000);

  it('consult commands on unknown or foreign consults are not-found', async () => {
    const { a, ann, original } = await setup('voice');
    await h.agent(a, { id: 'cat', services: [] });
    const cat = await h.connect(a, 'cat');
    const ack = await ann.ok({
      type: 'consult.start',
      interactionId: original.id,
      version: original.version,
      target: { type: 'agent', id: 'bob' },
    });
    const consultId = ack.consultId as string;
    for (const type of ['consult.accept', 'consult.decline', 'consult.cancel'] as const) {
      const error = await cat.refused({ type, consultId });
      expect(error).toMatchObject({ code: 'not-found', messageType: type, field: 'consultId' });
    }
    expect((await ann.refused({ type: 'consult.cancel', consultId: 'k-nope' })).code).toBe(
      'not-found',
    );
    expect(cat.invalid).toEqual([]);
  });
});
