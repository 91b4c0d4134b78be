/** What the integration tests share: real timers for the adapter, and sockets a test can cut. */
import WebSocket from 'ws';
import type { Timers } from '../../src/adapter/platform';
import { browserSocket } from '../../src/adapter/platform';

export const timers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** Opens real ws sockets and remembers them, so a test can cut the network under the adapter. */
export function trackedSockets() {
  const opened: WebSocket[] = [];
  class Tracked extends WebSocket {
    constructor(url: string) {
      super(url);
      opened.push(this);
    }
  }
  return { opened, factory: browserSocket(Tracked) };
}
