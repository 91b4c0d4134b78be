/**
 * Entry of the softphone page's script (a static resource loaded after opencti_min.js): finds
 * `sforce.opencti` and the page's Apex remote action, opens the page's own routing-service session
 * for the agent (softphoneSession.ts) and starts the bridge on it once it is welcomed; after each
 * later welcome the bridge announces itself again, so ContactPad finds it after either end reloads.
 * The page names the remote action in `window.ContactPadBridge = { sessionAction: '...' }`
 * (`{!$RemoteAction.ContactPadSoftphoneController.getSession}`, which carries the namespace).
 */
import { browserSocket } from '../adapter/platform';
import type { Bridge } from './bridge';
import { startBridge } from './bridge';
import type { Logger } from './logger';
import { openCtiOf } from './openCti';
import { remoteSessionOf } from './remoteSession';
import type { RoutingSession } from './softphoneSession';
import { startSoftphoneSession } from './softphoneSession';
import { sessionBus } from './sessionBus';

/** Retries of the first session: a capped doubling delay (the routing URL comes with it). */
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/** The running softphone: the bridge once the session is welcomed, and a way to stop both. */
export interface Softphone {
  readonly bridge: () => Bridge | null;
  stop(): void;
}

const read = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** Starts the softphone in the page whose global object is given; null when it cannot run. */
export function main(globalObject: unknown, logger: Logger = console): Softphone | null {
  const openCti = openCtiOf(globalObject);
  if (openCti === null) {
    logger.warn('ContactPad bridge: sforce.opencti is not on this page; is opencti_min.js loaded?');
    return null;
  }
  const fetchSession = remoteSessionOf(globalObject);
  const WebSocketClass = read(globalObject, 'WebSocket');
  if (fetchSession === null || typeof WebSocketClass !== 'function') {
    logger.warn('ContactPad bridge: the page names no session remote action (or has no WebSocket)');
    return null;
  }
  let stopped = false;
  let bridge: Bridge | null = null;
  let stopSession: () => void = () => undefined;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  const connect = (first: RoutingSession) => {
    const session = startSoftphoneSession(first, {
      fetchSession,
      socket: browserSocket(WebSocketClass as new (url: string) => object),
      timers: {
        setTimeout: (run, ms) => setTimeout(run, ms),
        clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        now: () => Date.now(),
      },
      welcomed: () => {
        if (bridge === null)
          bridge = startBridge(openCti, sessionBus(session.link, logger), { logger });
        else bridge.announce();
      },
    });
    stopSession = () => session.stop();
  };

  const begin = (attempt: number) => {
    fetchSession().then(
      (first) => {
        if (!stopped) connect(first);
      },
      (error: unknown) => {
        if (stopped) return;
        const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
        logger.warn(
          `ContactPad bridge: no routing session yet; trying again in ${delay} ms`,
          error,
        );
        retryTimer = setTimeout(() => begin(attempt + 1), delay);
      },
    );
  };
  logger.info('ContactPad bridge: starting');
  begin(0);

  return {
    bridge: () => bridge,
    stop() {
      stopped = true;
      if (retryTimer !== null) clearTimeout(retryTimer);
      bridge?.stop();
      stopSession();
    },
  };
}

// Runs by itself only in a browser page; importing the module elsewhere (tests) starts nothing.
if (typeof window !== 'undefined' && typeof document !== 'undefined') {
  main(window);
}
