/**
 * Offline checks of every metadata file as XML: well-formed, and each element known to its
 * Metadata API type (@salesforce/types/metadata, read by schema.ts), in the schema's order, with
 * valid values and required elements present. Each check returns its problems as `path: message`
 * lines; none means it passes.
 */
import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import type { Field, Schema } from './schema';
import { isPrimitive, metadataSchema } from './schema';
import type { XmlNode } from './xmlFiles';
import { metadataFiles, parseXml, rel } from './xmlFiles';

/**
 * Files Salesforce reads with their own parsers, not the Metadata WSDL's sequences: Salesforce's own
 * samples list their elements in any order and deploy (js-meta.xml of LWC bundles), so neither
 * they nor their nested elements are held to an order. Their elements and values are still checked.
 */
const ORDER_EXEMPT = new Set(['LightningComponentBundle']);

/** Fields typed `string` in the WSDL that hold XML in source format. */
const XML_STRING_FIELDS = new Set(['LightningComponentBundle.targetConfigs']);

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
