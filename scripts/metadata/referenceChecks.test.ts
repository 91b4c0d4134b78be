/**
 * The reference check (referenceChecks.ts) against the package, and against a fixture with every
 * kind of dangling reference.
 */
import { referenceProblems } from './referenceChecks';
import { DEFAULT, fixture } from './testPaths';

describe('references between components', () => {
  it('permission sets, the app and its utility bar name only components that exist', () => {
    expect(referenceProblems(DEFAULT)).toEqual([]);
  });

  it('fails on every dangling reference (fixture references-broken)', () => {
    const problems = referenceProblems(fixture('references-broken')).map((p) =>
      p.replace(/^[^:]+: /, ''),
    );
    expect(problems.sort()).toEqual([
      'no Apex class NoSuchClass',
      'no LWC bundle noSuchComponent',
      'no LWC bundle noSuchTabComponent',
      'no Visualforce page NoSuchPage',
      'no app No_Such_App',
      'no custom metadata type No_Such_Setting__mdt',
      'no external credential principal No_Such_Credential-Principal',
      'no tab No_Such_App_Tab',
      'no tab No_Such_Tab',
      'no utility bar FlexiPage No_Such_UtilityBar',
      'utilityOnly is not exposed for lightning__Tab',
    ]);
  });
});
