/**
 * One process's decisions a second with no sockets and no HTTP in the way, as the removed
 * scripts/bench/decide.ts measured them, on today's code: one account on the Redis store (a
 * Cluster here), its lease taken with Leases, its log a RedisLog under that lease (every commit
 * fenced and, with replicas, confirmed by WAIT), a TrackedStore replica and the engine driven
 * through the ReplicatedRunner, as a Partition does. `inFlight` arrivals always under way; each
 * interaction released as soon as it is assigned.
 *   tsx scripts/bench/scaleout/decide.ts <store-url> <prefix> <seconds> [inFlight]
 * Prints one JSON line: { decisions, seconds, decisionsPerSec, refused, failed, cpuPct, inFlight }
 * (decisions: the engine's count over the window after a second of warm-up; refused: commits the
 * runner had refused because the version moved on; failed: operations rejected before the end).
 */
import { randomUUID } from 'node:crypto';
import type { Effect } from '../../../src/routing/engine/effects';
import { DEFAULT_SETTINGS, Engine } from '../../../src/routing/engine/engine';
import { ReplicatedRunner } from '../../../src/routing/replicatedRunner';
import { Leases } from '../../../src/routing/store/leases';
import { RedisConnection } from '../../../src/routing/store/redisConnection';
import { RedisLog } from '../../../src/routing/store/redisLog';
import { TrackedStore } from '../../../src/routing/store/trackedStore';

const ACCOUNT = 'saturation';
const SERVICES = Array.from({ length: 20 }, (_, i) => `s${i}`);
const AGENTS = 40;
/** Longer than the whole run: the lease never needs renewing meanwhile. */
const LEASE_MS = 120_000;

async function main(url: string, prefix: string, seconds: number, inFlight: number) {
  const connection = new RedisConnection(url);
  await connection.connect();
  const origin = `decide-${randomUUID().slice(0, 8)}`;
  const leases = new Leases(connection, prefix, LEASE_MS);
  const lease = await leases.acquire(ACCOUNT, origin);
  if (lease === null) throw new Error(`the lease of ${ACCOUNT} is held already`);
  const log = new RedisLog(connection, { prefix, accountId: ACCOUNT, lease });
  const tracked = new TrackedStore();
  const loaded = await log.load();
  tracked.reset(loaded.changes);
  let ids = 0;
  const engine = new Engine(tracked, { now: () => Date.now() }, (kind) => `${kind}-${++ids}`);
  const warmUpUntil = Date.now() + 1000;
  const until = warmUpUntil + seconds * 1000;
  let failed = 0;
  const onFailure = () => {
    if (Date.now() < until) failed++;
  };
  let releasing = false;
  const runner: ReplicatedRunner = new ReplicatedRunner(
    engine,
    tracked,
    log,
    loaded.version,
    [],
    origin,
    {
      deliver: (effects: readonly Effect[], own: boolean) => {
        if (!own || !releasing) return;
        for (const effect of effects) {
          if (effect.kind !== 'event' || effect.event.type !== 'interaction.added') continue;
          const { id: interactionId, version } = effect.event.interaction;
          const agentId = effect.agentId;
          runner
            .run((e) =>
              e.command(ACCOUNT, agentId, {
                v: 1,
                type: 'release',
                id: `r-${interactionId}`,
                interactionId,
                version,
              }),
            )
            .catch(onFailure);
        }
      },
      changed: () => {},
      reloaded: () => {},
    },
    (err, what) => console.error(what, err),
  );
  try {
    await runner.run((e) => {
      e.createAccount(ACCOUNT, 'Saturation', {
        ...DEFAULT_SETTINGS,
        wrapSeconds: 0,
        weights: { live: 100, 'semi-live': 1, 'non-live': 1 },
      });
      for (const id of SERVICES) e.createService(ACCOUNT, id, id);
      for (let n = 0; n < AGENTS; n++) {
        e.createAgent(ACCOUNT, {
          id: `g${n}`,
          name: `Agent ${n}`,
          services: [SERVICES[n % 20] as string, SERVICES[(n + 7) % 20] as string],
          state: 'ready',
        });
      }
    });
    releasing = true;
    let n = 0;
    const pump = async () => {
      while (Date.now() < until) {
        const at = n++;
        await runner
          .run((e) =>
            e.arrive(ACCOUNT, {
              channel: 'chat',
              serviceId: SERVICES[at % 20] as string,
              customer: { name: `C ${at}`, phone: null, email: null },
              record: null,
              searchKeys: [],
              subject: null,
              priority: at % 10,
            }),
          )
          .catch(onFailure);
      }
    };
    let atStart = 0;
    let cpuStart = process.cpuUsage();
    let startedAt = 0;
    const mark = setTimeout(() => {
      atStart = engine.decisions;
      cpuStart = process.cpuUsage();
      startedAt = performance.now();
    }, warmUpUntil - Date.now());
    await Promise.all(Array.from({ length: inFlight }, pump));
    clearTimeout(mark);
    const window = (performance.now() - startedAt) / 1000;
    const decisions = engine.decisions - atStart;
    const cpu = process.cpuUsage(cpuStart);
    return {
      decisions,
      seconds: Math.round(window * 100) / 100,
      decisionsPerSec: Math.round(decisions / window),
      refused: runner.refused,
      failed,
      cpuPct: Math.round(((cpu.user + cpu.system) / 1e6 / window) * 100),
      inFlight,
    };
  } finally {
    runner.stop();
    await leases.release(ACCOUNT, lease).catch(() => {});
    await connection.close();
  }
}

const [url, prefix, seconds, inFlight] = process.argv.slice(2);
if (url === undefined || prefix === undefined || seconds === undefined) {
  console.error('usage: decide.ts <store-url> <prefix> <seconds> [inFlight]');
  process.exit(2);
}
main(url, prefix, Number(seconds), Number(inFlight ?? 200)).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
