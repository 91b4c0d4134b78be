/**
 * The connection's commands awaiting their answer: each is sent with a timeout, settled by the
 * `ack` or `error` carrying its id, sent again as it was after a resume (the service answers a
 * repeated id once), or rejected when the session is lost.
 */
import type { Command, ServerMessageOf } from '../protocol';
import { ProtocolError, stringify } from '../protocol';
import type { Timers } from './platform';

interface Pending {
  readonly frame: Command;
  readonly resolve: (ack: ServerMessageOf<'ack'>) => void;
  readonly reject: (error: ProtocolError) => void;
  timer: unknown;
}

export class PendingCommands {
  private readonly pending = new Map<string, Pending>();

  /** `write` sends a frame's text on the socket now open (if any). */
  constructor(
    private readonly timers: Timers,
    private readonly timeoutMs: number,
    private readonly write: (text: string) => void,
  ) {}

  /** Sends the command and keeps it until its answer, its timeout or `rejectAll`. */
  add(
    frame: Command,
    resolve: (ack: ServerMessageOf<'ack'>) => void,
    reject: (error: ProtocolError) => void,
  ): void {
    const pending: Pending = { frame, resolve, reject, timer: null };
    this.pending.set(frame.id, pending);
    this.transmit(pending);
  }

  /** Settles the command an answer names; false when no command waits for it. */
  answer(message: ServerMessageOf<'ack'> | ServerMessageOf<'error'>): boolean {
    const pending = message.id === null ? undefined : this.pending.get(message.id);
    if (pending === undefined) return false;
    this.pending.delete(pending.frame.id);
    this.timers.clearTimeout(pending.timer);
    if (message.type === 'ack') pending.resolve(message);
    else pending.reject(errorOf(message));
    return true;
  }

  /** Sends every waiting command again, each with a fresh timeout (after a resume). */
  resendAll(): void {
    for (const pending of this.pending.values()) this.transmit(pending);
  }

  /** Rejects every waiting command as `unavailable` with the message. */
  rejectAll(message: string): void {
    for (const pending of this.pending.values()) {
      this.timers.clearTimeout(pending.timer);
      pending.reject(new ProtocolError('unavailable', message, pending.frame.type));
    }
    this.pending.clear();
  }

  private transmit(pending: Pending): void {
    const id = pending.frame.id;
    this.timers.clearTimeout(pending.timer);
    pending.timer = this.timers.setTimeout(() => {
      this.pending.delete(id);
      pending.reject(
        new ProtocolError(
          'unavailable',
          'the routing service did not answer in time',
          pending.frame.type,
        ),
      );
    }, this.timeoutMs);
    this.write(stringify(pending.frame, 'client'));
  }
}

/** The service's `error` answer as the typed error a command rejects with. */
export function errorOf(message: ServerMessageOf<'error'>): ProtocolError {
  return new ProtocolError(message.code, message.message, message.messageType, message.field, {
    ...(message.interactionId === null ? {} : { interactionId: message.interactionId }),
    ...(message.currentVersion === null ? {} : { currentVersion: message.currentVersion }),
  });
}
