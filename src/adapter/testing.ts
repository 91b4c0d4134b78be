/** Test support: a fake socket factory whose sockets the test opens, feeds and closes by hand. */
import type { ClientMessage, ServerMessage } from '../protocol';
import { parse, stringify } from '../protocol';
import type { AdapterSocket, SocketFactory, SocketHandlers, Timers } from './platform';

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

export {
  agentFixture,
  consultFixture,
  interactionFixture,
  settingsFixture,
  welcomeFixture,
} from '../protocol/fixtures';
