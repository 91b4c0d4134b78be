/**
 * The MessageBus over the agent's routing-service session (PROTOCOL.md, "Bridge relay"): a message
 * goes out as JSON text in a `bridge.send` command and arrives at the agent's other sessions as
 * `bridge.message`. Both ends use it: ContactPad over its adapter's session, the softphone page over
 * a session of its own (softphoneSession.ts). A message published while the session is down is
 * lost, as the relay keeps nothing: the ends say `hello` / `announce` again when they connect.
 */
import type { MessageBus } from './bus';
import type { Logger } from './logger';

/** What the bus needs of a session. */
export interface BridgeLink {
  /** Sends one bridge message (JSON text) to the agent's other sessions; rejects with why not. */
  send(message: string): Promise<unknown>;
  /** Calls `listener` with each bridge message (JSON text) that arrives; returns the unsubscribe. */
  listen(listener: (message: string) => void): () => void;
}

/** JSON text as a value; text that is not JSON is passed on for the receiver to reject. */
function valueOf(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function sessionBus(link: BridgeLink, logger: Logger): MessageBus {
  return {
    publish(message) {
      let sent: Promise<unknown>;
      try {
        sent = link.send(JSON.stringify(message));
      } catch (error) {
        sent = Promise.reject(error);
      }
      sent.catch((error: unknown) =>
        logger.warn(`ContactPad bridge: sending ${message.type} failed`, error),
      );
    },
    subscribe(listener) {
      return link.listen((text) => listener(valueOf(text)));
    },
  };
}
