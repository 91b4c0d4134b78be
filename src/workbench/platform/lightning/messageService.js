/**
 * Workbench stand-in for `lightning/messageService` (Lightning Message Service): publish,
 * subscribe, unsubscribe, APPLICATION_SCOPE and the MessageContext wire, over the page's one
 * message bus, which the Open CTI stand-in shares (as ContactPad and the softphone do in an org).
 */
import { busPublish, busSubscribe } from '../host';

export const APPLICATION_SCOPE = Object.freeze({ scope: 'APPLICATION' });

// A registered symbol: the module may be loaded twice (by its alias and by its path).
const CHANNEL = Symbol.for('workbench.messageChannel');

/** What `@salesforce/messageChannel/<Name>` gives: an opaque token naming the channel. */
export function channelOf(name) {
  return Object.freeze({ [CHANNEL]: name, toString: () => name });
}

/** Throws as LMS would, and says so on the console (callers such as ContactPad may stay silent). */
function refuse(message) {
  console.warn(`workbench LMS: ${message}`);
  throw new Error(`workbench LMS: ${message}`);
}

function nameOf(channel) {
  const name = channel?.[CHANNEL];
  if (typeof name !== 'string') refuse(`not a message channel: ${String(channel)}`);
  return name;
}

/** A context, as `createMessageContext()` and the MessageContext wire give. */
export function createMessageContext() {
  return { subscriptions: new Set(), released: false };
}

export function releaseMessageContext(context) {
  if (!context) return;
  for (const subscription of context.subscriptions) unsubscribe(subscription);
  context.released = true;
}

/** `@wire(MessageContext)`: provides a context while the component is connected. */
export class MessageContext {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
    this.context = null;
  }
  connect() {
    this.context = createMessageContext();
    this.dataCallback(this.context);
  }
  disconnect() {
    releaseMessageContext(this.context);
    this.context = null;
  }
  update() {}
}

export function publish(context, channel, payload) {
  if (!context) refuse('publish needs a MessageContext');
  busPublish(nameOf(channel), payload);
}

export function subscribe(context, channel, listener, options) {
  if (!context) refuse('subscribe needs a MessageContext');
  // Every scope reaches this page's subscribers: the workbench has one "application".
  void options;
  const subscription = {
    context,
    remove: busSubscribe(nameOf(channel), (payload) => listener(payload)),
  };
  context.subscriptions.add(subscription);
  return subscription;
}

export function unsubscribe(subscription) {
  if (!subscription || typeof subscription.remove !== 'function') return;
  subscription.remove();
  subscription.context?.subscriptions.delete(subscription);
}
