/** Test support: a fake socket factory whose sockets the test opens, feeds and closes by hand. */
import type {
  Agent,
  ClientMessage,
  Consult,
  Interaction,
  ServerMessage,
  ServerMessageOf,
  Settings,
} from '../protocol';
import { parse, stringify } from '../protocol';
import type { AdapterSocket, SocketFactory, SocketHandlers, Timers } from './connection';

export class FakeSocket implements AdapterSocket {
  readonly sent: ClientMessage[] = [];
  closedWith: { code: number; reason: string } | null = null;

  constructor(
    readonly url: string,
    private readonly handlers: SocketHandlers,
  ) {}

  send(text: string): void {
    const parsed = parse(text, 'client');
    if (!parsed.ok) throw parsed.error;
    this.sent.push(parsed.message);
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }

  /** The service side: accept the connection. */
  open(): void {
    this.handlers.open();
  }

  /** The service side: send a message (validated like the real service would). */
  receive(message: ServerMessage): void {
    this.handlers.message(stringify(message, 'server'));
  }

  receiveRaw(text: string): void {
    this.handlers.message(text);
  }

  /** The service side (or the network) closes the socket. */
  drop(code = 1006, reason = ''): void {
    this.handlers.close(code, reason);
  }

  last<T extends ClientMessage['type']>(type: T): Extract<ClientMessage, { type: T }> | undefined {
    return [...this.sent].reverse().find((m) => m.type === type) as
      Extract<ClientMessage, { type: T }> | undefined;
  }
}

export function fakeSockets(): { factory: SocketFactory; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = [];
  return {
    sockets,
    factory: (url, handlers) => {
      const socket = new FakeSocket(url, handlers);
      sockets.push(socket);
      return socket;
    },
  };
}

/** Timers over the global ones, so jest's fake timers drive them. */
export const jestTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export const settingsFixture = (change: Partial<Settings> = {}): Settings => ({
  consultTimeoutSeconds: 30,
  wrapSeconds: 20,
  releaseTimeoutSeconds: 10,
  dispositions: ['Resolved'],
  ...change,
  features: {
    multiInteraction: true,
    crossMediaConsult: true,
    transferToService: true,
    callLogging: false,
    ...change.features,
  },
  weights: { live: 100, 'semi-live': 25, 'non-live': 20, ...change.weights },
});

export const agentFixture = (change: Partial<Agent> = {}): Agent => ({
  id: 'ann',
  name: 'Ann Lee',
  state: 'ready',
  stateSince: 1_795_000_000_000,
  weights: { live: 100, 'semi-live': 25, 'non-live': 20 },
  capacityUsed: 0,
  draining: false,
  wrapEndsAt: null,
  pendingLogs: [],
  ...change,
});

export const interactionFixture = (change: Partial<Interaction> = {}): Interaction => ({
  id: 'i-1',
  version: 1,
  kind: 'live',
  channel: 'voice',
  direction: 'inbound',
  state: 'active',
  stateSince: 1_795_000_000_000,
  customer: { name: 'John Smith', phone: '+14155550100', email: null },
  record: null,
  searchKeys: ['+14155550100'],
  subject: null,
  serviceId: 'sales',
  serviceName: 'Sales',
  priority: 5,
  enqueuedAt: 1_795_000_000_000,
  assignedAt: 1_795_000_000_000,
  consultId: null,
  releaseFailure: null,
  ...change,
});

export const consultFixture = (change: Partial<Consult> = {}): Consult => ({
  id: 'k-1',
  interactionId: 'i-1',
  initiatorId: 'ann',
  initiatorName: 'Ann Lee',
  target: { type: 'agent', id: 'bob' },
  targetName: 'Bob Stone',
  state: 'ringing',
  ringingUntil: 1_795_000_030_000,
  legId: null,
  endReason: null,
  ...change,
});

export const welcomeFixture = (
  change: Partial<ServerMessageOf<'welcome'>> = {},
  interactions: Interaction[] = [],
): ServerMessageOf<'welcome'> => ({
  v: 1,
  type: 'welcome',
  sessionId: 's-1',
  resumed: false,
  seq: 0,
  now: 1_795_000_000_000,
  heartbeatSeconds: 15,
  snapshot: { agent: agentFixture(), settings: settingsFixture(), interactions, consults: [] },
  ...change,
});
