/**
 * The Metadata API schema as a table, read from `@salesforce/types/metadata` (TypeScript generated
 * from Salesforce's Metadata WSDL): each type's fields in the order Salesforce emits them (the base
 * type's first, then its own, alphabetical), which are required, repeated, and each enum's values.
 */
import { readFileSync } from 'node:fs';

/** One element a type allows. */
export interface Field {
  readonly name: string;
  /** The element's type: a primitive (string, number, boolean, any) or a type in the table. */
  readonly type: string;
  /** Scalars without `?` (arrays are typed as required even where the schema lets them be absent). */
  readonly required: boolean;
  readonly repeated: boolean;
}

export interface Schema {
  /** Complex types: fields in schema order, base type's first. */
  readonly types: ReadonlyMap<string, readonly Field[]>;
  /** Enumerations: their allowed values. */
  readonly enums: ReadonlyMap<string, ReadonlySet<string>>;
}

const PRIMITIVES = new Set(['string', 'number', 'boolean', 'any']);

/** Parses the declarations file of `@salesforce/types/metadata`. */
export function parseSchema(source: string): Schema {
  const enums = new Map<string, Set<string>>();
  const aliases = new Map<string, string>();
  const own = new Map<string, { base: string | null; fields: Field[] }>();

  for (const m of source.matchAll(/^export type (\w+) = ('[^;\n]*');$/gm)) {
    const values = [...(m[2] as string).matchAll(/'([^']*)'/g)].map((v) => v[1] as string);
    enums.set(m[1] as string, new Set(values));
  }
  for (const m of source.matchAll(/^export type (\w+) = (\w+);$/gm)) {
    aliases.set(m[1] as string, m[2] as string);
  }
  for (const m of source.matchAll(/^export type (\w+) = (?:(\w+) & )?\{\n([\s\S]*?)^\};$/gm)) {
    const fields = [...(m[3] as string).matchAll(/^ {4}(\w+)(\?)?: (\w+)(\[\])?;$/gm)].map(
      (f): Field => ({
        name: f[1] as string,
        type: f[3] as string,
        required: f[2] === undefined && f[4] === undefined,
        repeated: f[4] !== undefined,
      }),
    );
    own.set(m[1] as string, { base: m[2] ?? null, fields });
  }

  const resolve = (type: string): string => {
    let t = type;
    for (let i = 0; i < 10 && aliases.has(t); i += 1) t = aliases.get(t) as string;
    return t;
  };
  const types = new Map<string, Field[]>();
  const flatten = (name: string): Field[] => {
    const cached = types.get(name);
    if (cached) return cached;
    const entry = own.get(name);
    if (!entry) return [];
    const fields = [
      ...(entry.base === null ? [] : flatten(entry.base)),
      ...entry.fields.map((f) => ({ ...f, type: resolve(f.type) })),
    ];
    types.set(name, fields);
    return fields;
  };
  for (const name of own.keys()) flatten(name);
  return { types, enums };
}

let loaded: Schema | null = null;

/** The schema of the installed `@salesforce/types` (parsed once). */
export function metadataSchema(): Schema {
  if (loaded === null) {
    const file = require.resolve('@salesforce/types/metadata').replace(/\.js$/, '.d.ts');
    loaded = parseSchema(readFileSync(file, 'utf8'));
  }
  return loaded;
}

export function isPrimitive(type: string): boolean {
  return PRIMITIVES.has(type);
}
