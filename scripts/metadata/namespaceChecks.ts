/**
 * The offline check that the package is namespace-ready: no hard-coded namespace anywhere in its
 * source, the project's namespace read from sfdx-project.json alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder, rel } from './xmlFiles';

/** The namespace in the project's sfdx-project.json ('' when none): the one place it is set. */
export function projectNamespace(
  projectFile: string = join(__dirname, '..', '..', 'sfdx-project.json'),
): string {
  const project = JSON.parse(readFileSync(projectFile, 'utf8')) as { namespace?: unknown };
  return typeof project.namespace === 'string' ? project.namespace : '';
}

/** Source files a namespace could be written into: Apex, Visualforce, metadata, LWC (not its tests). */
const namespaceScanned = (p: string): boolean =>
  !p.includes('__tests__') &&
  (p.endsWith('.cls') ||
    p.endsWith('.trigger') ||
    p.endsWith('.page') ||
    p.endsWith('-meta.xml') ||
    (p.includes(join('lwc', '')) && /\.(js|ts|html)$/.test(p)));

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * No hard-coded default namespace (`c__`, `c:`) nor the project's own namespace (`ns__`, `ns:`,
 * `ns.`) in Apex, Visualforce, metadata or LWC, where installing the package (or packaging it under
 * another namespace) would break it. Apex derives the prefix at run time; LWC imports of `c/...`
 * and `@salesforce/.../c.` resolve to the package namespace by themselves.
 */
export function namespaceProblems(root: string, namespace: string = projectNamespace()): string[] {
  const own =
    namespace === ''
      ? undefined
      : new RegExp(`(^|[^\\w])${escapeRegExp(namespace)}(__|:|\\.)\\w`, 'i');
  return filesUnder(root, namespaceScanned).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const problems: string[] = [];
    if (/(^|[^\w])c__\w|<c:\w|"c:\w/.test(text)) {
      problems.push(`${rel(root, file)}: hard-coded default namespace (c__ or c:)`);
    }
    if (own?.test(text)) {
      problems.push(`${rel(root, file)}: hard-coded namespace ${namespace}`);
    }
    return problems;
  });
}
