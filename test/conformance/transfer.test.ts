/**
 * B6 transfer over the wire: non-live work to agents (Available now, Logged in, Logged out) and to
 * services (feature flag), live calls to agents and numbers, and what cannot be transferred.
 */
import type { TestClient } from './client';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('B6 transfer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const notAdded = async (client: TestClient, id: string, ms = 250) =>
    !(await client.arrivesWithin(
      (m) => m.type === 'interaction.added' && m.interaction.id === id,
      ms,
    ));

  async function setup(transferToService = true) {
    const a = await h.world({
      settings: { wrapSeconds: 0, features: { transferToService } },
      services: ['s', 'billing'],
      agents: [
        { id: 'ann', services: ['s'] },
        { id: 'bob', services: [] },
        { id: 'amy', services: [], state: 'away' },
        { id: 'leo', services: [], state: 'logged-out' },
        { id: 'bil', services: ['billing'] },
      ],
    });
    const ann = await h.connect(a, 'ann');
    return { a, ann };
  }

  /** The world, a case assigned to Ann, and the start of a transfer command for it. */
  async function caseAtAnn(transferToService = true) {
    const { a, ann } = await setup(transferToService);
    const created = await h.arrive(a, { channel: 'case', serviceId: 's' });
    const kase = await ann.added((i) => i.id === created.id);
    const transfer = { type: 'transfer', interactionId: kase.id, version: kase.version } as const;
    return { a, ann, kase, transfer };
  }

  it('a case to an agent who is Available now is assigned at once', async () => {
    const { a, ann } = await setup();
    const bob = await h.connect(a, 'bob');
    const created = await h.arrive(a, { channel: 'case', serviceId: 's', subject: 'Refund' });
    const kase = await ann.added((i) => i.id === created.id);
    await ann.ok({
      type: 'transfer',
      interactionId: kase.id,
      version: kase.version,
      target: { type: 'agent', id: 'bob' },
    });
    expect(await ann.event('interaction.removed')).toMatchObject({
      interactionId: kase.id,
      reason: 'transferred',
    });
    const got = await bob.added((i) => i.id === kase.id);
    expect(got).toMatchObject({ state: 'active', subject: 'Refund', enqueuedAt: kase.enqueuedAt });
    expect(got.version).toBeGreaterThan(kase.version);
    expect((await ann.resync()).interactions).toEqual([]);
    expect(ann.invalid).toEqual([]);
    expect(bob.invalid).toEqual([]);
  });

  it.each([
    ['Logged in (away)', 'amy'],
    ['Logged out', 'leo'],
  ])('a case to an agent who is %s waits until they become Ready', async (_label, target) => {
    const { a, ann } = await setup();
    const other = await h.connect(a, target);
    const created = await h.arrive(a, { channel: 'email', serviceId: 's' });
    const email = await ann.added((i) => i.id === created.id);
    await ann.ok({
      type: 'transfer',
      interactionId: email.id,
      version: email.version,
      target: { type: 'agent', id: target },
    });
    expect(await ann.event('interaction.removed')).toMatchObject({
      interactionId: email.id,
      reason: 'transferred',
    });
    expect(await notAdded(other, email.id)).toBe(true);
    expect((await other.resync()).interactions).toEqual([]);
    // It waits for that agent, not at a service.
    expect(await h.waiting(a, 's')).toBe(0);
    await other.ok({ type: 'presence.set', state: 'ready', reason: null });
    const got = await other.added((i) => i.id === email.id);
    expect(got).toMatchObject({ state: 'active', channel: 'email' });
    expect(ann.invalid).toEqual([]);
    expect(other.invalid).toEqual([]);
  });

  it('to a service with the feature on: re-queued there and routed to its agent', async () => {
    const { a, ann } = await setup(true);
    const bil = await h.connect(a, 'bil');
    const created = await h.arrive(a, { channel: 'case', serviceId: 's' });
    const kase = await ann.added((i) => i.id === created.id);
    await ann.ok({
      type: 'transfer',
      interactionId: kase.id,
      version: kase.version,
      target: { type: 'service', id: 'billing' },
    });
    expect(await ann.event('interaction.removed')).toMatchObject({
      interactionId: kase.id,
      reason: 'transferred',
    });
    const got = await bil.added((i) => i.id === kase.id);
    expect(got).toMatchObject({
      serviceId: 'billing',
      serviceName: 'billing',
      enqueuedAt: kase.enqueuedAt,
    });
    expect(ann.invalid).toEqual([]);
    expect(bil.invalid).toEqual([]);
  });

  it('to a service with the feature off: feature-disabled, nothing changes', async () => {
    const { a, ann, kase, transfer } = await caseAtAnn(false);
    const error = await ann.refused({ ...transfer, target: { type: 'service', id: 'billing' } });
    expect(error).toMatchObject({
      code: 'feature-disabled',
      messageType: 'transfer',
      interactionId: kase.id,
    });
    expect((await ann.resync()).interactions).toEqual([kase]);
    expect(await h.waiting(a, 'billing')).toBe(0);
    expect(ann.invalid).toEqual([]);
  });

  it('a case cannot go to a telephone number (not-allowed)', async () => {
    const { ann, kase, transfer } = await caseAtAnn();
    const error = await ann.refused({
      ...transfer,
      target: { type: 'number', number: '+14155550123' },
    });
    expect(error).toMatchObject({
      code: 'not-allowed',
      messageType: 'transfer',
      interactionId: kase.id,
    });
    expect((await ann.resync()).interactions).toEqual([kase]);
    expect(ann.invalid).toEqual([]);
  });

  it('unknown targets are not-found, and an agent cannot transfer to themself', async () => {
    const { ann, kase, transfer: body } = await caseAtAnn();
    expect(await ann.refused({ ...body, target: { type: 'agent', id: 'nobody' } })).toMatchObject({
      code: 'not-found',
      field: 'target.id',
    });
    expect(
      await ann.refused({ ...body, target: { type: 'service', id: 'nowhere' } }),
    ).toMatchObject({ code: 'not-found', field: 'target.id' });
    expect((await ann.refused({ ...body, target: { type: 'agent', id: 'ann' } })).code).toBe(
      'not-allowed',
    );
    expect((await ann.resync()).interactions).toEqual([kase]);
    expect(ann.invalid).toEqual([]);
  });

  it('a live call goes to an available agent or a number, not to an agent who cannot take it', async () => {
    const { a, ann } = await setup();
    const bob = await h.connect(a, 'bob');
    const first = await h.arrive(a, { channel: 'voice', serviceId: 's' });
    const call = await ann.added((i) => i.id === first.id);
    const refused = await ann.refused({
      type: 'transfer',
      interactionId: call.id,
      version: call.version,
      target: { type: 'agent', id: 'amy' },
    });
    expect(refused).toMatchObject({ code: 'target-unavailable', interactionId: call.id });
    await ann.ok({
      type: 'transfer',
      interactionId: call.id,
      version: call.version,
      target: { type: 'agent', id: 'bob' },
    });
    await bob.added((i) => i.id === call.id);
    const second = await h.arrive(a, { channel: 'voice', serviceId: 's' });
    const next = await ann.added((i) => i.id === second.id);
    await ann.ok({
      type: 'transfer',
      interactionId: next.id,
      version: next.version,
      target: { type: 'number', number: '+14155550123' },
    });
    expect(
      await ann.event('interaction.removed', (e) => e.interactionId === next.id),
    ).toMatchObject({ reason: 'transferred' });
    expect((await ann.resync()).interactions).toEqual([]);
    expect(ann.invalid).toEqual([]);
    expect(bob.invalid).toEqual([]);
  });
});
