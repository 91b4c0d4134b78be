/**
 * Offline checks of the Apex tests for security review: every test method runs through System.runAs
 * as a user made by the test-user factory (the test class that assigns permission sets), that
 * factory gives each user exactly one permission set, and every permission set the package ships is
 * used by some test. Code Analyzer's ApexUnitTestClassShouldHaveRunAs asks the first; the rest is
 * what makes a passing test prove a permission set is enough.
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { filesUnder } from './xmlFiles';

/** One `@IsTest` method of a class: its name and its body between the braces. */
export interface TestMethod {
  readonly name: string;
  readonly body: string;
}

const TEST_METHOD =
  /@IsTest\s+(?:(?:public|private|global|protected)\s+)?static\s+void\s+(\w+)\s*\(\s*\)\s*\{/gi;

/** Where the string literal opened at `at` ends (the index of its closing quote). */
function stringEnd(source: string, at: number): number {
  let i = at + 1;
  while (i < source.length && source[i] !== "'") i += source[i] === '\\' ? 2 : 1;
  return i;
}

/** The index just past the brace closing the one opened before `from` (strings and comments skipped). */
function closingBrace(source: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < source.length && depth > 0) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "'") i = stringEnd(source, i);
    else if (c === '/' && next === '/')
      i = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
    else if (c === '/' && next === '*')
      i = source.indexOf('*/', i) === -1 ? source.length : source.indexOf('*/', i) + 1;
    else if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    i += 1;
  }
  return i;
}

/** The `@IsTest static void name()` methods of an Apex class. */
export function testMethods(source: string): TestMethod[] {
  return [...source.matchAll(TEST_METHOD)].map((m) => {
    const start = (m.index ?? 0) + m[0].length;
    return { name: m[1] as string, body: source.slice(start, closingBrace(source, start) - 1) };
  });
}

/** The class that inserts PermissionSetAssignment records: the test users' factory. */
const isUserFactory = (source: string): boolean =>
  /new\s+PermissionSetAssignment\s*\(/i.test(source);

/** The names of the permission sets a source folder ships. */
function permissionSets(root: string): string[] {
  return filesUnder(join(root, 'permissionsets'), (p) => p.endsWith('.permissionset-meta.xml')).map(
    (p) => basename(p, '.permissionset-meta.xml'),
  );
}

/**
 * Problems with the tests' users: a test method without System.runAs or not using the factory's
 * users, a factory that gives a user more than one permission set, a permission set no test uses.
 */
export function runAsProblems(root: string): string[] {
  const classes = filesUnder(join(root, 'classes'), (p) => p.endsWith('.cls')).map((file) => ({
    where: relative(root, file),
    name: basename(file, '.cls'),
    source: readFileSync(file, 'utf8'),
  }));
  const factories = classes.filter((c) => isUserFactory(c.source));
  const problems: string[] = [];
  const factory = factories[0];
  if (factories.length !== 1 || factory === undefined) {
    return [
      `classes: ${factories.length} classes assign permission sets; tests need exactly one user factory`,
    ];
  }
  const assignments = factory.source.match(/new\s+PermissionSetAssignment\s*\(/gi) ?? [];
  if (assignments.length !== 1) {
    problems.push(
      `${factory.where}: assigns permission sets in ${assignments.length} places; a test user holds one`,
    );
  }
  const madeBy = new RegExp(`\\b${factory.name}\\.(\\w+)\\(\\)`, 'g');
  const used = new Set<string>();
  for (const { where, source } of classes) {
    for (const method of testMethods(source)) {
      if (!/\bSystem\.runAs\s*\(/.test(method.body)) {
        problems.push(`${where}: ${method.name} does not run through System.runAs`);
      }
      const makers = [...method.body.matchAll(madeBy)].map((m) => m[1] as string);
      if (makers.length === 0) {
        problems.push(`${where}: ${method.name} runs as no user from ${factory.name}`);
      }
      makers.forEach((m) => used.add(m.toLowerCase()));
    }
  }
  for (const set of permissionSets(root)) {
    // The factory names each role's maker after the permission set's role: ContactPad_Agent -> agent().
    const role = set.split('_').pop()?.toLowerCase() ?? set;
    if (!factory.source.includes(`'${set}'`)) {
      problems.push(`${factory.where}: makes no user with permission set ${set}`);
    } else if (!used.has(role)) {
      problems.push(
        `classes: no test runs as a user holding only ${set} (${factory.name}.${role}())`,
      );
    }
  }
  return problems;
}
