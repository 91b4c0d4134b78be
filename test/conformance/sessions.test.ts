/**
 * Sessions over the wire: several sessions of one agent, resume after a dropped connection (with
 * replay, or a fresh snapshot when the server cannot replay), command idempotency, heartbeats and
 * shutdown.
 */
import type { ServerMessage } from '../../src/protocol';
import { TestClient } from './client';
import type { Harness } from './harness';
import { sleep, startHarness, waitFor } from './harness';

const REPLAY = 10;

describe('sessions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ sessions: { replayEvents: REPLAY } });
  });
  afterAll(() => h.stop());

  const connected = () => h.service.routing.hub.connected().length;

  /** Drops a client and waits until the server has noticed. */
  async function drop(client: TestClient) {
    const before = connected();
    client.drop();
    await waitFor(() => connected() < before);
  }

  async function resume(accountId: string, agentId: string, sessionId: string, lastSeq: number) {
    const result = await TestClient.connect(h.service.agentUrl, await h.token(accountId, agentId), {
      sessionId,
      lastSeq,
    });
    h.track(result.client);
    return result;
  }

  describe('two sessions of one agent', () => {
    it('both see every event, whichever session caused it', async () => {
      const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
      const tab1 = await h.connect(a, 'ann');
      const tab2 = await h.connect(a, 'ann');
      expect(tab1.sessionId).not.toBe(tab2.sessionId);
      const created = await h.arrive(a, { channel: 'voice', serviceId: 's' });
      const one = await tab1.event('interaction.added');
      const two = await tab2.event('interaction.added');
      expect(one.interaction).toEqual(two.interaction);
      expect(one.interaction.id).toBe(created.id);
      // Each session numbers its own events from 1.
      expect(one.seq).toBe(1);
      expect(two.seq).toBe(1);

      const ack = await tab1.ok({
        type: 'hold',
        interactionId: created.id,
        version: one.interaction.version,
      });
      const held1 = await tab1.event('interaction.changed');
      const held2 = await tab2.event('interaction.changed');
      expect(held2.interaction).toEqual(held1.interaction);
      expect(held2.interaction.state).toBe('held');
      // The ack goes to the session that sent the command only.
      expect(await tab2.arrivesWithin((m) => m.type === 'ack' && m.id === ack.id, 150)).toBe(false);

      // A command from tab 2 shows in tab 1.
      await tab2.ok({ type: 'presence.set', state: 'away', reason: null });
      expect((await tab1.event('agent.changed', (e) => e.agent.state === 'away')).agent.id).toBe(
        'ann',
      );
      expect(await tab1.resync()).toEqual(await tab2.resync());
      expect(tab1.invalid).toEqual([]);
      expect(tab2.invalid).toEqual([]);
    });

    it('a directory subscription belongs to one session', async () => {
      const a = await h.world({ agents: [{ id: 'ann' }, { id: 'bob', state: 'away' }] });
      const tab1 = await h.connect(a, 'ann');
      const tab2 = await h.connect(a, 'ann');
      await tab1.ok({ type: 'directory.subscribe' });
      await tab1.event('directory.snapshot');
      const bob = await h.connect(a, 'bob');
      await bob.ok({ type: 'presence.set', state: 'ready', reason: null });
      await tab1.event('directory.changed');
      expect(
        await tab2.arrivesWithin(
          (m) => m.type === 'directory.changed' || m.type === 'directory.snapshot',
          150,
        ),
      ).toBe(false);
      expect(tab1.invalid).toEqual([]);
      expect(tab2.invalid).toEqual([]);
    });
  });

  describe('resume', () => {
    it('replays the events missed while disconnected, in order, then goes on live', async () => {
      const a = await h.world({
        settings: { wrapSeconds: 0 },
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'] }],
      });
      const ann = await h.connect(a, 'ann');
      const first = await h.arrive(a, { channel: 'chat', serviceId: 's' });
      await ann.event('interaction.added');
      await ann.event('agent.changed');
      const sessionId = ann.sessionId as string;
      const lastSeq = ann.lastSeq;
      expect(lastSeq).toBeGreaterThan(0);
      await drop(ann);

      // Events while disconnected.
      const second = await h.arrive(a, { channel: 'email', serviceId: 's' });
      await h.patchSettings(a, { consultTimeoutSeconds: 40 });
      await h.http('POST', `/simulator/accounts/${a}/interactions/${first.id}/leave`);

      const { client, welcome } = await resume(a, 'ann', sessionId, lastSeq);
      expect(welcome).toMatchObject({ resumed: true, sessionId, seq: lastSeq, snapshot: null });
      const replayed: ServerMessage[] = [];
      replayed.push(await client.event('interaction.added'));
      replayed.push(await client.event('agent.changed'));
      replayed.push(await client.event('settings.changed'));
      replayed.push(await client.event('interaction.removed'));
      expect(replayed.map((m) => ('seq' in m ? m.seq : -1))).toEqual(
        replayed.map((_m, i) => lastSeq + 1 + i),
      );
      expect(replayed[0]).toMatchObject({ interaction: { id: second.id } });
      expect(replayed[3]).toMatchObject({ interactionId: first.id, reason: 'ended' });
      // Live again: the next event follows on.
      const before = client.lastSeq;
      await h.patchSettings(a, { consultTimeoutSeconds: 41 });
      const live = await client.event(
        'settings.changed',
        (e) => e.settings.consultTimeoutSeconds === 41,
      );
      expect(live.seq).toBeGreaterThan(before);
      // No gap, no repeat anywhere (checked by the client on every event).
      expect(client.invalid).toEqual([]);
    });

    it('a resume from a new socket takes the session over from the old one', async () => {
      const a = await h.world({ agents: [{ id: 'ann' }] });
      const old = await h.connect(a, 'ann');
      const sessionId = old.sessionId as string;
      const { client, welcome } = await resume(a, 'ann', sessionId, old.lastSeq);
      expect(welcome).toMatchObject({ resumed: true, sessionId });
      await old.waitClose();
      await h.patchSettings(a, { wrapSeconds: 4 });
      expect((await client.event('settings.changed')).seq).toBe(1);
      expect(old.received.filter((m) => m.type === 'settings.changed')).toEqual([]);
      expect(client.invalid).toEqual([]);
      expect(old.invalid).toEqual([]);
    });

    it('a resumed session keeps its directory subscription; a fresh one does not', async () => {
      const a = await h.world({ agents: [{ id: 'ann' }, { id: 'bob', state: 'away' }] });
      const ann = await h.connect(a, 'ann');
      await ann.ok({ type: 'directory.subscribe' });
      await ann.event('directory.snapshot');
      const sessionId = ann.sessionId as string;
      const lastSeq = ann.lastSeq;
      await drop(ann);
      const bob = await h.connect(a, 'bob');
      await bob.ok({ type: 'presence.set', state: 'ready', reason: null });
      const { client } = await resume(a, 'ann', sessionId, lastSeq);
      const missed = await client.event('directory.changed');
      expect(missed.upserted).toContainEqual(
        expect.objectContaining({ id: 'bob', presence: 'available-now' }),
      );
      await bob.ok({ type: 'presence.set', state: 'away', reason: null });
      await client.event('directory.changed');
      const fresh = await h.connect(a, 'ann');
      await bob.ok({ type: 'presence.set', state: 'ready', reason: null });
      await client.event('directory.changed');
      expect(await fresh.arrivesWithin((m) => m.type === 'directory.changed', 150)).toBe(false);
      expect(client.invalid).toEqual([]);
      expect(fresh.invalid).toEqual([]);
    });

    it('a session swept after its retention time is not resumed', async () => {
      const short = await startHarness({ sessions: { retentionMs: 50 } });
      try {
        await short.account('acme');
        await short.agent('acme', { id: 'ann' });
        const ann = await short.connect('acme', 'ann');
        const sessionId = ann.sessionId as string;
        ann.drop();
        await waitFor(() => short.service.routing.hub.connected().length === 0);
        await sleep(80);
        short.service.routing.hub.sweep();
        const again = await TestClient.connect(
          short.service.agentUrl,
          await short.token('acme', 'ann'),
          { sessionId, lastSeq: 0 },
        );
        short.track(again.client);
        expect(again.welcome).toMatchObject({ resumed: false, seq: 0 });
        expect(again.welcome.snapshot).not.toBeNull();
      } finally {
        await short.stop();
      }
    });

    it('an agent left with no session stops getting work: Logged out, or Away while holding work', async () => {
      const short = await startHarness({ sessions: { retentionMs: 50 } });
      try {
        await short.account('acme');
        await short.addService('acme', 's');
        await short.agent('acme', { id: 'ann', services: ['s'] });
        const ann = await short.connect('acme', 'ann');
        await short.arrive('acme', { channel: 'email', serviceId: 's' });
        await ann.event('interaction.added');
        await short.agent('acme', { id: 'bob', services: ['s'] });
        const bob = await short.connect('acme', 'bob');
        const stateOf = async (id: string) =>
          (await short.http('GET', `/admin/accounts/acme/agents/${id}`)).body.state as string;
        ann.drop();
        bob.drop();
        await waitFor(
          async () => (await stateOf('bob')) === 'logged-out' && (await stateOf('ann')) === 'away',
          3000,
        );
        // Nobody is left to route to: new work waits.
        await short.arrive('acme', { channel: 'chat', serviceId: 's' });
        expect(await short.waiting('acme', 's')).toBe(1);
      } finally {
        await short.stop();
      }
    });

    it('keeps command answers across a resume: a repeated id is answered again, not applied', async () => {
      const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
      const ann = await h.connect(a, 'ann');
      await h.arrive(a, { channel: 'voice', serviceId: 's' });
      const call = (await ann.event('interaction.added')).interaction;
      const body = { type: 'hold', interactionId: call.id, version: call.version } as const;
      const first = await ann.command(body, 'hold-1');
      expect(first.type).toBe('ack');
      await ann.event('interaction.changed');
      const sessionId = ann.sessionId as string;
      const lastSeq = ann.lastSeq;
      await drop(ann);
      const { client, welcome } = await resume(a, 'ann', sessionId, lastSeq);
      expect(welcome.resumed).toBe(true);
      const again = await client.command(body, 'hold-1');
      expect(again).toEqual(first);
      expect(await client.arrivesWithin((m) => m.type === 'interaction.changed', 150)).toBe(false);
      expect(client.invalid).toEqual([]);
    });

    it('an unknown session gets a fresh session with a snapshot', async () => {
      const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
      await h.arrive(a, { channel: 'chat', serviceId: 's' });
      const { client, welcome } = await resume(a, 'ann', 's-unknown', 7);
      expect(welcome).toMatchObject({ resumed: false, seq: 0 });
      expect(welcome.sessionId).not.toBe('s-unknown');
      expect(welcome.snapshot?.interactions).toHaveLength(1);
      await h.patchSettings(a, { wrapSeconds: 3 });
      expect((await client.event('settings.changed')).seq).toBe(1);
      expect(client.invalid).toEqual([]);
    });

    it('a lastSeq too old for the replay buffer gets a fresh session with a snapshot', async () => {
      const a = await h.world({ agents: [{ id: 'ann' }] });
      const ann = await h.connect(a, 'ann');
      const sessionId = ann.sessionId as string;
      await drop(ann);
      for (let i = 0; i < REPLAY + 2; i++) await h.patchSettings(a, { wrapSeconds: i });
      const { client, welcome } = await resume(a, 'ann', sessionId, 0);
      expect(welcome).toMatchObject({ resumed: false, seq: 0 });
      expect(welcome.sessionId).not.toBe(sessionId);
      expect(welcome.snapshot?.settings.wrapSeconds).toBe(REPLAY + 1);
      expect(await client.arrivesWithin((m) => m.type === 'settings.changed', 150)).toBe(false);
      expect(client.invalid).toEqual([]);
    });

    it('a lastSeq ahead of the session, or another agent’s session, is not resumed', async () => {
      const a = await h.world({ agents: [{ id: 'ann' }, { id: 'bob' }] });
      const ann = await h.connect(a, 'ann');
      const sessionId = ann.sessionId as string;
      await h.patchSettings(a, { wrapSeconds: 7 });
      await ann.event('settings.changed');
      const ahead = await resume(a, 'ann', sessionId, 99);
      expect(ahead.welcome).toMatchObject({ resumed: false, seq: 0 });
      expect(ahead.welcome.sessionId).not.toBe(sessionId);
      const hijack = await resume(a, 'bob', sessionId, 1);
      expect(hijack.welcome.resumed).toBe(false);
      expect(hijack.welcome.sessionId).not.toBe(sessionId);
      expect(hijack.welcome.snapshot?.agent.id).toBe('bob');
      // Ann's own session is untouched and still live.
      expect(ann.closed).toBeNull();
      await h.patchSettings(a, { wrapSeconds: 8 });
      expect((await ann.event('settings.changed')).seq).toBe(2);
      expect(ann.invalid).toEqual([]);
    });
  });

  describe('command idempotency', () => {
    it('the same command id is answered twice identically and applied once', async () => {
      const a = await h.world({
        settings: { wrapSeconds: 0 },
        services: ['s'],
        agents: [{ id: 'ann', services: ['s'] }],
      });
      const ann = await h.connect(a, 'ann');
      await h.arrive(a, { channel: 'voice', serviceId: 's' });
      const call = (await ann.event('interaction.added')).interaction;
      const hold = { type: 'hold', interactionId: call.id, version: call.version } as const;
      const first = await ann.command(hold, 'c-1');
      const second = await ann.command(hold, 'c-1');
      expect(first.type).toBe('ack');
      expect(second).toEqual(first);
      await ann.event('interaction.changed');
      expect(await ann.arrivesWithin((m) => m.type === 'interaction.changed', 150)).toBe(false);
      const snapshot = await ann.resync();
      expect(snapshot.interactions[0]).toMatchObject({ state: 'held', version: call.version + 1 });

      // An error answer is repeated the same way, even though the command would now succeed.
      const stale = await ann.command(hold, 'c-2');
      expect(stale).toMatchObject({ type: 'error', code: 'conflict' });
      const retrieve = {
        type: 'retrieve',
        interactionId: call.id,
        version: call.version + 1,
      } as const;
      await ann.ok(retrieve);
      await ann.event('interaction.changed');
      expect(await ann.command(hold, 'c-2')).toEqual(stale);
      expect((await ann.resync()).interactions[0]?.state).toBe('active');
      expect(ann.invalid).toEqual([]);
    });
  });

  describe('heartbeat', () => {
    let hb: Harness;
    beforeAll(async () => {
      hb = await startHarness({ connection: { heartbeatSeconds: 1 } });
    });
    afterAll(() => hb.stop());

    it('the server pings; a silent client is closed 4408, one that answers stays', async () => {
      await hb.account('acme');
      await hb.agent('acme', { id: 'ann' });
      const silent = await hb.connect('acme', 'ann');
      const mute = hb.track(await TestClient.open(hb.service.agentUrl));
      const talker = await hb.connect('acme', 'ann');
      talker.socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { type: string; nonce: number };
        if (frame.type === 'ping') {
          talker.send({ v: 1, type: 'pong', nonce: frame.nonce, now: Date.now() });
        }
      });
      // The client's ping is answered with the same nonce.
      talker.send({ v: 1, type: 'ping', nonce: 4242, now: Date.now() });
      const pong = await talker.next((m) => m.type === 'pong');
      expect(pong).toMatchObject({ type: 'pong', nonce: 4242 });
      const started = Date.now();
      const ping = await silent.next((m) => m.type === 'ping', 1500);
      expect(ping).toMatchObject({ v: 1, type: 'ping' });
      const closed = await silent.waitClose(4000);
      const after = Date.now() - started;
      expect(closed.code).toBe(4408);
      // A socket that never says hello is closed too (hello deadline or heartbeat, whichever first).
      expect((await mute.waitClose(2000)).code).toBe(4408);
      expect(after).toBeGreaterThanOrEqual(1000);
      expect(after).toBeLessThan(3600);
      // The one answering pings is still open a heartbeat period later.
      await sleep(800);
      expect(talker.closed).toBeNull();
      expect(silent.invalid).toEqual([]);
      expect(talker.invalid).toEqual([]);
    }, 10_000);
  });

  describe('shutdown', () => {
    let down: Harness;
    beforeAll(async () => {
      down = await startHarness();
    });
    afterAll(() => down.stop());

    it('stopping the service closes every connected agent with 4503', async () => {
      await down.account('acme');
      await down.agent('acme', { id: 'ann' });
      await down.agent('acme', { id: 'bob' });
      const ann = await down.connect('acme', 'ann');
      const bob = await down.connect('acme', 'bob');
      await down.service.stop();
      expect((await ann.waitClose()).code).toBe(4503);
      expect((await bob.waitClose()).code).toBe(4503);
      // Nothing listens any more.
      await expect(TestClient.open(down.service.agentUrl)).rejects.toThrow();
    });
  });
});
