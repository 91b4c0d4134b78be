/**
 * Managed package (2GP) versions, run against a Dev Hub:
 *   npm run org:package -- <devhub>                          a managed beta version (the package
 *                                                            created first when it has no alias yet)
 *   npx tsx scripts/org/package.ts create <devhub>            the package itself, once
 *   npx tsx scripts/org/package.ts version <devhub>           a beta version with code coverage
 *   npx tsx scripts/org/package.ts promote <devhub> <04t|alias>  released
 * The namespace must be registered and linked to the Dev Hub, and set in sfdx-project.json (the one
 * place it is written), before `create` (docs/ADMIN.md, "Namespace"); sf writes the package and
 * version aliases into sfdx-project.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrgError, ROOT, Sf, required, runMain } from './sf';

const USAGE =
  'npx tsx scripts/org/package.ts [create|version|promote] <devhub alias> [04t id or version alias]';
const COMMANDS = new Set(['create', 'version', 'promote']);
export const PACKAGE = 'ContactPad';

interface Project {
  readonly namespace?: string;
  readonly packageAliases?: Record<string, string>;
}

const PROJECT_FILE = join(ROOT, 'sfdx-project.json');

function project(file: string): Project {
  return JSON.parse(readFileSync(file, 'utf8')) as Project;
}

/** Creates the managed package (its alias goes into sfdx-project.json). */
export function createPackage(sf: Sf, devHub: string, file: string = PROJECT_FILE): void {
  sf.requireOrg(devHub);
  if ((project(file).namespace ?? '') === '') {
    throw new OrgError(
      'sfdx-project.json has no namespace: a managed package needs one, registered and linked to the Dev Hub (docs/ADMIN.md).',
    );
  }
  const result = sf.json<{ Id?: string }>([
    'package',
    'create',
    '--name',
    PACKAGE,
    '--path',
    'force-app',
    '--package-type',
    'Managed',
    '--target-dev-hub',
    devHub,
  ]);
  console.log(`created package ${PACKAGE} ${result.Id ?? ''} (alias written to sfdx-project.json)`);
}

/** A managed beta version with code coverage (needed to promote it). */
export function createVersion(sf: Sf, devHub: string, file: string = PROJECT_FILE): void {
  sf.requireOrg(devHub);
  if (project(file).packageAliases?.[PACKAGE] === undefined) {
    throw new OrgError(
      `sfdx-project.json has no package alias ${PACKAGE}: run "create ${devHub}" first.`,
    );
  }
  const result = sf.json<{ SubscriberPackageVersionId?: string; Status?: string }>([
    'package',
    'version',
    'create',
    '--package',
    PACKAGE,
    '--code-coverage',
    '--installation-key-bypass',
    '--wait',
    '60',
    '--target-dev-hub',
    devHub,
  ]);
  console.log(
    `package version ${result.SubscriberPackageVersionId ?? '?'}: ${result.Status ?? '?'}`,
  );
}

/** What `npm run org:package -- <devhub>` does: the package if it has no alias yet, then a version. */
export function buildVersion(sf: Sf, devHub: string, file: string = PROJECT_FILE): void {
  if (project(file).packageAliases?.[PACKAGE] === undefined) createPackage(sf, devHub, file);
  createVersion(sf, devHub, file);
}

/** Promotes a beta version to released. */
export function promote(sf: Sf, devHub: string, version: string): void {
  sf.requireOrg(devHub);
  sf.json([
    'package',
    'version',
    'promote',
    '--package',
    version,
    '--target-dev-hub',
    devHub,
    '--no-prompt',
  ]);
  console.log(`promoted ${version} to released`);
}

async function main(args: readonly string[]): Promise<void> {
  if (args[0] !== undefined && !COMMANDS.has(args[0])) {
    return buildVersion(new Sf(), args[0]);
  }
  const command = required(args, 0, 'command or Dev Hub alias', USAGE);
  const devHub = required(args, 1, 'Dev Hub alias', USAGE);
  const sf = new Sf();
  if (command === 'create') return createPackage(sf, devHub);
  if (command === 'version') return createVersion(sf, devHub);
  if (command === 'promote')
    return promote(sf, devHub, required(args, 2, 'package version', USAGE));
  throw new OrgError(`Unknown command ${command}. Usage: ${USAGE}`);
}

if (require.main === module) runMain(() => main(process.argv.slice(2)));
