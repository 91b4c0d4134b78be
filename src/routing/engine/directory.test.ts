import { sameJson } from './directory';

describe('sameJson', () => {
  it('tells what the JSON texts would tell', () => {
    const cases: [unknown, unknown][] = [
      [
        { a: 1, b: { c: [1, 2] } },
        { a: 1, b: { c: [1, 2] } },
      ],
      [{ a: 1, b: undefined }, { a: 1 }],
      [{ a: null }, { a: null }],
      [{ a: [1, 2] }, { a: [1, 2, 3] }],
      [{ a: 1 }, { a: '1' }],
      [{ a: {} }, { a: [] }],
      [{ a: 1 }, { a: 1, b: 2 }],
      [{ w: { live: 100 } }, { w: { live: 51 } }],
      [null, {}],
    ];
    for (const [a, b] of cases) {
      expect(sameJson(a, b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      expect(sameJson(b, a)).toBe(JSON.stringify(a) === JSON.stringify(b));
    }
  });

  it('does not mind the order of properties', () => {
    expect(sameJson({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toBe(true);
  });
});
