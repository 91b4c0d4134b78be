/**
 * Distribution: two routing processes on one Redis. Agents connected to different processes
 * consult and transfer to each other; a burst of arrivals through both processes is never
 * assigned twice nor above capacity; killing one process moves its agents to the other.
 */
import type { Interaction, ServerMessage } from '../../src/protocol';
import { TestClient } from '../conformance/client';
import type { RedisServer } from '../support/redisServer';
import { startRedisServer } from '../support/redisServer';
import type { RoutingProcess } from '../support/routingProcess';
import { startRoutingProcess } from '../support/routingProcess';
import { ACCOUNT, Admin, agentId, checkAssignments, KEYS, ownershipSettled } from './world';

jest.setTimeout(120_000);

describe('two routing processes on one Redis', () => {
  let redis: RedisServer;
  let one: RoutingProcess;
  let two: RoutingProcess;
  let adminOne: Admin;
  let adminTwo: Admin;
  const clients: TestClient[] = [];
  const connect = async (process: RoutingProcess, admin: Admin, agent: string, query = '') => {
    const client = await admin.connect(`${process.agentUrl}${query}`, agent);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    [one, two] = await Promise.all([
      startRoutingProcess({ store: redis.url, ...KEYS }),
      startRoutingProcess({ store: redis.url, ...KEYS }),
    ]);
    adminOne = new Admin(one.url);
    adminTwo = new Admin(two.url);
    await adminOne.seed(30);
    // The people who consult and transfer: Ann on sales, Bob on support.
    await adminOne.ok('POST', `/admin/accounts/${ACCOUNT}/services`, { id: 'desk', name: 'Desk' });
    for (const [id, name] of [
      ['ann', 'Ann'],
      ['bob', 'Bob'],
    ]) {
      await adminTwo.ok('POST', `/admin/accounts/${ACCOUNT}/agents`, {
        id,
        name,
        services: id === 'ann' ? ['desk'] : [],
        weights: null,
        state: 'ready',
      });
    }
    await ownershipSettled([one.url, two.url], 1);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all([one?.stop(), two?.stop()]);
    await redis?.dispose();
  });

  it('both processes see the same state', async () => {
    expect(await adminTwo.agents()).toEqual(await adminOne.agents());
  });

  it('an agent on one process consults an agent on the other, who answers; then transfers', async () => {
    const ann = await connect(one, adminOne, 'ann');
    const bob = await connect(two, adminTwo, 'bob');
    const call = await adminTwo.ok<Interaction>(
      'POST',
      `/simulator/accounts/${ACCOUNT}/interactions`,
      { channel: 'voice', serviceId: 'desk', customer: { phone: '+14155550100' } },
    );
    const added = await ann.event('interaction.added', (m) => m.interaction.id === call.id);

    const started = await ann.ok({
      type: 'consult.start',
      interactionId: call.id,
      version: added.interaction.version,
      target: { type: 'agent', id: 'bob' },
    });
    const ringing = await bob.event(
      'consult.changed',
      (m) => m.consult.id === started.consultId && m.consult.state === 'ringing',
    );
    await bob.ok({ type: 'consult.accept', consultId: ringing.consult.id });
    // Connected: the consult call is in both lists.
    const legAtAnn = await ann.event('interaction.added', (m) => m.interaction.consultId !== null);
    const legAtBob = await bob.event('interaction.added', (m) => m.interaction.consultId !== null);
    expect(legAtBob.interaction.id).toBe(legAtAnn.interaction.id);

    // Ann completes the transfer: the call goes to Bob (on the other process).
    await ann.ok({ type: 'consult.transfer', consultId: ringing.consult.id });
    await ann.event('interaction.removed', (m) => m.interactionId === call.id);
    const transferred = await bob.event('interaction.added', (m) => m.interaction.id === call.id);

    // A case from Bob to Ann, across processes the other way.
    const caseItem = await adminOne.ok<Interaction>(
      'POST',
      `/simulator/accounts/${ACCOUNT}/interactions`,
      { channel: 'case', serviceId: 'desk', customer: { email: 'c@example.com' } },
    );
    const atAnn = await ann.event('interaction.added', (m) => m.interaction.id === caseItem.id);
    await ann.ok({
      type: 'transfer',
      interactionId: caseItem.id,
      version: atAnn.interaction.version,
      target: { type: 'agent', id: 'bob' },
    });
    // Bob's call fills his capacity: the case waits in his personal queue until he is Ready.
    expect(await bob.arrivesWithin((m) => m.type === 'interaction.added', 300)).toBe(false);
    await bob.ok({
      type: 'release',
      interactionId: call.id,
      version: transferred.interaction.version,
    });
    await bob.event('interaction.added', (m) => m.interaction.id === caseItem.id);
    expect(ann.invalid).toEqual([]);
    expect(bob.invalid).toEqual([]);
  });

  it('joins a socket that names its account to the owner, and relays one that does not', async () => {
    const forwards = async (process: RoutingProcess) => {
      const response = await fetch(`${process.url}/metrics`, {
        headers: { authorization: `Bearer ${KEYS.adminKey}` },
      });
      const text = await response.text();
      const count = (how: string) =>
        Number(
          new RegExp(`^contactpad_forwarded_total\\{how="${how}"\\} (\\d+)`, 'm').exec(text)?.[1] ??
            0,
        );
      return { tunnel: count('tunnel'), relay: count('relay') };
    };
    const before = await Promise.all([forwards(one), forwards(two)]);
    const hinted = `?account=${encodeURIComponent(ACCOUNT)}`;
    const named = [
      await connect(one, adminOne, agentId(1), hinted),
      await connect(two, adminTwo, agentId(2), hinted),
    ];
    const plain = [
      await connect(one, adminOne, agentId(3)),
      await connect(two, adminTwo, agentId(4)),
    ];
    for (const client of [...named, ...plain]) {
      await client.ok({ type: 'presence.set', state: 'away', reason: null });
      expect((await client.resync()).agent).toMatchObject({ state: 'away' });
      await client.ok({ type: 'presence.set', state: 'ready', reason: null });
    }
    const after = await Promise.all([forwards(one), forwards(two)]);
    const added = (how: 'tunnel' | 'relay') =>
      after.map((figures, n) => figures[how] - (before[n]?.[how] ?? 0));
    // One process owns the account: the other joined one socket and relayed the other.
    expect([added('tunnel'), added('relay')]).toEqual(
      after[0]!.tunnel > before[0]!.tunnel
        ? [
            [1, 0],
            [1, 0],
          ]
        : [
            [0, 1],
            [0, 1],
          ],
    );
  });

  it("passes a connector's requests through either process to the owner, its token checked there", async () => {
    const issued = await adminOne.ok<{ token: string }>(
      'POST',
      `/admin/accounts/${ACCOUNT}/connectors`,
      { id: 'web', name: 'Web chat', channels: ['chat'], services: ['sales'] },
    );
    const post = (process: RoutingProcess, path: string, body: unknown, token = issued.token) =>
      fetch(`${process.url}/connector/accounts/${ACCOUNT}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const chat = { externalId: 'chat-1', channel: 'chat', serviceId: 'sales', customer: {} };
    const made = await Promise.all(
      [one, two].map((process) => post(process, 'interactions', chat)),
    );
    // The same external id through both processes: one interaction, made once.
    const bodies = (await Promise.all(made.map((answer) => answer.json()))) as Interaction[];
    expect(made.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(bodies[0]!.id).toBe(bodies[1]!.id);
    const ended = await Promise.all(
      [one, two].map((process) =>
        post(process, 'interactions/end', { externalId: 'chat-1', reason: 'customer-left' }),
      ),
    );
    expect(ended.map((answer) => answer.status)).toEqual([200, 200]);
    // A wrong token is refused by the owner, wherever it came in.
    for (const process of [one, two]) {
      const refused = await post(process, 'interactions', chat, `${issued.token}x`);
      expect(refused.status).toBe(401);
    }
  });

  it('never assigns a burst through both processes twice nor above capacity', async () => {
    // Ten agents connected, half to each process, record every assignment they are told of.
    const watchers: TestClient[] = [];
    for (let n = 0; n < 10; n++) {
      watchers.push(
        await connect(n % 2 === 0 ? one : two, n % 2 === 0 ? adminOne : adminTwo, agentId(n)),
      );
    }
    let sampling = true;
    const samples: Promise<void>[] = [];
    const sampler = (async () => {
      while (sampling) {
        const admin = samples.length % 2 === 0 ? adminOne : adminTwo;
        // Two requests, so possibly two states while the burst goes on: each listing alone.
        const check = Promise.all([admin.interactions(), admin.agents()]).then(([i, a]) =>
          checkAssignments(i, a, false),
        );
        samples.push(check);
        await check;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();

    const [fromOne, fromTwo] = await Promise.all([
      adminOne.arrivals(400, 20, 20_000),
      adminTwo.arrivals(400, 20, 30_000),
    ]);
    sampling = false;
    await sampler;
    await Promise.all(samples);
    expect(samples.length).toBeGreaterThan(3);
    expect(fromOne.length + fromTwo.length).toBe(800);

    const [interactions, agents] = [await adminTwo.interactions(), await adminTwo.agents()];
    checkAssignments(interactions, agents);
    expect(await adminOne.interactions()).toEqual(interactions);

    // Every assignment event each connected agent received names an interaction it alone holds.
    const seenBy = new Map<string, string>();
    for (const [n, watcher] of watchers.entries()) {
      for (const message of watcher.received as ServerMessage[]) {
        if (message.type !== 'interaction.added') continue;
        const earlier = seenBy.get(message.interaction.id);
        expect(earlier === undefined || earlier === agentId(n)).toBe(true);
        seenBy.set(message.interaction.id, agentId(n));
      }
      expect(watcher.invalid).toEqual([]);
    }
    expect(seenBy.size).toBeGreaterThan(0);
  });

  it('moves the agents of a killed process to the other when they reconnect', async () => {
    const carl = await connect(one, adminOne, agentId(20));
    const before = carl.lastSeq;
    await one.kill();
    await carl.waitClose(5000);
    // While carl is away, his name changes through the process that is left (once its lease on
    // the account has lapsed there); he gets the change when back, in the resumed session.
    const renamed = `${agentId(20)} (renamed)`;
    const path = `/admin/accounts/${ACCOUNT}/agents/${agentId(20)}`;
    const until = Date.now() + 15_000;
    const change = { name: renamed, services: null, weights: null };
    for (;;) {
      const { status } = await adminTwo.call('PATCH', path, change);
      if (status === 200) break;
      // 503 `unavailable` while the account has no owner; anything else is a failure.
      expect(status).toBe(503);
      if (Date.now() > until) throw new Error('the account never moved to process two');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const lastSeq = carl.lastSeq;
    const { client, welcome } = await TestClient.connect(
      two.agentUrl,
      await adminTwo.token(agentId(20)),
      { sessionId: carl.sessionId as string, lastSeq },
    );
    clients.push(client);
    expect(before).toBeGreaterThanOrEqual(0);
    expect(welcome).toMatchObject({ resumed: true, sessionId: carl.sessionId });
    const changed = await client.event('agent.changed', (m) => m.agent.name === renamed);
    expect(changed.seq).toBe(lastSeq + 1);
    const snapshot = await client.resync();
    expect(snapshot.agent.id).toBe(agentId(20));
    expect(client.invalid).toEqual([]);
    checkAssignments(await adminTwo.interactions(), await adminTwo.agents());
  });
});
