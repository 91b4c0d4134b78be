/**
 * The bridge the softphone page runs: it listens to ContactPad on the message bus (the agent's
 * routing session, sessionBus.ts), turns each
 * request into Open CTI calls (actions.ts) and answers with a `result`; it reports click-to-dial
 * and navigation back. Every Open CTI failure goes back to ContactPad as a typed error; bad
 * messages on the bus are logged and ignored. Nothing here throws into Open CTI or the bus.
 */
import type { ActionOutcome } from './actions';
import { saveCallLog, selectRecord, showPanel } from './actions';
import type { MessageBus } from './bus';
import { dialMessageOf, navigationMessageOf } from './consoleEvents';
import type { Logger } from './logger';
import type { Capability, FromBridge, FromContactPad } from './messages';
import {
  BRIDGE_PROTOCOL_VERSION,
  CAPABILITIES,
  checkBridgeMessage,
  parseBridgeMessage,
} from './messages';
import type { OpenCti } from './openCti';
import { callOpenCti } from './openCtiCall';
import { MAX_MESSAGE_LENGTH } from '../protocol/limits';

/** The version the bridge announces. */
export const BRIDGE_VERSION = '0.1.0';

export interface BridgeOptions {
  readonly logger: Logger;
  /** Announced to ContactPad; defaults to BRIDGE_VERSION. */
  readonly version?: string;
  /** Turn Salesforce phone fields into click-to-dial links (default true). */
  readonly clickToDial?: boolean;
}

/** A running bridge. */
export interface Bridge {
  /** Tells ContactPad the bridge is here (again): after the bridge's session reconnected. */
  announce(): void;
  /** Unsubscribes from the bus, disables click-to-dial and silences the Open CTI listeners. */
  stop(): void;
}

/** Starts the bridge: subscribes to the bus, registers the Open CTI listeners and announces itself. */
export function startBridge(openCti: OpenCti, bus: MessageBus, options: BridgeOptions): Bridge {
  const { logger } = options;
  const clickToDial = options.clickToDial ?? true;
  const capabilities: readonly Capability[] = CAPABILITIES.filter(
    (c) => clickToDial || c !== 'click-to-dial',
  );
  let running = true;

  const send = (message: FromBridge) => {
    if (!running) return;
    try {
      bus.publish(checkBridgeMessage(message, 'bridge'));
    } catch (error) {
      logger.warn(`ContactPad bridge: not sending an invalid ${message.type}`, error);
    }
  };

  const announce = () =>
    send({
      v: BRIDGE_PROTOCOL_VERSION,
      type: 'announce',
      bridgeVersion: options.version ?? BRIDGE_VERSION,
      capabilities,
    });

  const answer = (requestId: string, outcome: ActionOutcome) => {
    if (!outcome.ok) logger.warn(`ContactPad bridge: request ${requestId} failed`, outcome.error);
    send({
      v: BRIDGE_PROTOCOL_VERSION,
      type: 'result',
      requestId,
      ok: outcome.ok,
      error: outcome.ok
        ? null
        : {
            code: outcome.error.code,
            message: outcome.error.message.slice(0, MAX_MESSAGE_LENGTH) || outcome.error.code,
          },
      recordId: outcome.ok ? outcome.recordId : null,
    });
  };

  const handle = (message: FromContactPad) => {
    switch (message.type) {
      case 'hello':
        announce();
        return;
      case 'select':
        void selectRecord(openCti, message).then((o) => answer(message.requestId, o));
        return;
      case 'log':
        void saveCallLog(openCti, message).then((o) => answer(message.requestId, o));
        return;
      case 'panel':
        void showPanel(openCti, message).then((o) => answer(message.requestId, o));
        return;
    }
  };

  const unsubscribe = bus.subscribe((value) => {
    if (!running) return;
    const parsed = parseBridgeMessage(value, 'contactpad');
    if (parsed.ok) handle(parsed.message);
    else if (!parsed.echo) logger.warn('ContactPad bridge: ignoring a bad message', parsed.error);
  });

  registerListeners(openCti, logger, clickToDial, {
    dial: (payload) => {
      if (!running) return;
      const dial = dialMessageOf(payload);
      if (dial === null)
        logger.warn('ContactPad bridge: click-to-dial without a usable number', payload);
      else send(dial);
    },
    navigate: (payload) => {
      if (running) send(navigationMessageOf(payload));
    },
  });
  announce();

  return {
    announce,
    stop() {
      if (!running) return;
      running = false;
      unsubscribe();
      if (clickToDial) {
        void callOpenCti('disableClickToDial', (callback) =>
          openCti.disableClickToDial({ callback }),
        ).then((o) => {
          if (!o.ok) logger.warn('ContactPad bridge: disableClickToDial failed', o.error);
        });
      }
    },
  };
}

interface Listeners {
  readonly dial: (payload: unknown) => void;
  readonly navigate: (payload: unknown) => void;
}

// Open CTI has no way to remove these listeners, so they stay registered and `running` gates them.
function registerListeners(
  openCti: OpenCti,
  logger: Logger,
  clickToDial: boolean,
  listeners: Listeners,
): void {
  const guard = (what: string, register: () => void) => {
    try {
      register();
    } catch (error) {
      logger.warn(`ContactPad bridge: ${what} threw`, error);
    }
  };
  guard('onNavigationChange', () => openCti.onNavigationChange({ listener: listeners.navigate }));
  if (!clickToDial) return;
  guard('onClickToDial', () => openCti.onClickToDial({ listener: listeners.dial }));
  void callOpenCti('enableClickToDial', (callback) => openCti.enableClickToDial({ callback })).then(
    (o) => {
      if (!o.ok) logger.warn('ContactPad bridge: enableClickToDial failed', o.error);
    },
  );
}
