/**
 * Least privilege, offline: which Apex entry points each shipped permission set grants. Lightning
 * lets a user call an @AuraEnabled method only with access to its class, so an agent cannot reach
 * the Setup page's Apex, nor a supervisor. (ContactPadSetupControllerTest checks the same in an org,
 * on the permission sets as assigned.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const SETS = join(__dirname, '..', '..', 'force-app', 'main', 'default', 'permissionsets');

function classesOf(set: string): string[] {
  const xml = readFileSync(join(SETS, `${set}.permissionset-meta.xml`), 'utf8');
  return [...xml.matchAll(/<apexClass>([^<]+)<\/apexClass>\s*<enabled>true<\/enabled>/g)]
    .map((m) => m[1] as string)
    .sort();
}

function tabsOf(set: string): string[] {
  const xml = readFileSync(join(SETS, `${set}.permissionset-meta.xml`), 'utf8');
  return [...xml.matchAll(/<tab>([^<]+)<\/tab>\s*<visibility>Visible<\/visibility>/g)]
    .map((m) => m[1] as string)
    .sort();
}

describe('Apex and tabs each permission set grants', () => {
  it('gives the Setup page to ContactPad Admin alone', () => {
    for (const set of ['ContactPad_Agent', 'ContactPad_Supervisor', 'ContactPad_Case_Sender']) {
      expect(classesOf(set)).not.toContain('ContactPadSetupController');
      expect(tabsOf(set)).not.toContain('ContactPad_Setup');
    }
    expect(classesOf('ContactPad_Admin')).toContain('ContactPadSetupController');
    expect(tabsOf('ContactPad_Admin')).toContain('ContactPad_Setup');
  });

  it('gives the Supervisor page to ContactPad Supervisor and ContactPad Admin, not to agents', () => {
    expect(classesOf('ContactPad_Supervisor')).toEqual(['ContactPadSupervisorController']);
    expect(tabsOf('ContactPad_Supervisor')).toEqual(['ContactPad_Supervisor']);
    expect(classesOf('ContactPad_Admin')).toContain('ContactPadSupervisorController');
    expect(classesOf('ContactPad_Agent')).not.toContain('ContactPadSupervisorController');
    expect(tabsOf('ContactPad_Agent')).not.toContain('ContactPad_Supervisor');
  });
});
