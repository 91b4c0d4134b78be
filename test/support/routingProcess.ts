/**
 * The routing service as its own process (`src/routing/main.ts`, as `npm run routing` starts it),
 * on 127.0.0.1 and a free port, so that a test can kill it with SIGKILL and start it again.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, retriedOnTakenPort } from './redisServer';

const ROOT = resolve(__dirname, '..', '..');

export interface RoutingProcessOptions {
  /** ROUTING_STORE: `memory` or a redis:// URL. */
  readonly store: string;
  readonly adminKey: string;
  readonly signingKey: string;
  readonly port?: number;
  readonly prefix?: string;
  /** More environment for the process (e.g. ROUTING_* limits), over the defaults above. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface RoutingProcess {
  readonly url: string;
  readonly agentUrl: string;
  readonly port: number;
  /** The process id (its memory is read from /proc). */
  readonly pid: number;
  /** Whether the process is still running. */
  running(): boolean;
  /** Resident memory now (VmRSS), in MB. */
  rssMb(): number;
  /** What it printed last (for failures). */
  output(): string;
  /** SIGKILL: no clean-up of any kind. */
  kill(): Promise<void>;
  /** SIGTERM: the clean stop. */
  stop(): Promise<void>;
}

export async function startRoutingProcess(options: RoutingProcessOptions): Promise<RoutingProcess> {
  if (options.port !== undefined) return startOn(options.port, options);
  return retriedOnTakenPort(
    async () => startOn(await freePort(), options),
    (err) => String(err).includes('EADDRINUSE'),
  );
}

async function startOn(port: number, options: RoutingProcessOptions): Promise<RoutingProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'contactpad-routing-'));
  let output = '';
  // Node itself with tsx as a loader (not the tsx command, whose child a SIGKILL would not reach).
  const main = join(ROOT, 'src', 'routing', 'main.ts');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      ROUTING_HOST: '127.0.0.1',
      ROUTING_STORE: options.store,
      ROUTING_STORE_PREFIX: options.prefix ?? 'contactpad',
      ROUTING_ADMIN_KEY: options.adminKey,
      ROUTING_SIGNING_KEY: options.signingKey,
      ROUTING_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`the routing process exited:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the routing process did not start in time:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }

  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    url,
    agentUrl: `ws://127.0.0.1:${port}/v1/agent`,
    port,
    pid: child.pid ?? -1,
    running: () => child.exitCode === null && child.signalCode === null,
    rssMb: () => rssMbOf(child.pid ?? -1),
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** VmRSS of a process in MB (Linux). */
export function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 102.4) / 10;
}
