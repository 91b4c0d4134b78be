/**
 * A real redis-server (Debian's package, installed when missing where it can be) for a test: on 127.0.0.1, a free port, its own folder, with
 * its append-only file on, stopped by `stop()`. Tests that need Redis start one each.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackage } from './debianPackage';

export const REDIS_SERVER = process.env['REDIS_SERVER'] ?? '/usr/bin/redis-server';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Stops it (SIGTERM, which writes its data) and waits. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder, from its append-only file. */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** What redis-server prints when its port is taken. */
export const REDIS_PORT_TAKEN = 'Address already in use';

/**
 * Runs `start`, which takes its ports from `freePort`, again (at most 5 times in all) when one was
 * taken between the asking and the bind (by any socket on the machine, an outgoing connection's
 * included), which `taken` tells from other failures.
 */
export async function retriedOnTakenPort<T>(
  start: () => Promise<T>,
  taken: (err: unknown) => boolean,
): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await start();
    } catch (err) {
      if (tries === 5 || !taken(err)) throw err;
    }
  }
}

async function waitForPort(port: number, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server did not listen on ${port} in time`);
}

export async function startRedisServer(): Promise<RedisServer> {
  await ensureDebianPackage('redis-server', REDIS_SERVER);
  const dir = mkdtempSync(join(tmpdir(), 'contactpad-redis-'));
  let port = 0;
  let child: ChildProcess | null = null;
  let output = '';

  const start = async () => {
    const started = spawn(
      REDIS_SERVER,
      [
        '--bind',
        '127.0.0.1',
        '--port',
        String(port),
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--protected-mode',
        'yes',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started.stdout?.on(
      'data',
      (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)),
    );
    started.stderr?.on(
      'data',
      (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)),
    );
    child = started;
    try {
      await waitForPort(port, started, Date.now() + 10_000);
    } catch (err) {
      started.kill('SIGKILL');
      throw new Error(`${(err as Error).message}\n${output}`);
    }
  };

  const stop = async () => {
    const running = child;
    child = null;
    if (running === null || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  await retriedOnTakenPort(
    async () => {
      port = await freePort();
      output = '';
      await start();
    },
    () => output.includes(REDIS_PORT_TAKEN),
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    restart: start,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
