import { ContactPadAdapter } from './adapter';
import type { AdapterEventName } from './events';
import { ADAPTER_EVENTS } from './events';
import { fakeSockets, interactionFixture, jestTimers, welcomeFixture } from './testing';

beforeEach(() => jest.useFakeTimers({ now: 1_795_000_000_000 }));
afterEach(() => jest.useRealTimers());

async function connected(interactions = [interactionFixture()]) {
  const { factory, sockets } = fakeSockets();
  const adapter = new ContactPadAdapter({
    url: 'ws://x/v1/agent',
    token: async () => 't',
    socket: factory,
    timers: jestTimers,
  });
  const seen: { name: AdapterEventName; detail: unknown }[] = [];
  for (const name of ADAPTER_EVENTS)
    adapter.on(name, (event) => seen.push({ name, detail: event.detail }));
  adapter.connect();
  await jest.advanceTimersByTimeAsync(0);
  const socket = sockets[0]!;
  socket.open();
  socket.receive(welcomeFixture({}, interactions));
  return { adapter, socket, seen };
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
    const done = adapter.hold('i-1');
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
    await expect(adapter.hold('i-1')).rejects.toMatchObject({
      code: 'not-allowed',
      interactionId: 'i-1',
    });
    await expect(adapter.abandon('i-1')).rejects.toMatchObject({
      message: 'Abandon is only for when Release is not working.',
    });
    await expect(adapter.release('nope')).rejects.toMatchObject({ code: 'not-found' });
    expect(socket.sent.map((m) => m.type)).toEqual(['hello']);
  });

  it('starts a consult and reports the consult id from the ack', async () => {
    const { adapter, socket } = await connected();
    const done = adapter.consult('i-1', { type: 'number', number: '+442071234567' });
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
});
