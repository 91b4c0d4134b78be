/**
 * Supervisor benchmark, loopback only and bounded in time: the routing service (memory store) in
 * this process with 1,000 agents driven by the simulator (each works an interaction 20 s and
 * releases it), 100 arrivals a second from the simulator's load, and supervisors on real
 * WebSockets at /v1/supervisor. Measured: the update delay, from the engine giving an interaction
 * to an agent (the moment its effects leave the engine, `RoutingService.observe`) to the first
 * supervisor frame on the socket that lists it with that agent; frames a second each supervisor
 * gets; this process's RSS; and the loopback echo floor of the same run (loopback.ts), with the
 * delay p99 over the echo p99 (goal: at most 10x). Last line: one JSON object.
 *
 *   npm run bench:supervisor
 *   npm run bench:supervisor -- --seconds 20 --supervisors 2
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import type { ServerMessage } from '../../src/protocol';
import { parse, stringify } from '../../src/protocol';
import { DEFAULT_SETTINGS } from '../../src/routing/engine/engine';
import { startRoutingService } from '../../src/routing/start';
import { echoFloor, helloText, nowMs, open, percentile, round } from './loopback';

const AGENTS = 1000;
const RATE = 100;
const SERVICES = ['sales', 'support', 'billing', 'returns'];
const GOAL_FACTOR = 10;

function flag(argv: readonly string[], name: string, fallback: number, max: number): number {
  const at = argv.indexOf(`--${name}`);
  const given = at >= 0 ? Number(argv[at + 1]) : fallback;
  if (!Number.isInteger(given) || given < 1 || given > max)
    throw new Error(`--${name}: an integer from 1 to ${max}`);
  return given;
}

/** A supervisor on its own socket: when each interaction first showed with an agent. */
async function supervisorSocket(
  url: string,
  token: string,
  seen: (id: string, at: number) => void,
) {
  const socket = await open(url);
  let frames = 0;
  let invalid = 0;
  socket.on('message', (data) => {
    const at = nowMs();
    const parsed = parse(data.toString(), 'server');
    if (!parsed.ok) {
      invalid++;
      return;
    }
    const message: ServerMessage = parsed.message;
    if (message.type === 'ping') {
      socket.send(
        stringify({ v: 1, type: 'pong', nonce: message.nonce, now: Date.now() }, 'client'),
      );
      return;
    }
    if (message.type !== 'supervisor.changed' && message.type !== 'supervisor.snapshot') return;
    frames++;
    for (const agent of message.agents) for (const item of agent.interactions) seen(item.id, at);
  });
  const snapshot = new Promise<void>((resolve) =>
    socket.on('message', (data) => {
      if (String(data).includes('"supervisor.snapshot"')) resolve();
    }),
  );
  socket.send(helloText(token));
  await snapshot;
  return { socket, frames: () => frames, invalid: () => invalid };
}

async function main() {
  const argv = process.argv.slice(2);
  const seconds = flag(argv, 'seconds', 30, 600);
  /** Load before measuring, so the figures are of a warm process. */
  const warmup = flag(argv, 'warmup', 5, 120);
  const supervisors = flag(argv, 'supervisors', 1, 20);
  console.log(
    `supervisor benchmark: ${AGENTS} agents, ${RATE} arrivals/s, ${warmup} s warm-up then ${seconds} s measured, ${supervisors} supervisor(s)`,
  );

  const echo = await echoFloor();
  console.log(`loopback echo: p50 ${round(echo.p50)} ms, p99 ${round(echo.p99)} ms`);

  const running = await startRoutingService({
    host: '127.0.0.1',
    port: 0,
    adminKey: randomBytes(16).toString('hex'),
    signingKey: randomBytes(32),
    tokenTtlSeconds: 3600,
    logger: pino({ level: 'silent' }),
  });
  const { routing } = running;
  try {
    const accountId = 'bench';
    await routing.run(
      accountId,
      (engine) =>
        engine.createAccount(accountId, 'Benchmark', { ...DEFAULT_SETTINGS, wrapSeconds: 0 }),
      undefined,
      'create',
    );
    const agentIds: string[] = [];
    await routing.run(accountId, (engine) => {
      for (const id of SERVICES) engine.createService(accountId, id, id);
      for (let n = 0; n < AGENTS; n++) {
        const id = `agent-${n}`;
        agentIds.push(id);
        engine.createAgent(accountId, {
          id,
          name: `Agent ${n}`,
          services: [
            SERVICES[n % SERVICES.length] as string,
            SERVICES[(n + 1) % SERVICES.length] as string,
          ],
          state: 'ready',
        });
      }
    });
    routing.simulator.drive(accountId, agentIds);

    // When the engine gave each interaction to an agent.
    const assignedAt = new Map<string, number>();
    const delays: number[] = [];
    let measuring = false;
    const stopObserving = routing.observe((effects) => {
      if (!measuring) return;
      const at = nowMs();
      for (const effect of effects) {
        if (effect.kind === 'event' && effect.event.type === 'interaction.added') {
          if (!assignedAt.has(effect.event.interaction.id))
            assignedAt.set(effect.event.interaction.id, at);
        }
      }
    });
    const supervisorUrl = `${running.url.replace(/^http/, 'ws')}/v1/supervisor`;
    const clients = [];
    for (let i = 0; i < supervisors; i++) {
      const { token } = await routing.tokens.issueSupervisor({
        accountId,
        supervisorId: `sup-${i}`,
        name: `Supervisor ${i}`,
      });
      const firstSeen = new Set<string>();
      clients.push(
        await supervisorSocket(supervisorUrl, token, (id, at) => {
          if (firstSeen.has(id)) return;
          firstSeen.add(id);
          const assigned = assignedAt.get(id);
          if (assigned !== undefined && i === 0) delays.push(at - assigned);
        }),
      );
    }

    const load = routing.simulator.startLoad({
      accountId,
      ratePerSecond: RATE,
      durationSeconds: warmup + seconds,
      channels: ['chat', 'email', 'case', 'voice'],
      serviceIds: SERVICES,
    });
    await new Promise((resolve) => setTimeout(resolve, warmup * 1000));
    measuring = true;
    const framesBefore = clients.map((client) => client.frames());
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const started = nowMs();
    let rssPeak = 0;
    while (load.finishedAt === null && nowMs() - started < (seconds + 10) * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    const elapsed = (nowMs() - started) / 1000;
    lag.disable();
    const frames = clients.map((client, i) => client.frames() - (framesBefore[i] as number));
    // The last assignments' frames are on their way.
    await new Promise((resolve) => setTimeout(resolve, 500));
    measuring = false;
    stopObserving();
    for (const client of clients) client.socket.close();

    delays.sort((a, b) => a - b);
    const delayP50 = percentile(delays, 50);
    const delayP99 = percentile(delays, 99);
    const ratio = delayP99 / echo.p99;
    const figures = {
      agents: AGENTS,
      rate: RATE,
      seconds,
      warmupSeconds: warmup,
      supervisors,
      arrivals: load.created,
      refused: load.failed,
      updates: delays.length,
      assigned: assignedAt.size,
      delayP50Ms: round(delayP50),
      delayP99Ms: round(delayP99),
      delayMaxMs: round(delays[delays.length - 1] ?? NaN),
      framesPerSecondPerSupervisor: round(
        frames.reduce((a, b) => a + b, 0) / supervisors / elapsed,
        1,
      ),
      invalidFrames: clients.reduce((sum, client) => sum + client.invalid(), 0),
      rssMb: round(rssPeak / 1024 / 1024, 1),
      // This process (service, simulator and supervisors) stalling: the floor of any delay here.
      eventLoopDelayP99Ms: round(lag.percentile(99) / 1e6),
      eventLoopDelayMaxMs: round(lag.max / 1e6),
      loadAverage: round(loadavg()[0] ?? NaN, 2),
      echoP50Ms: round(echo.p50),
      echoP99Ms: round(echo.p99),
      delayP99OverEchoP99: round(ratio, 2),
      goal: { factor: GOAL_FACTOR, met: ratio <= GOAL_FACTOR },
    };
    console.log(
      `update delay p50 ${figures.delayP50Ms} ms, p99 ${figures.delayP99Ms} ms (${figures.delayP99OverEchoP99}x echo p99); ` +
        `${figures.framesPerSecondPerSupervisor} frames/s per supervisor; RSS ${figures.rssMb} MB; ` +
        `${figures.arrivals} arrivals, ${figures.updates} of ${figures.assigned} assignments seen`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    routing.simulator.stop();
    await running.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
