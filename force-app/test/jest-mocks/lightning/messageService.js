/**
 * Mock of lightning/messageService that behaves like a channel: `publish` delivers the payload to
 * every subscriber of that channel (the publisher included, as LMS does), so a component's own
 * messages come back as echoes. The functions are jest.fns, so tests can also inspect the calls.
 * `messageServiceControl.deliver(channel, payload)` plays another party on the page (the Open CTI
 * bridge); `reset()` drops every subscription. Replaces sfdx-lwc-jest's stub (mapped in jest.config.js).
 */
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');
export const MessageContext = createTestWireAdapter(jest.fn());

let subscriptions = [];

export const createMessageContext = jest.fn(() => ({}));
export const releaseMessageContext = jest.fn();

export const subscribe = jest.fn((context, channel, listener, options) => {
  const subscription = { channel, listener, options };
  subscriptions.push(subscription);
  return subscription;
});

export const unsubscribe = jest.fn((subscription) => {
  subscriptions = subscriptions.filter((s) => s !== subscription);
});

/** Test controls. */
export const messageServiceControl = {
  /** Delivers a payload to the subscribers of `channel`, as LMS would. */
  deliver(channel, payload) {
    for (const subscription of subscriptions.filter((s) => s.channel === channel)) {
      subscription.listener(payload);
    }
  },
  /** How many subscriptions are open on `channel`. */
  subscriberCount(channel) {
    return subscriptions.filter((s) => s.channel === channel).length;
  },
  reset() {
    subscriptions = [];
  },
};

export const publish = jest.fn((context, channel, payload) => {
  messageServiceControl.deliver(channel, payload);
});
