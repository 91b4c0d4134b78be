/**
 * Reading a Salesforce source folder for the offline checks: its files, its metadata XML as
 * elements in document order, and the paths the problems name (relative to the folder).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** An XML element as the order-preserving parser gives it. */
export interface XmlNode {
  readonly name: string;
  readonly text: string;
  readonly children: readonly XmlNode[];
}

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

/** The first child element named `name`. */
export const child = (node: XmlNode, name: string): XmlNode | undefined =>
  node.children.find((c) => c.name === name);
/** Every child element named `name`. */
export const childrenNamed = (node: XmlNode, name: string): XmlNode[] =>
  node.children.filter((c) => c.name === name);
/** An element's trimmed text ('' for none). */
export const textOf = (node: XmlNode | undefined): string => node?.text.trim() ?? '';

/** A file's root element. */
export function readXml(path: string): XmlNode {
  return parseXml(readFileSync(path, 'utf8'));
}

/** A file's path relative to the source folder, as the problems name it. */
export function rel(root: string, path: string): string {
  return relative(root, path) || basename(path);
}
