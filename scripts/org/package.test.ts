/**
 * The managed-package script without a Dev Hub: `npm run org:package -- <devhub>` creates the package
 * when sfdx-project.json has no alias for it yet, then a managed beta version with code coverage;
 * without a namespace it refuses before asking the Dev Hub for anything.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildVersion } from './package';
import { OrgError, Sf } from './sf';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'contactpad-package-'));
  file = join(dir, 'sfdx-project.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A fake sf that records each call and, like sf, writes the package alias on `package create`. */
function fakeSf(calls: string[]): Sf {
  return new Sf((_command, args) => {
    calls.push(args.join(' '));
    if (args[0] === '--version') return '@salesforce/cli/2.0.0';
    if (args[0] === 'package' && args[1] === 'create') {
      const project = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...project, packageAliases: { ContactPad: '0Ho1' } }));
    }
    return JSON.stringify({ status: 0, result: { username: 'hub@example.com' } });
  }, 'sf');
}

describe('managed 2GP version', () => {
  it('creates the managed package first, then a version with code coverage', () => {
    writeFileSync(file, JSON.stringify({ namespace: 'cpad', packageAliases: {} }));
    const calls: string[] = [];
    buildVersion(fakeSf(calls), 'hub', file);
    const create = calls.find((c) => c.startsWith('package create'));
    const version = calls.find((c) => c.startsWith('package version create'));
    expect(create).toMatch(/--package-type Managed/);
    expect(version).toMatch(/--package ContactPad .*--code-coverage/);
    expect(calls.indexOf(create as string)).toBeLessThan(calls.indexOf(version as string));
  });

  it('only builds a version when the package exists', () => {
    writeFileSync(
      file,
      JSON.stringify({ namespace: 'cpad', packageAliases: { ContactPad: '0Ho1' } }),
    );
    const calls: string[] = [];
    buildVersion(fakeSf(calls), 'hub', file);
    expect(calls.some((c) => c.startsWith('package create'))).toBe(false);
    expect(calls.some((c) => c.startsWith('package version create'))).toBe(true);
  });

  it('refuses without a namespace', () => {
    writeFileSync(file, JSON.stringify({ namespace: '', packageAliases: {} }));
    const calls: string[] = [];
    expect(() => buildVersion(fakeSf(calls), 'hub', file)).toThrow(OrgError);
    expect(calls.some((c) => c.startsWith('package'))).toBe(false);
  });
});
