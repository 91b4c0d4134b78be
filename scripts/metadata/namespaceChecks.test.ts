/**
 * The namespace check (namespaceChecks.ts) against the package and a broken fixture, and where the
 * namespace is read from.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { namespaceProblems, projectNamespace } from './namespaceChecks';
import { DEFAULT, fixture } from './testPaths';

let output: string;
beforeEach(() => {
  output = mkdtempSync(join(tmpdir(), 'contactpad-project-'));
});
afterEach(() => rmSync(output, { recursive: true, force: true }));

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
