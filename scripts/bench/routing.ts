/**
 * Routing benchmark, loopback only and bounded in time (about a minute). In one run it measures:
 *  (a) the floor: WebSocket echo round trip to a server process (p50, p99);
 *  (b) end to end: 1,000 agents connected to the routing service (its own process), interactions
 *      created through the simulator API at a fixed rate; latency from the create call to the
 *      `interaction.added` event arriving at the agent's socket (p50, p99), and its ratio to (a);
 *  (c) in process, no sockets: routing decisions per second with 1k, 10k and 100k agents;
 *  (d) the routing process's resident memory with the 1,000 agents of (b) connected;
 *  (e) in process: routing decisions per second with skills (skills.ts: 20 skills, 3 required per
 *      interaction, one of them optional and relaxed after 1 s) with 1k, 10k and 100k agents.
 * Last line: one JSON object with the figures.
 *
 *   npm run bench:routing
 *   BENCH_RATE=500 BENCH_SECONDS=10 BENCH_AGENTS=1000 npm run bench:routing
 */
import { DEFAULT_SETTINGS, Engine } from '../../src/routing/engine/engine';
import { MemoryStore } from '../../src/routing/store/memoryStore';
import { echoFloor, endToEnd, nowMs, round } from './loopback';
import { skillsDecisionsPerSecond } from './skills';

const AGENTS = Number(process.env['BENCH_AGENTS'] ?? 1000);
const RATE = Number(process.env['BENCH_RATE'] ?? 500);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);

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
  const cpu = process.cpuUsage();
  for (let n = 2000; nowMs() - start < 2000 && n < 1_000_000;) {
    for (let i = 0; i < 500; i++, n++) cycle(n);
  }
  const used = process.cpuUsage(cpu);
  const seconds = (nowMs() - start) / 1000;
  const decisions = engine.decisions - before;
  return {
    perSec: Math.round(decisions / seconds),
    costUs: round((seconds * 1e6) / decisions, 2),
    cpuUs: round((used.user + used.system) / decisions, 2),
  };
}

async function main() {
  console.log(`routing benchmark: ${AGENTS} agents, ${RATE} arrivals/s for ${SECONDS} s`);
  const echo = await echoFloor();
  console.log(`(a) echo round trip: p50 ${round(echo.p50)} ms, p99 ${round(echo.p99)} ms`);
  const e2e = await endToEnd({ agents: AGENTS, rate: RATE, seconds: SECONDS });
  console.log(
    `(b) create -> assigned event: p50 ${round(e2e.p50)} ms, p99 ${round(e2e.p99)} ms over ${e2e.assigned} interactions ` +
      `(${e2e.arrivalsPerSec}/s; ${e2e.failed} failed, ${e2e.lost} never assigned, ${e2e.unexpected} unexpected frames)`,
  );
  const scale = [1000, 10_000, 100_000].map((agents) => ({
    agents,
    ...decisionsPerSecond(agents),
  }));
  for (const s of scale)
    console.log(
      `(c) ${s.agents} agents: ${s.perSec} decisions/s, ${s.costUs} µs per decision, ` +
        `${s.cpuUs} µs of CPU per decision`,
    );
  console.log(
    `(d) routing process RSS: ${e2e.rssIdle} MB with ${AGENTS} agents connected, ${e2e.rssLoaded} MB after the load`,
  );
  const skills = [1000, 10_000, 100_000].map(skillsDecisionsPerSecond);
  for (const s of skills) {
    console.log(
      `(e) skills, ${s.agents} agents: ${s.perSec} decisions/s, ${s.costUs} µs per decision, ` +
        `${s.cpuUs} µs of CPU per decision, ${s.relaxed} after an optional skill relaxed`,
    );
  }
  const [k1, k10, k100] = scale as [(typeof scale)[0], (typeof scale)[0], (typeof scale)[0]];
  const [s1, s10, s100] = skills as [(typeof skills)[0], (typeof skills)[0], (typeof skills)[0]];
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
    skillsDecisionsPerSec1k: s1.perSec,
    skillsDecisionsPerSec10k: s10.perSec,
    skillsDecisionsPerSec100k: s100.perSec,
    skillsCostGrowth100kOver1k: round(s100.costUs / s1.costUs, 2),
    skillsRelaxed10k: s10.relaxed,
    // CPU time per decision (process.cpuUsage over the timed window): what a loaded machine does
    // not distort as much as the wall clock. 20,000 decisions/s is at most 50 µs of CPU each.
    cpuUsPerDecision1k: k1.cpuUs,
    cpuUsPerDecision10k: k10.cpuUs,
    cpuUsPerDecision100k: k100.cpuUs,
    cpuCostGrowth100kOver1k: round(k100.cpuUs / k1.cpuUs, 2),
    skillsCpuUsPerDecision1k: s1.cpuUs,
    skillsCpuUsPerDecision10k: s10.cpuUs,
    skillsCpuUsPerDecision100k: s100.cpuUs,
    skillsCpuCostGrowth100kOver1k: round(s100.cpuUs / s1.cpuUs, 2),
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
