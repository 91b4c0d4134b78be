/**
 * The transport between ContactPad and the bridge. `MessageBus` is what both ends depend on; its
 * implementation is the agent's routing-service session (sessionBus.ts): the softphone page and
 * ContactPad are two sessions of the same agent, and the service relays bridge messages between
 * them. Validation is not the bus's job: receivers parse what arrives (messages.ts) and senders
 * check what they publish.
 */
import type { ChannelMessage } from './messages';

/** A publish/subscribe channel carrying bridge contract messages. */
export interface MessageBus {
  /** Sends one message; delivery is asynchronous and failures are logged, not thrown. */
  publish(message: ChannelMessage): void;
  /** Calls `listener` with each arriving message, unvalidated; returns the unsubscribe function. */
  subscribe(listener: (message: unknown) => void): () => void;
}
