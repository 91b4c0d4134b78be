// @ts-check
/**
 * ContactPad's end of the bridge transport: the `MessageBus` of src/bridge/bus.ts over Lightning
 * Message Service. One LMS subscription (APPLICATION_SCOPE, so the softphone page's messages reach
 * the utility item wherever the agent is) fans out to every listener; payloads are `{ message }`.
 */
import { APPLICATION_SCOPE, publish, subscribe, unsubscribe } from 'lightning/messageService';
import CONTACT_PAD_CHANNEL from '@salesforce/messageChannel/ContactPad__c';
import { messageOfPayload } from 'c/contactPadCore';

/** @import { MessageBus } from 'c/contactPadCore' */
/** @import { MessageChannel, MessageContextValue, Subscription } from 'lightning/messageService' */

/**
 * The MessageBus, and `dispose()`.
 * @typedef {MessageBus & { dispose(): void }} LmsBus
 */

/**
 * Builds the bus on a MessageContext (from `@wire(MessageContext)`). `onProblem` hears publish and
 * subscribe failures, which the MessageBus contract says are reported, not thrown.
 * @param {MessageContextValue} messageContext
 * @param {{ channel?: MessageChannel, onProblem?: (error: unknown) => void }} [options]
 * @returns {LmsBus}
 */
export function createLmsBus(messageContext, options = {}) {
  const channel = options.channel ?? CONTACT_PAD_CHANNEL;
  const onProblem = options.onProblem ?? (() => {});
  /** @type {Set<(message: unknown) => void>} */
  const listeners = new Set();
  /** @type {Subscription | null} */
  let subscription = null;

  /** @param {unknown} payload */
  const deliver = (payload) => {
    const message = messageOfPayload(payload);
    // A copy: a listener may unsubscribe (or subscribe) while being called.
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch (error) {
        onProblem(error);
      }
    }
  };

  const open = () => {
    if (subscription !== null) return;
    try {
      subscription =
        subscribe(messageContext, channel, deliver, { scope: APPLICATION_SCOPE }) ?? null;
    } catch (error) {
      onProblem(error);
    }
  };

  const close = () => {
    if (subscription === null) return;
    const handle = subscription;
    subscription = null;
    try {
      unsubscribe(handle);
    } catch (error) {
      onProblem(error);
    }
  };

  return {
    publish(message) {
      try {
        publish(messageContext, channel, { message });
      } catch (error) {
        onProblem(error);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      open();
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        listeners.delete(listener);
        if (listeners.size === 0) close();
      };
    },
    /** Drops every listener and the LMS subscription (disconnectedCallback). */
    dispose() {
      listeners.clear();
      close();
    },
  };
}
