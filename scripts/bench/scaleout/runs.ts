/**
 * The scale-out benchmark's runs, each on a fresh key prefix of the one Redis Cluster:
 *  - `scaleRun`: `processes` routing processes, the 8 accounts seeded and settled, agents spread
 *    over the processes, arrivals at the same total rate whatever the number of processes;
 *  - `saturationRun`: one process, arrivals pushed as fast as it takes them over HTTP;
 *  - `runnerSaturation`: the engine on one account through the ReplicatedRunner, no sockets
 *    (decide.ts, in a process of its own).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { round } from '../loopback';
import { Agents } from './agents';
import type { Load, RateFigures, SaturationFigures } from './drive';
import { driveAtRate, saturate } from './drive';
import type { RoutingProcess } from '../../../test/support/routingProcess';
import type { Fleet } from './fleet';
import { sleep, startFleet } from './fleet';

export interface Scale {
  readonly store: string;
  /** Unique to this benchmark run: each run's prefix starts with it. */
  readonly runId: string;
  readonly agentsPerAccount: number;
}

/**
 * Seeds, settles and connects the agents: agent `k` of all to process `k % processes`, or with
 * `direct` to the process that owns its account.
 */
async function prepare(
  scale: Scale,
  processes: number,
  prefix: string,
  agentsPerAccount: number,
  options: { readonly maxSockets?: number; readonly direct?: boolean } = {},
) {
  const { maxSockets, direct = false } = options;
  const fleet = await startFleet({
    store: scale.store,
    prefix,
    count: processes,
    adminKey: randomBytes(16).toString('hex'),
    signingKey: randomBytes(32).toString('hex'),
    ...(maxSockets === undefined ? {} : { maxSockets }),
  });
  const agents = new Agents();
  try {
    const tokens = (await fleet.seed(agentsPerAccount)).flat();
    const settledAt = performance.now();
    const accounts = await fleet.settle();
    const settleSeconds = round((performance.now() - settledAt) / 1000, 1);
    const owners = direct ? await fleet.owners() : null;
    const homeOf = (k: number) =>
      owners === null ? k % processes : (owners[Math.floor(k / agentsPerAccount)] as number);
    // 16 handshakes at a time: far below the service's cap of pending connections per address.
    let next = 0;
    const connector = async () => {
      for (let k = next++; k < tokens.length; k = next++) {
        const { accountId, token } = tokens[k] as { accountId: string; token: string };
        // As ContactPad does, the URL names the account: a process that does not serve it joins
        // the socket to the one that does (forward.ts).
        const url = `${(fleet.processes[homeOf(k)] as RoutingProcess).agentUrl}?account=${encodeURIComponent(accountId)}`;
        await agents.connect(url, token);
      }
    };
    await Promise.all(Array.from({ length: 16 }, connector));
    return { fleet, agents, accounts, settleSeconds, owners };
  } catch (err) {
    agents.stop();
    const output = fleet.output();
    await fleet.stop();
    throw new Error(`${err instanceof Error ? err.message : String(err)}\n${output}`);
  }
}

async function finish(fleet: Fleet, agents: Agents): Promise<void> {
  agents.stop();
  await fleet.stop();
}

export interface ScaleRun extends RateFigures {
  readonly processes: number;
  /** Arrivals and agents sent to each account's owner (no forwarding): the peer of a run. */
  readonly direct: boolean;
  /** Accounts served by each process once settled. */
  readonly accounts: number[];
  readonly settleSeconds: number;
  readonly agentFigures: ReturnType<Agents['figures']>;
}

export async function scaleRun(
  scale: Scale,
  processes: number,
  load: Load,
  direct = false,
  /** A run of the same count and rate again (scaleout.ts BENCH_ROUNDS) gets a prefix of its own. */
  round = 1,
): Promise<ScaleRun> {
  const run = `p${processes}${direct ? '-direct' : ''}-r${load.rate}${round > 1 ? `-${round}` : ''}`;
  const { fleet, agents, accounts, settleSeconds, owners } = await prepare(
    scale,
    processes,
    `${scale.runId}-${run}`,
    scale.agentsPerAccount,
    { direct },
  );
  try {
    const figures = await driveAtRate(fleet, agents, { ...load, run, owners });
    return {
      ...figures,
      processes,
      direct,
      accounts,
      settleSeconds,
      agentFigures: agents.figures(),
    };
  } finally {
    await finish(fleet, agents);
  }
}

export interface SaturationRun extends SaturationFigures {
  readonly rssMb: number;
  readonly agentFigures: ReturnType<Agents['figures']>;
}

export async function saturationRun(
  scale: Scale,
  spec: {
    readonly inFlight: number;
    /** Agents per account: enough that their frame rate (18 releases a second each) is no limit. */
    readonly agentsPerAccount: number;
    readonly warmup: number;
    readonly seconds: number;
  },
): Promise<SaturationRun> {
  const prefix = `${scale.runId}-saturation`;
  const { fleet, agents } = await prepare(scale, 1, prefix, spec.agentsPerAccount, {
    maxSockets: spec.inFlight,
  });
  try {
    const figures = await saturate(fleet, agents, { ...spec, limit: 1_000_000, run: 'sat' });
    return {
      ...figures,
      rssMb: (fleet.processes[0] as RoutingProcess).rssMb(),
      agentFigures: agents.figures(),
    };
  } finally {
    await finish(fleet, agents);
  }
}

export interface RunnerSaturation {
  readonly decisions: number;
  readonly seconds: number;
  readonly decisionsPerSec: number;
  readonly refused: number;
  readonly failed: number;
  readonly cpuPct: number;
  readonly inFlight: number;
}

/** decide.ts in its own process, killed if it is not done within `seconds + 60` s. */
export async function runnerSaturation(
  scale: Scale,
  seconds: number,
  inFlight = 200,
): Promise<RunnerSaturation> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, 'decide.ts'),
      scale.store,
      `${scale.runId}-runner`,
      String(seconds),
      String(inFlight),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const timer = setTimeout(() => child.kill('SIGKILL'), (seconds + 60) * 1000);
  try {
    const code = await exited;
    // The last line may still be in the reader's hands when the process exits.
    await sleep(50);
    const last = lines.at(-1);
    if (code !== 0 || last === undefined)
      throw new Error(`decide.ts exited with ${code}: ${errors}`);
    return JSON.parse(last) as RunnerSaturation;
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
