/**
 * What the abuse tests measure while an attack runs: an honest agent's command round trips (p99),
 * and the routing process's resident memory (peak) and liveness.
 */
import type { AgentSocket } from './agentSocket';
import type { AbuseWorld } from './world';
import { sleep } from '../conformance/harness';

/**
 * The bound on the routing process's resident memory under each attack: the worst case documented
 * in src/routing/README.md, "Limits: what one client can cost" (the process).
 */
export const RSS_BOUND_MB = 512;

/**
 * During an attack an honest agent's p99 may grow to 5x its value before, but never has to beat
 * 50 ms: on loopback a quiet p99 is a millisecond or two, where 5x is within the noise of one GC
 * pause or of the test process's own work on a 2-core machine, and 50 ms is still far below what an
 * agent notices (while a stalled service is seconds).
 */
export const P99_FACTOR = 5;
export const P99_FLOOR_MS = 50;

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/**
 * Sends the agent's `presence.set` (a cheap command: the agent is Away and in no service) 10 times a
 * second for `ms` and returns each round trip. A command still unanswered at the end counts with
 * the time it has waited, so a stalled service shows as slow, not as missing.
 */
export async function roundTrips(probe: AgentSocket, ms: number): Promise<number[]> {
  const samples: number[] = [];
  const waiting = new Set<number>();
  const until = Date.now() + ms;
  const inFlight: Promise<void>[] = [];
  while (Date.now() < until) {
    const sentAt = performance.now();
    waiting.add(sentAt);
    inFlight.push(
      probe.command({ type: 'presence.set', state: 'away', reason: null }, ms + 5000).then(
        (answer) => {
          waiting.delete(sentAt);
          samples.push(answer.ms);
        },
        () => undefined,
      ),
    );
    await sleep(100);
  }
  // Give late answers a moment, then count what is still missing.
  let grace: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.all(inFlight),
    new Promise<void>((resolve) => (grace = setTimeout(resolve, 2000))),
  ]);
  clearTimeout(grace);
  const now = performance.now();
  for (const sentAt of waiting) samples.push(now - sentAt);
  return samples;
}

/** The p99 allowed during an attack, from the p99 before it. */
export const allowedP99 = (before: number) => Math.max(P99_FACTOR * before, P99_FLOOR_MS);

/** Samples the routing process's RSS four times a second until stopped: `before` and `peak()`, MB. */
export function watchRss(world: AbuseWorld): { before: number; peak(): number; stop(): void } {
  const before = world.routing.rssMb();
  let peak = before;
  const timer = setInterval(() => {
    if (world.routing.running()) peak = Math.max(peak, world.routing.rssMb());
  }, 250);
  return {
    before,
    peak: () => peak,
    stop: () => clearInterval(timer),
  };
}

/** The process still runs and `/health` answers 200 within a few seconds. */
export async function alive(world: AbuseWorld): Promise<boolean> {
  if (!world.routing.running()) return false;
  try {
    return (await world.http('GET', '/health', undefined, null)).status === 200;
  } catch {
    return false;
  }
}

/**
 * Agent sockets the routing process closed, by close code, from `/metrics`
 * (`contactpad_agent_closes_total`); null while the process has no `/metrics`. A client that stops
 * reading never sees the close frame queued behind what it did not read, so this is where a
 * `slowReader` close shows.
 */
export async function serverCloses(world: AbuseWorld): Promise<Record<string, number> | null> {
  const answer = await world.http('GET', '/metrics');
  if (answer.status !== 200) return null;
  const closes: Record<string, number> = {};
  for (const line of answer.text.split('\n')) {
    const hit = /^contactpad_agent_closes_total\{[^}]*code="(\d+)"[^}]*\} (\d+)/.exec(line);
    if (hit !== null) closes[hit[1] as string] = Number(hit[2]);
  }
  return closes;
}

/** Sessions the routing process holds a socket for (`/health` with the admin key). */
export async function connectedSessions(world: AbuseWorld): Promise<number> {
  const answer = await world.http('GET', '/health');
  return (JSON.parse(answer.text) as { connected: number }).connected;
}
