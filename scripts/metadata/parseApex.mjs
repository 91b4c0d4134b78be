// Parses Apex files with prettier-plugin-apex (ES modules only, so run apart from jest's VM):
// prints a JSON array with, for each file named on the command line, null or its syntax error.
import { readFileSync } from 'node:fs';
import * as prettier from 'prettier';

const results = [];
for (const file of process.argv.slice(2)) {
  try {
    await prettier.format(readFileSync(file, 'utf8'), {
      parser: 'apex',
      plugins: ['prettier-plugin-apex'],
    });
    results.push(null);
  } catch (error) {
    results.push(String(error instanceof Error ? error.message : error).split('\n')[0]);
  }
}
process.stdout.write(JSON.stringify(results));
