import { Writable } from 'node:stream';
import { HELD_BYTES, TurnWrites } from './turnWrites';

/** A socket that records each write it is asked to make, as the chunks of that write. */
function recordingSocket() {
  const writes: string[][] = [];
  const socket = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      writes.push(chunks.map(({ chunk }) => String(chunk)));
      done();
    },
  });
  return { socket, writes };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TurnWrites', () => {
  it('sends what was written to a socket within one turn in one write, in order', async () => {
    const turns = new TurnWrites();
    const { socket, writes } = recordingSocket();
    for (const frame of ['a', 'b', 'c']) {
      turns.hold(socket, frame.length);
      socket.write(frame);
    }
    await Promise.resolve();
    turns.hold(socket, 1);
    socket.write('d');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('holds each socket on its own and starts again in the next turn', async () => {
    const turns = new TurnWrites();
    const one = recordingSocket();
    const two = recordingSocket();
    turns.hold(one.socket, 2);
    one.socket.write('1a');
    turns.hold(two.socket, 2);
    two.socket.write('2a');
    turns.hold(one.socket, 2);
    one.socket.write('1b');
    await nextTurn();
    expect(one.writes).toEqual([['1a', '1b']]);
    expect(two.writes).toEqual([['2a']]);
    turns.hold(one.socket, 2);
    one.socket.write('1c');
    await nextTurn();
    expect(one.writes).toEqual([['1a', '1b'], ['1c']]);
  });

  it('leaves writes made without holding as they are', async () => {
    const turns = new TurnWrites();
    const { socket, writes } = recordingSocket();
    socket.write('a');
    expect(writes).toEqual([['a']]);
    turns.hold(socket, 1);
    socket.write('b');
    socket.destroy();
    // Uncorking a socket destroyed meanwhile does nothing.
    await nextTurn();
    expect(writes).toEqual([['a']]);
  });

  it('holds at most HELD_BYTES: past them, what was held leaves at once with the frame', async () => {
    const turns = new TurnWrites();
    const { socket, writes } = recordingSocket();
    const small = 'x'.repeat(HELD_BYTES / 2);
    turns.hold(socket, small.length);
    socket.write(small);
    turns.hold(socket, small.length);
    socket.write('y');
    expect(writes).toEqual([]);
    expect(turns.held(socket)).toBe(HELD_BYTES);
    const large = 'z'.repeat(HELD_BYTES);
    turns.hold(socket, large.length + 1);
    expect(writes).toEqual([[small, 'y']]);
    socket.write(large);
    expect(writes).toEqual([[small, 'y'], [large]]);
    expect(turns.held(socket)).toBe(0);
    // Held again from the next small frame on.
    turns.hold(socket, 1);
    socket.write('a');
    expect(writes).toHaveLength(2);
    await nextTurn();
    expect(writes).toEqual([[small, 'y'], [large], ['a']]);
  });
});
