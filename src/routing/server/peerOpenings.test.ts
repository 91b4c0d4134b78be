import { PeerOpenings } from './peerOpenings';

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('PeerOpenings', () => {
  it('opens at most `limit` connections to one process at a time, the rest in order', async () => {
    const openings = new PeerOpenings(2);
    const opened: string[] = [];
    const dones = new Map<string, () => void>();
    for (const name of ['a', 'b', 'c', 'd']) {
      openings.take('owner:1', (done) => {
        opened.push(name);
        dones.set(name, done);
      });
    }
    // Another process has turns of its own.
    openings.take('other:1', (done) => {
      opened.push('x');
      done();
    });
    expect(opened).toEqual(['a', 'b', 'x']);
    dones.get('b')?.();
    dones.get('b')?.(); // once is enough
    await settled();
    expect(opened).toEqual(['a', 'b', 'x', 'c']);
    dones.get('a')?.();
    await settled();
    expect(opened).toEqual(['a', 'b', 'x', 'c', 'd']);
    dones.get('c')?.();
    dones.get('d')?.();
    // All given back: a new one opens at once.
    openings.take('owner:1', () => opened.push('e'));
    expect(opened.at(-1)).toBe('e');
  });

  it('passes the turn on when an opening is no longer wanted, without growing the stack', async () => {
    const openings = new PeerOpenings(1);
    let first: (() => void) | undefined;
    openings.take('owner:1', (done) => (first = done));
    let given = 0;
    for (let n = 0; n < 50_000; n++) {
      openings.take('owner:1', (done) => {
        given += 1;
        done();
      });
    }
    first?.();
    while (given < 50_000) await settled();
    expect(given).toBe(50_000);
  });

  it('gives a turn up after `turnMs` when its connection is never answered', async () => {
    const openings = new PeerOpenings(1, 20);
    const opened: string[] = [];
    openings.take('owner:1', () => opened.push('hung'));
    openings.take('owner:1', () => opened.push('next'));
    expect(opened).toEqual(['hung']);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(opened).toEqual(['hung', 'next']);
  });
});
