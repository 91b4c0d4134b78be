import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLOSE_CODES } from './closeCodes';
import { parse } from './codec';
import { ERROR_CODES, ERROR_MEANINGS } from './errors';
import { clientMessage, serverMessage } from './messages';
import { examplesOf, protocolReference, withReference } from './reference';

const document = readFileSync(join(__dirname, '..', '..', 'PROTOCOL.md'), 'utf8');
const examples = examplesOf(document);

describe('PROTOCOL.md', () => {
  it.each(examples.map((example) => [example.line, example.from, example] as const))(
    'example at line %i parses as a %s message',
    (_line, from, example) => {
      const parsed = parse(example.text, from);
      if (!parsed.ok) throw parsed.error;
      expect(parsed.ok).toBe(true);
    },
  );

  it('has an example of every message type in each direction', () => {
    for (const [from, union] of [
      ['client', clientMessage],
      ['server', serverMessage],
    ] as const) {
      const shown = new Set(
        examples
          .filter((example) => example.from === from)
          .map((example) => (JSON.parse(example.text) as { type: string }).type),
      );
      expect([...shown].sort()).toEqual(Object.keys(union.variants).sort());
    }
  });

  it('carries the field reference generated from the schemas (run npm run protocol:doc)', () => {
    expect(document).toContain(protocolReference());
    expect(withReference(document)).toBe(document);
  });

  it('lists every error code with the meaning the code gives it', () => {
    for (const code of ERROR_CODES) {
      expect(document).toContain(`| \`${code}\``);
      const row = document.split('\n').find((line) => line.startsWith(`| \`${code}\``)) ?? '';
      expect(row).toContain(ERROR_MEANINGS[code]);
    }
  });

  it('lists every close code under its name', () => {
    for (const [name, code] of Object.entries(CLOSE_CODES)) {
      expect(document).toMatch(new RegExp(`\\| ${code} \\| \`${name}\` `));
    }
  });
});
