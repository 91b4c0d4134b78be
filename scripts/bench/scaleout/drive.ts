/**
 * The load of one scale-out run, and what it measures. Arrivals go to the accounts in turn and to
 * the routing processes in turn (as a load balancer would, independent of the account: over every
 * 8 x processes arrivals each account reaches each process once), each sent at its own time.
 * After a warm-up, a fixed window: decisions and CPU from the processes' own figures at its start
 * and end; the assignment latency of the arrivals sent within it.
 */
import { percentile, round } from '../loopback';
import type { Agents } from './agents';
import type { ApiClient, Fleet, Snapshot } from './fleet';
import { ACCOUNTS, nowMs, SERVICES, sleep } from './fleet';

const CHANNELS = ['chat', 'email', 'case'] as const;

export interface Window {
  readonly seconds: number;
  readonly decisions: number;
  /** Per process: CPU seconds used within the window. */
  readonly cpuSeconds: number[];
  /** Per process: its accounts at the start and at the end (a move would blur the figures). */
  readonly partitionsBefore: number[];
  readonly partitionsAfter: number[];
  readonly refusedCommits: number;
}

function windowOf(before: Snapshot, after: Snapshot): Window {
  const seconds = (after.at - before.at) / 1000;
  const decisions = after.processes.reduce(
    (sum, each, n) => sum + each.decisions - (before.processes[n]?.decisions ?? 0),
    0,
  );
  return {
    seconds,
    decisions,
    cpuSeconds: after.processes.map(
      (each, n) => each.cpuSeconds - (before.processes[n]?.cpuSeconds ?? 0),
    ),
    partitionsBefore: before.processes.map((each) => each.partitions),
    partitionsAfter: after.processes.map((each) => each.partitions),
    refusedCommits: after.processes.reduce((sum, each) => sum + each.refusedCommits, 0),
  };
}

/**
 * One arrival: account `n % 8`, through process `(n + floor(n / 8)) % processes`, or through the
 * account's owner when `owners` (process index per account) is given.
 */
function arrival(n: number, processes: number, tag: string, owners: readonly number[] | null) {
  const accountId = ACCOUNTS[n % ACCOUNTS.length] as string;
  const through =
    owners?.[n % ACCOUNTS.length] ?? (n + Math.floor(n / ACCOUNTS.length)) % processes;
  const round8 = Math.floor(n / ACCOUNTS.length);
  const channel = CHANNELS[round8 % CHANNELS.length] as string;
  return {
    through,
    path: `/simulator/accounts/${accountId}/interactions`,
    body: {
      channel,
      serviceId: SERVICES[round8 % SERVICES.length],
      customer: { name: tag, phone: null, email: `c${n}@example.com` },
    },
  };
}

export interface RateFigures {
  readonly window: Window;
  readonly sent: number;
  readonly created: number;
  /** Create calls refused or failed, by status (0: no answer). */
  readonly failed: Readonly<Record<string, number>>;
  /** What the first few of them said. */
  readonly failures: readonly string[];
  readonly assignP50Ms: number;
  readonly assignP99Ms: number;
  readonly assigned: number;
  /** Arrivals sent within the window never seen at an agent. */
  readonly lost: number;
  /** Per process: resident memory at the end of the window (MB). */
  readonly rssMb: number[];
  /** This process's CPU within the window (% of one core): near 100 it is the limit. */
  readonly benchCpuPct: number;
  /** Per process: CPU (% of one core) with the agents connected and no arrivals, before the load. */
  readonly idleCpuPct: number[];
}

/** A run's load (`driveAtRate`). */
export interface Load {
  readonly rate: number;
  /** Arrivals sent together, at the same mean rate (1: each at its own time). */
  readonly burst: number;
  readonly idle: number;
  readonly warmup: number;
  readonly seconds: number;
}

/**
 * `idle` seconds with no arrivals (each process's CPU at rest: lease beats, heartbeats, metrics),
 * then arrivals at `rate` a second (`burst` at a time) for `warmup + seconds`, measured over the
 * last `seconds`; then a wait (10 s at most) for the measured arrivals still on their way to an
 * agent.
 */
export async function driveAtRate(
  fleet: Fleet,
  agents: Agents,
  spec: Load & {
    readonly run: string;
    /** Process index per account: arrivals go straight to the owner (no forwarding). */
    readonly owners: readonly number[] | null;
  },
): Promise<RateFigures> {
  const processes = fleet.apis.length;
  const rest = await fleet.snapshot();
  await sleep(spec.idle * 1000);
  const idle = windowOf(rest, await fleet.snapshot());
  const idleCpuPct = idle.cpuSeconds.map((cpu) => Math.round((1000 * cpu) / idle.seconds) / 10);
  const failed: Record<string, number> = {};
  const failures: string[] = [];
  const note = (what: string) => {
    if (failures.length < 5) failures.push(what.slice(0, 300));
  };
  const inflight = new Set<Promise<void>>();
  let created = 0;
  let measuring = false;
  let before: Promise<Snapshot> | null = null;
  let after: Promise<Snapshot> | null = null;
  let cpuBefore = process.cpuUsage();
  const started = nowMs();
  const windowStart = started + spec.warmup * 1000;
  const windowEnd = windowStart + spec.seconds * 1000;
  let sent = 0;
  while (nowMs() < windowEnd) {
    if (before === null && nowMs() >= windowStart) {
      before = fleet.snapshot();
      cpuBefore = process.cpuUsage();
      measuring = true;
    }
    const due = spec.burst * Math.floor((((nowMs() - started) / 1000) * spec.rate) / spec.burst);
    for (; sent < due; sent++) {
      const tag = `${spec.run}-${sent}`;
      const { through, path, body } = arrival(sent, processes, tag, spec.owners);
      agents.sent(tag, measuring);
      const call = (fleet.apis[through] as ApiClient).call('POST', path, body).then(
        (answer) => {
          if (answer.status === 201) created++;
          else {
            failed[answer.status] = (failed[answer.status] ?? 0) + 1;
            note(`${answer.status} ${answer.text}`);
            agents.dropped(tag);
          }
        },
        (err: unknown) => {
          failed['0'] = (failed['0'] ?? 0) + 1;
          note(`no answer: ${String(err)}`);
          agents.dropped(tag);
        },
      );
      inflight.add(call);
      void call.finally(() => inflight.delete(call));
    }
    const nextDue = started + ((sent + spec.burst) * 1000) / spec.rate;
    await sleep(Math.max(0, Math.min(nextDue, windowEnd) - nowMs()));
  }
  after = fleet.snapshot();
  const benchCpu = process.cpuUsage(cpuBefore);
  const rssMb = fleet.processes.map((each) => each.rssMb());
  measuring = false;
  const window = windowOf(await (before as Promise<Snapshot>), await after);
  await Promise.all(inflight);
  await agents.drain(10_000);
  const latencies = agents.latencies();
  return {
    window,
    sent,
    created,
    failed,
    failures,
    assignP50Ms: round(percentile(latencies, 50), 2),
    assignP99Ms: round(percentile(latencies, 99), 2),
    assigned: latencies.length,
    lost: agents.outstanding(),
    rssMb,
    benchCpuPct: Math.round(((benchCpu.user + benchCpu.system) / 1e6 / window.seconds) * 100),
    idleCpuPct,
  };
}

export interface SaturationFigures {
  readonly window: Window;
  readonly created: number;
  readonly failed: number;
  /** Arrivals created but not seen at an agent within 10 s (the worker went on). */
  readonly timedOut: number;
  readonly inFlight: number;
  readonly benchCpuPct: number;
}

/**
 * Arrivals pushed as fast as the processes take them, in a closed loop: `inFlight` arrivals always
 * on their way (from the create call to `interaction.added` at an agent), for `warmup + seconds`
 * (and `limit` arrivals at most); decisions over the last `seconds`. A backlog left to grow (open
 * loop) would measure how fast arrivals queue, not how fast they are decided.
 */
export async function saturate(
  fleet: Fleet,
  agents: Agents,
  spec: {
    readonly inFlight: number;
    readonly warmup: number;
    readonly seconds: number;
    readonly limit: number;
    readonly run: string;
  },
): Promise<SaturationFigures> {
  const processes = fleet.apis.length;
  const started = nowMs();
  const windowStart = started + spec.warmup * 1000;
  const windowEnd = windowStart + spec.seconds * 1000;
  let next = 0;
  let created = 0;
  let failed = 0;
  let timedOut = 0;
  const worker = async () => {
    while (nowMs() < windowEnd && next < spec.limit) {
      const n = next++;
      const tag = `${spec.run}-${n}`;
      const { through, path, body } = arrival(n, processes, tag, null);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const seen = new Promise<boolean>((resolve) => {
        agents.sent(tag, false, () => resolve(true));
        timer = setTimeout(() => resolve(false), 10_000);
      });
      try {
        const answer = await (fleet.apis[through] as ApiClient).call('POST', path, body);
        if (answer.status === 201) created++;
        else {
          failed++;
          agents.dropped(tag);
        }
      } catch {
        failed++;
        agents.dropped(tag);
      }
      if (!(await seen)) {
        timedOut++;
        agents.dropped(tag);
      }
      clearTimeout(timer);
    }
  };
  const workers = Promise.all(Array.from({ length: spec.inFlight }, worker));
  await sleep(spec.warmup * 1000);
  const before = await fleet.snapshot();
  const cpuBefore = process.cpuUsage();
  await sleep(Math.max(0, windowEnd - nowMs()));
  const after = await fleet.snapshot();
  const benchCpu = process.cpuUsage(cpuBefore);
  await workers;
  const window = windowOf(before, after);
  return {
    window,
    created,
    failed,
    timedOut,
    inFlight: spec.inFlight,
    benchCpuPct: Math.round(((benchCpu.user + benchCpu.system) / 1e6 / window.seconds) * 100),
  };
}
