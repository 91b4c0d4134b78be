/**
 * Debian packages the tests need (chromium, redis-server): when one is missing it is installed
 * from Debian's packages if the tests run as root; otherwise the error says exactly what to run.
 * Jest workers that need the same package at once take turns (a lock folder).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Makes sure `binary` exists, installing Debian's `pkg` when it does not and that is possible. */
export async function ensureDebianPackage(pkg: string, binary: string): Promise<void> {
  if (existsSync(binary)) return;
  const command = `apt-get update && apt-get install -y ${pkg}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`${binary} is missing: run "${command}" as root (.ci/run does it)`);
  }
  const lock = join(tmpdir(), `contactpad-apt-${pkg}.lock`);
  const deadline = Date.now() + 900_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited too long for ${lock}`);
      await sleep(500);
    }
  }
  try {
    if (existsSync(binary)) return; // another worker installed it meanwhile
    process.stderr.write(`${binary} is missing: installing Debian's ${pkg} package\n`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const wait = ['-o', 'DPkg::Lock::Timeout=300'];
    await exec('apt-get', [...wait, 'update'], { env, timeout: 300_000 });
    await exec('apt-get', [...wait, 'install', '-y', pkg], { env, timeout: 600_000 });
    if (!existsSync(binary)) throw new Error(`${binary} is still missing after "${command}"`);
  } finally {
    rmdirSync(lock);
  }
}
