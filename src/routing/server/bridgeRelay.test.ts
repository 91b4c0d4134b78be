import fc from 'fast-check';
import { fromBridge, fromContactPad } from '../../bridge/messages';
import type { ClientMessageOf } from '../../protocol';
import { BRIDGE_MESSAGE_BURST, ProtocolError } from '../../protocol';
import { arbitraryOf, wrongValuesFor } from '../../protocol/arbitrary';
import type { ObjectSchema } from '../../protocol/schema';
import { compile } from '../../protocol/schema';
import { BridgeRelay } from './bridgeRelay';
import type { Socket } from './session';
import { SessionHub } from './sessions';

class RecordingSocket implements Socket {
  readonly frames: Record<string, unknown>[] = [];
  send(text: string): void {
    this.frames.push(JSON.parse(text) as Record<string, unknown>);
  }
  close(): void {}
}

function setUp() {
  let counter = 0;
  let now = 1_000_000;
  const hub = new SessionHub({ newId: () => `s-${++counter}`, now: () => now });
  const sockets = { softphone: new RecordingSocket(), contactPad: new RecordingSocket() };
  const softphone = hub.open('acme', 'ann', sockets.softphone);
  hub.open('acme', 'ann', sockets.contactPad);
  const relay = new BridgeRelay(hub, () => now);
  const send = (message: string): ClientMessageOf<'bridge.send'> => ({
    v: 1,
    type: 'bridge.send',
    id: `c-${++counter}`,
    message,
  });
  const relayed = () => sockets.contactPad.frames.filter((f) => f['type'] === 'bridge.message');
  return {
    relay,
    softphone,
    sockets,
    send,
    relayed,
    later: (ms: number) => (now += ms),
  };
}

const contract = [...Object.values(fromContactPad.variants), ...Object.values(fromBridge.variants)];

describe('BridgeRelay', () => {
  it('relays every message of the bridge contract, unchanged, to the other session only', () => {
    const arbitrary = fc.oneof(...contract.map((schema) => arbitraryOf(schema)));
    fc.assert(
      fc.property(arbitrary, (message) => {
        const h = setUp();
        const text = JSON.stringify(message);
        expect(h.relay.send(h.softphone, h.send(text))).toMatchObject({ type: 'ack' });
        expect(h.relayed()).toEqual([{ v: 1, type: 'bridge.message', message: text }]);
        expect(h.sockets.softphone.frames.some((f) => f['type'] === 'bridge.message')).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a message with any one field wrong, typed, relaying nothing', () => {
    for (const schema of contract as readonly ObjectSchema[]) {
      const valid = fc.sample(arbitraryOf(schema), 1)[0] as Record<string, unknown>;
      for (const [field, fieldSchema] of Object.entries(schema.fields)) {
        const check = compile(fieldSchema);
        // The pool is per kind: skip what this field happens to accept (null where nullable).
        for (const wrong of wrongValuesFor(fieldSchema).filter((w) => check(w) !== null)) {
          const h = setUp();
          const text = JSON.stringify({ ...valid, [field]: wrong });
          let caught: unknown = null;
          try {
            h.relay.send(h.softphone, h.send(text));
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(ProtocolError);
          expect(caught).toMatchObject({ code: 'bad-field', field: 'message' });
          expect(h.relayed()).toEqual([]);
        }
      }
    }
  });

  it('limits each connection to a burst, then refills', () => {
    const h = setUp();
    const text = JSON.stringify({ v: 1, type: 'hello', contactPadVersion: '1' });
    for (let i = 0; i < BRIDGE_MESSAGE_BURST; i++) h.relay.send(h.softphone, h.send(text));
    expect(() => h.relay.send(h.softphone, h.send(text))).toThrow(
      expect.objectContaining({ code: 'rate-limited' }),
    );
    expect(h.relayed()).toHaveLength(BRIDGE_MESSAGE_BURST);
    h.later(1000);
    expect(h.relay.send(h.softphone, h.send(text))).toMatchObject({ type: 'ack' });
  });
});
