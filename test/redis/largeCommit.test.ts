/**
 * Large commits: one operation that changes tens of thousands of records (seeding an account, a
 * settings change reaching every agent) commits whole, and another process loads it.
 */
import type { Engine } from '../../src/routing/engine/engine';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEFAULT_LEASE_MS } from '../../src/routing/partitions/open';
import type { RunningService } from '../../src/routing/start';

import type { RedisServer } from '../support/redisServer';
import { startRedisServer } from '../support/redisServer';
import { ACCOUNT, Admin, SETTINGS, startOn } from './world';

jest.setTimeout(120_000);

const AGENTS = 20_000;

describe('large commits on Redis', () => {
  let redis: RedisServer;
  const services: RunningService[] = [];
  // One turn over 20,000 agents (the seed, the settings change) may hold the event loop longer
  // than the default 3 s lease on a loaded 2-core machine: the lease is renewed from a worker
  // thread meanwhile (store/leaseKeeper.ts), so the default lease does.
  const start = async () => {
    const service = await startOn(redis.url);
    services.push(service);
    return service;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await redis?.dispose();
  });

  it(`seeds ${AGENTS} agents in one commit and changes every one of them in another`, async () => {
    const one = await start();
    const seed = (engine: Engine) => {
      engine.createAccount(ACCOUNT, 'Acme', SETTINGS);
      engine.createService(ACCOUNT, 'sales', 'Sales');
      for (let n = 0; n < AGENTS; n++) {
        engine.createAgent(ACCOUNT, {
          id: `a${n}`,
          name: `Agent ${n}`,
          services: ['sales'],
          state: 'ready',
        });
      }
    };
    // The longest the event loop was held (the lease worker renews meanwhile).
    const delay = monitorEventLoopDelay({ resolution: 20 });
    delay.enable();
    const seededAt = Date.now();
    await one.routing.run(ACCOUNT, seed, undefined, 'create');
    const changedAt = Date.now();
    const settings = await new Admin(one.url).ok<{ wrapSeconds: number }>(
      'PATCH',
      `/admin/accounts/${ACCOUNT}/settings`,
      { wrapSeconds: 45 },
    );
    expect(settings.wrapSeconds).toBe(45);
    console.log(
      `${AGENTS} agents: seeded and committed in ${changedAt - seededAt} ms, every one changed ` +
        `and committed in ${Date.now() - changedAt} ms; event loop held up to ` +
        `${Math.round(delay.max / 1e6)} ms at once (lease ${DEFAULT_LEASE_MS} ms)`,
    );
    delay.disable();

    // Another process loads it: the first one stops and hands it over. (Read through the first,
    // the listing of 20,000 agents would be forwarded, and a forwarded answer is capped at 4 MiB:
    // server/forward.ts.)
    const two = await start();
    await one.stop();
    services.splice(services.indexOf(one), 1);
    const agents = await new Admin(two.url).agents();
    expect(agents).toHaveLength(AGENTS);
    expect(agents.every((agent) => agent.state === 'ready')).toBe(true);
    const account = await new Admin(two.url).ok<{ settings: { wrapSeconds: number } }>(
      'GET',
      `/admin/accounts/${ACCOUNT}`,
    );
    expect(account.settings.wrapSeconds).toBe(45);
  });
});
