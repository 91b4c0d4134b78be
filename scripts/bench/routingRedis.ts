/**
 * Routing benchmark on the Redis store, loopback only and bounded in time (about a minute), with a
 * redis-server of its own (Debian's package). In one run it measures:
 *  (a) the floor: WebSocket echo round trip to a server process (p50, p99);
 *  (b) with one routing process, then with two on the same Redis:
 *      - decisionsPerSec: assignments committed per second with 1,000 agents, the engine driven
 *        through the replicated runner in each process (decide.ts; no sockets in the way), each
 *        interaction released as soon as it is assigned;
 *      - assignP50Ms / assignP99Ms: end to end, agents connected over WebSocket (spread over the
 *        processes), arrivals through the simulator API (spread too) at a fixed rate, from the
 *        create call to the `interaction.added` event at the agent's socket; and its ratio to (a)
 *        and to (c);
 *  (c) the peer: the same end-to-end measurement on the in-memory store, in the same run.
 * Last line: one JSON object { echoP99Ms, oneProcess: {...}, twoProcesses: {...}, ... }.
 *
 *   npm run bench:routing:redis
 *   BENCH_RATE=200 BENCH_SECONDS=5 BENCH_AGENTS=200 npm run bench:routing:redis
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startRedisServer } from '../../test/support/redisServer';
import { echoFloor, endToEnd, round } from './loopback';

const AGENTS = Number(process.env['BENCH_AGENTS'] ?? 200);
const RATE = Number(process.env['BENCH_RATE'] ?? 200);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const DECIDE_AGENTS = 1000;
const DECIDE_SECONDS = 5;

/** Runs decide.ts and returns its JSON line. */
function decide(
  ...args: string[]
): Promise<{ decisions: number; seconds: number; refused: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'decide.ts'), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`decide.ts ${args[0]} exited with ${code}`));
    });
  });
}

async function measure(redisUrl: string, processes: 1 | 2, prefix: string) {
  await decide('seed', redisUrl, prefix, String(DECIDE_AGENTS));
  const parts = await Promise.all(
    Array.from({ length: processes }, () =>
      decide('run', redisUrl, prefix, String(DECIDE_SECONDS)),
    ),
  );
  const decisions = parts.reduce((sum, part) => sum + part.decisions, 0);
  const e2e = await endToEnd({
    agents: AGENTS,
    rate: RATE,
    seconds: SECONDS,
    processes,
    env: { BENCH_STORE: redisUrl, BENCH_STORE_PREFIX: `${prefix}-e2e` },
  });
  return {
    decisionsPerSec: Math.round(decisions / DECIDE_SECONDS),
    refused: parts.reduce((sum, part) => sum + part.refused, 0),
    e2e,
  };
}

async function main() {
  console.log(
    `routing benchmark on Redis: ${DECIDE_AGENTS} agents deciding for ${DECIDE_SECONDS} s; ` +
      `${AGENTS} agents connected, ${RATE} arrivals/s for ${SECONDS} s`,
  );
  const redis = await startRedisServer();
  try {
    const echo = await echoFloor();
    console.log(`(a) echo round trip: p50 ${round(echo.p50)} ms, p99 ${round(echo.p99)} ms`);
    // The peer: the same end-to-end measurement on the in-memory store, in this run.
    const memory = await endToEnd({ agents: AGENTS, rate: RATE, seconds: SECONDS });
    console.log(
      `(c) in-memory peer: create -> assigned event p50 ${round(memory.p50)} ms, p99 ${round(memory.p99)} ms`,
    );
    const figures: Record<string, unknown> = {
      memoryPeer: {
        assignP50Ms: round(memory.p50),
        assignP99Ms: round(memory.p99),
        assignP99OverEcho: round(memory.p99 / echo.p99, 2),
      },
    };
    for (const processes of [1, 2] as const) {
      const { decisionsPerSec, refused, e2e } = await measure(
        redis.url,
        processes,
        `bench${processes}`,
      );
      console.log(
        `(b) ${processes} process(es): ${decisionsPerSec} decisions/s (${refused} refused); ` +
          `create -> assigned event p50 ${round(e2e.p50)} ms, p99 ${round(e2e.p99)} ms over ${e2e.assigned} ` +
          `(${e2e.failed} failed, ${e2e.lost} never assigned, ${e2e.unexpected} unexpected frames)`,
      );
      figures[processes === 1 ? 'oneProcess' : 'twoProcesses'] = {
        decisionsPerSec,
        assignP50Ms: round(e2e.p50),
        assignP99Ms: round(e2e.p99),
        assignP99OverEcho: round(e2e.p99 / echo.p99, 2),
        assignP99OverMemory: round(e2e.p99 / memory.p99, 2),
        assigned: e2e.assigned,
        lost: e2e.lost,
        failed: e2e.failed,
        serviceRssMb: Math.max(e2e.rssIdle, e2e.rssLoaded),
      };
    }
    console.log(
      JSON.stringify({
        echoP50Ms: round(echo.p50),
        echoP99Ms: round(echo.p99),
        decideAgents: DECIDE_AGENTS,
        agents: AGENTS,
        ratePerSec: RATE,
        ...figures,
      }),
    );
  } finally {
    await redis.dispose();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
