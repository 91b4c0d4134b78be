import type { Command, ServerMessageOf } from '../protocol';
import { ProtocolError } from '../protocol';
import { PendingCommands } from './pendingCommands';
import { jestTimers } from './testing';

function setup() {
  const written: string[] = [];
  const commands = new PendingCommands(jestTimers, 5000, (text) => written.push(text));
  const settled: string[] = [];
  const send = (id: string) => {
    const frame: Command = { v: 1, id, type: 'presence.set', state: 'ready', reason: null };
    commands.add(
      frame,
      (ack) => settled.push(`ack ${ack.id}`),
      (error) => settled.push(`${error.code} ${error.message}`),
    );
  };
  return { commands, written, settled, send };
}

const ack = (id: string): ServerMessageOf<'ack'> => ({
  v: 1,
  type: 'ack',
  id,
  seq: 0,
  interactionId: null,
  consultId: null,
});
const refusal = (id: string | null): ServerMessageOf<'error'> => ({
  v: 1,
  type: 'error',
  id,
  code: 'conflict',
  message: 'changed meanwhile',
  messageType: 'release',
  field: null,
  interactionId: 'i-1',
  currentVersion: 3,
});

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('PendingCommands', () => {
  it('sends a command and settles it by the ack or error naming its id, once', () => {
    const t = setup();
    t.send('c1');
    t.send('c2');
    expect(t.written.map((text) => (JSON.parse(text) as { id: string }).id)).toEqual(['c1', 'c2']);
    expect(t.commands.answer(ack('c1'))).toBe(true);
    expect(t.commands.answer(refusal('c2'))).toBe(true);
    expect(t.settled).toEqual(['ack c1', 'conflict changed meanwhile']);
    // Answered already, unknown, or no id: nothing waits for it.
    expect(t.commands.answer(ack('c1'))).toBe(false);
    expect(t.commands.answer(refusal(null))).toBe(false);
    jest.advanceTimersByTime(10_000);
    expect(t.settled).toHaveLength(2);
  });

  it('rejects a command unanswered in time as unavailable', () => {
    const t = setup();
    t.send('c1');
    jest.advanceTimersByTime(4999);
    expect(t.settled).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(t.settled).toEqual(['unavailable the routing service did not answer in time']);
    expect(t.commands.answer(ack('c1'))).toBe(false);
  });

  it('sends every waiting command again with a fresh timeout', () => {
    const t = setup();
    t.send('c1');
    jest.advanceTimersByTime(4000);
    t.commands.resendAll();
    expect(t.written).toHaveLength(2);
    expect(t.written[1]).toBe(t.written[0]);
    jest.advanceTimersByTime(4000);
    expect(t.settled).toEqual([]);
    expect(t.commands.answer(ack('c1'))).toBe(true);
  });

  it('rejects every waiting command with the reason, and forgets them', () => {
    const t = setup();
    t.send('c1');
    t.send('c2');
    t.commands.rejectAll('the connection was closed');
    expect(t.settled).toEqual([
      'unavailable the connection was closed',
      'unavailable the connection was closed',
    ]);
    expect(t.commands.answer(ack('c1'))).toBe(false);
    jest.advanceTimersByTime(10_000);
    expect(t.settled).toHaveLength(2);
  });

  it('turns an error answer into a ProtocolError with its interaction and version', () => {
    const t = setup();
    let caught: unknown;
    t.commands.add(
      { v: 1, id: 'c1', type: 'presence.set', state: 'ready', reason: null },
      () => undefined,
      (error) => (caught = error),
    );
    t.commands.answer(refusal('c1'));
    expect(caught).toBeInstanceOf(ProtocolError);
    expect(caught).toMatchObject({ code: 'conflict', interactionId: 'i-1', currentVersion: 3 });
  });
});
