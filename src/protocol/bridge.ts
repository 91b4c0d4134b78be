/**
 * The bridge relay of routing protocol v1: the softphone page (the Open CTI bridge) and ContactPad
 * are two sessions of the same agent, and the routing service relays bridge messages between them.
 * `bridge.send` (a command) carries one message of the bridge contract (src/bridge/messages.ts) as
 * JSON text; the service checks it against that contract and hands it to the agent's other
 * connected sessions as `bridge.message`. A `bridge.message` is not an event: it has no `seq`, is not
 * kept for resume, and a session without a socket just misses it (the two ends find each other
 * again with `hello` / `announce` when either connects).
 *
 * Only the fields live here; messages.ts puts them in the message unions.
 */
import { str } from './schema';

/** The longest bridge message, as JSON text, in UTF-16 code units. */
export const MAX_BRIDGE_MESSAGE_LENGTH = 24_576;
/** Bridge messages one session may send per second, and the burst above that. */
export const BRIDGE_MESSAGES_PER_SECOND = 10;
export const BRIDGE_MESSAGE_BURST = 20;

/** One bridge contract message as JSON text (checked against the contract by the relay). */
export const bridgeText = str(2, MAX_BRIDGE_MESSAGE_LENGTH, /^\{/, 'a bridge message (JSON text)');

/** `bridge.send`: relay `message` to the agent's other sessions. */
export const BRIDGE_SEND_FIELDS = { message: bridgeText };
/** `bridge.message`: what another session of the same agent sent with `bridge.send`. */
export const BRIDGE_MESSAGE_FIELDS = { message: bridgeText };
