/**
 * An agent whose routing process went away and who never comes back is let go by another process
 * after the retention time; an agent connected to another process is not (when the account moved
 * with the process that stopped, that agent resumes through the other, as ContactPad does).
 */
import type { RunningService } from '../../src/routing/start';
import { DEFAULT_SESSION_LIMITS } from '../../src/routing/server/session';

import { TestClient } from '../conformance/client';
import { waitFor } from '../conformance/harness';
import type { RedisServer } from '../support/redisServer';
import { startRedisServer } from '../support/redisServer';
import { ACCOUNT, Admin, agentId, startOn } from './world';

jest.setTimeout(60_000);

/**
 * Long enough that Bob, whose session was closed as process one stopped, resumes through two before
 * two's sweep lets him go (with 600 ms, a busy machine once let him go first).
 */
const RETENTION_MS = 4000;

describe('agents left without a session, across processes', () => {
  let redis: RedisServer;
  const services: RunningService[] = [];
  const clients: TestClient[] = [];
  const start = async () => {
    const service = await startOn(redis.url, {
      sessions: { ...DEFAULT_SESSION_LIMITS, retentionMs: RETENTION_MS },
    });
    services.push(service);
    return service;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(services.map((service) => service.stop()));
    await redis?.dispose();
  });

  it('logs out the agent of a stopped process, and keeps the one connected elsewhere', async () => {
    const one = await start();
    const two = await start();
    const admin = new Admin(one.url);
    await admin.seed(2);
    const ann = await admin.connect(one.agentUrl, agentId(0));
    const bob = await admin.connect(two.agentUrl, agentId(1));
    clients.push(ann, bob);
    // Both are noted as connected by their processes.
    await one.routing.sweep();
    await two.routing.sweep();

    // Process one goes away; nobody resumes Ann's session. Bob's stays, or resumes through two
    // if process one served the account (it closed his session as the account moved).
    const oneServed = one.routing.partitions.local(ACCOUNT) !== undefined;
    await one.stop();
    if (oneServed) {
      await waitFor(() => bob.closed !== null, 5000);
      const resume = { sessionId: bob.sessionId as string, lastSeq: bob.lastSeq };
      const token = await new Admin(two.url).token(agentId(1));
      const { client, welcome } = await TestClient.connect(two.agentUrl, token, resume);
      expect(welcome.resumed).toBe(true);
      clients.push(client);
    }
    const state = async (id: string) =>
      (await new Admin(two.url).agents()).find((agent) => agent.id === id)?.state;
    await waitFor(async () => {
      await two.routing.sweep();
      return (await state(agentId(0))) === 'logged-out';
    }, 3 * RETENTION_MS);
    // Bob, connected to process two all along, is still Ready.
    expect(await state(agentId(1))).toBe('ready');
  });
});
