/**
 * What the routing benchmarks share: the loopback echo floor, routing processes of their own
 * (serve.ts), and the end-to-end measurement from an arrival to the agent's socket.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import type { ServerMessage } from '../../src/protocol';
import { parse, stringify } from '../../src/protocol';
import { DEFAULT_SETTINGS } from '../../src/routing/engine/engine';
import { rssMbOf } from '../../test/support/routingProcess';
import { jsonClient } from './jsonClient';

const ECHO_ROUNDS = 5000;

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
export const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/**
 * Starts `serve.ts <mode>` and waits for its address. With BENCH_CPU_PROF set to a folder, a routing
 * process writes a CPU profile there when it stops (node --cpu-prof).
 */
export async function serve(mode: 'echo' | 'routing', env: NodeJS.ProcessEnv = {}) {
  const profile = process.env['BENCH_CPU_PROF'];
  const profiling =
    mode === 'routing' && profile !== undefined && profile !== ''
      ? ['--cpu-prof', `--cpu-prof-dir=${profile}`]
      : [];
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [...profiling, '--import', 'tsx', join(__dirname, 'serve.ts'), mode],
    { env: { ...process.env, ...env }, stdio: 'pipe' },
  );
  child.stderr.on('data', (data: Buffer) => process.stderr.write(data));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  const { url, pid } = JSON.parse(line) as { url: string; pid: number };
  return { url, pid, stop: () => child.kill('SIGTERM') };
}

export function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** (a) Round trips of a 200-byte frame to an echo server, one at a time. */
export async function echoFloor() {
  const server = await serve('echo');
  try {
    const socket = await open(server.url);
    const payload = JSON.stringify({
      v: 1,
      type: 'ping',
      nonce: 1,
      now: Date.now(),
      pad: 'x'.repeat(150),
    });
    const samples: number[] = [];
    for (let i = 0; i < ECHO_ROUNDS + 500; i++) {
      const start = nowMs();
      await new Promise<void>((resolve) => {
        socket.once('message', () => resolve());
        socket.send(payload);
      });
      if (i >= 500) samples.push(nowMs() - start);
    }
    socket.close();
    samples.sort((a, b) => a - b);
    return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
  } finally {
    server.stop();
  }
}

export interface EndToEnd {
  readonly agents: number;
  readonly rate: number;
  readonly seconds: number;
  /** Extra environment for the routing processes (e.g. BENCH_STORE). */
  readonly env?: NodeJS.ProcessEnv;
  /** Routing processes sharing the work: agents and arrivals go to each in turn. */
  readonly processes?: number;
}

/**
 * (b) and (d): the routing service in its own process (or several on one store), agents
 * connected, arrivals at a fixed rate; each assigned interaction is released at once.
 */
export async function endToEnd({
  agents: AGENTS,
  rate: RATE,
  seconds: SECONDS,
  env = {},
  processes = 1,
}: EndToEnd) {
  const adminKey = randomBytes(16).toString('hex');
  const signingKey = randomBytes(32).toString('hex');
  const servers = [];
  for (let i = 0; i < processes; i++) {
    servers.push(
      await serve('routing', { ...env, BENCH_ADMIN_KEY: adminKey, BENCH_SIGNING_KEY: signingKey }),
    );
  }
  const clients = servers.map((each) => jsonClient(each.url, adminKey, { maxSockets: 32 }));
  const admins = clients.map(
    (client) => (method: string, path: string, body?: unknown) =>
      client.must<Record<string, unknown>>(method, path, body),
  );
  const admin = admins[0] as (typeof admins)[0];
  try {
    await admin('POST', '/admin/accounts', {
      id: 'bench',
      name: 'Benchmark',
      settings: { ...DEFAULT_SETTINGS, wrapSeconds: 0 },
    });
    const services = ['sales', 'support', 'billing', 'returns'];
    for (const id of services)
      await admin('POST', '/admin/accounts/bench/services', { id, name: id });
    const sockets: WebSocket[] = [];
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let unexpected = 0;
    for (let n = 0; n < AGENTS; n++) {
      const id = `agent-${n}`;
      await admin('POST', '/admin/accounts/bench/agents', {
        id,
        name: `Agent ${n}`,
        services: [services[n % services.length], services[(n + 1) % services.length]],
        weights: null,
        state: 'ready',
      });
      const { token } = (await admin('POST', `/admin/accounts/bench/agents/${id}/token`, {
        ttlSeconds: null,
      })) as {
        token: string;
      };
      const home = servers[n % servers.length] as (typeof servers)[0];
      const socket = await open(home.url.replace('http', 'ws') + '/v1/agent');
      let commands = 0;
      socket.on('message', (data) => {
        const parsed = parse(data.toString(), 'server');
        if (!parsed.ok) {
          unexpected++;
          return;
        }
        const message: ServerMessage = parsed.message;
        if (message.type === 'interaction.added') {
          const tag = message.interaction.customer.name ?? '';
          const start = sentAt.get(tag);
          if (start !== undefined) {
            latencies.push(nowMs() - start);
            sentAt.delete(tag);
          }
          const { id: interactionId, version } = message.interaction;
          socket.send(
            stringify(
              { v: 1, type: 'release', id: `r-${++commands}`, interactionId, version },
              'client',
            ),
          );
        } else if (message.type === 'error') {
          unexpected++;
        }
      });
      const welcomed = new Promise<void>((resolve) => socket.once('message', () => resolve()));
      socket.send(helloText(token));
      await welcomed;
      sockets.push(socket);
    }
    const rssIdle = Math.max(...servers.map(({ pid }) => rssMbOf(pid)));

    // Arrivals at RATE per second for SECONDS, each sent at its own time (not in bursts) and timed
    // from its call.
    const total = RATE * SECONDS;
    const channels = ['chat', 'email', 'case', 'voice'] as const;
    const inflight: Promise<unknown>[] = [];
    const started = nowMs();
    let sent = 0;
    let created = 0;
    let failed = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((nowMs() - started) / 1000) * RATE));
      for (; sent < due; sent++) {
        const n = sent;
        const tag = `Bench ${n}`;
        const channel = channels[n % channels.length] as (typeof channels)[number];
        sentAt.set(tag, nowMs());
        const through = admins[n % admins.length] as typeof admin;
        inflight.push(
          through('POST', '/simulator/accounts/bench/interactions', {
            channel,
            serviceId: services[n % services.length],
            customer: {
              name: tag,
              phone: channel === 'voice' ? '+14155550100' : null,
              email: null,
            },
          }).then(
            () => created++,
            () => failed++,
          ),
        );
        if (inflight.length > 2000) await Promise.all(inflight.splice(0));
      }
      const nextDue = started + ((sent + 1) * 1000) / RATE;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextDue - nowMs())));
      if (nowMs() - started > (SECONDS + 30) * 1000) break;
    }
    await Promise.all(inflight);
    const elapsed = (nowMs() - started) / 1000;
    const deadline = nowMs() + 5000;
    while (sentAt.size > 0 && nowMs() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const rssLoaded = Math.max(...servers.map(({ pid }) => rssMbOf(pid)));
    for (const socket of sockets) socket.close();
    latencies.sort((a, b) => a - b);
    return {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      assigned: latencies.length,
      created,
      failed,
      lost: sentAt.size,
      unexpected,
      arrivalsPerSec: round(created / elapsed, 1),
      rssIdle,
      rssLoaded,
    };
  } finally {
    for (const client of clients) client.close();
    for (const each of servers) each.stop();
  }
}

/** A benchmark client's first frame: `hello` with its token and the client's name. */
export function helloText(token: string, clientName = 'bench'): string {
  return stringify(
    {
      v: 1,
      type: 'hello',
      versions: [1],
      token,
      client: { name: clientName, version: '1' },
      resume: null,
    },
    'client',
  );
}
