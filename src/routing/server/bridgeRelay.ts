/**
 * The bridge relay (PROTOCOL.md, "Bridge relay"): a `bridge.send` of one session goes, as
 * `bridge.message`, to the other connected sessions of the same agent in the same account and to
 * nobody else. The message must be one of the bridge contract (src/bridge/messages.ts) as JSON
 * text; anything else is a typed `bad-field` error that relays nothing. Each connection may relay
 * at most BRIDGE_MESSAGES_PER_SECOND (bursts of BRIDGE_MESSAGE_BURST); above that `rate-limited`.
 * Relayed messages are not events: no seq, not journalled, not replayed after a resume.
 */
import type { ClientMessageOf, ServerMessage } from '../../protocol';
import {
  BRIDGE_MESSAGE_BURST,
  BRIDGE_MESSAGES_PER_SECOND,
  PROTOCOL_VERSION,
  ProtocolError,
  stringify,
} from '../../protocol';
import { parseBridgeMessage } from '../../bridge/messages';
import { FrameRate } from './frameRate';
import type { Session } from './session';
import type { SessionHub } from './sessions';

export class BridgeRelay {
  private readonly rate: FrameRate;

  constructor(
    private readonly hub: SessionHub,
    private readonly now: () => number,
  ) {
    this.rate = new FrameRate(BRIDGE_MESSAGES_PER_SECOND, BRIDGE_MESSAGE_BURST, now());
  }

  /** Relays one `bridge.send` from `session`; returns its ack, or throws a typed ProtocolError. */
  send(session: Session, command: ClientMessageOf<'bridge.send'>): ServerMessage {
    checkContract(command.message);
    if (this.rate.take(this.now()) !== 'allowed') {
      throw new ProtocolError(
        'rate-limited',
        `more than ${BRIDGE_MESSAGES_PER_SECOND} bridge messages per second`,
        command.type,
      );
    }
    const text = stringify(
      { v: PROTOCOL_VERSION, type: 'bridge.message', message: command.message },
      'server',
    );
    for (const other of this.hub.sessionsOf(session.accountId, session.agentId)) {
      // A session without a socket misses it: the ends say hello / announce again on connecting.
      if (other !== session && other.socket !== null) this.hub.sendAnswer(other, text, null);
    }
    return {
      v: PROTOCOL_VERSION,
      type: 'ack',
      id: command.id,
      seq: session.seq,
      interactionId: null,
      consultId: null,
    };
  }
}

/** Throws `bad-field` unless `text` is one message of the bridge contract, either direction. */
function checkContract(text: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refusal('the message is not JSON text');
  }
  const fromContactPad = parseBridgeMessage(value, 'contactpad');
  if (fromContactPad.ok) return;
  const fromBridge = parseBridgeMessage(value, 'bridge');
  if (fromBridge.ok) return;
  // The error of the direction the message's type belongs to (`echo` marks the other one).
  throw refusal((fromContactPad.echo ? fromBridge : fromContactPad).error.message);
}

function refusal(why: string): ProtocolError {
  return new ProtocolError(
    'bad-field',
    `bridge.send.message: ${why}`.slice(0, 1000),
    'bridge.send',
    'message',
  );
}
