/**
 * One redis-server of a test cluster (redisCluster.ts) as a child process: started on 127.0.0.1
 * with cluster mode on and the settings the fault tests rely on, its output kept for the failure
 * message, and stopped (SIGTERM, then SIGKILL after 5 s).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { HOST } from './clusterNodes';
import { REDIS_SERVER } from './redisServer';

export type RedisClusterRole = 'master' | 'replica';

export interface NodeProcess {
  port: number;
  clusterPort: number;
  dir: string;
  id: string;
  child: ChildProcess | null;
  role: RedisClusterRole;
  state: 'running' | 'paused' | 'stopped';
  output: string;
}

/** A node's process is gone: waiting for it to answer is pointless. */
export class NodeExited extends Error {}

/** Starts `node`'s redis-server on its ports and folder (`nodeTimeoutMs`: cluster-node-timeout). */
export function launch(node: NodeProcess, nodeTimeoutMs: number): void {
  const child = spawn(
    REDIS_SERVER,
    [
      '--bind',
      HOST,
      '--port',
      String(node.port),
      '--cluster-port',
      String(node.clusterPort),
      '--dir',
      node.dir,
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      'nodes.conf',
      '--cluster-node-timeout',
      String(nodeTimeoutMs),
      // A replica fails over however long it has been cut from its master.
      '--cluster-replica-validity-factor',
      '0',
      '--cluster-require-full-coverage',
      'no',
      '--cluster-allow-reads-when-down',
      'no',
      // A replica syncs at once (diskless, the default, otherwise waits 5 s for more replicas).
      '--repl-diskless-sync-delay',
      '0',
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--protected-mode',
      'yes',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const collect = (chunk: Buffer) => (node.output = (node.output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.once('exit', (code, signal) => {
    node.output += `\n[exited: ${signal ?? code}]\n`;
    if (node.child === child) {
      node.child = null;
      node.state = 'stopped';
    }
  });
  node.child = child;
  node.state = 'running';
}

/** Stops `node`'s process (woken first if paused); settles once it exited. */
export async function stopNode(node: NodeProcess): Promise<void> {
  const running = node.child;
  if (running === null || running.exitCode !== null || running.signalCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  if (node.state === 'paused') running.kill('SIGCONT');
  running.kill('SIGTERM');
  const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
