/**
 * The offline check that components name only components that exist (permission sets, the app,
 * tabs, the utility bar, named credentials). Its problems are `path: message` lines; none means it
 * passes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { child, childrenNamed, filesUnder, readXml, rel, textOf } from './xmlFiles';

const exists = (root: string, ...parts: string[]): boolean => existsSync(join(root, ...parts));

/** A tab an app or permission set names: a standard one (`standard-…`) or one of tabs/. */
const tabExists = (root: string, tab: string): boolean =>
  tab.startsWith('standard-') || exists(root, 'tabs', `${tab}.tab-meta.xml`);

/** Adds the problem, if any, of `where` naming LWC bundle `name` for `target`. */
function lwcTargetProblem(
  root: string,
  where: string,
  name: string,
  target: string,
  problems: string[],
): void {
  const meta = join(root, 'lwc', name, `${name}.js-meta.xml`);
  if (!existsSync(meta)) problems.push(`${where}: no LWC bundle ${name}`);
  else if (!readFileSync(meta, 'utf8').includes(target))
    problems.push(`${where}: ${name} is not exposed for ${target}`);
}

/** The principals an external credential defines: `EC-Principal`. */
function principalsOf(root: string): Set<string> {
  return new Set(
    filesUnder(join(root, 'externalCredentials'), (p) =>
      p.endsWith('.externalCredential-meta.xml'),
    ).flatMap((file) => {
      const ec = basename(file).replace('.externalCredential-meta.xml', '');
      return childrenNamed(readXml(file), 'externalCredentialParameters')
        .filter((p) => /Principal$/.test(textOf(child(p, 'parameterType'))))
        .map((p) => `${ec}-${textOf(child(p, 'parameterName'))}`);
    }),
  );
}

/**
 * Cross references name components that exist: permission sets (apps, classes, pages, custom
 * metadata types, objects, external credential principals), the app's utility bar, the utility
 * bar's own components, named credentials' external credentials.
 */
export function referenceProblems(root: string): string[] {
  const problems: string[] = [];
  const principals = principalsOf(root);
  for (const file of filesUnder(join(root, 'permissionsets'), (p) =>
    p.endsWith('.permissionset-meta.xml'),
  )) {
    const where = rel(root, file);
    const node = readXml(file);
    const refs = (element: string, field: string): string[] =>
      childrenNamed(node, element).map((e) => textOf(child(e, field)));
    for (const app of refs('applicationVisibilities', 'application')) {
      if (!exists(root, 'applications', `${app}.app-meta.xml`))
        problems.push(`${where}: no app ${app}`);
    }
    for (const cls of refs('classAccesses', 'apexClass')) {
      if (!exists(root, 'classes', `${cls}.cls`)) problems.push(`${where}: no Apex class ${cls}`);
    }
    for (const page of refs('pageAccesses', 'apexPage')) {
      if (!exists(root, 'pages', `${page}.page`))
        problems.push(`${where}: no Visualforce page ${page}`);
    }
    for (const type of refs('customMetadataTypeAccesses', 'name')) {
      if (!exists(root, 'objects', type))
        problems.push(`${where}: no custom metadata type ${type}`);
    }
    for (const object of refs('objectPermissions', 'object')) {
      if (object.includes('__') && !exists(root, 'objects', object))
        problems.push(`${where}: no object ${object}`);
    }
    for (const principal of refs(
      'externalCredentialPrincipalAccesses',
      'externalCredentialPrincipal',
    )) {
      if (!principals.has(principal))
        problems.push(`${where}: no external credential principal ${principal}`);
    }
    for (const tab of refs('tabSettings', 'tab')) {
      if (!tabExists(root, tab)) problems.push(`${where}: no tab ${tab}`);
    }
  }
  for (const file of filesUnder(join(root, 'applications'), (p) => p.endsWith('.app-meta.xml'))) {
    const app = readXml(file);
    const bar = textOf(child(app, 'utilityBar'));
    if (bar && !exists(root, 'flexipages', `${bar}.flexipage-meta.xml`))
      problems.push(`${rel(root, file)}: no utility bar FlexiPage ${bar}`);
    for (const tab of childrenNamed(app, 'tabs').map(textOf)) {
      if (!tabExists(root, tab)) problems.push(`${rel(root, file)}: no tab ${tab}`);
    }
  }
  for (const file of filesUnder(join(root, 'tabs'), (p) => p.endsWith('.tab-meta.xml'))) {
    const name = textOf(child(readXml(file), 'lwcComponent'));
    if (name) lwcTargetProblem(root, rel(root, file), name, 'lightning__Tab', problems);
  }
  for (const file of filesUnder(join(root, 'flexipages'), (p) =>
    p.endsWith('.flexipage-meta.xml'),
  )) {
    const names = [...readFileSync(file, 'utf8').matchAll(/<componentName>([^<]+)</g)].map(
      (m) => m[1] as string,
    );
    for (const name of names.filter((n) => !n.includes(':'))) {
      lwcTargetProblem(root, rel(root, file), name, 'lightning__UtilityBar', problems);
    }
  }
  for (const file of filesUnder(join(root, 'namedCredentials'), (p) =>
    p.endsWith('.namedCredential-meta.xml'),
  )) {
    for (const m of readFileSync(file, 'utf8').matchAll(/<externalCredential>([^<]+)</g)) {
      if (!exists(root, 'externalCredentials', `${m[1]}.externalCredential-meta.xml`))
        problems.push(`${rel(root, file)}: no external credential ${m[1]}`);
    }
  }
  return problems;
}
