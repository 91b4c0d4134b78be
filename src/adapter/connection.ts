/**
 * The adapter's connection to the routing service: hello/welcome, heartbeats, reconnect with capped
 * exponential backoff and full jitter, resume from the last `seq`, commands as promises answered by
 * `ack` or a typed error (kept by pendingCommands.ts). Framework-free: the socket, the timers, the
 * clock (platform.ts) and the randomness are injected, so the same code runs in a Lightning Web
 * Component, in Node and under a fake clock.
 */
import type { ClientMessage, Command, CommandBody, Event, ServerMessageOf } from '../protocol';
import {
  closePolicy,
  CLOSE_CODES,
  HEARTBEAT_SECONDS,
  parse,
  PROTOCOL_VERSION,
  ProtocolError,
  stringify,
  SUPPORTED_VERSIONS,
} from '../protocol';
import { withAccountHint } from './accountHint';
import { errorOf, PendingCommands } from './pendingCommands';
import type { AdapterSocket, SocketFactory, SocketHandlers, Timers } from './platform';

export type ConnectionState =
  | { readonly status: 'idle' }
  | { readonly status: 'connecting'; readonly attempt: number }
  | { readonly status: 'connected'; readonly sessionId: string }
  | {
      readonly status: 'reconnecting';
      readonly attempt: number;
      readonly nextTryAt: number;
      readonly reason: string;
    }
  | { readonly status: 'failed'; readonly reason: string; readonly code: number | null };

export interface ConnectionOptions {
  readonly url: string;
  /** A fresh agent token (in Salesforce: from the package's Apex class). */
  readonly token: () => Promise<string>;
  readonly socket: SocketFactory;
  readonly timers: Timers;
  readonly random?: () => number;
  readonly client?: { readonly name: string; readonly version: string };
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  /** How long a command may wait for its answer while connected. */
  readonly commandTimeoutMs?: number;
}

export interface ConnectionListener {
  /** A welcome: a fresh session (snapshot to load) or a resumed one (events follow). */
  welcome(welcome: ServerMessageOf<'welcome'>): void;
  /** An event in order: seq checked, no gap, no repeat. */
  event(event: Event): void;
  state(state: ConnectionState): void;
  /** A frame or error that concerns no command (bad frame from the service, unsolicited error). */
  problem(error: ProtocolError): void;
  /** A bridge message another session of the agent sent (JSON text, not yet parsed). */
  bridge?(message: string): void;
}

/** Full jitter: a random delay up to min(max, base x 2^attempt). */
export function backoffDelay(
  attempt: number,
  random: number,
  baseMs = 500,
  maxMs = 30_000,
): number {
  return Math.floor(random * Math.min(maxMs, baseMs * 2 ** attempt));
}

export class Connection {
  private socket: AdapterSocket | null = null;
  private stateValue: ConnectionState = { status: 'idle' };
  private sessionId: string | null = null;
  private lastSeq = 0;
  private attempt = 0;
  private counter = 0;
  private readonly commands: PendingCommands;
  private retryTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private heartbeatSeconds = HEARTBEAT_SECONDS;
  private lastHeardAt = 0;
  private welcomed = false;
  private stopped = true;
  /** Bumped on every new socket, so handlers of an old socket do nothing. */
  private generation = 0;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly listener: ConnectionListener,
  ) {
    this.commands = new PendingCommands(
      options.timers,
      options.commandTimeoutMs ?? 15_000,
      (text) => this.socket?.send(text),
    );
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** Starts connecting; reconnects by itself until `stop()` or a fatal close. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempt = 0;
    void this.open();
  }

  /** Closes on purpose; pending commands are rejected. */
  stop(): void {
    this.stopped = true;
    this.clearTimers();
    this.generation++;
    this.socket?.close(CLOSE_CODES.normal, 'signed out');
    this.socket = null;
    this.commands.rejectAll('the connection was closed');
    this.setState({ status: 'idle' });
  }

  /** Sends a command; resolves with its ack, rejects with a typed ProtocolError. */
  send(body: CommandBody): Promise<ServerMessageOf<'ack'>> {
    const frame = {
      v: PROTOCOL_VERSION,
      id: `c${++this.counter}-${this.options.timers.now().toString(36)}`,
      ...body,
    } as ClientMessage;
    return new Promise((resolve, reject) => {
      try {
        stringify(frame, 'client');
      } catch (caught) {
        reject(caught);
        return;
      }
      if (this.stateValue.status !== 'connected') {
        reject(new ProtocolError('unavailable', 'not connected to the routing service', body.type));
        return;
      }
      this.commands.add(frame as Command, resolve, reject);
    });
  }

  private async open(): Promise<void> {
    const generation = ++this.generation;
    this.welcomed = false;
    this.setState({ status: 'connecting', attempt: this.attempt });
    let token: string;
    try {
      token = await this.options.token();
    } catch (caught) {
      if (generation !== this.generation) return;
      this.retry(`no token: ${caught instanceof Error ? caught.message : String(caught)}`);
      return;
    }
    if (generation !== this.generation || this.stopped) return;
    const handlers: SocketHandlers = {
      open: () => {
        if (generation !== this.generation) return;
        this.lastHeardAt = this.options.timers.now();
        this.socket?.send(
          stringify(
            {
              v: PROTOCOL_VERSION,
              type: 'hello',
              versions: [...SUPPORTED_VERSIONS],
              token,
              client: this.options.client ?? { name: 'contactpad', version: '0.1.0' },
              resume:
                this.sessionId === null
                  ? null
                  : { sessionId: this.sessionId, lastSeq: this.lastSeq },
            },
            'client',
          ),
        );
        this.armHeartbeat();
      },
      message: (text) => {
        if (generation === this.generation) this.receive(text);
      },
      close: (code, reason) => {
        if (generation === this.generation) this.closed(code, reason);
      },
    };
    try {
      this.socket = this.options.socket(withAccountHint(this.options.url, token), handlers);
    } catch (caught) {
      this.retry(
        `cannot open the socket: ${caught instanceof Error ? caught.message : String(caught)}`,
      );
    }
  }

  private receive(text: string): void {
    this.lastHeardAt = this.options.timers.now();
    const parsed = parse(text, 'server');
    if (!parsed.ok) {
      this.listener.problem(parsed.error);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'welcome':
        this.welcome(message);
        return;
      case 'ack':
      case 'error':
        if (!this.commands.answer(message) && message.type === 'error') {
          this.listener.problem(errorOf(message));
        }
        return;
      case 'ping':
        this.socket?.send(
          stringify(
            {
              v: PROTOCOL_VERSION,
              type: 'pong',
              nonce: message.nonce,
              now: this.options.timers.now(),
            },
            'client',
          ),
        );
        return;
      case 'pong':
        return;
      case 'bridge.message':
        if (this.welcomed) this.listener.bridge?.(message.message);
        return;
      default:
        if (!this.welcomed) return;
        if (message.seq <= this.lastSeq) return;
        if (message.seq !== this.lastSeq + 1) {
          // A gap: reconnect and resume from what we have; the service replays or sends a snapshot.
          this.drop(CLOSE_CODES.normal, `events ${this.lastSeq + 1}-${message.seq - 1} missing`);
          return;
        }
        this.lastSeq = message.seq;
        this.listener.event(message);
    }
  }

  private welcome(welcome: ServerMessageOf<'welcome'>): void {
    const resumed = welcome.resumed && welcome.sessionId === this.sessionId;
    this.sessionId = welcome.sessionId;
    this.lastSeq = welcome.seq;
    this.heartbeatSeconds = welcome.heartbeatSeconds;
    this.armHeartbeat();
    this.welcomed = true;
    this.attempt = 0;
    this.listener.welcome(welcome);
    // The commands of before are settled first, so a listener of the `connected` state may send
    // new ones (the bridge's hello and announce) without them being taken for lost.
    if (resumed) {
      // The service kept our command ids: resending gives each command its one answer.
      this.commands.resendAll();
    } else {
      this.commands.rejectAll('the connection was lost; check the interaction and try again');
    }
    this.setState({ status: 'connected', sessionId: welcome.sessionId });
  }

  private closed(code: number, reason: string): void {
    this.clearTimers();
    this.socket = null;
    if (this.stopped) return;
    const policy = closePolicy(code);
    if (!policy.retry) {
      this.stopped = true;
      this.commands.rejectAll(`the routing service closed the connection (${code})`);
      this.setState({ status: 'failed', reason: reason || policy.why, code });
      return;
    }
    this.retry(reason || policy.why);
  }

  private retry(reason: string): void {
    if (this.stopped) return;
    const delay = backoffDelay(
      this.attempt,
      (this.options.random ?? Math.random)(),
      this.options.backoff?.baseMs,
      this.options.backoff?.maxMs,
    );
    this.attempt++;
    this.setState({
      status: 'reconnecting',
      attempt: this.attempt,
      nextTryAt: this.options.timers.now() + delay,
      reason,
    });
    this.retryTimer = this.options.timers.setTimeout(() => {
      this.retryTimer = null;
      void this.open();
    }, delay);
  }

  /** Pings every heartbeat period; two periods of silence drop the socket (then resume). */
  private armHeartbeat(): void {
    this.options.timers.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = this.options.timers.setTimeout(() => {
      const silent = this.options.timers.now() - this.lastHeardAt;
      if (silent > 2 * this.heartbeatSeconds * 1000) {
        this.drop(CLOSE_CODES.heartbeatTimeout, 'the routing service went silent');
        return;
      }
      if (this.welcomed) {
        this.socket?.send(
          stringify(
            {
              v: PROTOCOL_VERSION,
              type: 'ping',
              nonce: ++this.counter % 4_294_967_296,
              now: this.options.timers.now(),
            },
            'client',
          ),
        );
      }
      this.armHeartbeat();
    }, this.heartbeatSeconds * 1000);
  }

  /** Closes the socket ourselves and reconnects; its own close event is then ignored. */
  private drop(code: number, reason: string): void {
    this.generation++;
    this.socket?.close(code, reason);
    this.socket = null;
    this.clearTimers();
    this.retry(reason);
  }

  private clearTimers(): void {
    this.options.timers.clearTimeout(this.retryTimer);
    this.options.timers.clearTimeout(this.heartbeatTimer);
    this.retryTimer = null;
    this.heartbeatTimer = null;
  }

  private setState(state: ConnectionState): void {
    this.stateValue = state;
    this.listener.state(state);
  }
}
