/**
 * The bridge relay over the wire: `bridge.send` from one session of an agent reaches the agent's
 * other sessions as `bridge.message`, and nobody else; bad input is a typed error that relays
 * nothing; the size and rate limits hold; relayed messages are not events (no seq, no replay).
 */
import type { ServerMessageOf } from '../../src/protocol';
import {
  BRIDGE_MESSAGE_BURST,
  BRIDGE_MESSAGES_PER_SECOND,
  MAX_BRIDGE_MESSAGE_LENGTH,
} from '../../src/protocol';
import { TestClient } from './client';
import type { Harness } from './harness';
import { sleep, startHarness, waitFor } from './harness';

const announce = JSON.stringify({
  v: 1,
  type: 'announce',
  bridgeVersion: '0.1.0',
  capabilities: ['screen-pop'],
});
const hello = JSON.stringify({ v: 1, type: 'hello', contactPadVersion: '0.1.0' });
const isRelayed = (m: { type: string }) => m.type === 'bridge.message';
/** Long enough for a relayed message to have arrived had it been sent. */
const QUIET_MS = 300;

/** Sends a bridge.send the client's codec would refuse, and waits for the server's answer. */
async function sendUnchecked(client: TestClient, message: string, id: string) {
  client.sendRaw(JSON.stringify({ v: 1, type: 'bridge.send', id, message }));
  return client.next((m) => (m.type === 'ack' || m.type === 'error') && m.id === id);
}

describe('bridge relay', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  async function twoSessions() {
    const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
    const contactPad = await h.connect(a, 'ann');
    const softphone = await h.connect(a, 'ann');
    return { a, contactPad, softphone };
  }

  it("reaches the agent's other sessions, not the sender; acked without events", async () => {
    const { a, contactPad, softphone } = await twoSessions();
    const third = await h.connect(a, 'ann');
    const ack = await softphone.ok({ type: 'bridge.send', message: announce });
    expect(ack).toMatchObject({ seq: 0, interactionId: null, consultId: null });
    for (const other of [contactPad, third]) {
      const relayed = (await other.next(isRelayed)) as ServerMessageOf<'bridge.message'>;
      expect(relayed).toEqual({ v: 1, type: 'bridge.message', message: announce });
      expect('seq' in relayed).toBe(false);
    }
    expect(await softphone.arrivesWithin(isRelayed, QUIET_MS)).toBe(false);
    // Both ways.
    await contactPad.ok({ type: 'bridge.send', message: hello });
    expect(await softphone.next(isRelayed)).toMatchObject({ message: hello });
  });

  it('never reaches another agent, nor the same agent id in another account', async () => {
    const a = await h.world({
      services: ['s'],
      agents: [
        { id: 'ann', services: ['s'] },
        { id: 'bob', services: ['s'] },
      ],
    });
    const b = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
    const ann = await h.connect(a, 'ann');
    const bob = await h.connect(a, 'bob');
    const annElsewhere = await h.connect(b, 'ann');
    await ann.ok({ type: 'bridge.send', message: announce });
    expect(await bob.arrivesWithin(isRelayed, QUIET_MS)).toBe(false);
    expect(await annElsewhere.arrivesWithin(isRelayed, 0)).toBe(false);
  });

  it('refuses what is not a bridge contract message with a typed error and relays nothing', async () => {
    const { contactPad, softphone } = await twoSessions();
    const bad = [
      '{not json',
      JSON.stringify({ v: 1, type: 'select' }),
      JSON.stringify({ v: 2, type: 'hello', contactPadVersion: '0.1.0' }),
      JSON.stringify({ v: 1, type: 'hello', contactPadVersion: '0.1.0', extra: 1 }),
      JSON.stringify({ v: 1, type: 'presence.set', state: 'ready' }),
      '{}',
    ];
    for (const message of bad) {
      const error = await softphone.refused({ type: 'bridge.send', message });
      expect(error).toMatchObject({
        code: 'bad-field',
        messageType: 'bridge.send',
        field: 'message',
      });
    }
    // Not JSON object text at all: the codec refuses it before the relay sees it.
    const notObject = await sendUnchecked(softphone, '[]', 'not-object');
    expect(notObject).toMatchObject({ code: 'bad-field', field: 'message' });
    expect(await contactPad.arrivesWithin(isRelayed, QUIET_MS)).toBe(false);
    // The session still works.
    await softphone.ok({ type: 'bridge.send', message: announce });
    expect(await contactPad.next(isRelayed)).toMatchObject({ message: announce });
  });

  it('refuses a message over the size limit', async () => {
    const { contactPad, softphone } = await twoSessions();
    const notes = 'x'.repeat(MAX_BRIDGE_MESSAGE_LENGTH);
    const message = JSON.stringify({ v: 1, type: 'hello', contactPadVersion: notes });
    const error = await sendUnchecked(softphone, message, 'too-long');
    expect(error).toMatchObject({ type: 'error', code: 'too-large', field: 'message' });
    expect(await contactPad.arrivesWithin(isRelayed, QUIET_MS)).toBe(false);
  });

  it('limits the rate per connection: rate-limited beyond the burst, relaying nothing more', async () => {
    const { contactPad, softphone } = await twoSessions();
    const answers = await Promise.all(
      Array.from({ length: BRIDGE_MESSAGE_BURST + 5 }, () =>
        softphone.command({ type: 'bridge.send', message: announce }),
      ),
    );
    const refused = answers.filter((answer) => answer.type === 'error');
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(
      refused.every((answer) => answer.type === 'error' && answer.code === 'rate-limited'),
    ).toBe(true);
    const acked = answers.length - refused.length;
    expect(acked).toBeLessThanOrEqual(BRIDGE_MESSAGE_BURST + 1);
    await waitFor(() => contactPad.received.filter(isRelayed).length === acked);
    await sleep(QUIET_MS);
    expect(contactPad.received.filter(isRelayed)).toHaveLength(acked);
    // After a second the bucket holds BRIDGE_MESSAGES_PER_SECOND again.
    await sleep(1000);
    for (let i = 0; i < BRIDGE_MESSAGES_PER_SECOND - 1; i++) {
      await softphone.ok({ type: 'bridge.send', message: announce });
    }
  });

  it('is not kept for a session without a socket: a resumed session gets no relayed message', async () => {
    const { a, contactPad, softphone } = await twoSessions();
    const { sessionId, lastSeq } = contactPad;
    const before = h.service.routing.hub.connected().length;
    contactPad.drop();
    await waitFor(() => h.service.routing.hub.connected().length < before);
    await softphone.ok({ type: 'bridge.send', message: announce });
    const { client, welcome } = await TestClient.connect(
      h.service.agentUrl,
      await h.token(a, 'ann'),
      { sessionId: sessionId as string, lastSeq },
    );
    expect(welcome.resumed).toBe(true);
    h.track(client);
    expect(await client.arrivesWithin(isRelayed, QUIET_MS)).toBe(false);
    // Live again: the next one arrives.
    await softphone.ok({ type: 'bridge.send', message: announce });
    expect(await client.next(isRelayed)).toMatchObject({ message: announce });
  });
});
