/**
 * Faults with real routing processes on a real Redis Cluster (loopback, test/support): an owner
 * killed with SIGKILL in the middle of a burst, an owner paused past its lease (a network
 * partition) and woken again, and the Redis master serving the account killed so that its replica
 * takes over. Each time: what was acknowledged (201) is kept, nothing is assigned twice nor above
 * capacity, refusals meanwhile are typed (`unavailable`, 503), and work flows again.
 */
import type { ServerMessage } from '../../src/protocol';
import { CLOSE_CODES } from '../../src/protocol';
import type { InteractionListing } from '../../src/routing/service';
import { accountKeys } from '../../src/routing/store/keys';
import type { TestClient } from '../conformance/client';
import { ACCOUNT, agentId, checkAssignments, heldFrom } from '../redis/world';
import type { RedisCluster } from '../support/redisCluster';
import { startRedisCluster } from '../support/redisCluster';
import type { RoutingProcess } from '../support/routingProcess';
import type { Outcome } from './world';
import {
  BoundedAdmin,
  errorCode,
  Flow,
  holderOf,
  LEASE_MS,
  request,
  resumeSession,
  sleep,
  StoreView,
  startProcesses,
  stopProcess,
  summary,
} from './world';

jest.setTimeout(40_000);

/** Throws unless every outcome is a 201 or a typed `unavailable` (503), answered in time. */
function expectTyped(outcomes: readonly Outcome[], allowNetwork: (o: Outcome) => boolean) {
  const wrong = outcomes.filter(
    (o) =>
      !(
        o.status === 201 ||
        (o.status === 503 && errorCode(o.body) === 'unavailable') ||
        (o.status === 'network' && allowNetwork(o))
      ),
  );
  expect(wrong.map((o) => ({ via: o.via, status: o.status, body: o.body, ms: o.ms }))).toEqual([]);
}

/** The last version among commits, which must follow each other without a gap. */
function lastVersion(commits: readonly { version: number }[]): number {
  commits.forEach((commit, i) => {
    if (i > 0) expect(commit.version).toBe(commits[i - 1]!.version + 1);
  });
  return commits.at(-1)?.version ?? 0;
}

/** The processes that made the commits, one entry per run of commits by the same process. */
function runs(commits: readonly { origin: string }[]): string[] {
  return commits
    .map((commit) => commit.origin)
    .filter((origin, i, all) => i === 0 || all[i - 1] !== origin);
}

/** Throws unless every id is listed once, each acknowledged one among them; the state is sound. */
async function expectConsistent(admin: BoundedAdmin, acknowledged: readonly string[]) {
  const [interactions, agents] = [await admin.interactions(), await admin.agents()];
  const ids = interactions.map(({ id }) => id);
  expect(new Set(ids).size).toBe(ids.length);
  const listed = new Set(ids);
  expect(acknowledged.filter((id) => !listed.has(id))).toEqual([]);
  checkAssignments(interactions, agents);
  return interactions;
}

describe('faults on a Redis Cluster, with real routing processes', () => {
  let cluster: RedisCluster;
  let store: StoreView;
  let processes: RoutingProcess[] = [];
  const clients: TestClient[] = [];

  beforeAll(async () => {
    // Two replicas per master: after a failover the promoted master still has one, which commits
    // wait for (WAIT 1). With one replica the promoted master has none, and every commit of the
    // account is answered `unavailable` (unconfirmed) until a replica is back.
    cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 2, nodeTimeoutMs: 1000 });
    store = new StoreView(cluster.url);
  }, 30_000);

  afterEach(async () => {
    await Promise.all([...Flow.active].map((flow) => flow.stop()));
    for (const client of clients.splice(0)) client.close();
    await Promise.all(processes.map(stopProcess));
    processes = [];
  });

  afterAll(async () => {
    store?.close();
    await cluster?.dispose();
  }, 30_000);

  it('an owner killed with SIGKILL mid-burst: the account resumes elsewhere, nothing lost or doubled', async () => {
    const prefix = 'fault-kill';
    processes = await startProcesses(cluster.url, prefix, 3);
    await store.waitForMembers(
      prefix,
      processes.map((p) => p.url),
    );
    await new BoundedAdmin(processes[0]!.url).seed(12);
    const before = await store.owner(prefix, processes);
    const owner = before.routing;
    const survivors = processes.filter((p) => p !== owner);
    const admin = new BoundedAdmin(survivors[0]!.url);

    // Two agents: one on the owner itself, one relayed to it through another process.
    const direct = await admin.connect(owner.agentUrl, agentId(0));
    const relayed = await admin.connect(survivors[0]!.agentUrl, agentId(1));
    clients.push(direct, relayed);
    const agents = [
      { id: agentId(0), client: direct },
      { id: agentId(1), client: relayed },
    ];

    const flow = new Flow(() => processes.map((p) => p.url), 6);
    await flow.waitFor(40);
    // The owner now (it may have moved while the processes joined).
    const current = await store.owner(prefix, processes);
    expect(current.routing).toBe(owner);
    const killedAt = Date.now();
    await owner.kill();

    // Admin calls fail (typed) until another process takes the account, within a few seconds.
    const between: Outcome[] = [];
    let recoveredAt = 0;
    while (recoveredAt === 0 && Date.now() - killedAt < 15_000) {
      for (const survivor of survivors) {
        const sentAt = Date.now();
        const answer = await request(
          survivor.url,
          'GET',
          `/admin/accounts/${ACCOUNT}/interactions`,
          undefined,
          10_000,
        );
        if (answer.status === 200) recoveredAt = Date.now();
        else between.push({ ...answer, via: survivor.url, sentAt, id: null });
      }
      if (recoveredAt === 0) await sleep(100);
    }
    expectTyped(between, () => false);
    expect(recoveredAt).toBeGreaterThan(0);
    const recoveryMs = recoveredAt - killedAt;
    expect(recoveryMs).toBeLessThan(4 * LEASE_MS + 2000);

    // Both agents lost their socket; each resumes its session through a surviving process.
    const resumed: { id: string; old: TestClient; client: TestClient }[] = [];
    for (const { id, client } of agents) {
      const closed = await client.waitClose(5000);
      expect([1006, CLOSE_CODES.shuttingDown]).toContain(closed.code);
      const token = await admin.token(id);
      const back = await resumeSession(
        survivors.map((p) => p.agentUrl),
        token,
        { sessionId: client.sessionId as string, lastSeq: client.lastSeq },
      );
      clients.push(back.client);
      // The product keeps sessions in Redis: the session resumes, not a fresh one.
      expect(back.welcome).toMatchObject({ resumed: true, sessionId: client.sessionId });
      resumed.push({ id, old: client, client: back.client });
    }

    // Arrivals flow again after the kill, then stop.
    await flow.waitFor(40, recoveredAt);
    const outcomes = await flow.stop();
    expectTyped(outcomes, (o) => o.via === owner.url);
    const acknowledged = flow.acknowledged();
    const acknowledgedBefore = outcomes.filter((o) => o.status === 201 && o.sentAt < killedAt);
    expect(acknowledgedBefore.length).toBeGreaterThanOrEqual(40);

    const interactions = await expectConsistent(admin, acknowledged);
    // Every surviving process shows the same state.
    expect(await new BoundedAdmin(survivors[1]!.url).interactions()).toEqual(interactions);

    // The lease names a survivor, with a later fence.
    const after = await store.owner(prefix, survivors);
    expect(after.fence).toBeGreaterThan(before.fence);

    // Each agent: seq strictly increasing across both sockets (the client checks each seq follows
    // the one before), what it holds by the events equals a fresh snapshot and the listing.
    for (const { id, old, client } of resumed) {
      const ack = await client.ok({ type: 'resync' });
      const { snapshot } = await client.event('snapshot', (e) => e.seq === ack.seq);
      const events = [...old.received, ...client.received].filter(
        (m: ServerMessage) => !('seq' in m) || m.seq < ack.seq,
      );
      const byEvents = [...heldFrom(events, [])].sort();
      expect(byEvents).toEqual(snapshot.interactions.map((i) => i.id).sort());
      const listed = interactions.filter((i: InteractionListing) => i.agentIds.includes(id));
      expect(listed.length).toBeGreaterThan(0);
      expect(byEvents).toEqual(listed.map((i) => i.id).sort());
      expect(old.invalid).toEqual([]);
      expect(client.invalid).toEqual([]);
    }
    console.log(
      `kill -9: owner killed after ${acknowledgedBefore.length} acknowledged; account back after ` +
        `${recoveryMs} ms (${between.length} typed refusals meanwhile); ${acknowledged.length} ` +
        `acknowledged in all, ${interactions.length} listed; outcomes ${summary(outcomes)}`,
    );
  });

  it('an owner paused past its lease (a partition) is taken over and, once woken, commits nothing stale', async () => {
    const prefix = 'fault-pause';
    processes = await startProcesses(cluster.url, prefix, 2);
    await store.waitForMembers(
      prefix,
      processes.map((p) => p.url),
    );
    await new BoundedAdmin(processes[0]!.url).seed(12);
    const before = await store.owner(prefix, processes);
    const paused = before.routing;
    const other = processes.find((p) => p !== paused)!;
    const admin = new BoundedAdmin(other.url);

    // Arrivals through the other process, forwarded to the owner.
    const flow = new Flow(() => [other.url], 4, 0, 20);
    await flow.waitFor(30);
    const stale = await store.owner(prefix, processes);
    expect(stale.routing).toBe(paused);

    process.kill(paused.pid, 'SIGSTOP');
    const pausedAt = Date.now();
    const atPause = lastVersion(await store.commits(prefix));
    // Straight to the paused process: a write, that it must refuse or forward once woken, and
    // reads, whose answers are only reported: a woken owner with nothing but reads queued may
    // answer them from its stale replica (reads commit nothing, so no fence stops them).
    // Here queued writes (forwarded before the takeover) get fenced with them, so they are fresh.
    const straightWrite = request(
      paused.url,
      'POST',
      `/simulator/accounts/${ACCOUNT}/interactions`,
      {
        channel: 'email',
        serviceId: 'sales',
        customer: { name: 'Straight', email: 'straight@example.com' },
      },
    );
    const straightReads = [request(paused.url, 'GET', `/admin/accounts/${ACCOUNT}/interactions`)];

    // The other process takes the account once the lease lapses, with a later fence.
    const taken = await store.owner(prefix, processes, (p) => p === other, 4000);
    const takenMs = Date.now() - pausedAt;
    expect(taken.fence).toBeGreaterThan(stale.fence);
    // It serves the account while the old owner is still paused: admin calls succeed, and
    // arrivals are acknowledged by it.
    const duringPause = new Flow(() => [other.url], 2, 100_000, 20);
    const listed = await request(other.url, 'GET', `/admin/accounts/${ACCOUNT}/interactions`);
    expect(listed.status).toBe(200);
    await duringPause.waitFor(20, 0, 4000);
    for (let n = 0; n < 8; n++) {
      straightReads.push(request(paused.url, 'GET', `/admin/accounts/${ACCOUNT}/interactions`));
      await sleep(100);
    }
    await sleep(pausedAt + 4000 - Date.now());
    const acknowledgedInPause = duringPause.acknowledged();
    expect((await store.lease(prefix)) ?? '').toBe(taken.lease);
    // Meanwhile the commits are the taker's (after any the owner had sent before it stopped).
    const whilePaused = (await store.commits(prefix)).filter((c) => c.version > atPause);
    expect([[taken.id], [stale.id, taken.id]]).toContainEqual(runs(whilePaused));
    const atWake = lastVersion(whilePaused);

    process.kill(paused.pid, 'SIGCONT');
    const wokeAt = Date.now();
    const write = await straightWrite;
    const reads = await Promise.all(straightReads);
    // Work goes on after the wake (the account may move back by placement, on a new lease).
    await duringPause.waitFor(20, wokeAt + LEASE_MS, 10_000);
    const outcomes = [...(await flow.stop()), ...(await duringPause.stop())];
    expectTyped(outcomes, () => false);
    expectTyped([{ ...write, via: paused.url, sentAt: pausedAt, id: null }], () => false);
    const acknowledged = [...flow.acknowledged(), ...duringPause.acknowledged()];
    if (write.status === 201) acknowledged.push((write.body as { id: string }).id);

    // The state, seen through either process, is sound and holds every acknowledged arrival.
    const interactions = await expectConsistent(admin, acknowledged);
    expect(await new BoundedAdmin(paused.url).interactions()).toEqual(interactions);

    // The stale lease is never current again: the lease now is the taker's or a later one.
    const now = await store.owner(prefix, processes);
    expect(now.lease).not.toBe(stale.lease);
    expect(now.fence).toBeGreaterThanOrEqual(taken.fence);
    if (now.routing === paused) expect(now.fence).toBeGreaterThan(taken.fence);
    // After the wake: the taker's commits, then (when the account moved back by placement, on a
    // new lease) the woken process's; never one of the woken process's among the taker's.
    const afterWake = (await store.commits(prefix)).filter((c) => c.version > atWake);
    expect(afterWake[0]?.version).toBe(atWake + 1);
    expect([[taken.id], [taken.id, stale.id], [stale.id]]).toContainEqual(runs(afterWake));
    if (runs(afterWake).at(-1) === stale.id) expect(now.routing).toBe(paused);

    const readOutcomes = reads.map((read) => {
      if (read.status !== 200) return `${read.status} ${errorCode(read.body)}`;
      const ids = new Set((read.body as InteractionListing[]).map(({ id }) => id));
      return `200 lacking ${acknowledgedInPause.filter((id) => !ids.has(id)).length}`;
    });
    console.log(
      `SIGSTOP: account taken ${takenMs} ms after the pause (fence ${stale.fence} -> ` +
        `${taken.fence}); ${acknowledgedInPause.length} acknowledged by the taker during the ` +
        `pause; straight write to the woken process: ${write.status} ${errorCode(write.body)}; ` +
        `straight reads: ${readOutcomes.join(', ')} (of the arrivals acknowledged during the pause); ` +
        `lease now ${holderOf(now.lease) === now.id ? now.lease : '?'} ` +
        `(${now.routing === paused ? 'the woken process' : 'the taker'}); outcomes ${summary(outcomes)}`,
    );
  });

  it('the Redis master of the account killed: typed refusals while its replica takes over, nothing acknowledged lost', async () => {
    const prefix = 'fault-master';
    processes = await startProcesses(cluster.url, prefix, 2);
    await store.waitForMembers(
      prefix,
      processes.map((p) => p.url),
    );
    const admin = new BoundedAdmin(processes[0]!.url);
    await admin.seed(12);

    const flow = new Flow(() => processes.map((p) => p.url), 6);
    await flow.waitFor(40);
    const master = await cluster.masterOf(accountKeys(prefix, ACCOUNT).version);
    const killedAt = Date.now();
    await cluster.killMaster(master);
    const successor = await cluster.waitForFailover(master, 15_000);
    const failedOverAt = Date.now();
    expect(successor).not.toBe(master);

    // Arrivals are acknowledged again after the failover.
    await flow.waitFor(30, failedOverAt, 20_000);
    const outcomes = await flow.stop();
    expectTyped(outcomes, () => false);
    const slowest = Math.max(...outcomes.map((o) => o.ms));
    expect(slowest).toBeLessThan(11_000);
    const duringOutage = outcomes.filter((o) => o.sentAt >= killedAt && o.sentAt < failedOverAt);

    const acknowledged = flow.acknowledged();
    const interactions = await expectConsistent(admin, acknowledged);
    expect(await new BoundedAdmin(processes[1]!.url).interactions()).toEqual(interactions);

    // One more arrival, through either process, is kept.
    const fresh = await new BoundedAdmin(processes[1]!.url).ok<{ id: string }>(
      'POST',
      `/simulator/accounts/${ACCOUNT}/interactions`,
      { channel: 'chat', serviceId: 'sales', customer: { email: 'after@example.com' } },
    );
    expect((await admin.interactions()).map(({ id }) => id)).toContain(fresh.id);
    expect(await cluster.masterOf(accountKeys(prefix, ACCOUNT).lease)).toBe(successor);
    console.log(
      `master killed: failover took ${failedOverAt - killedAt} ms; during it ` +
        `${summary(duringOutage)}; slowest answer ${slowest} ms; ${acknowledged.length} ` +
        `acknowledged in all, ${interactions.length} listed; outcomes ${summary(outcomes)}`,
    );
  });
});
