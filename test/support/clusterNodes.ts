/**
 * Talking to one node of a test Redis Cluster (redisCluster.ts): one command on a connection of its
 * own, redis-cli, and what CLUSTER NODES and CLUSTER INFO say; and the nodes a cluster URL names.
 */
import { execFile } from 'node:child_process';
import { Redis } from 'ioredis';

export const REDIS_CLI = process.env['REDIS_CLI'] ?? '/usr/bin/redis-cli';

export const HOST = '127.0.0.1';

/** The host and port of every node in a `redis-cluster://h1:p1,h2:p2` URL (ioredis Cluster's). */
export function clusterNodesOf(url: string): { host: string; port: number }[] {
  const match = /^redis-cluster:\/\/([^/?#]+)\/?$/.exec(url);
  if (match === null) throw new Error(`not a redis-cluster:// URL: ${url}`);
  return match[1]!.split(',').map((address) => {
    const colon = address.lastIndexOf(':');
    const port = Number(address.slice(colon + 1));
    if (colon <= 0 || !Number.isInteger(port)) throw new Error(`bad node ${address} in ${url}`);
    return { host: address.slice(0, colon), port };
  });
}

/** One line of CLUSTER NODES. */
export interface NodeLine {
  id: string;
  port: number;
  flags: string[];
  masterId: string | null;
  slots: [number, number][];
}

export function parseClusterNodes(text: string): NodeLine[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [id, address, flags, master, , , , , ...slots] = line.split(' ');
      const hostPort = (address ?? '').split('@')[0] ?? '';
      return {
        id: id ?? '',
        port: Number(hostPort.slice(hostPort.lastIndexOf(':') + 1)),
        flags: (flags ?? '').split(','),
        masterId: master === undefined || master === '-' ? null : master,
        slots: slots
          .filter((slot) => !slot.startsWith('[')) // slots being migrated or imported
          .map((slot): [number, number] => {
            const [from, to] = slot.split('-');
            return [Number(from), Number(to ?? from)];
          }),
      };
    });
}

export const isFailed = (line: NodeLine) =>
  line.flags.includes('fail') || line.flags.includes('fail?') || line.flags.includes('noaddr');

export const serves = (line: NodeLine, slot: number) =>
  line.slots.some(([from, to]) => from <= slot && slot <= to);

export function clusterInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return fields;
}

/** One command on a connection of its own, bounded: no retries, no queue, no reconnect. */
export async function command(port: number, args: string[], timeoutMs = 2000): Promise<unknown> {
  const client = new Redis({
    host: HOST,
    port,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    enableReadyCheck: false,
  });
  client.on('error', () => undefined); // the call itself rejects
  try {
    await client.connect();
    return await client.call(args[0]!, ...args.slice(1));
  } finally {
    client.disconnect();
  }
}

export async function text(port: number, args: string[]): Promise<string> {
  const reply = await command(port, args);
  return Buffer.isBuffer(reply) ? reply.toString() : String(reply);
}

export function runRedisCli(args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(REDIS_CLI, args, { timeout: timeoutMs }, (error, stdout, stderr) => {
      // redis-cli colours its --cluster output even into a pipe.
      const output = `${stdout}${stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
      if (error) reject(new Error(`redis-cli ${args.join(' ')}: ${error.message}\n${output}`));
      else resolve(output);
    });
  });
}
