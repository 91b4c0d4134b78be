import type { AgentState } from '../protocol';
import { ContactPadAdapter } from './adapter';
import type { AdapterEventName } from './events';
import { ADAPTER_EVENTS } from './events';
import {
  agentFixture,
  fakeSockets,
  interactionFixture,
  jestTimers,
  welcomeFixture,
} from './testing';

beforeEach(() => jest.useFakeTimers({ now: 1_795_000_000_000 }));
afterEach(() => jest.useRealTimers());

async function connected(interactions = [interactionFixture()], state: AgentState = 'busy') {
  const { factory, sockets } = fakeSockets();
  const adapter = new ContactPadAdapter({
    url: 'ws://x/v1/agent',
    token: async () => 't',
    socket: factory,
    timers: jestTimers,
    // Halfway through each backoff window: a retry never fires within the same tick as the drop.
    random: () => 0.5,
  });
  const seen: { name: AdapterEventName; detail: unknown }[] = [];
  for (const name of ADAPTER_EVENTS)
    adapter.on(name, (event) => seen.push({ name, detail: event.detail }));
  adapter.connect();
  await jest.advanceTimersByTimeAsync(0);
  const socket = sockets[0]!;
  socket.open();
  const welcome = welcomeFixture({}, interactions);
  socket.receive({
    ...welcome,
    snapshot: { ...welcome.snapshot!, agent: agentFixture({ state }) },
  });
  return { adapter, socket, seen, sockets };
}

describe('ContactPadAdapter', () => {
  it('turns the welcome and each event into typed lowercase events with small details', async () => {
    const { seen, socket } = await connected();
    expect(seen.map((e) => e.name)).toEqual([
      'connectionchange',
      'statereset',
      'selectionchange',
      'connectionchange',
    ]);
    seen.length = 0;
    socket.receive({
      v: 1,
      type: 'interaction.added',
      seq: 1,
      interaction: interactionFixture({ id: 'i-2' }),
    });
    socket.receive({
      v: 1,
      type: 'interaction.removed',
      seq: 2,
      interactionId: 'i-2',
      reason: 'transferred',
    });
    expect(seen).toEqual([
      { name: 'interactionadd', detail: { interactionId: 'i-2' } },
      { name: 'interactionremove', detail: { interactionId: 'i-2', reason: 'transferred' } },
    ]);
  });

  it('sends an allowed action with the version the agent saw and resolves on the ack', async () => {
    const { adapter, socket } = await connected([interactionFixture({ version: 4 })]);
    const done = adapter.act('hold', 'i-1');
    const sent = socket.last('hold')!;
    expect(sent).toMatchObject({ interactionId: 'i-1', version: 4 });
    socket.receive({
      v: 1,
      type: 'ack',
      id: sent.id,
      seq: 0,
      interactionId: null,
      consultId: null,
    });
    await expect(done).resolves.toEqual({ interactionId: null, consultId: null });
  });

  it('refuses a disallowed action at once with the reason, sending nothing', async () => {
    const { adapter, socket } = await connected([
      interactionFixture({ kind: 'semi-live', channel: 'chat' }),
    ]);
    await expect(adapter.act('hold', 'i-1')).rejects.toMatchObject({
      code: 'not-allowed',
      interactionId: 'i-1',
    });
    await expect(adapter.act('abandon', 'i-1')).rejects.toMatchObject({
      message: 'Abandon is only for when Release is not working.',
    });
    await expect(adapter.act('release', 'nope')).rejects.toMatchObject({ code: 'not-found' });
    expect(socket.sent.map((m) => m.type)).toEqual(['hello']);
  });

  it('starts a consult and reports the consult id from the ack', async () => {
    const { adapter, socket } = await connected();
    const done = adapter.act('consult', 'i-1', { type: 'number', number: '+442071234567' });
    const sent = socket.last('consult.start')!;
    expect(sent.target).toEqual({ type: 'number', number: '+442071234567' });
    socket.receive({
      v: 1,
      type: 'ack',
      id: sent.id,
      seq: 0,
      interactionId: null,
      consultId: 'k-9',
    });
    await expect(done).resolves.toEqual({ interactionId: null, consultId: 'k-9' });
  });

  it('selects an interaction (B4) and reports the selection', async () => {
    const { adapter, socket, seen } = await connected([
      interactionFixture({ id: 'a' }),
      interactionFixture({ id: 'b' }),
    ]);
    expect(adapter.current?.id).toBe('a');
    seen.length = 0;
    adapter.select('b');
    expect(adapter.current?.id).toBe('b');
    expect(seen).toEqual([{ name: 'selectionchange', detail: { interactionId: 'b' } }]);
    expect(() => adapter.select('zzz')).toThrow(/no interaction/);
    expect(socket.sent.map((m) => m.type)).toEqual(['hello']);
  });

  it('reports a bad frame from the service as an adaptererror', async () => {
    const { socket, seen } = await connected();
    seen.length = 0;
    socket.receiveRaw('{"v":1,"type":"agent.changed","seq":1,"agent":{}}');
    expect(seen).toEqual([
      {
        name: 'adaptererror',
        detail: { error: expect.objectContaining({ code: 'missing-field' }) },
      },
    ]);
  });

  describe('while the state is not confirmed', () => {
    /** Drops the socket; the adapter is then reconnecting (backoff: up to 0.5 s). */
    const drop = async (t: Awaited<ReturnType<typeof connected>>, code = 1006) => {
      t.socket.drop(code);
      await jest.advanceTimersByTimeAsync(0);
    };
    /** The next socket opens and the service answers its hello. */
    const answer = async (
      t: Awaited<ReturnType<typeof connected>>,
      welcome: ReturnType<typeof welcomeFixture>,
    ) => {
      await jest.advanceTimersByTimeAsync(1000);
      const next = t.sockets.at(-1)!;
      next.open();
      next.receive(welcome);
      return next;
    };

    it('refuses every action with the reason until resumed, then all is as it was', async () => {
      const t = await connected([interactionFixture({ state: 'held' })]);
      expect(t.adapter.unconfirmed).toBeNull();
      await drop(t);
      expect(t.adapter.connectionState.status).toBe('reconnecting');
      expect(t.adapter.unconfirmed).toBe('reconnecting');
      const actions = t.adapter.actions('i-1');
      expect(actions.release).toEqual({ allowed: false, reason: 'reconnecting' });
      expect(actions.retrieve).toEqual({ allowed: false, reason: 'reconnecting' });
      await expect(t.adapter.act('release', 'i-1')).rejects.toMatchObject({
        code: 'unavailable',
        message: 'Reconnecting to the routing service.',
        interactionId: 'i-1',
      });
      await expect(t.adapter.setPresence('away')).rejects.toMatchObject({ code: 'unavailable' });
      expect(t.adapter.store.interactions.map((i) => i.id)).toEqual(['i-1']);

      t.seen.length = 0;
      const next = await answer(t, welcomeFixture({ resumed: true, snapshot: null }));
      expect(t.adapter.unconfirmed).toBeNull();
      expect(t.adapter.actions('i-1').retrieve).toEqual({ allowed: true, reason: null });
      expect(t.adapter.lost).toBeNull();
      expect(t.seen.map((e) => e.name)).not.toContain('statereset');
      expect(t.seen.map((e) => e.name)).not.toContain('lostchange');
      expect(next.sent.map((m) => m.type)).toEqual(['hello']);
    });

    it('says which interactions a refused resume lost and the state now; dismissed on request', async () => {
      const t = await connected([
        interactionFixture({ id: 'i-1', kind: 'semi-live', channel: 'chat' }),
        interactionFixture({ id: 'i-2' }),
      ]);
      await drop(t, 4503);
      t.seen.length = 0;
      const fresh = welcomeFixture({ sessionId: 's-2' }, []);
      await answer(t, {
        ...fresh,
        snapshot: { ...fresh.snapshot!, agent: agentFixture({ state: 'logged-out' }) },
      });
      expect(t.seen.map((e) => e.name)).toEqual([
        'connectionchange', // connecting
        'statereset',
        'selectionchange',
        'lostchange',
        'connectionchange',
      ]);
      expect(t.adapter.lost?.interactions.map((i) => [i.id, i.channel])).toEqual([
        ['i-1', 'chat'],
        ['i-2', 'voice'],
      ]);
      expect(t.adapter.lost).toMatchObject({ stateBefore: 'busy', stateAfter: 'logged-out' });
      expect(t.adapter.unconfirmed).toBeNull();
      t.seen.length = 0;
      t.adapter.dismissLost();
      expect(t.adapter.lost).toBeNull();
      expect(t.seen).toEqual([{ name: 'lostchange', detail: null }]);
      t.adapter.dismissLost();
      expect(t.seen).toHaveLength(1);
    });

    it('is disconnected after disconnect(), and replaced after tooManySessions (no retry)', async () => {
      const t = await connected();
      t.socket.drop(4409, 'a newer session took its place');
      await jest.advanceTimersByTimeAsync(60_000);
      expect(t.sockets).toHaveLength(1);
      expect(t.adapter.unconfirmed).toBe('replaced');
      expect(t.adapter.actions('i-1').release.reason).toBe('replaced');
      const other = await connected();
      other.adapter.disconnect();
      expect(other.adapter.unconfirmed).toBe('disconnected');
    });
  });
});
