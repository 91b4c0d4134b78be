/**
 * fast-check generators read off the schemas: any value they produce is valid for its schema.
 * For tests and benchmarks only (fast-check is a development dependency).
 */
import fc from 'fast-check';
import type { Schema } from './schema';

const INT32 = 2 ** 31 - 1;

/**
 * Valid values of a schema. Lists and free text stay short so runs stay fast. Build once per test,
 * outside `chain`: building compiles the patterns.
 */
export function arbitraryOf(schema: Schema): fc.Arbitrary<unknown> {
  switch (schema.kind) {
    case 'string': {
      const { min, max, pattern } = schema;
      const fits = (s: string) => s.length >= min && s.length <= max;
      return pattern === null
        ? fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, Math.max(min, 24)) })
        : fc.stringMatching(pattern, { size: 'small' }).filter(fits);
    }
    case 'int':
      return schema.min >= -INT32 && schema.max <= INT32
        ? fc.integer({ min: schema.min, max: schema.max })
        : fc.bigInt({ min: BigInt(schema.min), max: BigInt(schema.max) }).map(Number);
    case 'bool':
      return fc.boolean();
    case 'literal':
      return fc.constant(schema.value);
    case 'enum':
      return fc.constantFrom(...schema.values);
    case 'nullable':
      return fc.option(arbitraryOf(schema.of), { nil: null });
    case 'array':
      return fc.array(arbitraryOf(schema.of), {
        minLength: schema.min,
        maxLength: Math.min(schema.max, Math.max(schema.min, 3)),
      });
    case 'object':
      return fc.record(
        Object.fromEntries(Object.entries(schema.fields).map(([k, s]) => [k, arbitraryOf(s)])),
      );
    case 'union':
      return fc.oneof(...Object.values(schema.variants).map((variant) => arbitraryOf(variant)));
  }
}

/** Values that no schema of the given kind accepts, to put where a valid one belongs. */
export function wrongValuesFor(schema: Schema): unknown[] {
  const deep = JSON.parse('['.repeat(2000) + ']'.repeat(2000)) as unknown;
  const pool: unknown[] = [
    null,
    true,
    0,
    -1,
    1.5,
    1e300,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    'not-an-enum-value',
    '\u0000',
    [],
    {},
    { type: 'nope' },
    deep,
    { a: { b: { c: { d: { e: { f: {} } } } } } },
  ];
  if (schema.kind === 'string') pool.push('a'.repeat(schema.max + 1));
  if (schema.kind === 'int') pool.push(schema.min - 1, schema.max + 1);
  if (schema.kind === 'array') pool.push(new Array(schema.max + 1).fill(0));
  if (schema.kind === 'nullable') pool.push(...wrongValuesFor(schema.of));
  return pool;
}
