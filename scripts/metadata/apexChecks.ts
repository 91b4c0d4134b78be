/**
 * The offline check of the Apex source: every class and trigger parses and has its -meta.xml,
 * every class that is not a test is named in a test class. (What the tests themselves must do is
 * apexTests.ts.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { filesUnder, rel } from './xmlFiles';

/** A class's annotations mark it a test class. */
const isTestClass = (source: string): boolean => /@IsTest\b/i.test(source);

/**
 * Every Apex class and trigger parses (prettier-plugin-apex's parser) and has its -meta.xml, and
 * every class that is not a test is named in some test class.
 */
export function apexProblems(root: string): string[] {
  const classes = filesUnder(join(root, 'classes'), (p) => p.endsWith('.cls'));
  const triggers = filesUnder(join(root, 'triggers'), (p) => p.endsWith('.trigger'));
  const sources = new Map(classes.map((file) => [file, readFileSync(file, 'utf8')]));
  const apex = [...classes, ...triggers];
  const errors =
    apex.length === 0
      ? []
      : (JSON.parse(
          execFileSync(process.execPath, [join(__dirname, 'parseApex.mjs'), ...apex], {
            encoding: 'utf8',
          }),
        ) as (string | null)[]);
  const problems: string[] = [];
  for (const [i, file] of apex.entries()) {
    const where = rel(root, file);
    const error = errors[i];
    if (error) problems.push(`${where}: does not parse: ${error}`);
    if (!existsSync(`${file}-meta.xml`)) problems.push(`${where}: no ${basename(file)}-meta.xml`);
  }
  const tests = [...sources].filter(([, source]) => isTestClass(source));
  for (const [file, source] of sources) {
    if (isTestClass(source)) continue;
    const name = basename(file, '.cls');
    const pattern = new RegExp(`\\b${name}\\b`);
    if (!tests.some(([, test]) => pattern.test(test))) {
      problems.push(`${rel(root, file)}: no test class uses ${name}`);
    }
  }
  return problems;
}
