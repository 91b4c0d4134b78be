import type { ServerMessage } from '../protocol';
import { ProtocolError } from '../protocol';
import type { ConnectionListener, ConnectionState } from './connection';
import { backoffDelay, Connection } from './connection';
import { fakeSockets, interactionFixture, jestTimers, welcomeFixture } from './testing';

function setup(random = 0.5) {
  const { factory, sockets } = fakeSockets();
  const states: ConnectionState[] = [];
  const events: ServerMessage[] = [];
  const welcomes: boolean[] = [];
  const problems: ProtocolError[] = [];
  const listener: ConnectionListener = {
    welcome: (welcome) => welcomes.push(welcome.resumed),
    event: (event) => events.push(event),
    state: (state) => states.push(state),
    problem: (error) => problems.push(error),
  };
  let tokens = 0;
  const connection = new Connection(
    {
      url: 'ws://127.0.0.1:1/v1/agent',
      token: async () => `token-${++tokens}`,
      socket: factory,
      timers: jestTimers,
      random: () => random,
      backoff: { baseMs: 1000, maxMs: 8000 },
      commandTimeoutMs: 5000,
    },
    listener,
  );
  /** Starts, opens the socket, answers hello with a welcome. */
  const connect = async (welcome = welcomeFixture()) => {
    connection.start();
    await jest.advanceTimersByTimeAsync(0);
    const socket = sockets[sockets.length - 1]!;
    socket.open();
    socket.receive(welcome);
    return socket;
  };
  return {
    connection,
    sockets,
    states,
    events,
    welcomes,
    problems,
    connect,
    tokenCount: () => tokens,
  };
}

const event = (seq: number, id = `i-${seq}`): ServerMessage => ({
  v: 1,
  type: 'interaction.added',
  seq,
  interaction: interactionFixture({ id }),
});

beforeEach(() => jest.useFakeTimers({ now: 1_795_000_000_000 }));
afterEach(() => jest.useRealTimers());

describe('Connection', () => {
  it('says hello with a fresh token and the versions it speaks, then is connected', async () => {
    const t = setup();
    const socket = await t.connect();
    expect(socket.sent[0]).toMatchObject({
      type: 'hello',
      token: 'token-1',
      versions: [1],
      resume: null,
    });
    expect(t.connection.state).toEqual({ status: 'connected', sessionId: 's-1' });
    expect(t.states.map((s) => s.status)).toEqual(['connecting', 'connected']);
  });

  it('passes events on in order and ignores repeats', async () => {
    const t = setup();
    const socket = await t.connect();
    socket.receive(event(1));
    socket.receive(event(2));
    socket.receive(event(2));
    expect(t.events.map((e) => ('seq' in e ? e.seq : null))).toEqual([1, 2]);
  });

  it('resolves a command on its ack and rejects on its error with the typed error', async () => {
    const t = setup();
    const socket = await t.connect();
    const done = t.connection.send({ type: 'presence.set', state: 'away', reason: null });
    const sent = socket.last('presence.set')!;
    socket.receive({
      v: 1,
      type: 'ack',
      id: sent.id,
      seq: 0,
      interactionId: null,
      consultId: null,
    });
    await expect(done).resolves.toMatchObject({ type: 'ack', id: sent.id });

    const failed = t.connection.send({ type: 'release', interactionId: 'i-1', version: 1 });
    const release = socket.last('release')!;
    socket.receive({
      v: 1,
      type: 'error',
      id: release.id,
      code: 'conflict',
      message: 'stale',
      messageType: 'release',
      field: 'version',
      interactionId: 'i-1',
      currentVersion: 3,
    });
    await expect(failed).rejects.toMatchObject({
      code: 'conflict',
      interactionId: 'i-1',
      currentVersion: 3,
    });
    await expect(failed).rejects.toBeInstanceOf(ProtocolError);
  });

  it('rejects a command when not connected, and an invalid one before sending it', async () => {
    const t = setup();
    await expect(
      t.connection.send({ type: 'presence.set', state: 'ready', reason: null }),
    ).rejects.toMatchObject({ code: 'unavailable' });
    const socket = await t.connect();
    await expect(
      t.connection.send({ type: 'release', interactionId: 'bad id', version: 1 }),
    ).rejects.toMatchObject({
      code: 'bad-field',
      field: 'interactionId',
    });
    expect(socket.last('release')).toBeUndefined();
  });

  it('rejects a command the service does not answer in time', async () => {
    const t = setup();
    await t.connect();
    const done = t.connection.send({ type: 'presence.set', state: 'ready', reason: null });
    const expectation = expect(done).rejects.toMatchObject({ code: 'unavailable' });
    await jest.advanceTimersByTimeAsync(5001);
    await expectation;
  });

  it('reconnects with capped exponential backoff and full jitter, and resumes from the last seq', async () => {
    const t = setup(0.5);
    const socket = await t.connect();
    socket.receive(event(1));
    socket.receive(event(2));
    socket.drop(1006);
    expect(t.connection.state).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect((t.connection.state as { nextTryAt: number }).nextTryAt - Date.now()).toBe(500); // 0.5 x 1000 x 2^0
    await jest.advanceTimersByTimeAsync(500);
    const second = t.sockets[1]!;
    second.drop(1006);
    expect((t.connection.state as { nextTryAt: number }).nextTryAt - Date.now()).toBe(1000); // 0.5 x 2000
    await jest.advanceTimersByTimeAsync(1000);
    const third = t.sockets[2]!;
    third.open();
    expect(third.sent[0]).toMatchObject({
      type: 'hello',
      token: 'token-3',
      resume: { sessionId: 's-1', lastSeq: 2 },
    });
    third.receive(welcomeFixture({ resumed: true, seq: 2, snapshot: null }));
    third.receive(event(3));
    expect(t.welcomes).toEqual([false, true]);
    expect(t.events.map((e) => ('seq' in e ? e.seq : null))).toEqual([1, 2, 3]);
    expect(t.connection.state.status).toBe('connected');
  });

  it('caps the backoff', () => {
    expect(backoffDelay(20, 0.999, 1000, 8000)).toBe(7992);
    expect(backoffDelay(0, 0, 1000, 8000)).toBe(0);
  });

  it('resends pending commands after a resume, and rejects them after a fresh session', async () => {
    const t = setup(0);
    const socket = await t.connect();
    const kept = t.connection.send({ type: 'presence.set', state: 'away', reason: null });
    const id = socket.last('presence.set')!.id;
    socket.drop(1006);
    await jest.advanceTimersByTimeAsync(0);
    const again = t.sockets[1]!;
    again.open();
    again.receive(welcomeFixture({ resumed: true, snapshot: null }));
    expect(again.last('presence.set')?.id).toBe(id);
    again.receive({ v: 1, type: 'ack', id, seq: 0, interactionId: null, consultId: null });
    await expect(kept).resolves.toMatchObject({ id });

    const lost = t.connection.send({ type: 'presence.set', state: 'ready', reason: null });
    again.drop(1006);
    await jest.advanceTimersByTimeAsync(0);
    const fresh = t.sockets[2]!;
    fresh.open();
    fresh.receive(welcomeFixture({ sessionId: 's-2' }));
    await expect(lost).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('stays closed after a close the policy says not to retry, with the reason', async () => {
    const t = setup();
    const socket = await t.connect();
    socket.drop(4426, 'this service speaks versions 1');
    expect(t.connection.state).toEqual({
      status: 'failed',
      reason: 'this service speaks versions 1',
      code: 4426,
    });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('fetches a new token after unauthorised and retries', async () => {
    const t = setup(0);
    const socket = await t.connect();
    socket.drop(4401, 'unauthorised');
    await jest.advanceTimersByTimeAsync(0);
    t.sockets[1]!.open();
    expect(t.sockets[1]!.sent[0]).toMatchObject({ type: 'hello', token: 'token-2' });
  });

  it('retries when no token can be had', async () => {
    const { factory, sockets } = fakeSockets();
    const states: ConnectionState[] = [];
    let calls = 0;
    const connection = new Connection(
      {
        url: 'ws://x/v1/agent',
        token: async () => {
          calls++;
          if (calls === 1) throw new Error('Apex said no');
          return 'token';
        },
        socket: factory,
        timers: jestTimers,
        random: () => 0,
      },
      {
        welcome: () => undefined,
        event: () => undefined,
        state: (s) => states.push(s),
        problem: () => undefined,
      },
    );
    connection.start();
    await jest.advanceTimersByTimeAsync(0);
    expect(states).toContainEqual(
      expect.objectContaining({ status: 'reconnecting', reason: 'no token: Apex said no' }),
    );
    await jest.advanceTimersByTimeAsync(0);
    expect(sockets).toHaveLength(1);
  });

  it('pings every heartbeat period, answers pings, and drops a silent service', async () => {
    const t = setup(0);
    const socket = await t.connect(welcomeFixture({ heartbeatSeconds: 2 }));
    socket.receive({ v: 1, type: 'ping', nonce: 7, now: Date.now() });
    expect(socket.last('pong')).toMatchObject({ nonce: 7 });
    await jest.advanceTimersByTimeAsync(2000);
    expect(socket.last('ping')).toBeDefined();
    await jest.advanceTimersByTimeAsync(2000);
    expect(socket.closedWith).toBeNull();
    await jest.advanceTimersByTimeAsync(2000);
    expect(socket.closedWith?.code).toBe(4408);
    expect(t.connection.state.status).toBe('reconnecting');
  });

  it('treats a seq gap as a lost connection and resumes from the last good event', async () => {
    const t = setup(0);
    const socket = await t.connect();
    socket.receive(event(1));
    socket.receive(event(3));
    expect(t.events).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(0);
    t.sockets[1]!.open();
    expect(t.sockets[1]!.sent[0]).toMatchObject({ resume: { sessionId: 's-1', lastSeq: 1 } });
  });

  it('reports bad frames from the service without acting on them', async () => {
    const t = setup();
    const socket = await t.connect();
    socket.receiveRaw('{"v":1,"type":"interaction.added","seq":1}');
    socket.receiveRaw('not json');
    expect(t.problems.map((p) => p.code)).toEqual(['missing-field', 'bad-json']);
    expect(t.events).toHaveLength(0);
  });

  it('stops on purpose: closes normally, rejects what is pending, does not reconnect', async () => {
    const t = setup();
    const socket = await t.connect();
    const pending = t.connection.send({ type: 'presence.set', state: 'ready', reason: null });
    t.connection.stop();
    await expect(pending).rejects.toMatchObject({ code: 'unavailable' });
    expect(socket.closedWith?.code).toBe(1000);
    socket.drop(1000);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(1);
    expect(t.connection.state).toEqual({ status: 'idle' });
  });

  it('stays closed after tooManySessions: another session of the agent took its place', async () => {
    const t = setup();
    const socket = await t.connect();
    socket.drop(4409, '');
    expect(t.connection.state).toEqual({
      status: 'failed',
      reason: expect.stringMatching(/newer session/),
      code: 4409,
    });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('resumes after slowReader, from the last event it applied', async () => {
    const t = setup(0);
    const socket = await t.connect();
    socket.receive(event(1));
    socket.drop(4507, 'too much waited to be sent');
    expect(t.connection.state).toMatchObject({
      status: 'reconnecting',
      reason: 'too much waited to be sent',
    });
    await jest.advanceTimersByTimeAsync(0);
    t.sockets[1]!.open();
    expect(t.sockets[1]!.sent[0]).toMatchObject({ resume: { sessionId: 's-1', lastSeq: 1 } });
  });
});
