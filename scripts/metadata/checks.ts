/**
 * Offline checks of a Salesforce source folder (force-app/main/default, or a broken fixture) for what
 * source-deploy-retrieve does not catch before a deploy. Each check returns its problems as
 * `path: message` lines; none means it passes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Field, Schema } from './schema';
import { isPrimitive, metadataSchema } from './schema';

/** An XML element as the order-preserving parser gives it. */
interface XmlNode {
  readonly name: string;
  readonly text: string;
  readonly children: readonly XmlNode[];
}

/**
 * Files Salesforce reads with their own parsers, not the Metadata WSDL's sequences: Salesforce's own
 * samples list their elements in any order and deploy (js-meta.xml of LWC bundles), so neither
 * they nor their nested elements are held to an order. Their elements and values are still checked.
 */
const ORDER_EXEMPT = new Set(['LightningComponentBundle']);

/** Fields typed `string` in the WSDL that hold XML in source format. */
const XML_STRING_FIELDS = new Set(['LightningComponentBundle.targetConfigs']);

/** Every file under a folder, recursively. */
export function filesUnder(dir: string, test: (path: string) => boolean = () => true): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, test) : test(path) ? [path] : [];
  });
}

/** The metadata XML files of a source folder (tests excluded), plus Visualforce markup. */
export function metadataFiles(root: string): string[] {
  return filesUnder(
    root,
    (p) => !p.includes('__tests__') && (p.endsWith('-meta.xml') || p.endsWith('.page')),
  );
}

const orderedParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  commentPropName: '#comment',
});

function toNodes(raw: unknown[]): XmlNode[] {
  return raw.flatMap((entry) => {
    const record = entry as Record<string, unknown>;
    const name = Object.keys(record).find((k) => k !== ':@' && k !== '#text' && k !== '#comment');
    if (name === undefined || name.startsWith('?')) return [];
    const inner = (record[name] as unknown[]) ?? [];
    const text = inner
      .map((c) => (c as Record<string, unknown>)['#text'])
      .filter((t) => t !== undefined)
      .join('');
    return [{ name, text: String(text), children: toNodes(inner) }];
  });
}

/** The root element of an XML document. */
export function parseXml(xml: string): XmlNode {
  const nodes = toNodes(orderedParser.parse(xml) as unknown[]);
  const root = nodes[0];
  if (!root) throw new Error('no root element');
  return root;
}

function rel(root: string, path: string): string {
  return relative(root, path) || basename(path);
}

/** Every metadata file (and Visualforce page) is well-formed XML. */
export function wellFormedProblems(root: string): string[] {
  return metadataFiles(root).flatMap((file) => {
    const result = XMLValidator.validate(readFileSync(file, 'utf8'));
    return result === true
      ? []
      : [`${rel(root, file)}: not well-formed XML: ${result.err.msg} (line ${result.err.line})`];
  });
}

function checkValue(
  schema: Schema,
  field: Field,
  node: XmlNode,
  where: string,
  ordered: boolean,
): string[] {
  const { type } = field;
  if (type === 'any') return [];
  if (isPrimitive(type) || schema.enums.has(type)) {
    if (node.children.length > 0 && type !== 'any') {
      return [`${where}: <${node.name}> is a ${type} but has child elements`];
    }
    const value = node.text.trim();
    if (type === 'boolean' && value !== 'true' && value !== 'false') {
      return [`${where}: <${node.name}> must be true or false, not "${value}"`];
    }
    if (type === 'number' && !/^-?\d+(\.\d+)?$/.test(value)) {
      return [`${where}: <${node.name}> must be a number, not "${value}"`];
    }
    const allowed = schema.enums.get(type);
    if (allowed && !allowed.has(value)) {
      return [`${where}: <${node.name}> "${value}" is not a ${type} (${[...allowed].join(', ')})`];
    }
    return [];
  }
  if (!schema.types.has(type)) return [];
  if (node.children.length === 0 && node.text.trim() !== '') {
    return [`${where}: <${node.name}> is a ${type} but holds text`];
  }
  return checkElement(schema, type, node, `${where}/${node.name}`, ordered);
}

function checkElement(
  schema: Schema,
  typeName: string,
  node: XmlNode,
  where: string,
  ordered: boolean,
): string[] {
  const fields = schema.types.get(typeName) ?? [];
  const index = new Map(fields.map((f, i) => [f.name, i]));
  const problems: string[] = [];
  let last = -1;
  let lastName = '';
  const seen = new Set<string>();
  for (const child of node.children) {
    const at = index.get(child.name);
    const field = at === undefined ? undefined : fields[at];
    if (at === undefined || field === undefined) {
      problems.push(`${where}: <${child.name}> is not an element of ${typeName}`);
      continue;
    }
    if (seen.has(child.name) && !field.repeated) {
      problems.push(`${where}: <${child.name}> appears more than once in ${typeName}`);
    }
    if (at < last && ordered) {
      problems.push(
        `${where}: <${child.name}> comes after <${lastName}>; ${typeName} orders its elements ` +
          `${fields.map((f) => f.name).join(', ')}`,
      );
    }
    if (at > last) {
      last = at;
      lastName = child.name;
    }
    seen.add(child.name);
    if (XML_STRING_FIELDS.has(`${typeName}.${child.name}`)) continue;
    problems.push(...checkValue(schema, field, child, where, ordered));
  }
  for (const field of fields) {
    if (field.required && !seen.has(field.name)) {
      problems.push(`${where}: ${typeName} requires <${field.name}>`);
    }
  }
  return problems;
}

/**
 * Every element of every metadata file is known to its type in @salesforce/types/metadata, in the
 * schema's order, with valid enum, boolean and number values, and required elements present.
 */
export function schemaProblems(root: string, schema: Schema = metadataSchema()): string[] {
  return metadataFiles(root)
    .filter((file) => file.endsWith('-meta.xml'))
    .flatMap((file) => {
      let node: XmlNode;
      try {
        node = parseXml(readFileSync(file, 'utf8'));
      } catch (error) {
        return [`${rel(root, file)}: cannot parse: ${String(error)}`];
      }
      if (!schema.types.has(node.name)) {
        return [`${rel(root, file)}: <${node.name}> is not a Metadata API type`];
      }
      return checkElement(schema, node.name, node, rel(root, file), !ORDER_EXEMPT.has(node.name));
    });
}

const child = (node: XmlNode, name: string): XmlNode | undefined =>
  node.children.find((c) => c.name === name);
const childrenNamed = (node: XmlNode, name: string): XmlNode[] =>
  node.children.filter((c) => c.name === name);
const textOf = (node: XmlNode | undefined): string => node?.text.trim() ?? '';

function readXml(path: string): XmlNode {
  return parseXml(readFileSync(path, 'utf8'));
}

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

/** A class's annotations mark it a test class. */
const isTestClass = (source: string): boolean => /@IsTest\b/i.test(source);

/**
 * Every Apex class and trigger parses (prettier-plugin-apex's parser) and has its -meta.xml, and
 * every class that is not a test is named in some test class.
 */
export function apexProblems(root: string): string[] {
  const classes = filesUnder(join(root, 'classes'), (p) => p.endsWith('.cls'));
  const triggers = filesUnder(join(root, 'triggers'), (p) => p.endsWith('.trigger'));
  const sources = new Map(classes.map((file) => [file, readFileSync(file, 'utf8')]));
  const apex = [...classes, ...triggers];
  const errors =
    apex.length === 0
      ? []
      : (JSON.parse(
          execFileSync(process.execPath, [join(__dirname, 'parseApex.mjs'), ...apex], {
            encoding: 'utf8',
          }),
        ) as (string | null)[]);
  const problems: string[] = [];
  for (const [i, file] of apex.entries()) {
    const where = rel(root, file);
    const error = errors[i];
    if (error) problems.push(`${where}: does not parse: ${error}`);
    if (!existsSync(`${file}-meta.xml`)) problems.push(`${where}: no ${basename(file)}-meta.xml`);
  }
  const tests = [...sources].filter(([, source]) => isTestClass(source));
  for (const [file, source] of sources) {
    if (isTestClass(source)) continue;
    const name = basename(file, '.cls');
    const pattern = new RegExp(`\\b${name}\\b`);
    if (!tests.some(([, test]) => pattern.test(test))) {
      problems.push(`${rel(root, file)}: no test class uses ${name}`);
    }
  }
  return problems;
}
