import fc from 'fast-check';
import { arbitraryOf, wrongValuesFor } from './arbitrary';
import type { Sender } from './codec';
import { parse, stringify } from './codec';
import { ERROR_CODES, ProtocolError } from './errors';
import { MAX_CLIENT_FRAME_BYTES } from './limits';
import { clientMessage, serverMessage } from './messages';
import type { ObjectSchema, Schema, UnionSchema } from './schema';
import { compile, union } from './schema';
import { supervisorCommands, supervisorEvents } from './supervisor';

const UNIONS: Readonly<Record<Sender, UnionSchema>> = {
  client: clientMessage,
  server: serverMessage,
};
/** The supervisor's messages alone, so that the fuzz spends runs on each of them for sure. */
const SUPERVISOR_UNIONS: Readonly<Record<Sender, UnionSchema>> = {
  client: union(supervisorCommands),
  server: union(supervisorEvents),
};
const SENDERS: readonly Sender[] = ['client', 'server'];

type Json = Record<string, unknown>;
interface Place {
  readonly path: readonly string[];
  readonly schema: Schema;
}

/** Every field of a valid value, with the schema it must fit. */
function placesOf(value: unknown, schema: Schema, path: readonly string[] = []): Place[] {
  const here: Place[] = path.length === 0 ? [] : [{ path, schema }];
  if (schema.kind === 'nullable') {
    return value === null ? here : [...here, ...placesOf(value, schema.of, path).slice(1)];
  }
  if (schema.kind === 'array') {
    return [
      ...here,
      ...(value as unknown[]).flatMap((item, i) => placesOf(item, schema.of, [...path, String(i)])),
    ];
  }
  const object: ObjectSchema | undefined =
    schema.kind === 'object'
      ? schema
      : schema.kind === 'union'
        ? schema.variants[(value as Json)['type'] as string]
        : undefined;
  if (object === undefined) return here;
  return [
    ...here,
    ...Object.entries(object.fields).flatMap(([key, field]) =>
      placesOf((value as Json)[key], field, [...path, key]),
    ),
  ];
}

const messageOf = (from: Sender, unions = UNIONS) =>
  arbitraryOf(unions[from]) as fc.Arbitrary<Json>;

function setAt(message: Json, path: readonly string[], value: unknown, remove = false): Json {
  const copy = structuredClone(message);
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Json;
  const last = path[path.length - 1] as string;
  if (remove) Reflect.deleteProperty(parent, last);
  else parent[last] = value;
  return copy;
}

interface Malformed {
  readonly from: Sender;
  readonly text: string;
  /** The message type and field the error must name, when the frame had a readable type. */
  readonly type: string | null;
  readonly field: string | null;
}

const ROOT_TEXT = fc.string({ unit: 'binary', maxLength: 60 });
const ANY_JSON = fc.jsonValue({ maxDepth: 4 });
const TYPE_NAME = fc.string({ maxLength: 30 });
const OVERSIZE = 'x'.repeat(MAX_CLIENT_FRAME_BYTES * 17);

/** A valid message with exactly one thing wrong: a field wrong, missing or added. */
function brokenMessage(from: Sender, unions = UNIONS): fc.Arbitrary<Malformed> {
  return messageOf(from, unions).chain((message) => {
    const places = placesOf(message, unions[from]).filter(
      (place) => !(place.path.length === 1 && place.path[0] === 'type'),
    );
    const type = message['type'] as string;
    const replaced = fc.constantFrom(...places).chain((place) => {
      const check = compile(place.schema);
      const wrong = wrongValuesFor(place.schema).filter((value) => check(value) !== null);
      return fc.constantFrom(...wrong).map((value) => ({
        from,
        text: JSON.stringify(setAt(message, place.path, value)),
        type,
        field: place.path.join('.'),
      }));
    });
    const removable = places.filter((place) => !/^\d+$/.test(place.path.at(-1) as string));
    const removed = fc.constantFrom(...removable).map((place) => ({
      from,
      text: JSON.stringify(setAt(message, place.path, undefined, true)),
      type,
      field: place.path.join('.'),
    }));
    const objects = [
      ...places.filter((place) => place.schema.kind === 'object'),
      { path: [], schema: unions[from] },
    ];
    const added = fc.constantFrom(...objects).map((place) => ({
      from,
      text: JSON.stringify(setAt(message, [...place.path, 'extra'], 1)),
      type,
      field: [...place.path, 'extra'].join('.'),
    }));
    return fc.oneof(replaced, removed, added);
  });
}

/** Frames broken before any field can be blamed: not JSON, not an object, unknown type, too big. */
function brokenFrame(from: Sender): fc.Arbitrary<Malformed> {
  const blameless = (text: string): Malformed => ({ from, text, type: null, field: null });
  return fc.oneof(
    ROOT_TEXT.map(blameless),
    ANY_JSON.map((value) => blameless(JSON.stringify(value))),
    TYPE_NAME.map((type) => blameless(JSON.stringify({ v: 1, type: `x-${type}` }))),
    fc
      .tuple(
        fc.integer({ min: 2, max: 1_000_000 }),
        messageOf(from).filter((message) => message['type'] !== 'hello'),
      )
      .map(([v, message]) => ({
        from,
        text: JSON.stringify({ ...message, v }),
        type: message['type'] as string,
        field: 'v',
      })),
    fc.constant(blameless(JSON.stringify({ v: 1, type: 'ping', nonce: 1, now: 1, pad: OVERSIZE }))),
  );
}

const malformed = fc.oneof(
  ...SENDERS.flatMap((from) => [
    { arbitrary: brokenMessage(from), weight: 4 },
    { arbitrary: brokenFrame(from), weight: 1 },
  ]),
);

describe('routing protocol codec, property-based', () => {
  it('round-trips every valid message of either direction unchanged', () => {
    for (const from of SENDERS) {
      fc.assert(
        fc.property(messageOf(from), (message) => {
          const text = stringify(message as never, from as never);
          const parsed = parse(text, from);
          expect(parsed.ok).toBe(true);
          if (parsed.ok) expect(parsed.message).toEqual(message);
        }),
        { numRuns: 2500 },
      );
    }
  });

  it('answers 10,000 malformed frames with a typed error naming the type and field, never a throw', () => {
    let count = 0;
    fc.assert(
      fc.property(malformed, (broken) => {
        count++;
        const parsed = parse(broken.text, broken.from);
        expect(parsed.ok).toBe(false);
        if (parsed.ok) return;
        expect(parsed.error).toBeInstanceOf(ProtocolError);
        expect(ERROR_CODES).toContain(parsed.error.code);
        if (broken.type !== null) {
          expect(parsed.error.messageType).toBe(broken.type);
          // The error names the broken field, or a field inside it when the wrong value is an object.
          const field = parsed.error.field ?? '';
          expect(field === broken.field || field.startsWith(`${broken.field}.`)).toBe(true);
          expect(parsed.error.message).toContain(`${broken.type}.${field}`);
        }
      }),
      { numRuns: 10_000 },
    );
    expect(count).toBeGreaterThanOrEqual(10_000);
  });

  it('round-trips the supervisor messages and answers 2,000 broken ones with a typed error', () => {
    for (const from of SENDERS) {
      fc.assert(
        fc.property(messageOf(from, SUPERVISOR_UNIONS), (message) => {
          const parsed = parse(stringify(message as never, from as never), from);
          expect(parsed.ok && parsed.message).toEqual(message);
        }),
        { numRuns: 500 },
      );
      fc.assert(
        fc.property(brokenMessage(from, SUPERVISOR_UNIONS), (broken) => {
          const parsed = parse(broken.text, broken.from);
          expect(parsed.ok).toBe(false);
          if (parsed.ok) return;
          expect(parsed.error).toBeInstanceOf(ProtocolError);
          expect(parsed.error.messageType).toBe(broken.type);
          const field = parsed.error.field ?? '';
          expect(field === broken.field || field.startsWith(`${broken.field}.`)).toBe(true);
        }),
        { numRuns: 1000 },
      );
    }
  });
});
