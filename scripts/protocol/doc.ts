/** Rewrites the generated field reference in PROTOCOL.md from the schemas in src/protocol/. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withReference } from '../../src/protocol/reference';

const file = join(__dirname, '..', '..', 'PROTOCOL.md');
const before = readFileSync(file, 'utf8');
const after = withReference(before);
if (after === before) {
  console.log('PROTOCOL.md is current');
} else {
  writeFileSync(file, after);
  console.log('PROTOCOL.md: field reference rewritten');
}
