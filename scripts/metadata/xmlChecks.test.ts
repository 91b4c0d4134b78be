/**
 * The XML checks (xmlChecks.ts) against the package, and against a broken fixture per check to
 * prove each fails when it should.
 */
import { DEFAULT, fixture } from './testPaths';
import { schemaProblems, wellFormedProblems } from './xmlChecks';

describe('well-formed XML', () => {
  it('holds for every metadata file and Visualforce page of the package', () => {
    expect(wellFormedProblems(DEFAULT)).toEqual([]);
  });

  it('fails on an unclosed element (fixture malformed-xml)', () => {
    expect(wellFormedProblems(fixture('malformed-xml'))).toEqual([
      expect.stringMatching(/^cspTrustedSites\/Broken\.cspTrustedSite-meta\.xml: not well-formed/),
    ]);
  });
});

describe('elements known to their Metadata API type (@salesforce/types)', () => {
  it('holds for every metadata file of the package: known, in order, valid values, required present', () => {
    expect(schemaProblems(DEFAULT)).toEqual([]);
  });

  it('fails on each kind of schema break (fixture schema-broken)', () => {
    const problems = schemaProblems(fixture('schema-broken'));
    const about = (file: string) => problems.filter((p) => p.startsWith(file));
    expect(about('cspTrustedSites/UnknownElement')).toEqual([
      expect.stringMatching(/<isApplicableToWebSocket> is not an element of CspTrustedSite/),
    ]);
    expect(about('cspTrustedSites/OutOfOrder')).toEqual([
      expect.stringMatching(/<endpointUrl> comes after <isActive>/),
    ]);
    expect(about('cspTrustedSites/BadBoolean')).toEqual([
      expect.stringMatching(/<isActive> must be true or false, not "yes"/),
    ]);
    expect(about('callCenters/MissingRequired')).toEqual([
      expect.stringMatching(/CallCenter requires <displayName>/),
    ]);
    expect(about('applications/BadEnum')).toEqual([
      expect.stringMatching(/<navType> "Utility" is not a NavType/),
    ]);
    expect(about('classes/BadNumber')).toEqual([
      expect.stringMatching(/<apiVersion> must be a number/),
    ]);
    expect(problems).toHaveLength(6);
  });
});
