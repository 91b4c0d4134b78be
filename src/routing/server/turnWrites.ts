/**
 * Frames sent to one socket within one turn of the event loop leave together, in one system call:
 * the socket is corked at the first of them and uncorked once the turn's callbacks are done
 * (setImmediate). A decision sends each agent a few frames (an assignment and the agent's state; a
 * release's answer and its events), and each was a system call of its own; at a few decisions a
 * second per process, each such call wakes the reader and costs the process far more than the
 * bytes do. At most HELD_BYTES wait so: past them (a directory snapshot, a resumed backlog) what
 * was held leaves at once with the frame. What a socket holds is not what its reader has yet to
 * read: the slow-reader rule (outboundLimit.ts) leaves it out (`held`).
 */
import type { Writable } from 'node:stream';

export const HELD_BYTES = 64 * 1024;

export class TurnWrites {
  /** The sockets corked in this turn, and about how many bytes each holds. */
  private readonly corked = new Map<Writable, number>();
  private scheduled = false;

  /** Holds what is written to `socket` next (`bytes` of it) until the end of this turn. */
  hold(socket: Writable, bytes: number): void {
    const held = this.corked.get(socket);
    if (held !== undefined && held + bytes <= HELD_BYTES) {
      this.corked.set(socket, held + bytes);
      return;
    }
    if (held !== undefined) {
      this.corked.delete(socket);
      socket.uncork();
    }
    if (bytes > HELD_BYTES) return;
    socket.cork();
    this.corked.set(socket, bytes);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.release);
    }
  }

  /** About how many bytes `socket` holds in this turn. */
  held(socket: Writable): number {
    return this.corked.get(socket) ?? 0;
  }

  private readonly release = (): void => {
    this.scheduled = false;
    for (const socket of this.corked.keys()) socket.uncork();
    this.corked.clear();
  };
}
