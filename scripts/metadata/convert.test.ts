/**
 * The conversion to Metadata API format (convert.ts) of the package, and of fixtures with a file of
 * no known type and files a .forceignore lets through.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertToMetadata, shippedProblems } from './convert';
import { PACKAGE, fixture } from './testPaths';

/** Every component the package must deploy, as `Type:fullName`. */
const EXPECTED_COMPONENTS = [
  'ApexClass:ContactPadCaseConfig',
  'ApexClass:ContactPadCaseController',
  'ApexClass:ContactPadCaseControllerTest',
  'ApexClass:ContactPadCaseSender',
  'ApexClass:ContactPadCaseSenderTest',
  'ApexClass:ContactPadCaseRetryTest',
  'ApexClass:ContactPadConnectorMock',
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
  'ApexClass:ContactPadSetupFailuresTest',
  'ApexClass:ContactPadSetupCalls',
  'ApexClass:ContactPadSupervisorControllerTest',
  'ApexClass:ContactPadRoutingMock',
  'ApexClass:ContactPadSupervisorController',
  'CustomTab:ContactPad_Setup',
  'PermissionSet:ContactPad_Supervisor',
  'ApexClass:ContactPadSessionController',
  'ApexClass:ContactPadSessionControllerTest',
  'ApexClass:ContactPadCallLogTest',
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
