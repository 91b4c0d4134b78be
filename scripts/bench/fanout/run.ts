/**
 * One run of the fan-out benchmark: a fresh routing process (memory store), `agents` agents
 * connected of which `subscribed` have the directory open, arrivals from the simulator's load API at
 * `rate` a second for `seconds`; what the probe agent, `/health` and the process show meanwhile.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../src/routing/engine/engine';
import { startRoutingProcess } from '../../../test/support/routingProcess';
import { round } from '../loopback';
import type { FleetFigures } from './fleet';
import { Fleet } from './fleet';
import { jsonClient } from '../jsonClient';
import { latencies, watch } from './measure';
import type { ProbeMessage } from './probeProcess';

export interface RunSpec {
  readonly agents: number;
  readonly subscribed: number;
  readonly rate: number;
  readonly seconds: number;
}

export interface RunFigures {
  readonly agents: number;
  readonly subscribed: number;
  readonly ackP50Ms: number;
  readonly ackP99Ms: number;
  readonly healthP99Ms: number;
  readonly healthFailed: number;
  readonly closes: number;
  readonly closesByCode: Readonly<Record<string, number>>;
  /** Peak over the whole run (connecting and subscribing included), and during the load alone. */
  readonly rssMb: number;
  readonly rssLoadMb: number;
  readonly serverCpuPct: number;
  readonly benchCpuPct: number;
  /** Arrivals the load created (null when the service did not say in time). */
  readonly arrivals: number | null;
  readonly fleet: FleetFigures;
}

const ACCOUNT = 'fanout';
const SERVICES = ['sales', 'support', 'billing', 'returns'];
/** Source addresses of the bench's sockets, in turn: no one address gathers them all. */
const LOCAL_ADDRESSES = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The probe and `/health` poller, forked (probeProcess.ts): `ready` once welcomed. */
function startProbe(agentUrl: string, token: string, url: string) {
  const child = fork(join(__dirname, 'probeProcess.ts'), [agentUrl, token, url], {
    execArgv: ['--import', 'tsx'],
  });
  const next = <T extends ProbeMessage['type']>(type: T) =>
    new Promise<Extract<ProbeMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (message: ProbeMessage) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        resolve(message as Extract<ProbeMessage, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`the probe exited with ${code}`)));
    });
  const ready = next('ready');
  return {
    ready: ready.then(() => void child.send('start')),
    stop: () => {
      const done = next('done');
      child.send('stop');
      return done;
    },
  };
}

export async function fanoutRun(spec: RunSpec): Promise<RunFigures> {
  const adminKey = randomBytes(16).toString('hex');
  const routing = await startRoutingProcess({
    store: 'memory',
    adminKey,
    signingKey: randomBytes(32).toString('hex'),
    env: { LOG_LEVEL: 'error' },
  });
  const api = jsonClient(routing.url, adminKey, { timeoutMs: 10_000 });
  let fleet: Fleet | null = null;
  try {
    // Wrap for 2 s after each release, so agents come back to Ready and presence keeps moving.
    await api.must('POST', '/admin/accounts', {
      id: ACCOUNT,
      name: 'Fan-out',
      settings: { ...DEFAULT_SETTINGS, wrapSeconds: 2 },
    });
    for (const id of SERVICES)
      await api.must('POST', `/admin/accounts/${ACCOUNT}/services`, { id, name: id });
    const ids = Array.from({ length: spec.agents }, (_, n) => `agent-${n}`);
    const tokens: string[] = [];
    for (let start = 0; start < ids.length; start += 50) {
      const batch = ids.slice(start, start + 50);
      await Promise.all(
        batch.map((id, i) =>
          api.must('POST', `/admin/accounts/${ACCOUNT}/agents`, {
            id,
            name: `Agent ${start + i}`,
            services: [SERVICES[(start + i) % 4], SERVICES[(start + i + 1) % 4]],
            weights: null,
            state: 'ready',
          }),
        ),
      );
      const issued = await Promise.all(
        batch.map((id) =>
          api.must('POST', `/admin/accounts/${ACCOUNT}/agents/${id}/token`, { ttlSeconds: null }),
        ),
      );
      for (const body of issued) tokens.push((body as { token: string }).token);
    }
    await api.must('POST', `/admin/accounts/${ACCOUNT}/agents`, {
      id: 'probe',
      name: 'Probe',
      services: [],
      weights: null,
      state: 'away',
    });
    const probeToken = (
      (await api.must('POST', `/admin/accounts/${ACCOUNT}/agents/probe/token`, {
        ttlSeconds: null,
      })) as { token: string }
    ).token;

    const memory = watch(routing.pid);
    // Subscribers spread evenly over the agents (every fifth of 5,000 for 20%).
    const every = spec.subscribed === 0 ? 0 : spec.agents / spec.subscribed;
    fleet = new Fleet({
      url: routing.agentUrl,
      tokens,
      subscribed: (index) => every > 0 && index % every < 1,
      holdMs: 3000,
      localAddresses: LOCAL_ADDRESSES,
      window: 32,
    });
    const connectStarted = performance.now();
    await fleet.connect();
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    await sleep(2000);

    const probe = startProbe(routing.agentUrl, probeToken, routing.url);
    await probe.ready;
    const cpu = watch(routing.pid);
    const load = (await api.must('POST', `/simulator/accounts/${ACCOUNT}/load`, {
      ratePerSecond: spec.rate,
      durationSeconds: spec.seconds,
      serviceIds: SERVICES,
      channels: [],
    })) as { id: string };
    await sleep(spec.seconds * 1000);
    const { acks, health: healths } = await probe.stop();
    const shares = cpu.stop();
    const { peakRssMb } = memory.stop();
    // A service buried under its backlog may not answer this either.
    const run = (await api.call('GET', `/simulator/loads/${load.id}`).then(
      (answer) => JSON.parse(answer.text) as unknown,
      () => null,
    )) as { created?: number } | null;
    const figures = fleet.figures();
    const ack = latencies(acks);
    const closes = Object.values(figures.closes).reduce((sum, n) => sum + n, 0);
    console.log(
      `  connected ${figures.clients} agents in ${round(connectSeconds, 1)} s; ` +
        `${figures.frames} frames (${figures.directoryFrames} directory, ${figures.megabytes} MB), ` +
        `${figures.assigned} assigned, ${figures.released} released, ${figures.seqGaps} seq gaps, ` +
        `${figures.errors} errors`,
    );
    return {
      agents: spec.agents,
      subscribed: spec.subscribed,
      ackP50Ms: round(ack.p50, 1),
      ackP99Ms: round(ack.p99, 1),
      healthP99Ms: round(latencies(healths.samples).p99, 1),
      healthFailed: healths.failed,
      closes,
      closesByCode: figures.closes,
      rssMb: peakRssMb,
      rssLoadMb: shares.peakRssMb,
      serverCpuPct: shares.serverCpuPct,
      benchCpuPct: shares.benchCpuPct,
      arrivals: run?.created ?? null,
      fleet: figures,
    };
  } finally {
    fleet?.stop();
    api.close();
    // A service buried under its own backlog may not stop cleanly: then it is killed.
    await Promise.race([routing.stop(), sleep(10_000).then(() => routing.kill())]);
  }
}
