/**
 * RecordOpener over the bridge: publishes `select` / `log` on the bus with a request id and
 * waits for the `result` carrying that id, or rejects with a typed `timeout`.
 */
import type { MessageBus } from './bus';
import { BridgeError, asBridgeError } from './errors';
import type { Logger } from './logger';
import { silentLogger } from './logger';
import type { FromBridgeOf, FromContactPad } from './messages';
import { BRIDGE_PROTOCOL_VERSION, checkBridgeMessage, parseBridgeMessage } from './messages';
import type { CallLog, OpenedRecord, RecordOpener, SavedLog } from './recordOpener';
import { callTypeOf, requestIdFactory } from './recordOpener';
import type { Interaction } from '../protocol/messages';

/** How long ContactPad waits for the bridge's `result` by default. */
export const DEFAULT_BRIDGE_TIMEOUT_MS = 8000;

export interface BridgeRecordOpenerOptions {
  readonly timeoutMs?: number;
  readonly newRequestId?: () => string;
  readonly logger?: Logger;
}

interface Pending {
  readonly resolve: (recordId: string | null) => void;
  readonly reject: (error: BridgeError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** Opens records and saves logs by asking the Open CTI bridge over the bus. */
export class BridgeRecordOpener implements RecordOpener {
  private readonly bus: MessageBus;
  private readonly timeoutMs: number;
  private readonly newRequestId: () => string;
  private readonly logger: Logger;
  private readonly pending = new Map<string, Pending>();
  private readonly unsubscribe: () => void;

  constructor(bus: MessageBus, options: BridgeRecordOpenerOptions = {}) {
    this.bus = bus;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_BRIDGE_TIMEOUT_MS;
    this.newRequestId = options.newRequestId ?? requestIdFactory();
    this.logger = options.logger ?? silentLogger;
    this.unsubscribe = bus.subscribe((value) => this.receive(value));
  }

  /** Asks the bridge to pop the interaction's record (or search); resolves on its `result`. */
  async open(interaction: Interaction): Promise<OpenedRecord> {
    const recordId = await this.request((requestId) => ({
      v: BRIDGE_PROTOCOL_VERSION,
      type: 'select',
      requestId,
      interactionId: interaction.id,
      record: interaction.record,
      searchKeys: interaction.searchKeys,
      callType: callTypeOf(interaction),
    }));
    return { via: 'bridge', recordId, tabId: null };
  }

  /** Asks the bridge to save the call log as a Task; resolves on its `result`. */
  async log(call: CallLog): Promise<SavedLog> {
    const taskId = await this.request((requestId) => ({
      v: BRIDGE_PROTOCOL_VERSION,
      type: 'log',
      requestId,
      ...call,
    }));
    return { via: 'bridge', taskId };
  }

  /** Stops listening; requests still waiting reject with `no-bridge`. */
  dispose(): void {
    this.unsubscribe();
    for (const [requestId, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(
        new BridgeError('no-bridge', `request ${requestId} abandoned: opener disposed`),
      );
    }
    this.pending.clear();
  }

  private request(build: (requestId: string) => FromContactPad): Promise<string | null> {
    const requestId = this.newRequestId();
    let message: FromContactPad;
    try {
      message = checkBridgeMessage(build(requestId), 'contactpad');
    } catch (error) {
      return Promise.reject(asBridgeError('bad-message', 'cannot send the request', error));
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(
          new BridgeError(
            'timeout',
            `the bridge did not answer ${message.type} within ${this.timeoutMs} ms`,
          ),
        );
      }, this.timeoutMs);
      this.pending.set(requestId, { resolve, reject, timer });
      this.bus.publish(message);
    });
  }

  private receive(value: unknown): void {
    const parsed = parseBridgeMessage(value, 'bridge');
    if (!parsed.ok) {
      if (!parsed.echo) this.logger.warn('ContactPad: ignoring a bad bridge message', parsed.error);
      return;
    }
    if (parsed.message.type === 'result') this.settle(parsed.message);
  }

  private settle(result: FromBridgeOf<'result'>): void {
    const pending = this.pending.get(result.requestId);
    if (pending === undefined) return; // Another ContactPad's request, or one that timed out.
    this.pending.delete(result.requestId);
    clearTimeout(pending.timer);
    if (result.ok) pending.resolve(result.recordId);
    else {
      const error = result.error ?? {
        code: 'opencti-failed' as const,
        message: 'the bridge reported a failure',
      };
      pending.reject(new BridgeError(error.code, error.message));
    }
  }
}
