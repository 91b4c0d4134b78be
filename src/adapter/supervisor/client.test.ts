import type { AgentStats, ServerMessage, ServiceStats } from '../../protocol';
import { ProtocolError } from '../../protocol';
import { fakeSockets, jestTimers } from '../testing';
import type { SupervisorView } from './client';
import { createSupervisorClient, supervisorUrl } from './client';

const service = (change: Partial<ServiceStats> = {}): ServiceStats => ({
  id: 'billing',
  name: 'Billing',
  waiting: 2,
  oldestWaitingSince: 1_795_000_000_000,
  inProgress: 1,
  assignedToday: 5,
  abandonedToday: 1,
  ...change,
});
const agent = (change: Partial<AgentStats> = {}): AgentStats => ({
  id: 'ann',
  name: 'Ann Lee',
  state: 'ready',
  presence: 'available-now',
  stateSince: 1_795_000_000_000,
  awayReason: null,
  setBy: null,
  services: ['billing'],
  capacityUsed: { call: 0, video: 0, chat: 0, email: 0, case: 0 },
  interactions: [],
  ...change,
});

const welcome = (sessionId: string, resumed: boolean, seq: number): ServerMessage => ({
  v: 1,
  type: 'welcome',
  sessionId,
  resumed,
  seq,
  now: 1_795_000_000_000,
  heartbeatSeconds: 15,
  snapshot: null,
});

function setUp() {
  const { factory, sockets } = fakeSockets();
  const views: SupervisorView[] = [];
  const client = createSupervisorClient(
    { url: 'wss://routing.example.com/v1/agent', getToken: () => Promise.resolve('sup-token') },
    { socket: factory, timers: jestTimers, random: () => 0 },
  );
  client.subscribe((view) => views.push(view));
  const last = () => views[views.length - 1] as SupervisorView;
  return { client, sockets, views, last };
}

async function connect(sockets: ReturnType<typeof fakeSockets>['sockets'], index = 0) {
  await jest.advanceTimersByTimeAsync(0);
  const socket = sockets[index];
  if (socket === undefined) throw new Error('no socket opened');
  socket.open();
  return socket;
}

/** A fresh session's welcome and its one-part snapshot. */
function welcomeWith(
  socket: Awaited<ReturnType<typeof connect>>,
  services: ServiceStats[],
  agents: AgentStats[],
) {
  socket.receive(welcome('s-1', false, 0));
  socket.receive({
    v: 1,
    type: 'supervisor.snapshot',
    seq: 1,
    at: 1,
    part: 0,
    parts: 1,
    awayReasons: ['Coaching'],
    services,
    agents,
  });
}

beforeEach(() => jest.useFakeTimers({ now: 1_795_000_000_000 }));
afterEach(() => jest.useRealTimers());

describe('the supervisor client', () => {
  it('opens /v1/supervisor with the token, and shows the snapshot once all its parts are in', async () => {
    const { sockets, last, client } = setUp();
    expect(last().connection).toBe('connecting');
    const socket = await connect(sockets);
    expect(socket.url).toBe('wss://routing.example.com/v1/supervisor');
    expect(socket.last('hello')?.token).toBe('sup-token');
    socket.receive(welcome('s-1', false, 0));
    socket.receive({
      v: 1,
      type: 'supervisor.snapshot',
      seq: 1,
      at: 1_795_000_001_000,
      part: 0,
      parts: 2,
      awayReasons: ['Lunch'],
      services: [service()],
      agents: [agent({ id: 'zed', name: 'Zed Ray' })],
    });
    expect(last().connection).toBe('connecting');
    socket.receive({
      v: 1,
      type: 'supervisor.snapshot',
      seq: 2,
      at: 1_795_000_001_000,
      part: 1,
      parts: 2,
      awayReasons: ['Lunch'],
      services: [],
      agents: [agent()],
    });
    expect(last()).toMatchObject({
      connection: 'live',
      at: new Date(1_795_000_001_000).toISOString(),
      awayReasons: ['Lunch'],
      services: [service()],
    });
    expect(last().agents.map((each) => each.name)).toEqual(['Ann Lee', 'Zed Ray']);
    client.close();
  });

  it('applies changes as whole entries and drops what is gone', async () => {
    const { sockets, last, client } = setUp();
    const socket = await connect(sockets);
    welcomeWith(
      socket,
      [service(), service({ id: 'sales', name: 'Sales' })],
      [agent(), agent({ id: 'bob', name: 'Bob Stone' })],
    );
    const away = agent({
      state: 'away',
      presence: 'logged-in',
      awayReason: 'Coaching',
      setBy: { id: 'sue', name: 'Sue Park' },
    });
    socket.receive({
      v: 1,
      type: 'supervisor.changed',
      seq: 2,
      at: 2,
      awayReasons: ['Coaching', 'Lunch'],
      services: [service({ waiting: 7 })],
      agents: [away],
      removedServices: ['sales'],
      removedAgents: ['bob'],
    });
    expect(last().services).toEqual([service({ waiting: 7 })]);
    expect(last().agents).toEqual([away]);
    expect(last().awayReasons).toEqual(['Coaching', 'Lunch']);
    client.close();
  });

  it('resumes from the last seq after the socket drops, and says the view is lost meanwhile', async () => {
    const { sockets, last, client } = setUp();
    const socket = await connect(sockets);
    welcomeWith(socket, [service()], [agent()]);
    socket.drop(1006, 'gone');
    expect(last().connection).toBe('lost');
    expect(last().services).toEqual([service()]);
    await jest.advanceTimersByTimeAsync(1000);
    const again = await connect(sockets, 1);
    expect(again.last('hello')?.resume).toEqual({ sessionId: 's-1', lastSeq: 1 });
    again.receive(welcome('s-1', true, 1));
    expect(last().connection).toBe('live');
    again.receive({
      v: 1,
      type: 'supervisor.changed',
      seq: 2,
      at: 3,
      awayReasons: null,
      services: [service({ waiting: 0 })],
      agents: [],
      removedServices: [],
      removedAgents: [],
    });
    expect(last().services[0]?.waiting).toBe(0);
    expect(last().awayReasons).toEqual(['Coaching']);
    client.close();
  });

  it('sets presence through a command and answers its ack', async () => {
    const { sockets, client } = setUp();
    const socket = await connect(sockets);
    socket.receive(welcome('s-1', false, 0));
    const done = client.setPresence('ann', 'away', 'Coaching');
    const sent = socket.last('supervisor.presence.set');
    expect(sent).toMatchObject({ agentId: 'ann', presence: 'away', reason: 'Coaching' });
    socket.receive({
      v: 1,
      type: 'ack',
      id: sent?.id ?? '',
      seq: 0,
      interactionId: null,
      consultId: null,
    });
    await expect(done).resolves.toBeUndefined();
    client.close();
  });

  it('rejects a refused command with its code and words, and bad input before sending', async () => {
    const { sockets, client } = setUp();
    const socket = await connect(sockets);
    socket.receive(welcome('s-1', false, 0));
    const refused = client.setPresence('ann', 'away', 'Lunch');
    const sent = socket.last('supervisor.presence.set');
    socket.receive({
      v: 1,
      type: 'error',
      id: sent?.id ?? null,
      code: 'bad-field',
      message: "reason must be one of the account's: Coaching",
      messageType: 'supervisor.presence.set',
      field: 'reason',
      interactionId: null,
      currentVersion: null,
    });
    await expect(refused).rejects.toMatchObject({
      code: 'bad-field',
      message: "reason must be one of the account's: Coaching",
    });
    const count = socket.sent.length;
    await expect(client.setPresence('not an id', 'away', 'Coaching')).rejects.toBeInstanceOf(
      ProtocolError,
    );
    expect(socket.sent.length).toBe(count);
    client.close();
  });

  it('stops calling listeners that unsubscribed, and closes its socket', async () => {
    const { sockets, client, views } = setUp();
    const socket = await connect(sockets);
    const seen: SupervisorView[] = [];
    const stop = client.subscribe((view) => seen.push(view));
    stop();
    socket.receive(welcome('s-1', false, 0));
    expect(seen).toHaveLength(1);
    expect(views.length).toBeGreaterThan(1);
    client.close();
    expect(socket.closedWith?.code).toBe(1000);
  });
});

describe('supervisorUrl', () => {
  it.each([
    ['wss://r.example.com/v1/agent', 'wss://r.example.com/v1/supervisor'],
    ['wss://r.example.com/v1/supervisor', 'wss://r.example.com/v1/supervisor'],
    ['https://r.example.com/', 'wss://r.example.com/v1/supervisor'],
    ['http://127.0.0.1:4280', 'ws://127.0.0.1:4280/v1/supervisor'],
  ])('%s -> %s', (given, url) => expect(supervisorUrl(given)).toBe(url));
});
