/**
 * Salesforce Code Analyzer's core and engines, installed from config/code-analyzer/ (exact
 * versions and their lockfile) with `npm ci` into a folder outside the project: a temporary one
 * named after the lockfile's hash (CODE_ANALYZER_TOOLS overrides), kept while the lockfile stays
 * the same. Java comes from Debian's default-jre-headless (PMD runs on it), installed when it is
 * missing and the check runs as root, as the tests do for Chromium and redis-server.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureDebianPackage } from '../../test/support/debianPackage';

const exec = promisify(execFile);
const MANIFEST = join(__dirname, '..', '..', 'config', 'code-analyzer');
const FILES = ['package.json', 'package-lock.json'];
const DONE = '.installed';
/** The longest an install may take. */
const INSTALL_TIMEOUT_MS = 600_000;

/** Where the tools go: a folder of their own per lockfile. */
export function toolsFolder(): string {
  const given = process.env['CODE_ANALYZER_TOOLS'];
  if (given !== undefined && given !== '') return given;
  const hash = createHash('sha256')
    .update(readFileSync(join(MANIFEST, 'package-lock.json')))
    .digest('hex')
    .slice(0, 12);
  return join(tmpdir(), `contactpad-code-analyzer-${hash}`);
}

/** Installs what is missing (Java, the npm packages) and answers `require` from the tools. */
export async function tools(log: (line: string) => void): Promise<NodeJS.Require> {
  await ensureDebianPackage('default-jre-headless', '/usr/bin/java');
  const folder = toolsFolder();
  if (!existsSync(join(folder, DONE))) {
    mkdirSync(folder, { recursive: true });
    // One installer at a time (a lock folder); a second one finds the work done. A lock older
    // than an install may take was left by one that was stopped: it is taken over.
    const lock = `${folder}.lock`;
    for (;;) {
      try {
        mkdirSync(lock);
        break;
      } catch {
        const since = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0);
        if (since > INSTALL_TIMEOUT_MS) rmSync(lock, { recursive: true, force: true });
        else await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    try {
      if (!existsSync(join(folder, DONE))) {
        log(`installing Code Analyzer from config/code-analyzer into ${folder}`);
        for (const file of FILES) copyFileSync(join(MANIFEST, file), join(folder, file));
        await exec('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], {
          cwd: folder,
          timeout: INSTALL_TIMEOUT_MS,
          maxBuffer: 16 * 1024 * 1024,
        });
        writeFileSync(join(folder, DONE), `${new Date().toISOString()}\n`);
      }
    } finally {
      rmdirSync(lock);
    }
  }
  return createRequire(join(folder, 'package.json'));
}
