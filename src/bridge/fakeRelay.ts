/**
 * Test support: the routing service's bridge relay in memory. Each `link()` is one session of the
 * agent; what one sends reaches the others (never itself) on a later microtask, as the service
 * relays `bridge.send` to the agent's other sessions. The workbench and tests reuse it.
 */
import type { MessageBus } from './bus';
import type { Logger } from './logger';
import { silentLogger } from './logger';
import type { BridgeLink } from './sessionBus';
import { sessionBus } from './sessionBus';

type Listener = (message: string) => void;

export class FakeRelay {
  private readonly sessions: Set<Listener>[] = [];
  /** Every message sent, parsed, in order. */
  readonly published: unknown[] = [];

  /** A new session's link. */
  link(): BridgeLink {
    const listeners = new Set<Listener>();
    this.sessions.push(listeners);
    return {
      send: (message) => {
        this.deliver(message, listeners);
        return Promise.resolve();
      },
      listen: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
  }

  /** A MessageBus over a new session. */
  bus(logger: Logger = silentLogger): MessageBus {
    return sessionBus(this.link(), logger);
  }

  /** Listeners over every session. */
  get listenerCount(): number {
    return this.sessions.reduce((count, listeners) => count + listeners.size, 0);
  }

  /** Puts raw text on every session (for malformed-message tests). */
  inject(text: string): void {
    this.deliver(text, null);
  }

  private deliver(message: string, from: Set<Listener> | null): void {
    try {
      this.published.push(JSON.parse(message));
    } catch {
      this.published.push(message);
    }
    const targets = this.sessions.filter((listeners) => listeners !== from).flatMap((l) => [...l]);
    void Promise.resolve().then(() => targets.forEach((listener) => listener(message)));
  }
}
