import type { Finding, Justification } from './judge';
import { judge, parseJustifications } from './judge';

const finding = (over: Partial<Finding>): Finding => ({
  selector: 'Recommended',
  rule: 'pmd:SomeRule',
  severity: 2,
  file: 'force-app/main/default/classes/A.cls',
  line: 1,
  message: 'm',
  ...over,
});

const reason = 'a reason long enough for a reviewer to read';

describe('the Code Analyzer verdict', () => {
  it('fails every AppExchange finding and every Critical or High Recommended one', () => {
    const verdict = judge(
      [
        finding({ selector: 'AppExchange', severity: 3, rule: 'pmd:A' }),
        finding({ severity: 1, rule: 'pmd:B' }),
        finding({ severity: 2, rule: 'pmd:C' }),
        finding({ severity: 3, rule: 'pmd:D' }),
        finding({ severity: 5, rule: 'pmd:E' }),
      ],
      [],
    );
    expect(verdict.failing.map((each) => each.rule)).toEqual(['pmd:A', 'pmd:B', 'pmd:C']);
    expect(verdict.justified).toEqual([]);
  });

  it('lets one justification answer for one finding of its rule and file', () => {
    const twice = [finding({ line: 3 }), finding({ line: 9 })];
    const one: Justification = { rule: 'pmd:SomeRule', file: twice[0]!.file, reason };
    expect(judge(twice, [one]).failing.map((each) => each.line)).toEqual([9]);
    const both = judge(twice, [one, one]);
    expect(both.failing).toEqual([]);
    expect(both.justified.map((each) => each.reason)).toEqual([reason, reason]);
    const elsewhere = { ...one, file: 'force-app/main/default/classes/B.cls' };
    expect(judge(twice, [elsewhere]).failing).toHaveLength(2);
  });

  it('judges a finding both selectors report once, and reports justifications for nothing', () => {
    const verdict = judge(
      [finding({ selector: 'AppExchange' }), finding({})],
      [
        { rule: 'pmd:SomeRule', file: finding({}).file, reason },
        { rule: 'pmd:Gone', file: finding({}).file, reason },
      ],
    );
    expect(verdict.failing).toEqual([]);
    expect(verdict.justified).toHaveLength(1);
    expect(verdict.stale.map((each) => each.rule)).toEqual(['pmd:Gone']);
  });

  it('reads the justification file and refuses an entry that is not one line of reason', () => {
    const good = [{ rule: 'pmd:SomeRule', file: 'force-app/x.cls', reason }];
    expect(parseJustifications(JSON.stringify(good), 'j.json')).toEqual(good);
    for (const bad of [
      '{}',
      'not json',
      JSON.stringify([{ rule: 'SomeRule', file: 'force-app/x.cls', reason }]),
      JSON.stringify([{ rule: 'pmd:SomeRule', file: 'src/x.ts', reason }]),
      JSON.stringify([{ rule: 'pmd:SomeRule', file: 'force-app/x.cls', reason: 'short' }]),
      JSON.stringify([
        { rule: 'pmd:SomeRule', file: 'force-app/x.cls', reason: `${reason}\nmore` },
      ]),
      JSON.stringify([{ ...good[0], line: 3 }]),
    ]) {
      expect(() => parseJustifications(bad, 'j.json')).toThrow(/^j\.json/);
    }
  });
});
