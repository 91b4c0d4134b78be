/**
 * The softphone page's own session for the agent: the same connection code as ContactPad's
 * adapter (hello with an agent token, heartbeats, reconnect and resume), used only for the bridge
 * relay. Tokens come from the page's Apex remote action (ContactPadSoftphoneController.getSession,
 * through the package's Named Credential); each new connection after the first asks again. The
 * agent's events that reach this session are not read.
 */
import type { SocketFactory, Timers } from '../adapter/platform';
import { Connection } from '../adapter/connection';
import type { BridgeLink } from './sessionBus';

/** What the Apex remote action answers: where to connect and a token to connect with. */
export interface RoutingSession {
  readonly routingUrl: string;
  readonly token: string;
  /** ISO 8601 (as Apex sends it) or ms since 1970; null when unknown. */
  readonly expiresAt: string | number | null;
}

/** A token this close to its expiry is not used for a new connection. */
const TOKEN_MARGIN_MS = 5000;

export interface SoftphoneSessionOptions {
  /** Asks Apex for a fresh session (routing URL and token). */
  readonly fetchSession: () => Promise<RoutingSession>;
  readonly socket: SocketFactory;
  readonly timers: Timers;
  /** Each welcome, fresh or resumed: the bridge announces itself again. */
  readonly welcomed: () => void;
}

/** A running softphone session. */
export interface SoftphoneSession {
  readonly link: BridgeLink;
  stop(): void;
}

function expiryOf(value: string | number | null): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

/** Connects the page's session with `first` (its URL, and its token for the first connection). */
export function startSoftphoneSession(
  first: RoutingSession,
  options: SoftphoneSessionOptions,
): SoftphoneSession {
  let unused: RoutingSession | null = first;
  const token = async (): Promise<string> => {
    const session = unused;
    unused = null;
    const expiresAt = session === null ? null : expiryOf(session.expiresAt);
    if (
      session !== null &&
      (expiresAt === null || expiresAt - options.timers.now() > TOKEN_MARGIN_MS)
    ) {
      return session.token;
    }
    return (await options.fetchSession()).token;
  };
  const listeners = new Set<(message: string) => void>();
  const connection = new Connection(
    {
      url: first.routingUrl,
      token,
      socket: options.socket,
      timers: options.timers,
      client: { name: 'contactpad-softphone', version: '0.1.0' },
    },
    {
      welcome: () => undefined,
      event: () => undefined,
      // After each welcome (fresh or resumed), once commands can be sent.
      state: (state) => {
        if (state.status === 'connected') options.welcomed();
      },
      problem: () => undefined,
      bridge: (message) => {
        for (const listener of [...listeners]) listener(message);
      },
    },
  );
  connection.start();
  return {
    link: {
      send: (message) => connection.send({ type: 'bridge.send', message }),
      listen(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    stop: () => connection.stop(),
  };
}
