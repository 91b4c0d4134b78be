/**
 * The checks of single components (componentChecks.ts) against the package, and against a broken
 * fixture per check to prove each fails when it should.
 */
import { callCenterProblems, lwcBundleProblems } from './componentChecks';
import { DEFAULT, fixture } from './testPaths';

describe('LWC bundles', () => {
  it('each has a js-meta.xml, with targets where exposed; contactPad is a utility item', () => {
    expect(lwcBundleProblems(DEFAULT)).toEqual([]);
  });

  it('fails on a bundle without js-meta.xml or an exposed one without targets (fixture lwc-broken)', () => {
    expect(lwcBundleProblems(fixture('lwc-broken')).sort()).toEqual([
      'lwc/nowhere: exposed without <targets>',
      'lwc/orphan: no orphan.js-meta.xml',
    ]);
  });
});

describe('call center', () => {
  it('has the required items, Lightning mode and a relative or https adapter URL to a real page', () => {
    expect(callCenterProblems(DEFAULT)).toEqual([]);
  });

  it('fails on a missing item, Classic mode, http URL, a missing page, a custom req name (fixture callcenter-broken)', () => {
    const problems = callCenterProblems(fixture('callcenter-broken')).map((p) =>
      p.replace(/^[^:]+: /, ''),
    );
    expect(problems.sort()).toEqual([
      'adapter URL http://softphone.example.com/adapter is neither relative nor https',
      'adapter URL names a page that does not exist: Missing',
      'custom name reqRoutingEndpoint must not start with req (reserved)',
      'reqGeneralInfo has no reqSoftphoneWidth value',
      'reqSalesforceCompatibilityMode Classic does not run in Lightning',
    ]);
  });
});
