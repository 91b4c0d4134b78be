/**
 * The transport between ContactPad and the bridge: a Lightning Message Channel whose payload has
 * one field, `message`. `MessageBus` is what both ends depend on; this file holds the bridge's
 * implementation over `sforce.opencti.publish` / `subscribe`. ContactPad's implementation over
 * `lightning/messageService` implements the same interface. Validation is not the bus's job:
 * receivers parse what arrives (messages.ts) and senders check what they publish.
 */
import type { Logger } from './logger';
import type { ChannelMessage } from './messages';
import type { OpenCti, OpenCtiSubscription } from './openCti';

/** The Lightning Message Channel of the package, as Open CTI names it (no namespace prefix). */
export const DEFAULT_CHANNEL = 'ContactPad__c';

/** A publish/subscribe channel carrying bridge contract messages. */
export interface MessageBus {
  /** Sends one message; delivery is asynchronous and failures are logged, not thrown. */
  publish(message: ChannelMessage): void;
  /** Calls `listener` with each arriving message, unvalidated; returns the unsubscribe function. */
  subscribe(listener: (message: unknown) => void): () => void;
}

/** The LMS payload: one field, `message`. */
export interface BridgePayload {
  readonly message: unknown;
}

/** Takes the message out of an LMS payload; anything else is passed on for the receiver to reject. */
export function messageOfPayload(payload: unknown): unknown {
  if (typeof payload === 'object' && payload !== null && 'message' in payload) {
    return (payload as BridgePayload).message;
  }
  return payload;
}

/** The bridge's MessageBus over Open CTI's Lightning Message Service methods (API 47.0). */
export function openCtiBus(openCti: OpenCti, channelName: string, logger: Logger): MessageBus {
  return {
    publish(message) {
      const payload: BridgePayload = { message };
      try {
        openCti.publish({
          channelName,
          message: payload,
          callback: (response) => {
            if (!response.success) {
              logger.warn(`ContactPad bridge: publishing ${message.type} failed`, response.errors);
            }
          },
        });
      } catch (error) {
        logger.warn(`ContactPad bridge: publishing ${message.type} threw`, error);
      }
    },
    subscribe(listener) {
      // The subscription handle arrives later, in the callback; remember whether we were
      // unsubscribed before it came so it can be released then.
      let subscription: OpenCtiSubscription = null;
      let active = true;
      const release = (handle: OpenCtiSubscription) => {
        try {
          openCti.unsubscribe({
            subscription: handle,
            callback: (response) => {
              if (!response.success)
                logger.warn('ContactPad bridge: unsubscribe failed', response.errors);
            },
          });
        } catch (error) {
          logger.warn('ContactPad bridge: unsubscribe threw', error);
        }
      };
      try {
        openCti.subscribe({
          channelName,
          listener: (payload) => {
            if (active) listener(messageOfPayload(payload));
          },
          callback: (response) => {
            if (!response.success) {
              logger.warn(
                `ContactPad bridge: subscribing to ${channelName} failed`,
                response.errors,
              );
              return;
            }
            const handle = response.subscription ?? response.returnValue;
            if (active) subscription = handle;
            else if (handle !== null && handle !== undefined) release(handle);
          },
        });
      } catch (error) {
        logger.warn(`ContactPad bridge: subscribing to ${channelName} threw`, error);
      }
      return () => {
        if (!active) return;
        active = false;
        if (subscription !== null && subscription !== undefined) release(subscription);
        subscription = null;
      };
    },
  };
}
