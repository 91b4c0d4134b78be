/**
 * Frames sent to one socket within one turn of the event loop leave together, in one system call:
 * the socket is corked at the first of them and uncorked once the turn's callbacks are done
 * (setImmediate). A decision sends each agent a few frames (an assignment and the agent's state; a
 * release's answer and its events), and each was a system call of its own; at a few decisions a
 * second per process, each such call wakes the reader and costs the process far more than the
 * bytes do.
 */
import type { Writable } from 'node:stream';

export class TurnWrites {
  private readonly corked = new Set<Writable>();
  private scheduled = false;

  /** Holds what is written to `socket` until the end of this turn. */
  hold(socket: Writable): void {
    if (this.corked.has(socket)) return;
    socket.cork();
    this.corked.add(socket);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.release);
    }
  }

  private readonly release = (): void => {
    this.scheduled = false;
    for (const socket of this.corked) socket.uncork();
    this.corked.clear();
  };
}
