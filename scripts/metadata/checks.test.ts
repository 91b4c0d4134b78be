/**
 * The offline checks (checks.ts, convert.ts) against the package, and against one broken fixture per
 * check (fixtures/) to prove each check fails when it should.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  apexProblems,
  callCenterProblems,
  lwcBundleProblems,
  namespaceProblems,
  projectNamespace,
  referenceProblems,
  schemaProblems,
  wellFormedProblems,
} from './checks';
import { convertToMetadata, shippedProblems } from './convert';

const ROOT = join(__dirname, '..', '..');
const PACKAGE = join(ROOT, 'force-app');
const DEFAULT = join(PACKAGE, 'main', 'default');
const fixture = (name: string): string => join(__dirname, 'fixtures', name);

/** Every component the package must deploy, as `Type:fullName`. */
const EXPECTED_COMPONENTS = [
  'ApexClass:ContactPadCaseConfig',
  'ApexClass:ContactPadCaseController',
  'ApexClass:ContactPadCaseControllerTest',
  'ApexClass:ContactPadCaseSender',
  'ApexClass:ContactPadCaseSenderTest',
  'ApexClass:ContactPadCaseTriggerHandler',
  'ApexTrigger:ContactPadCase',
  'CustomMetadata:ContactPad_Case_Rule.Web_Support',
  'CustomObject:ContactPad_Case_Rule__mdt',
  'CustomObject:ContactPad_Case_Send__c',
  'CustomTab:ContactPad_Case_Send__c',
  'CustomTab:ContactPad_Supervisor',
  'LightningComponentBundle:contactPadSupervisor',
  'ExternalCredential:ContactPad_Connector',
  'NamedCredential:ContactPad_Connector',
  'PermissionSet:ContactPad_Case_Sender',
  'ApexClass:ContactPadRouting',
  'ApexClass:ContactPadSetupController',
  'ApexClass:ContactPadSetupControllerTest',
  'ApexClass:ContactPadSupervisorController',
  'CustomTab:ContactPad_Setup',
  'PermissionSet:ContactPad_Supervisor',
  'ApexClass:ContactPadSessionController',
  'ApexClass:ContactPadSessionControllerTest',
  'ApexClass:ContactPadSoftphoneController',
  'ApexClass:ContactPadSoftphoneControllerTest',
  'ApexClass:ContactPadTestUsers',
  'ApexPage:ContactPadSoftphone',
  'CallCenter:ContactPad',
  'CspTrustedSite:ContactPad_Routing',
  'CustomApplication:ContactPad_Console',
  'CustomLabels:CustomLabels',
  'CustomMetadata:ContactPad_Setting.Default',
  'CustomObject:ContactPad_Setting__mdt',
  'ExternalCredential:ContactPad_Routing',
  'FlexiPage:ContactPad_Console_UtilityBar',
  'LightningComponentBundle:contactPad',
  'NamedCredential:ContactPad_Routing',
  'PermissionSet:ContactPad_Admin',
  'PermissionSet:ContactPad_Agent',
  'StaticResource:ContactPadBridge',
];

let output: string;
beforeEach(() => {
  output = mkdtempSync(join(tmpdir(), 'contactpad-mdapi-'));
});
afterEach(() => rmSync(output, { recursive: true, force: true }));

describe('conversion to Metadata API format (source-deploy-retrieve)', () => {
  it('converts the package with every expected component and nothing that must not ship', async () => {
    const { components, files } = await convertToMetadata(PACKAGE, output);
    expect(components).toEqual(expect.arrayContaining(EXPECTED_COMPONENTS));
    expect(files).toContain('package.xml');
    expect(files).toContain('callCenters/ContactPad.callCenter');
    expect(files).toContain('customMetadata/ContactPad_Setting.Default.md');
    expect(shippedProblems(files)).toEqual([]);
  });

  it('fails on a file of no known type (fixture sdr-unknown-type)', async () => {
    await expect(convertToMetadata(fixture('sdr-unknown-type'), output)).rejects.toThrow(
      /callcenters-meta\.xml/,
    );
  });

  it('flags TypeScript, tests and READMEs a .forceignore lets through (fixture ships-typescript)', async () => {
    const { files } = await convertToMetadata(fixture('ships-typescript'), output);
    expect(shippedProblems(files)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/widgetVersion\.ts: must not ship/),
        expect.stringMatching(/__tests__\/widget\.test\.js: must not ship/),
        expect.stringMatching(/README\.md: must not ship/),
      ]),
    );
  });
});

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

describe('namespace readiness', () => {
  it('the project has a namespace, in sfdx-project.json alone', () => {
    expect(projectNamespace()).toMatch(/^[a-z][a-z0-9]{0,14}$/i);
  });

  it('the package hard-codes neither c__ nor its namespace in Apex, Visualforce, metadata or LWC', () => {
    expect(namespaceProblems(DEFAULT)).toEqual([]);
  });

  it('fails on c__ and on the namespace written out (fixture namespace-broken)', () => {
    expect(namespaceProblems(fixture('namespace-broken'), 'cpad').sort()).toEqual([
      'classes/Caller.cls: hard-coded default namespace (c__ or c:)',
      'classes/Settings.cls: hard-coded namespace cpad',
      'lwc/widget/widget.js: hard-coded default namespace (c__ or c:)',
      'lwc/widget/widget.js: hard-coded namespace cpad',
      'pages/Softphone.page: hard-coded default namespace (c__ or c:)',
    ]);
  });

  it('reads the namespace from an sfdx-project.json, none when it is empty', () => {
    const file = join(output, 'sfdx-project.json');
    writeFileSync(file, JSON.stringify({ namespace: '' }));
    expect(projectNamespace(file)).toBe('');
    writeFileSync(file, JSON.stringify({ namespace: 'acme' }));
    expect(projectNamespace(file)).toBe('acme');
  });
});

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
