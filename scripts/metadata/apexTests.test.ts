/**
 * The Apex test checks (apexTests.ts) against the package, and against a broken fixture
 * (fixtures/runas-broken) to prove each one fails when it should.
 */
import { runAsProblems, testMethods } from './apexTests';
import { DEFAULT, fixture } from './testPaths';

describe('Apex tests run as users holding one permission set', () => {
  it('every test method of the package runs through System.runAs as an Agent-only or Admin-only user', () => {
    expect(runAsProblems(DEFAULT)).toEqual([]);
  });

  it('fails on a method without runAs, a user from elsewhere, two assignments, an unused permission set (fixture runas-broken)', () => {
    expect(runAsProblems(fixture('runas-broken')).sort()).toEqual([
      'classes/Users.cls: assigns permission sets in 2 places; a test user holds one',
      'classes/Users.cls: makes no user with permission set Widget_Admin',
      'classes/WidgetTest.cls: runsAsSomeoneElse runs as no user from Users',
      'classes/WidgetTest.cls: runsAsTheTestRunner does not run through System.runAs',
      'classes/WidgetTest.cls: runsAsTheTestRunner runs as no user from Users',
    ]);
  });

  it('finds test methods whole, past braces in strings and comments', () => {
    const source = [
      '@IsTest private class T {',
      "  @IsTest static void a() { String s = '}\\''; if (x) { y(); } // }",
      '  }',
      '  /* { */ @isTest',
      '  public static void b() {}',
      '  static void helper() { }',
      '}',
    ].join('\n');
    expect(testMethods(source).map((m) => m.name)).toEqual(['a', 'b']);
    expect(testMethods(source)[0]?.body).toContain('y();');
  });
});
