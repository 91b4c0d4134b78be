/**
 * The routing service as its own process (`src/routing/main.ts`, as `npm run routing` starts it),
 * on 127.0.0.1 and a free port, so that a test can kill it with SIGKILL and start it again.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './redisServer';

const ROOT = resolve(__dirname, '..', '..');

export interface RoutingProcessOptions {
  /** ROUTING_STORE: `memory` or a redis:// URL. */
  readonly store: string;
  readonly adminKey: string;
  readonly signingKey: string;
  readonly port?: number;
  readonly prefix?: string;
}

export interface RoutingProcess {
  readonly url: string;
  readonly agentUrl: string;
  readonly port: number;
  /** What it printed last (for failures). */
  output(): string;
  /** SIGKILL: no clean-up of any kind. */
  kill(): Promise<void>;
  /** SIGTERM: the clean stop. */
  stop(): Promise<void>;
}

export async function startRoutingProcess(options: RoutingProcessOptions): Promise<RoutingProcess> {
  const port = options.port ?? (await freePort());
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
    if (child.exitCode !== null) throw new Error(`the routing process exited:\n${output}`);
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
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
