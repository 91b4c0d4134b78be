/**
 * Directory fan-out benchmark, loopback only and bounded in time. Four runs, each against a fresh
 * routing process (memory store) with arrivals from the simulator's load API at 100 a second:
 *   1,000 agents, all with the directory open;   5,000 agents, 20% with it open;
 *   the same two with no subscriber (the peers the first two are measured against).
 * Each agent is a WebSocket client in this process that reads everything and releases its work a
 * few seconds later, so presence keeps changing. Per run: a probe agent's command ack p50/p99,
 * `/health` p99, closes of bench clients by code, the routing process's peak RSS and CPU, and this
 * process's CPU (near 100% it is the clients, not the service, that limit the figures).
 * Last line: one JSON object with the runs and whether each goal is met.
 *
 *   npm run bench:fanout
 *   npm run bench:fanout -- --seconds 15
 */
import { fanoutRun } from './fanout/run';
import type { RunFigures, RunSpec } from './fanout/run';
import { round } from './loopback';

const RATE = 100;
/** Goals: no client closed; ack p99 at most 3x the same load without subscribers; RSS bound. */
const ACK_P99_FACTOR = 3;
const RSS_GOAL_MB = 500;

function secondsFlag(argv: readonly string[]): number {
  const at = argv.indexOf('--seconds');
  const given = at >= 0 ? Number(argv[at + 1]) : 60;
  if (!Number.isInteger(given) || given < 5 || given > 600)
    throw new Error('--seconds: an integer from 5 to 600');
  return given;
}

async function main() {
  const seconds = secondsFlag(process.argv.slice(2));
  const specs: RunSpec[] = [
    { agents: 1000, subscribed: 1000, rate: RATE, seconds },
    { agents: 5000, subscribed: 1000, rate: RATE, seconds },
    { agents: 1000, subscribed: 0, rate: RATE, seconds },
    { agents: 5000, subscribed: 0, rate: RATE, seconds },
  ];
  console.log(`fan-out benchmark: ${RATE} arrivals/s for ${seconds} s per run`);
  const measured: RunFigures[] = [];
  for (const spec of specs) {
    console.log(`run: ${spec.agents} agents, ${spec.subscribed} subscribed to the directory`);
    const figures = await fanoutRun(spec);
    measured.push(figures);
    console.log(
      `  ack p50 ${figures.ackP50Ms} ms, p99 ${figures.ackP99Ms} ms; /health p99 ${figures.healthP99Ms} ms ` +
        `(${figures.healthFailed} failed); closes ${figures.closes} ${JSON.stringify(figures.closesByCode)}; ` +
        `RSS peak ${figures.rssMb} MB (${figures.rssLoadMb} MB under load); CPU: service ${figures.serverCpuPct}%, bench ${figures.benchCpuPct}%; ` +
        `${figures.arrivals} arrivals`,
    );
    if (figures.benchCpuPct >= 85)
      console.log(
        `  note: this process used ${figures.benchCpuPct}% of a core: its clients may be the limit`,
      );
  }
  const peerOf = (run: RunFigures) =>
    measured.find((each) => each.agents === run.agents && each.subscribed === 0);
  const runs = measured.map(({ fleet: _fleet, ...run }) => {
    const peer = peerOf(run as RunFigures);
    return {
      ...run,
      ackP99OverNoSubscribers:
        run.subscribed === 0 || peer === undefined ? null : round(run.ackP99Ms / peer.ackP99Ms, 2),
    };
  });
  const goals = {
    noCloses: { met: runs.every((run) => run.closes === 0) },
    ackP99AtMost3xNoSubscribers: {
      factor: ACK_P99_FACTOR,
      met: runs.every(
        (run) =>
          run.ackP99OverNoSubscribers === null || run.ackP99OverNoSubscribers <= ACK_P99_FACTOR,
      ),
    },
    rssAtMost500Mb: { limitMb: RSS_GOAL_MB, met: runs.every((run) => run.rssMb <= RSS_GOAL_MB) },
  };
  console.log(JSON.stringify({ rate: RATE, seconds, runs, goals }));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
