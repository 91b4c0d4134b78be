/**
 * One routing process's part of the Redis benchmark: the engine on a replica of the Redis store,
 * driven through the replicated runner with no sockets in the way.
 *   tsx scripts/bench/decide.ts seed <redis-url> <prefix> <agents>
 *   tsx scripts/bench/decide.ts run  <redis-url> <prefix> <seconds>
 * `seed` creates the account; `run` keeps 200 arrivals in flight for <seconds>, releases each
 * interaction as it is assigned, and prints one JSON line: { decisions, seconds, refused }: the
 * assignments this process committed after a second of warm-up, and the operations refused
 * before the end (none expected).
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_SETTINGS, Engine } from '../../src/routing/engine/engine';
import { ReplicatedRunner } from '../../src/routing/runner';
import { openRedisReplica } from '../../src/routing/store/redisReplica';

const ACCOUNT = 'bench';
const SERVICES = Array.from({ length: 20 }, (_, i) => `s${i}`);
const IN_FLIGHT = 200;

async function open(url: string, prefix: string) {
  const { log, store, version } = await openRedisReplica(url, prefix);
  const origin = randomUUID().slice(0, 8);
  let ids = 0;
  const engine = new Engine(
    store,
    { now: () => Date.now() },
    (kind) => `${kind}-${origin}-${++ids}`,
  );
  return { log, store, engine, version, origin };
}

async function seed(url: string, prefix: string, agents: number) {
  const { log, store, engine, version, origin } = await open(url, prefix);
  const runner = new ReplicatedRunner(
    engine,
    store,
    log,
    version,
    [],
    origin,
    {
      deliver: () => {},
      changed: () => {},
      reloaded: () => {},
    },
    (err) => console.error(err),
  );
  await runner.run((e) => {
    e.createAccount(ACCOUNT, 'Benchmark', {
      ...DEFAULT_SETTINGS,
      wrapSeconds: 0,
      weights: { live: 100, 'semi-live': 1, 'non-live': 1 },
    });
    for (const id of SERVICES) e.createService(ACCOUNT, id, id);
    for (let n = 0; n < agents; n++) {
      e.createAgent(ACCOUNT, {
        id: `g${n}`,
        name: `Agent ${n}`,
        services: [SERVICES[n % 20] as string, SERVICES[(n + 7) % 20] as string],
        state: 'ready',
      });
    }
  });
  runner.stop();
  await log.close();
  return {};
}

async function run(url: string, prefix: string, seconds: number) {
  const { log, store, engine, version, origin } = await open(url, prefix);
  const warmUpUntil = Date.now() + 1000;
  const until = warmUpUntil + seconds * 1000;
  let decisions = 0;
  let counting = false;
  let refused = 0;
  const runner: ReplicatedRunner = new ReplicatedRunner(
    engine,
    store,
    log,
    version,
    [],
    origin,
    {
      deliver: (effects, own) => {
        if (!own) return;
        for (const effect of effects) {
          if (effect.kind !== 'event' || effect.event.type !== 'interaction.added') continue;
          if (counting) decisions++;
          const { id: interactionId, version: seen } = effect.event.interaction;
          const agentId = effect.agentId;
          runner
            .run((e) =>
              e.command(ACCOUNT, agentId, {
                v: 1,
                type: 'release',
                id: `r-${interactionId}`,
                interactionId,
                version: seen,
              }),
            )
            .catch(() => {
              if (Date.now() < until) refused++;
            });
        }
      },
      changed: () => {},
      reloaded: () => {},
    },
    (err) => console.error(err),
  );
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
        .catch(() => {
          if (Date.now() < until) refused++;
        });
    }
  };
  setTimeout(() => (counting = true), warmUpUntil - Date.now());
  await Promise.all(Array.from({ length: IN_FLIGHT }, pump));
  runner.stop();
  await log.close();
  return { decisions, seconds, refused };
}

const [role, url, prefix, count] = process.argv.slice(2);
if (url === undefined || prefix === undefined || count === undefined) {
  console.error('usage: decide.ts seed|run <redis-url> <prefix> <agents|seconds>');
  process.exit(2);
}
(role === 'seed' ? seed(url, prefix, Number(count)) : run(url, prefix, Number(count))).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
