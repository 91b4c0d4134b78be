/**
 * The Salesforce CLI (`sf`) as the org scripts use it: found or refused with a clear message, run
 * with `--json`, its errors turned into OrgError with the CLI's own message.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** A failure the scripts report as one line and exit 1 for. */
export class OrgError extends Error {
  override readonly name = 'OrgError';
}

/** How the scripts call a program; tests replace it. */
export type Runner = (command: string, args: readonly string[]) => string;

export const runProgram: Runner = (command, args) =>
  execFileSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' },
  });

/** The CLI with which every org command runs; `SF_BIN` overrides the program name. */
export class Sf {
  constructor(
    private readonly run: Runner = runProgram,
    private readonly program: string = process.env['SF_BIN'] ?? 'sf',
  ) {}

  /** Fails unless the sf CLI answers. */
  requireCli(): string {
    try {
      return this.run(this.program, ['--version']).trim();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new OrgError(
        code === 'ENOENT'
          ? `The Salesforce CLI (${this.program}) is not installed or not on PATH: install it ` +
              '(npm install --global @salesforce/cli, see docs/ADMIN.md) and log in to a Dev Hub.'
          : `The Salesforce CLI (${this.program}) does not run: ${String(error)}`,
      );
    }
  }

  /** Runs `sf <args> --json` and returns its `result`; an sf error becomes an OrgError. */
  json<T = unknown>(args: readonly string[]): T {
    let out: string;
    try {
      out = this.run(this.program, [...args, '--json']);
    } catch (error) {
      const stdout = (error as { stdout?: string }).stdout ?? '';
      throw new OrgError(`sf ${args.join(' ')} failed: ${messageOf(stdout) ?? String(error)}`);
    }
    const parsed = parse(out);
    if (parsed === null) throw new OrgError(`sf ${args.join(' ')} printed no JSON`);
    if (typeof parsed.status === 'number' && parsed.status !== 0) {
      throw new OrgError(`sf ${args.join(' ')} failed: ${parsed.message ?? 'no message'}`);
    }
    return parsed.result as T;
  }

  /** The org behind an alias, or a clear message telling how to log in. */
  requireOrg(alias: string): OrgInfo {
    this.requireCli();
    try {
      return this.json<OrgInfo>(['org', 'display', '--target-org', alias]);
    } catch (error) {
      throw new OrgError(
        `No org is logged in as "${alias}": run sf org login web --alias ${alias} ` +
          `(or create a scratch org with scripts/org/scratch.ts create ${alias}). ` +
          `${(error as Error).message}`,
      );
    }
  }
}

/** What `sf org display --json` reports. */
export interface OrgInfo {
  readonly accessToken: string;
  readonly instanceUrl: string;
  readonly username: string;
  readonly id?: string;
  readonly apiVersion?: string;
}

interface SfJson {
  readonly status?: number;
  readonly message?: string;
  readonly result?: unknown;
}

function parse(out: string): SfJson | null {
  try {
    const value: unknown = JSON.parse(out);
    return typeof value === 'object' && value !== null ? (value as SfJson) : null;
  } catch {
    return null;
  }
}

function messageOf(stdout: string): string | null {
  return parse(stdout)?.message ?? null;
}

/** The project's namespace (sfdx-project.json), '' when none. */
export function projectNamespace(): string {
  const project = JSON.parse(readFileSync(join(ROOT, 'sfdx-project.json'), 'utf8')) as {
    namespace?: string;
  };
  return project.namespace ?? '';
}

/** A package component's API name in an org: with `ns__` when the package has a namespace. */
export function qualified(name: string, namespace: string = projectNamespace()): string {
  return namespace === '' ? name : `${namespace}__${name}`;
}

/** Options that take no value. */
const BOOLEAN_FLAGS = new Set(['--keep', '--allow-placeholder', '--with-namespace']);

/** Arguments that are not `--name value` options (nor the flags above). */
export function positionals(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (BOOLEAN_FLAGS.has(arg)) continue;
    if (arg.startsWith('--')) i += 1;
    else out.push(arg);
  }
  return out;
}

/** The positional argument at `index` (an org alias, a command), or a usage error. */
export function required(
  args: readonly string[],
  index: number,
  what: string,
  usage: string,
): string {
  const value = positionals(args)[index];
  if (value === undefined) throw new OrgError(`Missing ${what}. Usage: ${usage}`);
  return value;
}

/** The value of `--name value`, if given. */
export function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? undefined : args[at + 1];
}

/** Runs a script's main and turns an OrgError into one line on stderr and exit code 1. */
export function runMain(main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((error: unknown) => {
      console.error(error instanceof OrgError ? `error: ${error.message}` : error);
      process.exitCode = 1;
    });
}
