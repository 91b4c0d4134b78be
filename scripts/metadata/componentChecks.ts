/**
 * Offline checks of single components source-deploy-retrieve lets through: an LWC bundle without
 * its js-meta.xml or exposed without targets, a call center Open CTI would not load. Each check
 * returns its problems as `path: message` lines; none means it passes.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { child, childrenNamed, filesUnder, readXml, rel, textOf } from './xmlFiles';

/** Every LWC bundle has its js-meta.xml; an exposed one names its targets. */
export function lwcBundleProblems(root: string): string[] {
  const lwc = join(root, 'lwc');
  if (!existsSync(lwc)) return [];
  return readdirSync(lwc)
    .filter((name) => statSync(join(lwc, name)).isDirectory() && name !== '__tests__')
    .flatMap((bundle) => {
      const meta = join(lwc, bundle, `${bundle}.js-meta.xml`);
      if (!existsSync(meta)) return [`lwc/${bundle}: no ${bundle}.js-meta.xml`];
      const node = readXml(meta);
      const exposed = textOf(child(node, 'isExposed')) === 'true';
      const targets = childrenNamed(child(node, 'targets') ?? node, 'target').map(textOf);
      return exposed && targets.length === 0 ? [`lwc/${bundle}: exposed without <targets>`] : [];
    });
}

/** Items Open CTI requires in the reqGeneralInfo section of a Lightning call center. */
const REQUIRED_ITEMS = [
  'reqAdapterUrl',
  'reqSalesforceCompatibilityMode',
  'reqSoftphoneHeight',
  'reqSoftphoneWidth',
  'reqUseApi',
];

/** Every call center: required items, Lightning mode, adapter URL relative or https, no custom req*. */
export function callCenterProblems(root: string): string[] {
  return filesUnder(join(root, 'callCenters'), (p) => p.endsWith('.callCenter-meta.xml')).flatMap(
    (file) => {
      const where = rel(root, file);
      const node = readXml(file);
      const problems: string[] = [];
      const sections = childrenNamed(node, 'sections');
      const general = sections.find((s) => textOf(child(s, 'name')) === 'reqGeneralInfo');
      const items = new Map(
        (general ? childrenNamed(general, 'items') : []).map((i) => [
          textOf(child(i, 'name')),
          textOf(child(i, 'value')),
        ]),
      );
      if (!general) problems.push(`${where}: no reqGeneralInfo section`);
      for (const name of REQUIRED_ITEMS) {
        if (!items.get(name)) problems.push(`${where}: reqGeneralInfo has no ${name} value`);
      }
      const mode = items.get('reqSalesforceCompatibilityMode');
      if (mode && mode !== 'Lightning' && mode !== 'Classic_and_Lightning') {
        problems.push(`${where}: reqSalesforceCompatibilityMode ${mode} does not run in Lightning`);
      }
      if (!textOf(child(node, 'displayName'))) problems.push(`${where}: no displayName`);
      for (const url of [textOf(child(node, 'adapterUrl')), items.get('reqAdapterUrl') ?? '']) {
        if (url && !url.startsWith('https://') && !/^\/[^/]/.test(url)) {
          problems.push(`${where}: adapter URL ${url} is neither relative nor https`);
        }
        const page = /^\/apex\/(\w+)/.exec(url)?.[1];
        if (page && !existsSync(join(root, 'pages', `${page}.page`))) {
          problems.push(`${where}: adapter URL names a page that does not exist: ${page}`);
        }
      }
      for (const section of sections.filter((s) => s !== general)) {
        const names = [textOf(child(section, 'name'))].concat(
          childrenNamed(section, 'items').map((i) => textOf(child(i, 'name'))),
        );
        for (const name of names.filter((n) => n.startsWith('req'))) {
          problems.push(`${where}: custom name ${name} must not start with req (reserved)`);
        }
      }
      return problems;
    },
  );
}
