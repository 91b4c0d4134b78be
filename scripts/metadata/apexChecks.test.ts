/**
 * The Apex source check (apexChecks.ts) against the package, and against a broken fixture to prove
 * it fails when it should.
 */
import { apexProblems } from './apexChecks';
import { DEFAULT, fixture } from './testPaths';

describe('Apex', () => {
  it('every class and trigger parses and has its -meta.xml, and every class is used by a test class', () => {
    expect(apexProblems(DEFAULT)).toEqual([]);
  });

  it('fails on a syntax error, a missing -meta.xml and an untested class, in a class or a trigger (fixture apex-broken)', () => {
    const problems = apexProblems(fixture('apex-broken'));
    expect(problems.sort()).toEqual([
      expect.stringMatching(/^classes\/Broken\.cls: does not parse: Missing '\)'/),
      'classes/Broken.cls: no test class uses Broken',
      'classes/NoMeta.cls: no NoMeta.cls-meta.xml',
      'classes/Untested.cls: no test class uses Untested',
      expect.stringMatching(/^triggers\/BrokenTrigger\.trigger: does not parse: Unexpected token/),
      'triggers/BrokenTrigger.trigger: no BrokenTrigger.trigger-meta.xml',
    ]);
  });
});
