import fc from 'fast-check';
import { compareRanks, RankedSet } from './rankedSet';

describe('compareRanks', () => {
  it('compares element by element, a shorter prefix first', () => {
    expect(compareRanks([1, 2], [1, 3])).toBeLessThan(0);
    expect(compareRanks([2], [1, 9])).toBeGreaterThan(0);
    expect(compareRanks([1, 2], [1, 2])).toBe(0);
    expect(compareRanks([1], [1, 0])).toBeLessThan(0);
    expect(compareRanks([], [])).toBe(0);
  });
});

describe('RankedSet', () => {
  it('starts empty', () => {
    const set = new RankedSet();
    expect(set.size).toBe(0);
    expect(set.first()).toBeUndefined();
    expect(set.ordered()).toEqual([]);
    expect(set.remove('x')).toBe(false);
    expect(set.has('x')).toBe(false);
    expect(set.rankOf('x')).toBeUndefined();
  });

  it('keeps the lowest rank first', () => {
    const set = new RankedSet();
    set.add('c', [3]);
    set.add('a', [1]);
    set.add('b', [2]);
    expect(set.first()).toBe('a');
    expect(set.ordered()).toEqual(['a', 'b', 'c']);
    expect(set.ordered(2)).toEqual(['a', 'b']);
    expect(set.size).toBe(3);
  });

  it('adding a member again moves it to its new rank, up or down', () => {
    const set = new RankedSet();
    set.add('a', [1]);
    set.add('b', [2]);
    set.add('c', [3]);
    set.add('a', [4]);
    expect(set.size).toBe(3);
    expect(set.ordered()).toEqual(['b', 'c', 'a']);
    set.add('c', [0]);
    expect(set.ordered()).toEqual(['c', 'b', 'a']);
    expect(set.rankOf('a')).toEqual([4]);
  });

  it('removes any member', () => {
    const set = new RankedSet();
    for (const [member, rank] of [
      ['a', 5],
      ['b', 1],
      ['c', 3],
      ['d', 2],
      ['e', 4],
    ] as const) {
      set.add(member, [rank]);
    }
    expect(set.remove('d')).toBe(true);
    expect(set.remove('d')).toBe(false);
    expect(set.ordered()).toEqual(['b', 'c', 'e', 'a']);
    expect(set.remove('b')).toBe(true);
    expect(set.first()).toBe('c');
    expect(set.has('b')).toBe(false);
  });

  it('behaves like a sorted array under random adds, moves and removes', () => {
    const member = fc.constantFrom(...'abcdefghijklmnopqrst'.split(''));
    const rank = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 3 });
    const op = fc.oneof(
      fc.record({ op: fc.constant('add' as const), member, rank }),
      fc.record({ op: fc.constant('remove' as const), member }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const set = new RankedSet();
        const model = new Map<string, readonly number[]>();
        for (const step of ops) {
          if (step.op === 'add') {
            set.add(step.member, step.rank);
            model.set(step.member, step.rank);
          } else {
            expect(set.remove(step.member)).toBe(model.delete(step.member));
          }
          expect(set.size).toBe(model.size);
          const sorted = [...model.entries()].sort((x, y) => compareRanks(x[1], y[1]));
          const first = set.first();
          if (sorted.length === 0) {
            expect(first).toBeUndefined();
          } else {
            // Ties may come in any order: the first has the lowest rank.
            expect(model.get(first as string)).toEqual(sorted[0]?.[1]);
          }
        }
        const ranksInOrder = set.ordered().map((m) => model.get(m));
        const sortedRanks = [...model.values()].sort(compareRanks);
        expect(ranksInOrder).toEqual(sortedRanks);
        for (const [m, r] of model) expect(set.rankOf(m)).toEqual(r);
        // Draining by first() gives every member once, in rank order.
        const drained: (readonly number[])[] = [];
        for (let m = set.first(); m !== undefined; m = set.first()) {
          drained.push(model.get(m) as readonly number[]);
          set.remove(m);
        }
        expect(drained).toEqual(sortedRanks);
      }),
      { numRuns: 300 },
    );
  });

  it('handles many members with distinct ranks exactly like a sort', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const set = new RankedSet();
    const ranks = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const id = `m${Math.floor(random() * 2000)}`;
      if (random() < 0.3) {
        set.remove(id);
        ranks.delete(id);
      } else {
        const r = random();
        set.add(id, [r]);
        ranks.set(id, r);
      }
    }
    const expected = [...ranks.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    expect(set.ordered()).toEqual(expected);
    expect(set.first()).toBe(expected[0]);
  });
});

describe('RankedSet with members moving behind the others', () => {
  it('keeps them in order as they leave and come back, mostly later than everyone', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const set = new RankedSet();
    const ranks = new Map<string, number>();
    const expected = () => [...ranks.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    for (let step = 0; step < 5000; step++) {
      const id = `g${Math.floor(random() * 300)}`;
      if (random() < 0.3) {
        expect(set.remove(id)).toBe(ranks.delete(id));
      } else {
        // Mostly behind everyone (idle since now), sometimes anywhere (an older idle time).
        const rank = random() < 0.9 ? step : random() * step;
        expect(set.add(id, [rank])).toBe(!ranks.has(id));
        ranks.set(id, rank);
      }
      if (step % 500 === 0) {
        expect(set.first()).toBe(expected()[0]);
        expect([...set.walk()].map(([member]) => member)).toEqual(expected());
      }
    }
    expect(set.ordered()).toEqual(expected());
    expect(set.size).toBe(ranks.size);
    // Nearly all leave: what they left behind is let go, and those who stay are still in order.
    const staying = expected().slice(-3);
    for (const id of expected().slice(0, -3)) set.remove(id);
    expect(set.size).toBe(3);
    expect(set.ordered()).toEqual(staying);
    expect(set.has('g-none')).toBe(false);
    for (const id of staying) expect(set.rankOf(id)).toEqual([ranks.get(id)]);
    set.add('back', [-1]);
    expect(set.first()).toBe('back');
    expect(set.ordered()).toEqual(['back', ...staying]);
  });
});

describe('RankedSet.walk', () => {
  it('yields every member with its rank in rank order, lazily', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 5 })), {
          maxLength: 80,
        }),
        fc.integer({ min: 0, max: 90 }),
        (adds, take) => {
          const set = new RankedSet();
          adds.forEach(([id, rank], i) => {
            if (rank === 5) set.remove(`m${id}`);
            else set.add(`m${id}`, [rank, i]);
          });
          const walked = [...set.walk()];
          expect(walked.map(([member]) => member)).toEqual(set.ordered());
          for (const [member, rank] of walked) expect(set.rankOf(member)).toEqual(rank);
          const some: string[] = [];
          for (const [member] of set.walk()) {
            if (some.length >= take) break;
            some.push(member);
          }
          expect(some).toEqual(set.ordered(take));
        },
      ),
    );
  });
});
