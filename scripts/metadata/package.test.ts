/**
 * Offline checks of the Salesforce package that nothing else catches before a deploy: every Custom
 * Label a component imports exists, every LWC bundle has its js-meta.xml, no TypeScript ships.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const DEFAULT = join(ROOT, 'force-app', 'main', 'default');
const LWC = join(DEFAULT, 'lwc');

function filesUnder(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : filesUnder(path, test);
    return test(name) ? [path] : [];
  });
}

const bundles = readdirSync(LWC).filter((name) => statSync(join(LWC, name)).isDirectory());
const labelsXml = readFileSync(join(DEFAULT, 'labels', 'CustomLabels.labels-meta.xml'), 'utf8');
const defined = new Set([...labelsXml.matchAll(/<fullName>([^<]+)<\/fullName>/g)].map((m) => m[1]));

describe('Salesforce package metadata', () => {
  it('defines every Custom Label the components import', () => {
    const missing = filesUnder(LWC, (name) => name.endsWith('.js')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/@salesforce\/label\/c\.([A-Za-z0-9_]+)/g)]
        .map((m) => m[1] as string)
        .filter((label) => !defined.has(label))
        .map((label) => `${label} (${file.slice(ROOT.length + 1)})`),
    );
    expect(missing).toEqual([]);
  });

  it('has no label defined twice', () => {
    const names = [...labelsXml.matchAll(/<fullName>([^<]+)<\/fullName>/g)].map((m) => m[1]);
    expect(names.length).toBe(new Set(names).size);
  });

  it.each(bundles)('bundle %s has its js file and js-meta.xml', (bundle) => {
    expect(existsSync(join(LWC, bundle, `${bundle}.js`))).toBe(true);
    expect(existsSync(join(LWC, bundle, `${bundle}.js-meta.xml`))).toBe(true);
  });

  it('ships no TypeScript in force-app (the platform deploys JavaScript)', () => {
    expect(filesUnder(join(ROOT, 'force-app'), (name) => name.endsWith('.ts'))).toEqual([]);
  });
});
