/**
 * The supervisor client: a supervisor session (`/v1/supervisor`) over the adapter's connection
 * (hello/welcome, heartbeats, reconnect with backoff and resume from the last `seq`, commands
 * answered by `ack` or a typed error), and the figures it pushes as one plain view. Framework-free:
 * the supervisor page (`contactPadSupervisor`) imports it from `c/contactPadCore`.
 */
import type { AgentStats, ServiceStats } from '../../protocol';
import { ProtocolError } from '../../protocol';
import type { ConnectionState } from '../connection';
import { Connection } from '../connection';
import type { SocketFactory, Timers } from '../platform';
import { browserSocket } from '../platform';
import { SupervisorFigures } from './figures';

export interface SupervisorView {
  /** `connecting` until the first snapshot; `lost` while reconnecting (or failed for good). */
  readonly connection: 'connecting' | 'live' | 'lost';
  /** When the figures were true (ISO 8601); null before the first snapshot. */
  readonly at: string | null;
  /** The account's Away reasons (what `setPresence` may give for Away); null before the first snapshot. */
  readonly awayReasons: readonly string[] | null;
  readonly services: ServiceStats[];
  readonly agents: AgentStats[];
}

export interface SupervisorClientOptions {
  /**
   * The routing service's supervisor URL (`wss://host/v1/supervisor`); the agent URL
   * (`.../v1/agent`) or the service's base URL are taken to mean the same service.
   */
  readonly url: string;
  /** A fresh supervisor token for each connection. */
  readonly getToken: () => Promise<string>;
  /** The WebSocket constructor (the browser's by default; the `ws` package's in Node). */
  readonly WebSocket?: typeof WebSocket;
}

export interface SupervisorClient {
  /** Calls `listener` now and at each change; returns the function that stops it. */
  subscribe(listener: (view: SupervisorView) => void): () => void;
  /** Sets an agent Away or Logged out; rejects with a ProtocolError ({ code, message }). */
  setPresence(agentId: string, presence: 'away' | 'logged-out', reason: string): Promise<void>;
  close(): void;
}

/** What the client is built on, for tests (a fake socket and clock). */
export interface SupervisorClientParts {
  readonly socket?: SocketFactory;
  readonly timers?: Timers;
  readonly random?: () => number;
}

const SUPERVISOR_PATH = '/v1/supervisor';

/** The supervisor URL for what the caller gave: the same service's `/v1/supervisor`. */
export function supervisorUrl(url: string): string {
  const base = url.replace(/^http/, 'ws').replace(/\/+$/, '');
  if (base.endsWith(SUPERVISOR_PATH)) return base;
  return `${base.replace(/\/v1\/agent$/, '')}${SUPERVISOR_PATH}`;
}

const globalTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export function createSupervisorClient(
  options: SupervisorClientOptions,
  parts: SupervisorClientParts = {},
): SupervisorClient {
  const figures = new SupervisorFigures();
  const listeners = new Set<(view: SupervisorView) => void>();
  let status: ConnectionState['status'] = 'idle';
  let view: SupervisorView | null = null;

  const current = (): SupervisorView => {
    const live = status === 'connected' && figures.loaded;
    view ??= {
      connection: live
        ? 'live'
        : figures.loaded || status === 'reconnecting' || status === 'failed'
          ? 'lost'
          : 'connecting',
      at: figures.at === null ? null : new Date(figures.at).toISOString(),
      awayReasons: figures.awayReasons,
      ...figures.list(),
    };
    return view;
  };
  const changed = () => {
    view = null;
    const now = current();
    for (const listener of [...listeners]) listener(now);
  };

  const connection = new Connection(
    {
      url: supervisorUrl(options.url),
      token: options.getToken,
      socket: parts.socket ?? browserSocket(options.WebSocket ?? globalThis.WebSocket),
      timers: parts.timers ?? globalTimers,
      ...(parts.random === undefined ? {} : { random: parts.random }),
      client: { name: 'contactpad-supervisor', version: '0.1.0' },
    },
    {
      welcome: (welcome) => {
        if (!welcome.resumed) figures.expectSnapshot();
      },
      event: (event) => {
        if (figures.apply(event)) changed();
      },
      state: (state) => {
        status = state.status;
        changed();
      },
      problem: () => {
        // A frame that concerns no command: nothing the supervisor can act on.
      },
    },
  );
  connection.start();

  return {
    subscribe(listener) {
      listeners.add(listener);
      listener(current());
      return () => listeners.delete(listener);
    },
    async setPresence(agentId, presence, reason) {
      try {
        await connection.send({
          type: 'supervisor.presence.set',
          agentId,
          presence,
          reason: reason === '' ? null : reason,
        });
      } catch (caught) {
        throw caught instanceof ProtocolError
          ? caught
          : new ProtocolError(
              'internal',
              'the supervisor client failed',
              'supervisor.presence.set',
            );
      }
    },
    close() {
      connection.stop();
      listeners.clear();
    },
  };
}
