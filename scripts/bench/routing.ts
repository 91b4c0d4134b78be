/**
 * Routing benchmark, loopback only and bounded in time (about a minute). In one run it measures:
 *  (a) the floor: WebSocket echo round trip to a server process (p50, p99);
 *  (b) end to end: 1,000 agents connected to the routing service (its own process), interactions
 *      created through the simulator API at a fixed rate; latency from the create call to the
 *      `interaction.added` event arriving at the agent's socket (p50, p99), and its ratio to (a);
 *  (c) in process, no sockets: routing decisions per second with 1k, 10k and 100k agents;
 *  (d) the routing process's resident memory with the 1,000 agents of (b) connected.
 * Last line: one JSON object with the figures.
 *
 *   npm run bench:routing
 *   BENCH_RATE=500 BENCH_SECONDS=10 BENCH_AGENTS=1000 npm run bench:routing
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import type { ServerMessage } from '../../src/protocol';
import { parse, stringify } from '../../src/protocol';
import { DEFAULT_SETTINGS, Engine } from '../../src/routing/engine/engine';
import { MemoryStore } from '../../src/routing/store/memoryStore';

const AGENTS = Number(process.env['BENCH_AGENTS'] ?? 1000);
const RATE = Number(process.env['BENCH_RATE'] ?? 500);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const ECHO_ROUNDS = 5000;

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/** Starts `serve.ts <mode>` and waits for its address. */
async function serve(mode: 'echo' | 'routing', env: NodeJS.ProcessEnv = {}) {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'serve.ts'), mode],
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

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** (a) Round trips of a 200-byte frame to an echo server, one at a time. */
async function echoFloor() {
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

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return round(kb / 1024, 1);
}

/** (b) and (d): the routing service in its own process, 1,000 agents, arrivals at a fixed rate. */
async function endToEnd() {
  const adminKey = randomBytes(16).toString('hex');
  const server = await serve('routing', { BENCH_ADMIN_KEY: adminKey });
  // Plain node:http with keep-alive: the client library's own cost stays out of the figures.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const { hostname, port } = new URL(server.url);
  const admin = (method: string, path: string, body?: unknown) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const text = body === undefined ? '' : JSON.stringify(body);
      const request = http.request(
        {
          agent,
          hostname,
          port,
          method,
          path,
          headers: {
            authorization: `Bearer ${adminKey}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(text),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const answer = Buffer.concat(chunks).toString('utf8');
            if ((response.statusCode ?? 500) >= 300) {
              reject(new Error(`${method} ${path}: ${response.statusCode} ${answer}`));
            } else resolve(JSON.parse(answer) as Record<string, unknown>);
          });
        },
      );
      request.on('error', reject);
      request.end(text);
    });
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
      const socket = await open(server.url.replace('http', 'ws') + '/v1/agent');
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
      socket.send(
        stringify(
          {
            v: 1,
            type: 'hello',
            versions: [1],
            token,
            client: { name: 'bench', version: '1' },
            resume: null,
          },
          'client',
        ),
      );
      await welcomed;
      sockets.push(socket);
    }
    const rssIdle = rssMb(server.pid);

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
        inflight.push(
          admin('POST', '/simulator/accounts/bench/interactions', {
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
    const rssLoaded = rssMb(server.pid);
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
    agent.destroy();
    server.stop();
  }
}

/** (c) Decisions per second in process: each arrival is one routing decision to a ready agent. */
function decisionsPerSecond(agents: number) {
  let clock = 1_795_000_000_000;
  let ids = 0;
  const engine = new Engine(
    new MemoryStore(),
    { now: () => clock },
    (prefix) => `${prefix}-${++ids}`,
  );
  const services = Array.from({ length: 20 }, (_, i) => `s${i}`);
  engine.createAccount('a', 'A', {
    ...DEFAULT_SETTINGS,
    wrapSeconds: 0,
    weights: { live: 100, 'semi-live': 1, 'non-live': 1 },
  });
  for (const id of services) engine.createService('a', id, id);
  for (let n = 0; n < agents; n++) {
    engine.createAgent('a', {
      id: `g${n}`,
      name: `Agent ${n}`,
      services: [services[n % 20] as string, services[(n + 7) % 20] as string],
      state: 'ready',
    });
  }
  engine.takeEffects();
  const arrival = (n: number) => ({
    channel: 'chat' as const,
    serviceId: services[n % 20] as string,
    customer: { name: `C ${n}`, phone: null, email: null },
    record: null,
    searchKeys: [],
    subject: null,
    priority: n % 10,
  });
  // Each cycle is one arrival routed to a ready agent (one decision), then released so that the
  // load stays the same whatever the number of agents. Warm up, then time at most 2 s.
  const cycle = (n: number) => {
    clock += 1;
    engine.arrive('a', arrival(n));
    for (const effect of engine.takeEffects()) {
      if (effect.kind === 'event' && effect.event.type === 'interaction.added') {
        const { id, version } = effect.event.interaction;
        engine.command('a', effect.agentId, {
          v: 1,
          type: 'release',
          id: `r${n}`,
          interactionId: id,
          version,
        });
      }
    }
    engine.takeEffects();
  };
  for (let n = 0; n < 2000; n++) cycle(n);
  const before = engine.decisions;
  const start = nowMs();
  for (let n = 2000; nowMs() - start < 2000 && n < 1_000_000;) {
    for (let i = 0; i < 500; i++, n++) cycle(n);
  }
  const seconds = (nowMs() - start) / 1000;
  const decisions = engine.decisions - before;
  return { perSec: Math.round(decisions / seconds), costUs: round((seconds * 1e6) / decisions, 2) };
}

async function main() {
  console.log(`routing benchmark: ${AGENTS} agents, ${RATE} arrivals/s for ${SECONDS} s`);
  const echo = await echoFloor();
  console.log(`(a) echo round trip: p50 ${round(echo.p50)} ms, p99 ${round(echo.p99)} ms`);
  const e2e = await endToEnd();
  console.log(
    `(b) create -> assigned event: p50 ${round(e2e.p50)} ms, p99 ${round(e2e.p99)} ms over ${e2e.assigned} interactions ` +
      `(${e2e.arrivalsPerSec}/s; ${e2e.failed} failed, ${e2e.lost} never assigned, ${e2e.unexpected} unexpected frames)`,
  );
  const scale = [1000, 10_000, 100_000].map((agents) => ({
    agents,
    ...decisionsPerSecond(agents),
  }));
  for (const s of scale)
    console.log(`(c) ${s.agents} agents: ${s.perSec} decisions/s, ${s.costUs} µs per decision`);
  console.log(
    `(d) routing process RSS: ${e2e.rssIdle} MB with ${AGENTS} agents connected, ${e2e.rssLoaded} MB after the load`,
  );
  const [k1, k10, k100] = scale as [(typeof scale)[0], (typeof scale)[0], (typeof scale)[0]];
  const result = {
    echoP50Ms: round(echo.p50),
    echoP99Ms: round(echo.p99),
    assignP50Ms: round(e2e.p50),
    assignP99Ms: round(e2e.p99),
    assignP99OverEcho: round(e2e.p99 / echo.p99, 2),
    arrivalsPerSec: e2e.arrivalsPerSec,
    agents: AGENTS,
    assigned: e2e.assigned,
    lost: e2e.lost,
    decisionsPerSec1k: k1.perSec,
    decisionsPerSec10k: k10.perSec,
    decisionsPerSec100k: k100.perSec,
    costGrowth100kOver1k: round(k100.costUs / k1.costUs, 2),
    serviceRssMb: Math.max(e2e.rssIdle, e2e.rssLoaded),
  };
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
