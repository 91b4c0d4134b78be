/**
 * Scratch-org lifecycle for CI and development:
 *   npx tsx scripts/org/scratch.ts <create|deploy|assign|data|test|delete|all> <alias> [--devhub <alias>] [--days <n>] [--with-namespace]
 * create (from config/project-scratch-def.json), deploy force-app, assign the permission sets and
 * the ContactPad call center to the org's user, load sample data, run Apex tests (with coverage) and
 * the LWC tests, delete. `all` runs them in order and deletes the org at the end even on failure
 * unless --keep is given. Scratch orgs have no namespace (sf's --no-namespace), so any Dev Hub will
 * do; --with-namespace (given to every step) gives one the namespace of sfdx-project.json, which
 * must then be linked to the Dev Hub.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { OrgError, ROOT, Sf, option, projectNamespace, qualified, required, runMain } from './sf';

const USAGE =
  'npx tsx scripts/org/scratch.ts <create|deploy|assign|data|test|delete|all> <alias> [--devhub <alias>] [--days <n>] [--keep] [--with-namespace]';

export const PERMISSION_SETS = ['ContactPad_Agent', 'ContactPad_Admin'];
export const CALL_CENTER = 'ContactPad';
const SAMPLE_DATA = ['Account-Contact.json', 'Lead.json', 'Case.json'].map((f) =>
  join('scripts', 'org', 'sample-data', f),
);

export class ScratchOrg {
  constructor(
    private readonly sf: Sf,
    private readonly alias: string,
    private readonly log: (line: string) => void = console.log,
    /** The namespace the org's package components carry: '' unless made --with-namespace. */
    private readonly namespace: string = '',
  ) {}

  create(devHub: string | undefined, days: string): void {
    this.sf.requireCli();
    const args = [
      'org',
      'create',
      'scratch',
      '--definition-file',
      'config/project-scratch-def.json',
    ];
    args.push('--alias', this.alias, '--duration-days', days, '--set-default', '--wait', '30');
    if (devHub !== undefined) args.push('--target-dev-hub', devHub);
    if (this.namespace === '') args.push('--no-namespace');
    const result = this.sf.json<{ username?: string }>(args);
    this.log(`created scratch org ${this.alias} (${result.username ?? 'unknown user'})`);
  }

  deploy(): void {
    this.sf.requireOrg(this.alias);
    this.sf.json([
      'project',
      'deploy',
      'start',
      '--source-dir',
      'force-app',
      '--target-org',
      this.alias,
      '--wait',
      '30',
    ]);
    this.log(`deployed force-app to ${this.alias}`);
  }

  /** Assigns the permission sets and the call center (User.CallCenterId) to the org's user. */
  assign(): void {
    const org = this.sf.requireOrg(this.alias);
    this.sf.json([
      'org',
      'assign',
      'permset',
      ...PERMISSION_SETS.flatMap((name) => ['--name', qualified(name, this.namespace)]),
      '--target-org',
      this.alias,
    ]);
    const centers = this.sf.json<{ records: { Id: string }[] }>([
      'data',
      'query',
      '--target-org',
      this.alias,
      '--query',
      `SELECT Id FROM CallCenter WHERE InternalName = '${CALL_CENTER}' LIMIT 1`,
    ]);
    const center = centers.records[0];
    if (center === undefined) {
      throw new OrgError(`The ${CALL_CENTER} call center is not in ${this.alias}: deploy first.`);
    }
    this.sf.json([
      'data',
      'update',
      'record',
      '--target-org',
      this.alias,
      '--sobject',
      'User',
      '--where',
      `Username='${org.username}'`,
      '--values',
      `CallCenterId=${center.Id}`,
    ]);
    this.log(
      `assigned ${PERMISSION_SETS.join(', ')} and call center ${CALL_CENTER} to ${org.username}`,
    );
  }

  data(): void {
    this.sf.requireOrg(this.alias);
    for (const file of SAMPLE_DATA) {
      this.sf.json(['data', 'import', 'tree', '--files', file, '--target-org', this.alias]);
    }
    this.log(`loaded sample data into ${this.alias}`);
  }

  /** Apex tests with coverage in the org (fails under 90% org-wide), then the LWC tests locally. */
  test(): void {
    this.sf.requireOrg(this.alias);
    const result = this.sf.json<{
      summary?: { outcome?: string; orgWideCoverage?: string; failing?: number };
    }>([
      'apex',
      'run',
      'test',
      '--target-org',
      this.alias,
      '--test-level',
      'RunLocalTests',
      '--code-coverage',
      '--wait',
      '30',
    ]);
    const summary = result.summary ?? {};
    this.log(
      `Apex tests: ${summary.outcome ?? 'unknown'}, coverage ${summary.orgWideCoverage ?? 'unknown'}`,
    );
    if (summary.outcome !== 'Passed') throw new OrgError(`Apex tests failed in ${this.alias}`);
    const coverage = Number.parseFloat(summary.orgWideCoverage ?? '0');
    if (coverage < 90) throw new OrgError(`Apex coverage ${coverage}% is under 90%`);
    execFileSync('npx', ['jest', '--selectProjects', 'lwc'], { cwd: ROOT, stdio: 'inherit' });
  }

  delete(): void {
    this.sf.requireCli();
    this.sf.json(['org', 'delete', 'scratch', '--target-org', this.alias, '--no-prompt']);
    this.log(`deleted scratch org ${this.alias}`);
  }
}

async function main(args: readonly string[]): Promise<void> {
  const command = required(args, 0, 'command', USAGE);
  const alias = required(args, 1, 'org alias', USAGE);
  const namespace = args.includes('--with-namespace') ? projectNamespace() : '';
  const org = new ScratchOrg(new Sf(), alias, console.log, namespace);
  const devHub = option(args, 'devhub');
  const days = option(args, 'days') ?? '1';
  switch (command) {
    case 'create':
      return org.create(devHub, days);
    case 'deploy':
      return org.deploy();
    case 'assign':
      return org.assign();
    case 'data':
      return org.data();
    case 'test':
      return org.test();
    case 'delete':
      return org.delete();
    case 'all':
      org.create(devHub, days);
      try {
        org.deploy();
        org.assign();
        org.data();
        org.test();
      } finally {
        if (!args.includes('--keep')) org.delete();
      }
      return;
    default:
      throw new OrgError(`Unknown command ${command}. Usage: ${USAGE}`);
  }
}

if (require.main === module) runMain(() => main(process.argv.slice(2)));
