/**
 * Schemas as data: each wire shape is described once, here-style, and from that one description we get
 * the TypeScript type (`Infer`), a fast checker (`compile`), generators for property tests and the
 * limits PROTOCOL.md documents. No schema has optional fields: an absent value is `null`, so every
 * valid message survives stringify + parse unchanged.
 */

export interface StringSchema {
  readonly kind: 'string';
  readonly min: number;
  readonly max: number;
  readonly pattern: RegExp | null;
  /** What the pattern means, for error messages ("a telephone number"). */
  readonly describe: string | null;
}
export interface IntSchema {
  readonly kind: 'int';
  readonly min: number;
  readonly max: number;
}
export interface BoolSchema {
  readonly kind: 'bool';
}
export interface LiteralSchema<V extends string | number = string | number> {
  readonly kind: 'literal';
  readonly value: V;
}
export interface EnumSchema<V extends string = string> {
  readonly kind: 'enum';
  readonly values: readonly V[];
}
export interface NullableSchema<S extends Schema = Schema> {
  readonly kind: 'nullable';
  readonly of: S;
}
export interface ArraySchema<S extends Schema = Schema> {
  readonly kind: 'array';
  readonly of: S;
  readonly min: number;
  readonly max: number;
}
export type Fields = Readonly<Record<string, Schema>>;
export interface ObjectSchema<F extends Fields = Fields> {
  readonly kind: 'object';
  readonly fields: F;
}
/** Objects told apart by their `type` field. */
export type Variants = Readonly<Record<string, ObjectSchema>>;
export interface UnionSchema<V extends Variants = Variants> {
  readonly kind: 'union';
  readonly variants: V;
}

export type Schema =
  | StringSchema
  | IntSchema
  | BoolSchema
  | LiteralSchema
  | EnumSchema
  | NullableSchema
  | ArraySchema
  | ObjectSchema
  | UnionSchema;

/** The readonly TypeScript type a schema describes. */
export type Infer<S> = S extends StringSchema
  ? string
  : S extends IntSchema
    ? number
    : S extends BoolSchema
      ? boolean
      : S extends LiteralSchema<infer V>
        ? V
        : S extends EnumSchema<infer V>
          ? V
          : S extends NullableSchema<infer T>
            ? Infer<T> | null
            : S extends ArraySchema<infer T>
              ? readonly Infer<T>[]
              : S extends ObjectSchema<infer F>
                ? { readonly [K in keyof F]: Infer<F[K]> }
                : S extends UnionSchema<infer V>
                  ? { [K in keyof V]: Infer<V[K]> }[keyof V]
                  : never;

export const str = (
  min: number,
  max: number,
  pattern: RegExp | null = null,
  describe: string | null = null,
): StringSchema => ({ kind: 'string', min, max, pattern, describe });
export const int = (min: number, max: number): IntSchema => ({ kind: 'int', min, max });
export const bool: BoolSchema = { kind: 'bool' };
export const literal = <V extends string | number>(value: V): LiteralSchema<V> => ({
  kind: 'literal',
  value,
});
export const oneOf = <const V extends string>(values: readonly V[]): EnumSchema<V> => ({
  kind: 'enum',
  values,
});
export const nullable = <S extends Schema>(of: S): NullableSchema<S> => ({ kind: 'nullable', of });
export const list = <S extends Schema>(of: S, min: number, max: number): ArraySchema<S> => ({
  kind: 'array',
  of,
  min,
  max,
});
export const object = <F extends Fields>(fields: F): ObjectSchema<F> => ({
  kind: 'object',
  fields,
});
export const union = <V extends Variants>(variants: V): UnionSchema<V> => ({
  kind: 'union',
  variants,
});

/** Why a value failed its schema; `field` is a dotted path from the message root. */
export interface Failure {
  readonly code: 'missing-field' | 'unknown-field' | 'bad-field' | 'too-large';
  readonly field: string;
  readonly expected: string;
}

/** Returns null when the value fits, else the first failure found. */
export type Checker = (value: unknown) => Failure | null;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const within = (failure: Failure, key: string | number): Failure => ({
  ...failure,
  field: failure.field === '' ? String(key) : `${key}.${failure.field}`,
});

const bad = (expected: string): Failure => ({ code: 'bad-field', field: '', expected });

/** Says in words what a schema accepts, for error messages and PROTOCOL.md. */
export function describe(schema: Schema): string {
  switch (schema.kind) {
    case 'string':
      return (
        schema.describe ??
        (schema.min === schema.max
          ? `a string of ${schema.min} characters`
          : `a string of ${schema.min}-${schema.max} characters`)
      );
    case 'int':
      return `an integer from ${schema.min} to ${schema.max}`;
    case 'bool':
      return 'true or false';
    case 'literal':
      return JSON.stringify(schema.value);
    case 'enum':
      return `one of ${schema.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'nullable':
      return `null or ${describe(schema.of)}`;
    case 'array':
      return `a list of ${schema.min}-${schema.max} items`;
    case 'object':
      return 'an object';
    case 'union':
      return `an object whose "type" is one of ${Object.keys(schema.variants)
        .map((v) => JSON.stringify(v))
        .join(', ')}`;
  }
}

/** Turns a schema into a checker. Call once per schema, at module load, not per frame. */
export function compile(schema: Schema): Checker {
  const expected = describe(schema);
  switch (schema.kind) {
    case 'string': {
      const { min, max, pattern } = schema;
      return (v) => {
        if (typeof v !== 'string') return bad(expected);
        if (v.length > max) return { code: 'too-large', field: '', expected };
        if (v.length < min || (pattern !== null && !pattern.test(v))) return bad(expected);
        return null;
      };
    }
    case 'int': {
      const { min, max } = schema;
      return (v) =>
        typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max && !Object.is(v, -0)
          ? null
          : bad(expected);
    }
    case 'bool':
      return (v) => (typeof v === 'boolean' ? null : bad(expected));
    case 'literal': {
      const value = schema.value;
      return (v) => (v === value ? null : bad(expected));
    }
    case 'enum': {
      const values = new Set<unknown>(schema.values);
      return (v) => (values.has(v) ? null : bad(expected));
    }
    case 'nullable': {
      const inner = compile(schema.of);
      return (v) => {
        if (v === null) return null;
        const failure = inner(v);
        return failure === null || failure.code !== 'bad-field' || failure.field !== ''
          ? failure
          : bad(expected);
      };
    }
    case 'array': {
      const inner = compile(schema.of);
      const { min, max } = schema;
      return (v) => {
        if (!Array.isArray(v)) return bad(expected);
        if (v.length > max) return { code: 'too-large', field: '', expected };
        if (v.length < min) return bad(expected);
        for (let i = 0; i < v.length; i++) {
          const failure = inner(v[i]);
          if (failure !== null) return within(failure, i);
        }
        return null;
      };
    }
    case 'object':
      return compileObject(schema.fields, expected);
    case 'union': {
      const checkers = new Map<unknown, Checker>(
        Object.entries(schema.variants).map(([type, variant]) => [type, compile(variant)]),
      );
      return (v) => {
        if (!isRecord(v)) return bad(expected);
        if (v['type'] === undefined) return { code: 'missing-field', field: 'type', expected };
        const checker = checkers.get(v['type']);
        return checker === undefined ? within(bad(expected), 'type') : checker(v);
      };
    }
  }
}

function compileObject(fields: Fields, expected: string): Checker {
  const keys = Object.keys(fields);
  const checkers = keys.map((key) => compile(fields[key] as Schema));
  const count = keys.length;
  return (v) => {
    if (!isRecord(v)) return bad(expected);
    for (let i = 0; i < count; i++) {
      const key = keys[i] as string;
      const value = v[key];
      if (value === undefined) {
        return { code: 'missing-field', field: key, expected: describe(fields[key] as Schema) };
      }
      const failure = (checkers[i] as Checker)(value);
      if (failure !== null) return within(failure, key);
    }
    // Every known field is present, so any extra key makes the count differ.
    if (Object.keys(v).length !== count) {
      const extra = Object.keys(v).find((key) => !Object.hasOwn(fields, key)) ?? '';
      return { code: 'unknown-field', field: extra, expected: 'no such field' };
    }
    return null;
  };
}
