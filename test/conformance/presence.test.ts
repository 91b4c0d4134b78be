/**
 * B8/B9 over the wire: the agent's own states and the presence colleagues see in the directory
 * (snapshot on subscribe, changes after), including Interruptible for an agent holding only
 * non-live work.
 */
import type { DirectoryEntry } from '../../src/protocol';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('B8/B9 presence and the directory', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('directory.subscribe sends a snapshot of presences and services, then changes', async () => {
    const a = await h.world({
      settings: { wrapSeconds: 0 },
      services: ['cases', 'chats', 'empty'],
      agents: [
        { id: 'ava', name: 'Ava Now', services: [] },
        { id: 'cas', name: 'Cas Case', services: ['cases'] },
        { id: 'cat', name: 'Cat Chat', services: ['chats'] },
        { id: 'aly', name: 'Aly Away', state: 'away' },
        { id: 'lou', name: 'Lou Out', state: 'logged-out' },
      ],
    });
    const cas = await h.connect(a, 'cas');
    const cat = await h.connect(a, 'cat');
    await h.arrive(a, { channel: 'case', serviceId: 'cases' });
    await cas.event('interaction.added');
    await h.arrive(a, { channel: 'chat', serviceId: 'chats' });
    await cat.event('interaction.added');
    await h.arrive(a, { channel: 'email', serviceId: 'empty' });

    const ava = await h.connect(a, 'ava');
    const ack = await ava.ok({ type: 'directory.subscribe' });
    const snapshot = await ava.event('directory.snapshot');
    expect(ack.seq).toBe(snapshot.seq);
    expect(snapshot).toMatchObject({ part: 0, parts: 1 });
    const entries: DirectoryEntry[] = [
      { type: 'agent', id: 'aly', name: 'Aly Away', presence: 'logged-in' },
      { type: 'agent', id: 'ava', name: 'Ava Now', presence: 'available-now' },
      { type: 'agent', id: 'cas', name: 'Cas Case', presence: 'interruptible' },
      { type: 'agent', id: 'cat', name: 'Cat Chat', presence: 'logged-in' },
      { type: 'agent', id: 'lou', name: 'Lou Out', presence: 'logged-out' },
      { type: 'service', id: 'cases', name: 'cases', waiting: 0, consultable: true },
      { type: 'service', id: 'chats', name: 'chats', waiting: 0, consultable: false },
      { type: 'service', id: 'empty', name: 'empty', waiting: 1, consultable: false },
    ];
    expect(snapshot.entries).toEqual(entries);
    // The admin view of the directory agrees.
    expect((await h.http('GET', `/admin/accounts/${a}/directory`)).body).toEqual(entries);

    // Lou logs in: a change, not a new snapshot.
    const lou = await h.connect(a, 'lou');
    await lou.ok({ type: 'presence.set', state: 'ready', reason: null });
    const changed = await ava.event('directory.changed', (e) =>
      e.upserted.some((entry) => entry.id === 'lou'),
    );
    expect(changed.upserted).toContainEqual({
      type: 'agent',
      id: 'lou',
      name: 'Lou Out',
      presence: 'available-now',
    });
    expect(changed.removed).toEqual([]);

    // Releasing Cas's only case puts her back to Available now.
    const kase = (await cas.resync()).interactions[0];
    if (kase === undefined) throw new Error('Cas holds a case');
    await cas.ok({ type: 'release', interactionId: kase.id, version: kase.version });
    // (An earlier batch may carry Cas as she was: the latest entry wins, so wait for this one.)
    const casNow = await ava.event('directory.changed', (e) =>
      e.upserted.some(
        (entry) =>
          entry.id === 'cas' && entry.type === 'agent' && entry.presence === 'available-now',
      ),
    );
    expect(casNow.upserted).toContainEqual(
      expect.objectContaining({ id: 'cas', presence: 'available-now' }),
    );

    // A new arrival at a service changes its waiting count (an earlier batch may carry the
    // count before it: wait for this one).
    await h.arrive(a, { channel: 'email', serviceId: 'empty' });
    const waiting = await ava.event('directory.changed', (e) =>
      e.upserted.some(
        (entry) => entry.id === 'empty' && entry.type === 'service' && entry.waiting === 2,
      ),
    );
    expect(waiting.upserted).toContainEqual({
      type: 'service',
      id: 'empty',
      name: 'empty',
      waiting: 2,
      consultable: false,
    });

    // After unsubscribe, no more directory events. Batches sent before its answer may still be
    // queued here unread (the waits above take only the batch they look for): forget them.
    await ava.ok({ type: 'directory.unsubscribe' });
    ava.clear();
    await lou.ok({ type: 'presence.set', state: 'away', reason: null });
    expect(
      await ava.arrivesWithin(
        (m) => m.type === 'directory.changed' || m.type === 'directory.snapshot',
        250,
      ),
    ).toBe(false);
    for (const client of [ava, cas, cat, lou]) expect(client.invalid).toEqual([]);
  });

  it('the agent’s own state follows B8: ready, busy, away, wrap-auto, logged-out', async () => {
    const a = await h.world({
      settings: { wrapSeconds: 30 },
      services: ['s'],
      agents: [{ id: 'ann', services: ['s'] }],
    });
    const ann = await h.connect(a, 'ann');
    expect((await ann.resync()).agent.state).toBe('ready');
    await ann.ok({ type: 'presence.set', state: 'away', reason: null });
    expect((await ann.event('agent.changed')).agent.state).toBe('away');
    // Away: nothing is routed.
    const call = await h.arrive(a, { channel: 'voice', serviceId: 's' });
    expect(await ann.arrivesWithin((m) => m.type === 'interaction.added', 250)).toBe(false);
    await ann.ok({ type: 'presence.set', state: 'ready', reason: null });
    const got = await ann.event('interaction.added');
    expect(got.interaction.id).toBe(call.id);
    const busy = await ann.event('agent.changed', (e) => e.agent.state === 'busy');
    expect(busy.agent.capacityUsed).toBe(100);
    await ann.ok({ type: 'release', interactionId: call.id, version: got.interaction.version });
    const wrap = await ann.event('agent.changed', (e) => e.agent.state === 'wrap-auto');
    expect(wrap.agent.wrapEndsAt).toEqual(expect.any(Number));
    // Choosing Ready ends the wrap early.
    await ann.ok({ type: 'presence.set', state: 'ready', reason: null });
    const ready = await ann.event('agent.changed', (e) => e.agent.state === 'ready');
    expect(ready.agent.wrapEndsAt).toBeNull();
    await ann.ok({ type: 'presence.set', state: 'logged-out', reason: null });
    expect((await ann.event('agent.changed')).agent.state).toBe('logged-out');
    expect(ann.invalid).toEqual([]);
  });
});
