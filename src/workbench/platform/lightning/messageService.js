// @ts-check
/**
 * Workbench stand-in for `lightning/messageService` (Lightning Message Service): publish,
 * subscribe, unsubscribe, APPLICATION_SCOPE and the MessageContext wire, over the page's one
 * message bus, which the Open CTI stand-in shares (as ContactPad and the softphone do in an org).
 */
import { busPublish, busSubscribe } from '../host';

/**
 * A MessageContext: the subscriptions taken through it, released with it.
 * @typedef {{ subscriptions: Set<Subscription>, released: boolean }} Context
 */

/**
 * A subscription: its context and the bus listener's removal.
 * @typedef {{ context: Context, remove: () => void }} Subscription
 */

export const APPLICATION_SCOPE = Object.freeze({ scope: 'APPLICATION' });

// A registered symbol: the module may be loaded twice (by its alias and by its path).
const CHANNEL = Symbol.for('workbench.messageChannel');

/**
 * What `@salesforce/messageChannel/<Name>` gives: an opaque token naming the channel.
 * @param {string} name
 */
export function channelOf(name) {
  return Object.freeze({ [CHANNEL]: name, toString: () => name });
}

/**
 * Throws as LMS would, and says so on the console (callers such as ContactPad may stay silent).
 * @param {string} message
 * @returns {never}
 */
function refuse(message) {
  console.warn(`workbench LMS: ${message}`);
  throw new Error(`workbench LMS: ${message}`);
}

/**
 * @param {any} channel a token from channelOf, or anything a caller passed
 * @returns {string}
 */
function nameOf(channel) {
  const name = channel?.[CHANNEL];
  if (typeof name !== 'string') refuse(`not a message channel: ${String(channel)}`);
  return name;
}

/**
 * A context, as `createMessageContext()` and the MessageContext wire give.
 * @returns {Context}
 */
export function createMessageContext() {
  return { subscriptions: new Set(), released: false };
}

/** @param {Context | null | undefined} context */
export function releaseMessageContext(context) {
  if (!context) return;
  for (const subscription of context.subscriptions) unsubscribe(subscription);
  context.released = true;
}

/** `@wire(MessageContext)`: provides a context while the component is connected. */
export class MessageContext {
  /** @param {(context: Context) => void} dataCallback */
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
    /** @type {Context | null} */
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

/**
 * @param {Context | null | undefined} context
 * @param {unknown} channel
 * @param {unknown} payload
 */
export function publish(context, channel, payload) {
  if (!context) refuse('publish needs a MessageContext');
  busPublish(nameOf(channel), payload);
}

/**
 * @param {Context | null | undefined} context
 * @param {unknown} channel
 * @param {(payload: unknown) => void} listener
 * @param {unknown} [options]
 * @returns {Subscription}
 */
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

/** @param {Subscription | null | undefined} subscription */
export function unsubscribe(subscription) {
  if (!subscription || typeof subscription.remove !== 'function') return;
  subscription.remove();
  subscription.context?.subscriptions.delete(subscription);
}
