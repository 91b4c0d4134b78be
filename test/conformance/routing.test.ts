/**
 * B1-B4, B7, B9 (weights) and B10 over the wire: kinds and channels, actions by kind, release that
 * fails or hangs, multi-interaction routing, records, the release gate, wrap and call logging,
 * capacity weights and live settings changes.
 */
import type { Channel, Interaction, Kind } from '../../src/protocol';
import type { Harness } from './harness';
import { sleep, startHarness } from './harness';

describe('routing behaviours (B1-B4, B7, B9, B10)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  describe('B1 kinds and B2 actions by kind', () => {
    it.each<[Channel, Kind]>([
      ['voice', 'live'],
      ['video', 'live'],
      ['chat', 'semi-live'],
      ['email', 'non-live'],
      ['case', 'non-live'],
    ])('routes a %s interaction as %s', async (channel, kind) => {
      const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
      const ann = await h.connect(a, 'ann');
      const created = await h.arrive(a, {
        channel,
        serviceId: 's',
        customer: { name: 'Maria Garcia', email: 'maria@example.com' },
      });
      const interaction = await ann.added((i) => i.id === created.id);
      expect(interaction).toMatchObject({
        channel,
        kind,
        direction: 'inbound',
        state: 'active',
        serviceId: 's',
        customer: { name: 'Maria Garcia', phone: null, email: 'maria@example.com' },
        releaseFailure: null,
      });
      const agent = await ann.event('agent.changed', (e) => e.agent.state === 'busy');
      expect(agent.agent.capacityUsed).toBe({ live: 100, 'semi-live': 25, 'non-live': 20 }[kind]);
      expect(ann.invalid).toEqual([]);
    });

    it('holds and retrieves a live call, bumping the version each time', async () => {
      const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
      const ann = await h.connect(a, 'ann');
      await h.arrive(a, { channel: 'voice', serviceId: 's', customer: { phone: '+14155550100' } });
      const call = await ann.added();
      const holdAck = await ann.ok({ type: 'hold', interactionId: call.id, version: call.version });
      const held = await ann.event('interaction.changed', (e) => e.interaction.id === call.id);
      expect(held.interaction.state).toBe('held');
      expect(held.interaction.version).toBe(call.version + 1);
      // Ordered effects: the event came before the ack, and the ack's seq covers it.
      expect(holdAck.seq).toBeGreaterThanOrEqual(held.seq);
      // Holding a call that is already held is not allowed.
      const again = await ann.refused({
        type: 'hold',
        interactionId: call.id,
        version: held.interaction.version,
      });
      expect(again).toMatchObject({ code: 'not-allowed', interactionId: call.id });
      await ann.ok({ type: 'retrieve', interactionId: call.id, version: held.interaction.version });
      const retrieved = await ann.event('interaction.changed', (e) => e.interaction.id === call.id);
      expect(retrieved.interaction.state).toBe('active');
      expect(retrieved.interaction.version).toBe(call.version + 2);
      expect(ann.invalid).toEqual([]);
    });

    it('refuses hold on a chat and an email, and transfer of a chat (not-allowed)', async () => {
      const a = await h.world({
        services: ['s'],
        agents: [
          { id: 'ann', services: ['s'] },
          { id: 'bob', services: [] },
        ],
      });
      const ann = await h.connect(a, 'ann');
      await h.arrive(a, { channel: 'chat', serviceId: 's' });
      const chat = await ann.added();
      await h.arrive(a, { channel: 'email', serviceId: 's' });
      const email = await ann.added();
      for (const item of [chat, email]) {
        const hold = await ann.refused({
          type: 'hold',
          interactionId: item.id,
          version: item.version,
        });
        expect(hold).toMatchObject({ code: 'not-allowed', messageType: 'hold' });
      }
      for (const target of [
        { type: 'agent', id: 'bob' },
        { type: 'service', id: 's' },
        { type: 'number', number: '+14155550111' },
      ] as const) {
        const transfer = await ann.refused({
          type: 'transfer',
          interactionId: chat.id,
          version: chat.version,
          target,
        });
        expect(transfer).toMatchObject({
          code: 'not-allowed',
          messageType: 'transfer',
          interactionId: chat.id,
        });
      }
      const snapshot = await ann.resync();
      expect(snapshot.interactions.map((i) => [i.id, i.state, i.version])).toEqual([
        [chat.id, 'active', chat.version],
        [email.id, 'active', email.version],
      ]);
      expect(ann.invalid).toEqual([]);
    });

    it('refuses abandon unless a release failed', async () => {
      const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
      const ann = await h.connect(a, 'ann');
      await h.arrive(a, { channel: 'chat', serviceId: 's' });
      const chat = await ann.added();
      const error = await ann.refused({
        type: 'abandon',
        interactionId: chat.id,
        version: chat.version,
      });
      expect(error).toMatchObject({
        code: 'not-allowed',
        messageType: 'abandon',
        interactionId: chat.id,
      });
      expect((await ann.resync()).interactions).toHaveLength(1);
      expect(ann.invalid).toEqual([]);
    });

    it('a release that fails leaves the interaction release-failed; abandon then drops it', async () => {
      const a = await h.world({
        settings: { wrapSeconds: 0 },
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'] }],
      });
      const ann = await h.connect(a, 'ann');
      await h.arrive(a, { channel: 'email', serviceId: 's' });
      const email = await ann.added();
      await h.failRelease(a, email.id, 'error');
      await ann.ok({ type: 'release', interactionId: email.id, version: email.version });
      const failed = await ann.event('interaction.changed', (e) => e.interaction.id === email.id);
      expect(failed.interaction.state).toBe('release-failed');
      expect(failed.interaction.releaseFailure?.reason).toBe('error');
      expect(failed.interaction.version).toBeGreaterThan(email.version);
      await ann.ok({
        type: 'abandon',
        interactionId: email.id,
        version: failed.interaction.version,
      });
      const removed = await ann.event('interaction.removed');
      expect(removed).toMatchObject({ interactionId: email.id, reason: 'abandoned' });
      const snapshot = await ann.resync();
      expect(snapshot.interactions).toEqual([]);
      expect(snapshot.agent.state).toBe('ready');
      expect(ann.invalid).toEqual([]);
    });

    it('a release that hangs times out as release-failed (timeout), then abandon works', async () => {
      const a = await h.world({
        settings: { wrapSeconds: 0, releaseTimeoutSeconds: 1 },
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'] }],
      });
      const ann = await h.connect(a, 'ann');
      await h.arrive(a, { channel: 'chat', serviceId: 's' });
      const chat = await ann.added();
      await h.failRelease(a, chat.id, 'hang');
      const started = Date.now();
      const ack = await ann.ok({ type: 'release', interactionId: chat.id, version: chat.version });
      const releasing = await ann.event('interaction.changed', (e) => e.interaction.id === chat.id);
      expect(releasing.interaction.state).toBe('releasing');
      expect(ack.seq).toBeGreaterThanOrEqual(releasing.seq);
      // While releasing, neither another release nor an abandon is allowed.
      const twice = await ann.refused({
        type: 'release',
        interactionId: chat.id,
        version: releasing.interaction.version,
      });
      expect(twice.code).toBe('not-allowed');
      const early = await ann.refused({
        type: 'abandon',
        interactionId: chat.id,
        version: releasing.interaction.version,
      });
      expect(early.code).toBe('not-allowed');
      const failed = await ann.event(
        'interaction.changed',
        (e) => e.interaction.id === chat.id,
        3000,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(failed.interaction.state).toBe('release-failed');
      expect(failed.interaction.releaseFailure?.reason).toBe('timeout');
      await ann.ok({
        type: 'abandon',
        interactionId: chat.id,
        version: failed.interaction.version,
      });
      expect(await ann.event('interaction.removed')).toMatchObject({
        interactionId: chat.id,
        reason: 'abandoned',
      });
      expect(ann.invalid).toEqual([]);
    });

    it('a stale version gets conflict with currentVersion and changes nothing', async () => {
      const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
      const ann = await h.connect(a, 'ann');
      await h.arrive(a, { channel: 'voice', serviceId: 's' });
      const call = await ann.added();
      await ann.ok({ type: 'hold', interactionId: call.id, version: call.version });
      const held = await ann.event('interaction.changed');
      const stale = await ann.refused({
        type: 'release',
        interactionId: call.id,
        version: call.version,
      });
      expect(stale).toMatchObject({
        code: 'conflict',
        messageType: 'release',
        interactionId: call.id,
        currentVersion: held.interaction.version,
      });
      const snapshot = await ann.resync();
      expect(snapshot.interactions).toEqual([held.interaction]);
      expect(ann.invalid).toEqual([]);
    });

    it('dials a number that answers: an outbound call rings, then is active', async () => {
      const a = await h.world({ agents: [{ id: 'ann' }] });
      await h.number('+14155550177', 'auto', 50);
      const ann = await h.connect(a, 'ann');
      const ack = await ann.ok({
        type: 'dial',
        number: '+14155550177',
        record: { id: '003000000000001AAA', objectType: 'Contact' },
      });
      expect(ack.interactionId).not.toBeNull();
      const call = await ann.added((i) => i.id === ack.interactionId);
      expect(call).toMatchObject({
        kind: 'live',
        direction: 'outbound',
        state: 'ringing',
        customer: { phone: '+14155550177' },
        record: { id: '003000000000001AAA', objectType: 'Contact' },
      });
      const answered = await ann.event('interaction.changed', (e) => e.interaction.id === call.id);
      expect(answered.interaction.state).toBe('active');
      expect(ann.invalid).toEqual([]);
    });
  });

  describe('B3 multi-interaction routing', () => {
    it('off: one interaction at a time; the next waits until the first is released', async () => {
      const a = await h.world({
        settings: { wrapSeconds: 0, features: { multiInteraction: false } },
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'] }],
      });
      const ann = await h.connect(a, 'ann');
      const first = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      const second = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      const got = await ann.added((i) => i.id === first.id);
      expect(
        await ann.arrivesWithin(
          (m) => m.type === 'interaction.added' && m.interaction.id === second.id,
          300,
        ),
      ).toBe(false);
      expect(await h.waiting(a, 's')).toBe(1);
      await ann.ok({ type: 'release', interactionId: got.id, version: got.version });
      await ann.added((i) => i.id === second.id);
      expect(ann.invalid).toEqual([]);
    });

    it('on: several interactions are assigned together', async () => {
      const a = await h.world({
        settings: { features: { multiInteraction: true } },
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'] }],
      });
      const ann = await h.connect(a, 'ann');
      const chat = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      const email = await h.arrive(a, { channel: 'email', serviceId: 's' });
      const kase = await h.arrive(a, { channel: 'case', serviceId: 's' });
      for (const item of [chat, email, kase]) await ann.added((i) => i.id === item.id);
      const snapshot = await ann.resync();
      expect(snapshot.interactions.map((i) => i.id).sort()).toEqual(
        [chat.id, email.id, kase.id].sort(),
      );
      expect(snapshot.agent.capacityUsed).toBe(25 + 20 + 20);
      expect(ann.invalid).toEqual([]);
    });
  });

  describe('assignment order (engine semantics)', () => {
    it('highest priority first, then oldest first', async () => {
      const a = await h.world({
        settings: { wrapSeconds: 0, features: { multiInteraction: false } },
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'], state: 'away' }],
      });
      const ann = await h.connect(a, 'ann');
      const old = await h.arrive(a, { channel: 'chat', serviceId: 's', priority: 5 });
      const urgent = await h.arrive(a, { channel: 'email', serviceId: 's', priority: 9 });
      const young = await h.arrive(a, { channel: 'case', serviceId: 's', priority: 5 });
      await ann.ok({ type: 'presence.set', state: 'ready', reason: null });
      const order: string[] = [];
      for (let i = 0; i < 3; i++) {
        const got = await ann.added();
        order.push(got.id);
        await ann.ok({ type: 'release', interactionId: got.id, version: got.version });
      }
      expect(order).toEqual([urgent.id, old.id, young.id]);
      expect(ann.invalid).toEqual([]);
    });

    it('the longest idle eligible agent gets the next interaction', async () => {
      const a = await h.world({
        services: ['s'],
        agents: [
          { id: 'ann', services: ['s'], state: 'away' },
          { id: 'bob', services: ['s'], state: 'away' },
        ],
      });
      const ann = await h.connect(a, 'ann');
      const bob = await h.connect(a, 'bob');
      // Distinct milliseconds, so that idle times never tie.
      await bob.ok({ type: 'presence.set', state: 'ready', reason: null });
      await sleep(5);
      await ann.ok({ type: 'presence.set', state: 'ready', reason: null });
      await sleep(5);
      const first = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      await bob.added((i) => i.id === first.id);
      await sleep(5);
      const second = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      await ann.added((i) => i.id === second.id);
      await sleep(5);
      const third = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      await bob.added((i) => i.id === third.id);
      expect(ann.invalid).toEqual([]);
      expect(bob.invalid).toEqual([]);
    });
  });

  it('B4: interactions carry the record and search keys they were created with', async () => {
    const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
    const ann = await h.connect(a, 'ann');
    const record = { id: '500000000000001AAA', objectType: 'Case' };
    const withRecord = await h.arrive(a, {
      channel: 'case',
      serviceId: 's',
      record,
      searchKeys: ['00001026'],
      subject: 'Invoice 4411 is wrong',
      customer: { name: 'John Smith' },
    });
    const withKeys = await h.arrive(a, {
      channel: 'email',
      serviceId: 's',
      customer: { email: 'maria@example.com' },
    });
    const first = await ann.added((i) => i.id === withRecord.id);
    expect(first).toMatchObject({
      record,
      searchKeys: ['00001026'],
      subject: 'Invoice 4411 is wrong',
    });
    const second = await ann.added((i) => i.id === withKeys.id);
    expect(second.record).toBeNull();
    expect(second.searchKeys).toEqual(['maria@example.com']);
    expect(ann.invalid).toEqual([]);
  });

  describe('B7 release gate, wrap and call logging', () => {
    it('nothing new is routed after a release until every interaction is released, then wrap ends by itself', async () => {
      const a = await h.world({
        settings: { wrapSeconds: 1 },
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'] }],
      });
      const ann = await h.connect(a, 'ann');
      const one = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      const two = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      const c1 = await ann.added((i) => i.id === one.id);
      const c2 = await ann.added((i) => i.id === two.id);
      await ann.ok({ type: 'release', interactionId: c1.id, version: c1.version });
      await ann.event('interaction.removed', (e) => e.interactionId === c1.id);
      const draining = await ann.event('agent.changed', (e) => e.agent.draining);
      expect(draining.agent).toMatchObject({ state: 'busy', draining: true, capacityUsed: 25 });
      // Capacity is left (25 of 100), yet a third chat is not routed while draining.
      const three = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      expect(
        await ann.arrivesWithin(
          (m) => m.type === 'interaction.added' && m.interaction.id === three.id,
          300,
        ),
      ).toBe(false);
      expect(await h.waiting(a, 's')).toBe(1);
      await ann.ok({ type: 'release', interactionId: c2.id, version: c2.version });
      const wrap = await ann.event('agent.changed', (e) => e.agent.state === 'wrap-auto');
      expect(wrap.agent.draining).toBe(false);
      expect(wrap.agent.wrapEndsAt).not.toBeNull();
      expect(wrap.agent.wrapEndsAt as number).toBeGreaterThan(Date.now());
      // Still wrapping: not routed yet.
      expect(
        await ann.arrivesWithin(
          (m) => m.type === 'interaction.added' && m.interaction.id === three.id,
          200,
        ),
      ).toBe(false);
      // The wrap (1 s) ends by itself and the waiting chat is routed.
      const routed = await ann.added((i) => i.id === three.id);
      expect(Date.now()).toBeGreaterThanOrEqual((wrap.agent.wrapEndsAt as number) - 50);
      expect(routed.state).toBe('active');
      expect(ann.invalid).toEqual([]);
    });

    it('with call logging, the agent logs each released interaction, then is ready for the next', async () => {
      const a = await h.world({
        settings: { wrapSeconds: 30, features: { callLogging: true } },
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'] }],
      });
      const ann = await h.connect(a, 'ann');
      const one = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      const two = await h.arrive(a, { channel: 'email', serviceId: 's' });
      const c1 = await ann.added((i) => i.id === one.id);
      const c2 = await ann.added((i) => i.id === two.id);
      await ann.ok({ type: 'release', interactionId: c1.id, version: c1.version });
      await ann.ok({ type: 'release', interactionId: c2.id, version: c2.version });
      const logging = await ann.event('agent.changed', (e) => e.agent.state === 'logging-call');
      expect(logging.agent.pendingLogs.map((log) => log.interactionId)).toEqual([c1.id, c2.id]);
      expect(logging.agent.pendingLogs[1]).toMatchObject({ kind: 'non-live', channel: 'email' });
      expect(logging.agent.wrapEndsAt).toBeNull();
      ann.clear();
      // The agent cannot go Ready or log out while logs are pending.
      expect((await ann.refused({ type: 'presence.set', state: 'ready', reason: null })).code).toBe(
        'not-allowed',
      );
      // An interaction without a pending log is not-found.
      expect(
        (
          await ann.refused({
            type: 'log.submit',
            interactionId: 'i-nope',
            disposition: null,
            notes: '',
          })
        ).code,
      ).toBe('not-found');
      const next = await h.arrive(a, { channel: 'voice', serviceId: 's' });
      await ann.ok({
        type: 'log.submit',
        interactionId: c1.id,
        disposition: 'Resolved',
        notes: 'Customer happy.',
      });
      const oneLeft = await ann.event('agent.changed', (e) => e.agent.pendingLogs.length === 1);
      expect(oneLeft.agent.state).toBe('logging-call');
      expect(
        await ann.arrivesWithin(
          (m) => m.type === 'interaction.added' && m.interaction.id === next.id,
          200,
        ),
      ).toBe(false);
      await ann.ok({
        type: 'log.submit',
        interactionId: c2.id,
        disposition: null,
        notes: '',
      });
      // Logging the call replaces Wrap (Auto): straight to ready, and the waiting call is routed.
      const call = await ann.added((i) => i.id === next.id);
      expect(call.kind).toBe('live');
      const snapshot = await ann.resync();
      expect(snapshot.agent).toMatchObject({ state: 'busy', pendingLogs: [], wrapEndsAt: null });
      expect(ann.invalid).toEqual([]);
    });

    it('logging out with work is has-work; with none it is allowed', async () => {
      const a = await h.world({
        settings: { wrapSeconds: 0 },
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'] }],
      });
      const ann = await h.connect(a, 'ann');
      await h.arrive(a, { channel: 'case', serviceId: 's' });
      const kase = await ann.added();
      const error = await ann.refused({ type: 'presence.set', state: 'logged-out', reason: null });
      expect(error).toMatchObject({ code: 'has-work', messageType: 'presence.set' });
      await ann.ok({ type: 'release', interactionId: kase.id, version: kase.version });
      await ann.ok({ type: 'presence.set', state: 'logged-out', reason: null });
      const out = await ann.event('agent.changed', (e) => e.agent.state === 'logged-out');
      expect(out.agent.capacityUsed).toBe(0);
      expect(ann.invalid).toEqual([]);
    });
  });

  describe('B9 capacity weights', () => {
    it('non-live weight 50: two cases fit, a third waits', async () => {
      const a = await h.world({
        settings: { weights: { 'non-live': 50 } },
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'] }],
      });
      const ann = await h.connect(a, 'ann');
      const cases: Interaction[] = [];
      for (let i = 0; i < 3; i++)
        cases.push(await h.arrive(a, { channel: 'case', serviceId: 's' }));
      await ann.added((i) => i.id === cases[0]?.id);
      await ann.added((i) => i.id === cases[1]?.id);
      expect(
        await ann.arrivesWithin(
          (m) => m.type === 'interaction.added' && m.interaction.id === cases[2]?.id,
          300,
        ),
      ).toBe(false);
      expect(await h.waiting(a, 's')).toBe(1);
      const snapshot = await ann.resync();
      expect(snapshot.agent.capacityUsed).toBe(100);
      expect(snapshot.agent.weights['non-live']).toBe(50);
      expect(ann.invalid).toEqual([]);
    });

    it('a per-agent weight overrides the account weight', async () => {
      const a = await h.world({
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'], weights: { 'semi-live': 60 } }],
      });
      const ann = await h.connect(a, 'ann');
      const one = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      const two = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      await ann.added((i) => i.id === one.id);
      expect(
        await ann.arrivesWithin(
          (m) => m.type === 'interaction.added' && m.interaction.id === two.id,
          300,
        ),
      ).toBe(false);
      const snapshot = await ann.resync();
      expect(snapshot.agent.weights).toEqual({ live: 100, 'semi-live': 60, 'non-live': 20 });
      expect(snapshot.agent.capacityUsed).toBe(60);
      expect(ann.invalid).toEqual([]);
    });

    it('a live call is exclusive at weight 100: nothing else joins it', async () => {
      const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
      const ann = await h.connect(a, 'ann');
      const call = await h.arrive(a, { channel: 'voice', serviceId: 's' });
      const chat = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      await ann.added((i) => i.id === call.id);
      expect(
        await ann.arrivesWithin(
          (m) => m.type === 'interaction.added' && m.interaction.id === chat.id,
          300,
        ),
      ).toBe(false);
      expect(ann.invalid).toEqual([]);
    });
  });

  describe('B10 live settings', () => {
    it('a PATCH of the settings reaches the connected agent and takes effect at once', async () => {
      const a = await h.world({
        settings: { features: { multiInteraction: false } },
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'] }],
      });
      const ann = await h.connect(a, 'ann');
      const one = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      const two = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      await ann.added((i) => i.id === one.id);
      expect(await h.waiting(a, 's')).toBe(1);
      const settings = await h.patchSettings(a, {
        consultTimeoutSeconds: 45,
        features: { multiInteraction: true },
      });
      const changed = await ann.event('settings.changed');
      expect(changed.settings).toEqual(settings);
      expect(changed.settings.consultTimeoutSeconds).toBe(45);
      expect(changed.settings.features.multiInteraction).toBe(true);
      // Untouched settings keep their values.
      expect(changed.settings.features.crossMediaConsult).toBe(true);
      // Multi-interaction now on: the waiting chat is routed without any other change.
      await ann.added((i) => i.id === two.id);
      expect(ann.invalid).toEqual([]);
    });

    it('a PUT of the settings reaches the connected agent, weights included', async () => {
      const a = await h.world({ agents: [{ id: 'ann' }] });
      const ann = await h.connect(a, 'ann');
      const put = await h.http('PUT', `/admin/accounts/${a}/settings`, {
        consultTimeoutSeconds: 20,
        wrapSeconds: 5,
        releaseTimeoutSeconds: 3,
        features: {
          multiInteraction: true,
          crossMediaConsult: false,
          transferToService: false,
          callLogging: true,
          recording: false,
        },
        weights: { live: 80, 'semi-live': 10, 'non-live': 10 },
        dispositions: ['Done'],
        offers: { kinds: [], timeoutSeconds: 20, reofferAfterSeconds: 60, declineReasons: [] },
        awayReasons: [],
        wrapExtensionSeconds: 0,
      });
      expect(put.status).toBe(200);
      const changed = await ann.event('settings.changed');
      expect(changed.settings).toMatchObject({
        wrapSeconds: 5,
        features: { callLogging: true, crossMediaConsult: false },
        weights: { live: 80, 'semi-live': 10, 'non-live': 10 },
        dispositions: ['Done'],
      });
      const snapshot = await ann.resync();
      expect(snapshot.settings).toEqual(changed.settings);
      expect(snapshot.agent.weights).toEqual({ live: 80, 'semi-live': 10, 'non-live': 10 });
      expect(ann.invalid).toEqual([]);
    });
  });
});
