import { Writable } from 'node:stream';
import { TurnWrites } from './turnWrites';

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
      turns.hold(socket);
      socket.write(frame);
    }
    await Promise.resolve();
    turns.hold(socket);
    socket.write('d');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('holds each socket on its own and starts again in the next turn', async () => {
    const turns = new TurnWrites();
    const one = recordingSocket();
    const two = recordingSocket();
    turns.hold(one.socket);
    one.socket.write('1a');
    turns.hold(two.socket);
    two.socket.write('2a');
    one.socket.write('1b');
    await nextTurn();
    expect(one.writes).toEqual([['1a', '1b']]);
    expect(two.writes).toEqual([['2a']]);
    turns.hold(one.socket);
    one.socket.write('1c');
    await nextTurn();
    expect(one.writes).toEqual([['1a', '1b'], ['1c']]);
  });

  it('leaves writes made without holding as they are', async () => {
    const turns = new TurnWrites();
    const { socket, writes } = recordingSocket();
    socket.write('a');
    expect(writes).toEqual([['a']]);
    turns.hold(socket);
    socket.write('b');
    socket.destroy();
    // Uncorking a socket destroyed meanwhile does nothing.
    await nextTurn();
    expect(writes).toEqual([['a']]);
  });
});
