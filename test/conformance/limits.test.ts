/**
 * Bounded resources over the wire: a client that stops reading is closed with slowReader and
 * resumes with nothing lost; a ping flood is closed with rateLimited while others are served; a
 * socket that never says hello is closed at the hello deadline; connections not yet welcomed are
 * capped per address; directory changes arrive in batches that leave the subscriber's view right.
 */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import type { DirectoryEntry } from '../../src/protocol';
import { TestClient } from './client';
import type { Harness } from './harness';
import { sleep, startHarness, waitFor } from './harness';

const AGENTS = 400;

describe('bounded resources', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      connection: { maxBufferedBytes: 64 * 1024, helloSeconds: 1 },
      sessions: { replayBytes: 64 * 1024 * 1024, replayEvents: 1000, directoryBatchMs: 100 },
      admission: { pendingPerAddress: 5 },
    });
  });
  afterAll(() => h.stop());

  /** An account whose directory is large: a snapshot is tens of kilobytes. */
  async function crowd(): Promise<string> {
    const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
    for (let i = 0; i < AGENTS; i += 40) {
      await Promise.all(
        Array.from({ length: 40 }, (_, j) =>
          h.agent(a, { id: `agent-${i + j}`, name: `Agent number ${i + j} of the crowd` }),
        ),
      );
    }
    return a;
  }

  it('a client that stops reading is closed with slowReader and resumes with nothing lost', async () => {
    const a = await crowd();
    const ann = await h.connect(a, 'ann');
    const raw = (ann.socket as unknown as { _socket: Socket })._socket;
    raw.pause();
    for (let i = 0; i < 300; i++) ann.send({ v: 1, type: 'directory.subscribe', id: `sub-${i}` });
    const hub = h.service.routing.hub;
    await waitFor(() => hub.connected().every((session) => session.agentId !== 'ann'), 10_000);
    raw.resume();
    const closed = await ann.waitClose(5000);
    // The close frame may not get through a socket that does not read (then it is dropped: 1006).
    expect([4507, 1006]).toContain(closed.code);
    // What the closed socket asked for is applied before it resumes (an operation queued behind
    // its subscriptions has run), so all it missed comes back as its replay: a client in the same
    // process as the service could not read fresh snapshots as fast as a busy machine sends them.
    await h.service.routing.run(a, () => null);
    const sessionId = ann.sessionId as string;
    const { client, welcome } = await TestClient.connect(
      h.service.agentUrl,
      await h.token(a, 'ann'),
      { sessionId, lastSeq: ann.lastSeq },
    );
    h.track(client);
    expect(welcome).toMatchObject({ resumed: true, sessionId });
    // Every event after the last one read comes again, in order (the client checks each seq),
    // before the answer to the next command (whose seq is the last event's).
    client.send({ v: 1, type: 'directory.unsubscribe', id: 'after-resume' });
    const ack = await client.next((m) => m.type === 'ack' && m.id === 'after-resume', 25_000);
    if (ack.type !== 'ack') throw new Error('expected an ack');
    expect(client.lastSeq).toBe(ack.seq);
    expect(ack.seq).toBeGreaterThanOrEqual(ann.lastSeq);
    expect(client.invalid).toEqual([]);
    expect(ann.invalid).toEqual([]);
  }, 60_000);

  it('a ping flood is closed with rateLimited; another agent is served meanwhile', async () => {
    const a = await h.world({ agents: [{ id: 'ann' }, { id: 'bob' }] });
    const flood = await h.connect(a, 'ann');
    const bob = await h.connect(a, 'bob');
    const started = Date.now();
    for (let i = 0; i < 5000 && flood.closed === null; i++) {
      flood.send({ v: 1, type: 'ping', nonce: i, now: Date.now() });
    }
    expect((await flood.waitClose(5000)).code).toBe(4429);
    const pongs = flood.received.filter((m) => m.type === 'pong').length;
    // The burst (400), and what the rate (200/s) refilled while the flood lasted.
    expect(pongs).toBeLessThanOrEqual(400 + Math.ceil((200 * (Date.now() - started)) / 1000));
    await bob.ok({ type: 'presence.set', state: 'away', reason: null });
  });

  it('a socket that never says hello is closed at the hello deadline', async () => {
    const mute = h.track(await TestClient.open(h.service.agentUrl));
    const started = Date.now();
    expect((await mute.waitClose(3000)).code).toBe(4408);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('past the cap of one address, the oldest connection not yet welcomed is dropped', async () => {
    const a = await h.world({ agents: [{ id: 'ann' }] });
    const idle: Socket[] = [];
    const ended: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      const socket = connect(h.service.port, '127.0.0.1');
      const index = i;
      ended[index] = false;
      socket.on('close', () => (ended[index] = true));
      socket.on('error', () => undefined);
      await new Promise((resolve) => socket.once('connect', resolve));
      idle.push(socket);
    }
    await waitFor(() => ended.filter(Boolean).length >= 3);
    expect(ended.slice(0, 3)).toEqual([true, true, true]);
    // A real agent still gets in (it drops one more idle socket on its way).
    const ann = await h.connect(a, 'ann');
    expect(ann.closed).toBeNull();
    for (const socket of idle) socket.destroy();
  });

  it('directory changes come in batches that leave the subscriber with the directory as it is', async () => {
    const a = await h.world({
      services: ['s'],
      agents: [
        { id: 'ann', services: ['s'], state: 'away' as const },
        ...Array.from({ length: 10 }, (_, i) => ({
          id: `b${i}`,
          services: ['s'],
          state: 'ready' as const,
        })),
      ],
    });
    const ann = await h.connect(a, 'ann');
    await ann.ok({ type: 'directory.subscribe' });
    const view = new Map<string, DirectoryEntry>();
    const first = await ann.event('directory.snapshot');
    for (const entry of first.entries) view.set(`${entry.type}:${entry.id}`, entry);
    const started = Date.now();
    for (let i = 0; i < 30; i++) await h.arrive(a, { channel: 'email', serviceId: 's' });
    await sleep(300);
    const elapsed = Date.now() - started;
    const batches = ann.received.filter((m) => m.type === 'directory.changed');
    // 30 arrivals and 30 assignments, each changing the directory: at most one batch per 100 ms.
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    for (const batch of batches) {
      if (batch.type !== 'directory.changed') continue;
      for (const ref of batch.removed) view.delete(`${ref.type}:${ref.id}`);
      for (const entry of batch.upserted) view.set(`${entry.type}:${entry.id}`, entry);
    }
    const now = await h.http<DirectoryEntry[]>('GET', `/admin/accounts/${a}/directory`);
    const expected = new Map(now.body.map((entry) => [`${entry.type}:${entry.id}`, entry]));
    expect(new Map([...view].sort())).toEqual(new Map([...expected].sort()));
    expect(ann.invalid).toEqual([]);
  });
});
