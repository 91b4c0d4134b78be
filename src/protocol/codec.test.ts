import type { ClientMessage, ServerMessage } from '.';
import {
  CLOSE_CODES,
  closeName,
  closePolicy,
  errorMessage,
  MAX_CLIENT_FRAME_BYTES,
  negotiateVersion,
  parse,
  ProtocolError,
  stringify,
  utf8Length,
  validate,
} from '.';

const release = { v: 1, type: 'release', id: 'c-1', interactionId: 'i-1', version: 3 };
const text = (value: unknown) => JSON.stringify(value);

function failure(frame: string, from: 'client' | 'server' = 'client') {
  const parsed = parse(frame, from);
  if (parsed.ok) throw new Error(`expected ${frame.slice(0, 80)} to fail`);
  return {
    ...parsed,
    code: parsed.error.code,
    field: parsed.error.field,
    type: parsed.error.messageType,
  };
}

describe('parse', () => {
  it('accepts a valid command and returns it as it was sent', () => {
    const parsed = parse(text(release), 'client');
    expect(parsed).toEqual({ ok: true, message: release });
  });

  it('rejects text that is not JSON', () => {
    expect(failure('{"v":1,')).toMatchObject({ code: 'bad-json', id: null, type: null });
    expect(failure('')).toMatchObject({ code: 'bad-json' });
  });

  it('rejects JSON that is not an object with a type', () => {
    expect(failure('[1,2]')).toMatchObject({ code: 'bad-frame' });
    expect(failure('null')).toMatchObject({ code: 'bad-frame' });
    expect(failure('"hello"')).toMatchObject({ code: 'bad-frame' });
    expect(failure(text({ v: 1, id: 'c-9' }))).toMatchObject({
      code: 'bad-frame',
      field: 'type',
      id: 'c-9',
    });
  });

  it('rejects unknown types and types that go the other way', () => {
    expect(failure(text({ ...release, type: 'explode' }))).toMatchObject({
      code: 'unknown-type',
      type: 'explode',
    });
    const wrongWay = failure(text({ v: 1, type: 'welcome' }));
    expect(wrongWay.code).toBe('unknown-type');
    expect(wrongWay.error.message).toContain('other way');
    expect(failure(text({ ...release }), 'server').code).toBe('unknown-type');
  });

  it('names the message type and field of a wrong, missing or extra field, and keeps the command id', () => {
    expect(failure(text({ ...release, version: '3' }))).toMatchObject({
      code: 'bad-field',
      type: 'release',
      field: 'version',
      id: 'c-1',
    });
    const { interactionId, ...missing } = release;
    expect(interactionId).toBe('i-1');
    expect(failure(text(missing))).toMatchObject({
      code: 'missing-field',
      type: 'release',
      field: 'interactionId',
    });
    expect(failure(text({ ...release, force: true }))).toMatchObject({
      code: 'unknown-field',
      field: 'force',
    });
    const nested = {
      v: 1,
      type: 'transfer',
      id: 'c-2',
      interactionId: 'i-1',
      version: 1,
      target: { type: 'agent', id: 'a', x: 1 },
    };
    expect(failure(text(nested))).toMatchObject({
      code: 'unknown-field',
      type: 'transfer',
      field: 'target.x',
    });
  });

  it('reports the error in words that name type and field', () => {
    const parsed = failure(text({ ...release, version: 0 }));
    expect(parsed.error).toBeInstanceOf(ProtocolError);
    expect(parsed.error.message).toBe('release.version: expected an integer from 1 to 2147483647');
  });

  it('rejects a version other than the session version', () => {
    expect(failure(text({ ...release, v: 2 }))).toMatchObject({
      code: 'unsupported-version',
      field: 'v',
      type: 'release',
    });
    expect(failure(text({ ...release, v: '1' }))).toMatchObject({ code: 'unsupported-version' });
    const { v, ...noVersion } = release;
    expect(v).toBe(1);
    expect(failure(text(noVersion))).toMatchObject({ code: 'missing-field', field: 'v' });
  });

  it('rejects numbers out of range, fractions, negative zero and unsafe integers', () => {
    for (const version of [0, -1, 1.5, 2 ** 31, 1e308]) {
      expect(failure(text({ ...release, version }))).toMatchObject({
        code: 'bad-field',
        field: 'version',
      });
    }
    expect(
      failure('{"v":1,"type":"release","id":"c-1","interactionId":"i-1","version":-0}').code,
    ).toBe('bad-field');
    expect(failure(text({ v: 1, type: 'ping', nonce: 2 ** 32, now: 1 })).field).toBe('nonce');
    expect(failure(text({ v: 1, type: 'ping', nonce: 1, now: 8.64e15 + 1 })).field).toBe('now');
  });

  it('rejects frames over the size limit before reading them', () => {
    const notes = 'x'.repeat(MAX_CLIENT_FRAME_BYTES);
    const frame = text({
      v: 1,
      type: 'log.submit',
      id: 'c-3',
      interactionId: 'i-1',
      disposition: null,
      notes,
    });
    expect(failure(frame)).toMatchObject({ code: 'too-large', type: null });
    // Counted in UTF-8 bytes, not characters: 30,000 three-byte characters are over 64 KiB.
    const wide = text({
      v: 1,
      type: 'log.submit',
      id: 'c-3',
      interactionId: 'i-1',
      disposition: null,
      notes: '€'.repeat(30_000),
    });
    expect(wide.length).toBeLessThan(MAX_CLIENT_FRAME_BYTES);
    expect(failure(wide).code).toBe('too-large');
    // The server may send bigger frames than a client.
    expect(parse(text({ v: 1, type: 'ping', nonce: 1, now: 1, pad: notes }), 'server').ok).toBe(
      false,
    );
  });

  it('rejects strings and lists over their limits, naming the field', () => {
    const notes = 'x'.repeat(4001);
    expect(
      failure(
        text({
          v: 1,
          type: 'log.submit',
          id: 'c-3',
          interactionId: 'i-1',
          disposition: null,
          notes,
        }),
      ),
    ).toMatchObject({ code: 'too-large', type: 'log.submit', field: 'notes' });
    expect(failure(text({ ...release, interactionId: 'i'.repeat(65) }))).toMatchObject({
      code: 'too-large',
      field: 'interactionId',
    });
    const hello = {
      v: 1,
      type: 'hello',
      versions: [1, 1, 1, 1, 1, 1, 1, 1, 1],
      token: 't',
      client: { name: 'x', version: '1' },
      resume: null,
    };
    expect(failure(text(hello))).toMatchObject({ code: 'too-large', field: 'versions' });
  });

  it('rejects deep nesting with a typed error, without recursing into it', () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const frame = `{"v":1,"type":"release","id":"c-1","interactionId":${deep},"version":1}`;
    expect(failure(frame)).toMatchObject({ code: 'bad-field', field: 'interactionId' });
    expect(failure(`{"v":1,"type":${deep}}`)).toMatchObject({ code: 'bad-frame' });
  });

  it('rejects strings that break their pattern', () => {
    expect(failure(text({ ...release, interactionId: 'has space' })).field).toBe('interactionId');
    const dial = { v: 1, type: 'dial', id: 'c-4', number: '+44 20', record: null };
    expect(failure(text(dial))).toMatchObject({ code: 'bad-field', field: 'number' });
    const badRecord = {
      ...dial,
      number: '+442071234567',
      record: { id: '003', objectType: 'Contact' },
    };
    expect(failure(text(badRecord))).toMatchObject({ field: 'record.id' });
  });

  it('does not trip over prototype keys', () => {
    expect(
      failure(
        '{"v":1,"type":"release","id":"c-1","interactionId":"i-1","version":1,"__proto__":{"x":1}}',
      ),
    ).toMatchObject({
      code: 'unknown-field',
      field: '__proto__',
    });
    expect(failure(text({ ...release, type: 'constructor' })).code).toBe('unknown-type');
    expect(failure(text({ ...release, type: 'toString' })).code).toBe('unknown-type');
  });

  it('never throws, even on values no JSON text can make', () => {
    expect(validate(undefined, 'client').ok).toBe(false);
    expect(validate(Object.create(null), 'client').ok).toBe(false);
    expect(parse(42 as unknown as string, 'client').ok).toBe(false);
  });
});

describe('stringify', () => {
  it('writes a valid message as compact JSON', () => {
    expect(stringify(release as ClientMessage, 'client')).toBe(text(release));
  });

  it('refuses an invalid message with a typed error instead of sending it', () => {
    const invalid = { ...release, version: -4 } as ClientMessage;
    expect(() => stringify(invalid, 'client')).toThrow(ProtocolError);
    // A type both sides send is fine either way; a command is not the server's to send.
    const pong = { v: 1, type: 'pong', nonce: 1, now: 1 } as ServerMessage;
    expect(stringify(pong, 'server')).toBe(text(pong));
    expect(() => stringify(release as unknown as ServerMessage, 'server')).toThrow(/release/);
  });
});

describe('negotiateVersion', () => {
  const hello = {
    v: 1,
    type: 'hello',
    versions: [1],
    token: 't',
    client: { name: 'x', version: '1' },
    resume: null,
  } as const;

  it('picks the highest version both sides speak', () => {
    expect(negotiateVersion(hello)).toBe(1);
    expect(negotiateVersion({ ...hello, v: 3, versions: [1, 2, 3] })).toBe(1);
  });

  it('finds none when the client speaks no version of ours or contradicts itself', () => {
    expect(negotiateVersion({ ...hello, v: 2, versions: [2] })).toBeNull();
    expect(negotiateVersion({ ...hello, v: 2, versions: [1] })).toBeNull();
  });

  it('accepts a v2 hello frame at the edge so that negotiation can answer it', () => {
    const parsed = parse(text({ ...hello, v: 2, versions: [1, 2] }), 'client');
    expect(parsed.ok).toBe(true);
  });
});

describe('errorMessage', () => {
  it('turns a ProtocolError into a valid error frame', () => {
    const error = new ProtocolError('conflict', 'release: stale', 'release', 'version', {
      interactionId: 'i-1',
      currentVersion: 5,
    });
    const frame = errorMessage(error, 'c-1');
    expect(frame).toMatchObject({
      type: 'error',
      code: 'conflict',
      field: 'version',
      currentVersion: 5,
    });
    expect(() => stringify(frame, 'server')).not.toThrow();
  });
});

describe('close codes', () => {
  it('names each code and says whether to retry', () => {
    expect(closeName(CLOSE_CODES.unauthorised)).toBe('unauthorised');
    expect(closePolicy(4401)).toMatchObject({ retry: true, newToken: true });
    expect(closePolicy(4426).retry).toBe(false);
    expect(closePolicy(4400).retry).toBe(false);
    expect(closePolicy(1006).retry).toBe(true);
    expect(closeName(1006)).toBeNull();
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes like an encoder does', () => {
    for (const sample of ['', 'abc', 'é', '€', '😀', 'a\ud800b', 'mixed € 😀 text']) {
      expect(utf8Length(sample)).toBe(new TextEncoder().encode(sample).length);
    }
  });
});
