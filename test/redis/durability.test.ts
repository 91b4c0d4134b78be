/**
 * Durability on Redis: the routing process is killed with SIGKILL under load and started again on
 * the same Redis. Every interaction is where it was, and agents resume their sessions with no event
 * lost or doubled.
 */
import type { ServerMessage } from '../../src/protocol';
import type { CommandBody } from '../conformance/client';
import { TestClient } from '../conformance/client';
import type { RedisServer } from '../support/redisServer';
import { startRedisServer } from '../support/redisServer';
import type { RoutingProcess } from '../support/routingProcess';
import { startRoutingProcess } from '../support/routingProcess';
import { ACCOUNT, Admin, agentId, checkAssignments, heldFrom, KEYS } from './world';

jest.setTimeout(120_000);

describe('durability on Redis (kill -9)', () => {
  let redis: RedisServer;
  let routing: RoutingProcess;
  let admin: Admin;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    routing = await startRoutingProcess({ store: redis.url, ...KEYS });
    admin = new Admin(routing.url);
    await admin.seed(40);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await routing?.stop();
    await redis?.dispose();
  });

  it('keeps 1,000+ interactions in flight exactly as they were, and sessions resume', async () => {
    const connected = [0, 1, 2, 3].map(agentId);
    const first = new Map<
      string,
      { client: TestClient; start: Set<string>; consumed: ServerMessage[] }
    >();
    for (const agent of connected) {
      const { client, welcome } = await TestClient.connect(
        routing.agentUrl,
        await admin.token(agent),
      );
      clients.push(client);
      first.set(agent, {
        client,
        start: new Set(welcome.snapshot?.interactions.map(({ id }) => id) ?? []),
        consumed: [],
      });
    }

    const releases = new Map<string, { body: CommandBody; answer: ServerMessage }>();
    const created = await admin.arrivals(1200);
    expect(created).toHaveLength(1200);
    // Some work ends: each connected agent releases one interaction.
    for (const agent of connected) {
      const { client, consumed } = first.get(agent) as {
        client: TestClient;
        consumed: ServerMessage[];
      };
      const added = await client.event('interaction.added');
      consumed.push(added);
      const release = {
        type: 'release',
        interactionId: added.interaction.id,
        version: added.interaction.version,
      } as const;
      const answer = await client.command(release, `release-${agent}`);
      expect(answer.type).toBe('ack');
      releases.set(agent, { body: release, answer });
    }

    const before = { interactions: await admin.interactions(), agents: await admin.agents() };
    expect(before.interactions.length).toBeGreaterThanOrEqual(1000);
    expect(before.interactions.filter((i) => i.place.kind === 'queued').length).toBeGreaterThan(0);
    expect(before.interactions.filter((i) => i.place.kind === 'assigned').length).toBeGreaterThan(
      0,
    );
    checkAssignments(before.interactions, before.agents);

    await routing.kill();
    const lastSeen = new Map([...first].map(([agent, { client }]) => [agent, client.lastSeq]));
    routing = await startRoutingProcess({ store: redis.url, ...KEYS });
    admin = new Admin(routing.url);

    // Everything is where it was: queued, assigned (to the same agents), or ended.
    const after = { interactions: await admin.interactions(), agents: await admin.agents() };
    expect(after.interactions).toEqual(before.interactions);
    expect(after.agents).toEqual(before.agents);

    // Something happens to agent-0 while nobody is connected: the customer of one of their
    // interactions leaves, so the interaction ends and queued work is routed to them.
    const gone = before.interactions.find(
      (i) => i.agentIds.includes(agentId(0)) && i.place.kind === 'assigned',
    );
    expect(gone).toBeDefined();
    await admin.ok('POST', `/simulator/accounts/${ACCOUNT}/interactions/${gone?.id}/leave`, {});

    // Each agent resumes its session on the new process: the events it missed arrive in order
    // (the client checks every seq follows the one before), and what it holds by the events
    // equals a fresh snapshot.
    for (const agent of connected) {
      const old = first.get(agent) as {
        client: TestClient;
        start: Set<string>;
        consumed: ServerMessage[];
      };
      const { client, welcome } = await TestClient.connect(
        routing.agentUrl,
        await admin.token(agent),
        { sessionId: old.client.sessionId as string, lastSeq: lastSeen.get(agent) ?? 0 },
      );
      clients.push(client);
      expect(welcome).toMatchObject({ resumed: true, sessionId: old.client.sessionId });
      if (agent === agentId(0)) {
        // Waited for here, so not in `received`: counted below with the others.
        old.consumed.push(
          await client.event('interaction.removed', (m) => m.interactionId === gone?.id),
        );
      }
      const snapshot = await client.resync();
      const byEvents = heldFrom(
        [
          ...old.consumed.slice(0, 1),
          ...old.client.received,
          ...old.consumed.slice(1),
          ...client.received.filter((m) => m.type !== 'snapshot'),
        ],
        old.start,
      );
      expect([...byEvents].sort()).toEqual(snapshot.interactions.map(({ id }) => id).sort());
      // A command repeated with its id on the new process is answered again, not applied again.
      const release = releases.get(agent) as { body: CommandBody; answer: ServerMessage };
      expect(await client.command(release.body, `release-${agent}`)).toEqual(release.answer);
      expect(await client.arrivesWithin((m) => m.type === 'interaction.removed', 200)).toBe(false);
      expect(old.client.invalid).toEqual([]);
      expect(client.invalid).toEqual([]);
    }
    checkAssignments(await admin.interactions(), await admin.agents());
  });

  it('keeps every arrival it acknowledged when killed in the middle of a burst', async () => {
    // Killed once 200 arrivals of the burst are acknowledged, with more on the way.
    let underWay: () => void = () => {};
    const killed = new Promise<void>((resolve) => (underWay = resolve));
    const burst = admin.arrivals(600, 20, 10_000, (created) => {
      if (created >= 200) underWay();
    });
    await killed;
    await routing.kill();
    const acknowledged = await burst;
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(acknowledged.length).toBeLessThan(600);

    routing = await startRoutingProcess({ store: redis.url, ...KEYS });
    admin = new Admin(routing.url);
    const interactions = await admin.interactions();
    const ids = new Set(interactions.map(({ id }) => id));
    for (const interaction of acknowledged) expect(ids.has(interaction.id)).toBe(true);
    checkAssignments(interactions, await admin.agents());
  });
});
