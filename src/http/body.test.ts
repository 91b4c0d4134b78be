import { Readable } from 'node:stream';
import { MAX_BODY_BYTES, readJson } from './body';
import { HttpError } from './errors';

const streamOf = (...chunks: string[]) => Readable.from(chunks.map((chunk) => Buffer.from(chunk)));

const failure = async (body: Promise<unknown>): Promise<unknown> =>
  body.then(
    () => null,
    (error: unknown) => error,
  );

describe('readJson', () => {
  it.each([
    ['an object', ['{"a":', '1}'], { a: 1 }],
    ['a list', ['[1,2]'], [1, 2]],
    ['nothing', [], undefined],
    ['white space', [' \n'], undefined],
    ['text in UTF-8 cut across chunks', ['{"n":"caf\xC3', '\xA9"}'], { n: 'café' }],
  ])('reads %s', async (_label, chunks, value) => {
    const stream = Readable.from(chunks.map((chunk) => Buffer.from(chunk, 'latin1')));
    expect(await readJson(stream)).toEqual(value);
  });

  it('takes a body of exactly the limit', async () => {
    const body = `"${'x'.repeat(MAX_BODY_BYTES - 2)}"`;
    expect(await readJson(streamOf(body))).toHaveLength(MAX_BODY_BYTES - 2);
  });

  it('refuses a body over the limit with a typed 413 too-large', async () => {
    const error = await failure(readJson(streamOf('[', ' '.repeat(MAX_BODY_BYTES), ']')));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 413, code: 'too-large' });
    expect(await failure(readJson(streamOf('[1, 2]'), { maxBytes: 4 }))).toMatchObject({
      status: 413,
    });
  });

  it.each([['{"id": '], ['not json'], ['{"a":1}x']])(
    'refuses %j with a typed 400 bad-json',
    async (text) => {
      expect(await failure(readJson(streamOf(text)))).toMatchObject({
        status: 400,
        code: 'bad-json',
        field: null,
      });
    },
  );

  it('answers bad JSON with the code the surface names', async () => {
    const error = await failure(readJson(streamOf('{'), { invalidCode: 'bad-request' }));
    expect(error).toMatchObject({ status: 400, code: 'bad-request' });
  });
});
