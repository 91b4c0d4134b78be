/**
 * Picks the RecordOpener at run time: ContactPad says `hello` on the bus; if a bridge announces
 * itself within `waitMs` the bridge is used, else the Workspace implementation. A later
 * `announce` (the softphone page loaded late or reloaded) switches to the bridge.
 */
import { BridgeRecordOpener } from './bridgeRecordOpener';
import type { MessageBus } from './bus';
import { BridgeError } from './errors';
import type { Logger } from './logger';
import { silentLogger } from './logger';
import { BRIDGE_PROTOCOL_VERSION, checkBridgeMessage, parseBridgeMessage } from './messages';
import type { CallLog, OpenedRecord, OpenerKind, RecordOpener, SavedLog } from './recordOpener';
import type { Interaction } from '../protocol/messages';

export interface ChooseRecordOpenerOptions {
  /** How long to wait for an `announce` before settling on the Workspace implementation. */
  readonly waitMs: number;
  /** Passed to BridgeRecordOpener. */
  readonly timeoutMs?: number;
  readonly newRequestId?: () => string;
  readonly contactPadVersion?: string;
  readonly logger?: Logger;
}

/** The RecordOpener chooseRecordOpener hands back; `via` says which one is in use now. */
export interface ChosenRecordOpener extends RecordOpener {
  readonly via: OpenerKind;
  /** Stops listening to the bus. */
  dispose(): void;
}

/** Says hello, waits up to waitMs for a bridge, and resolves with the opener to use. */
export function chooseRecordOpener(
  bus: MessageBus,
  workspace: RecordOpener,
  options: ChooseRecordOpenerOptions,
): Promise<ChosenRecordOpener> {
  const logger = options.logger ?? silentLogger;
  const bridge = new BridgeRecordOpener(bus, {
    logger,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.newRequestId === undefined ? {} : { newRequestId: options.newRequestId }),
  });
  let via: OpenerKind = 'workspace';
  let decide: (() => void) | null = null;

  const unsubscribe = bus.subscribe((value) => {
    const parsed = parseBridgeMessage(value, 'bridge');
    if (!parsed.ok || parsed.message.type !== 'announce') return;
    if (via !== 'bridge')
      logger.info('ContactPad: the Open CTI bridge is up; using it', parsed.message);
    via = 'bridge';
    decide?.();
  });

  const chosen: ChosenRecordOpener = {
    get via() {
      return via;
    },
    async open(interaction: Interaction): Promise<OpenedRecord> {
      if (via === 'workspace') return workspace.open(interaction);
      try {
        return await bridge.open(interaction);
      } catch (error) {
        // A bridge that stopped answering is treated as gone until it announces again; opening a
        // tab twice is harmless (openTab focuses), so this request falls back at once.
        if (!(error instanceof BridgeError) || error.code !== 'timeout') throw error;
        logger.warn('ContactPad: the bridge did not answer; using the Workspace API', error);
        via = 'workspace';
        return workspace.open(interaction);
      }
    },
    // No fallback for logs: a slow bridge may still save the Task, and a second one would duplicate it.
    log(call: CallLog): Promise<SavedLog> {
      return via === 'bridge' ? bridge.log(call) : workspace.log(call);
    },
    dispose() {
      unsubscribe();
      bridge.dispose();
    },
  };

  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      decide = null;
      if (via === 'workspace')
        logger.info('ContactPad: no Open CTI bridge answered; using the Workspace API');
      resolve(chosen);
    }, options.waitMs);
    decide = () => {
      decide = null;
      clearTimeout(timer);
      resolve(chosen);
    };
    sayHello(bus, options);
  });
}

/**
 * Asks whether a bridge is listening: a bridge answers `announce`, which the chosen opener hears.
 * Said again whenever ContactPad's session (re)connects, so the two ends find each other after
 * either one reloads.
 */
export function sayHello(
  bus: MessageBus,
  options: Pick<ChooseRecordOpenerOptions, 'contactPadVersion' | 'logger'> = {},
): void {
  try {
    bus.publish(
      checkBridgeMessage(
        {
          v: BRIDGE_PROTOCOL_VERSION,
          type: 'hello',
          contactPadVersion: options.contactPadVersion ?? '0.1.0',
        },
        'contactpad',
      ),
    );
  } catch (error) {
    (options.logger ?? silentLogger).warn('ContactPad: could not say hello to the bridge', error);
  }
}
