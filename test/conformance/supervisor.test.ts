/**
 * Supervisor sessions over the wire (`/v1/supervisor`): the token's role, the snapshot after
 * welcome, coalesced changes after arrivals and assignments, setting an agent Away or Logged out
 * (the agent's own socket sees who and why), refusals that change nothing, and the day's counts
 * kept across a restart on a shared store.
 */
import type { Event, ServerMessage, ServerMessageOf } from '../../src/protocol';
import { CLOSE_CODES } from '../../src/protocol';
import { SupervisorFigures } from '../../src/adapter/supervisor/figures';
import { helloFrame, TestClient } from './client';
import type { Harness } from './harness';
import { CONFORMANCE_STORE, startHarness, waitFor } from './harness';
import { startRestartable } from './restartable';

const SUE = { id: 'sue', name: 'Sue Park' };

/** What a supervisor client sees, from the frames it received. */
function figuresOf(client: TestClient): SupervisorFigures {
  const figures = new SupervisorFigures();
  for (const message of client.received) {
    if ('seq' in message && message.type.startsWith('supervisor.')) figures.apply(message as Event);
  }
  return figures;
}

const supervisorUrl = (httpUrl: string) => `${httpUrl.replace(/^http/, 'ws')}/v1/supervisor`;

describe('supervisor sessions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  async function supervisorToken(accountId: string, supervisor = SUE): Promise<string> {
    const issued = await h.http<{ token: string; expiresAt: number }>(
      'POST',
      `/admin/accounts/${accountId}/supervisors/${supervisor.id}/token`,
      { name: supervisor.name, ttlSeconds: null },
    );
    expect(issued.status).toBe(201);
    return issued.body.token;
  }

  async function supervise(accountId: string) {
    const { client, welcome } = await TestClient.connect(
      supervisorUrl(h.service.url),
      await supervisorToken(accountId),
    );
    h.track(client);
    await waitFor(() => figuresOf(client).loaded);
    return { client, welcome };
  }

  /** Waits until what the supervisor sees meets `check`. */
  async function sees(client: TestClient, check: (figures: SupervisorFigures) => boolean) {
    await waitFor(() => check(figuresOf(client)), 5000);
    return figuresOf(client).list();
  }

  it('sends the account’s figures after welcome, then changes after arrivals and assignments', async () => {
    const a = await h.world({
      settings: { wrapSeconds: 0 },
      services: ['sales', 'care'],
      agents: [
        { id: 'ann', name: 'Ann Lee', services: ['sales'], state: 'away' },
        { id: 'bob', name: 'Bob Stone', services: ['care'] },
      ],
    });
    const { client, welcome } = await supervise(a);
    expect(welcome).toMatchObject({ resumed: false, seq: 0, snapshot: null });
    const first = client.received.find((m) => m.type === 'supervisor.snapshot');
    expect(first).toMatchObject({ seq: 1, part: 0, parts: 1 });
    const start = figuresOf(client).list();
    expect(start.services.map((s) => [s.id, s.waiting, s.inProgress])).toEqual([
      ['care', 0, 0],
      ['sales', 0, 0],
    ]);
    expect(start.agents.map((agent) => [agent.id, agent.state, agent.presence])).toEqual([
      ['ann', 'away', 'logged-in'],
      ['bob', 'ready', 'available-now'],
    ]);

    // Nobody ready at sales: it waits.
    const waiting = await h.arrive(a, { channel: 'chat', serviceId: 'sales' });
    const queued = await sees(client, (f) => f.list().services.some((s) => s.waiting === 1));
    expect(queued.services.find((s) => s.id === 'sales')).toMatchObject({
      waiting: 1,
      oldestWaitingSince: waiting.enqueuedAt,
      inProgress: 0,
      assignedToday: 0,
    });
    // Bob takes care's call at once.
    const call = await h.arrive(a, {
      channel: 'voice',
      serviceId: 'care',
      customer: { name: 'Jo Ray' },
    });
    const busy = await sees(client, (f) =>
      f.list().agents.some((agent) => agent.id === 'bob' && agent.interactions.length === 1),
    );
    expect(busy.agents.find((agent) => agent.id === 'bob')).toMatchObject({
      state: 'busy',
      presence: 'logged-in',
      capacityUsed: { call: 100, video: 0, chat: 0, email: 0, case: 0 },
      interactions: [
        {
          id: call.id,
          channel: 'voice',
          serviceId: 'care',
          customerName: 'Jo Ray',
          state: 'active',
        },
      ],
    });
    await sees(client, (f) =>
      f.list().services.some((s) => s.id === 'care' && s.inProgress === 1 && s.assignedToday === 1),
    );
    // Changes carry whole entries of what changed only, and no frame is invalid.
    const changed = client.received.filter(
      (m): m is ServerMessageOf<'supervisor.changed'> => m.type === 'supervisor.changed',
    );
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((m) => m.agents.every((agent) => agent.id !== 'ann'))).toBe(true);
    expect(client.invalid).toEqual([]);
  });

  it('sets an agent Away with a listed reason: the agent’s socket sees who and why', async () => {
    const a = await h.world({
      settings: { awayReasons: ['Coaching', 'Lunch'] },
      services: ['sales'],
      agents: [{ id: 'ann', name: 'Ann Lee', services: ['sales'] }],
    });
    const ann = await h.connect(a, 'ann');
    const { client } = await supervise(a);
    // The reasons to choose from come with the figures, and follow the settings.
    expect(figuresOf(client).awayReasons).toEqual(['Coaching', 'Lunch']);
    const patched = await h.http('PATCH', `/admin/accounts/${a}/settings`, {
      awayReasons: ['Coaching', 'Lunch', 'Training'],
    });
    expect(patched.status).toBe(200);
    await sees(client, (f) => f.awayReasons?.length === 3);
    await client.ok({
      type: 'supervisor.presence.set',
      agentId: 'ann',
      presence: 'away',
      reason: 'Coaching',
    });
    const changed = (await ann.event(
      'agent.changed',
      (e) => (e as ServerMessageOf<'agent.changed'>).agent.setBy !== null,
    )) as ServerMessageOf<'agent.changed'>;
    expect(changed.agent).toMatchObject({ state: 'away', awayReason: 'Coaching', setBy: SUE });
    const seen = await sees(client, (f) => f.list().agents.some((agent) => agent.setBy !== null));
    expect(seen.agents[0]).toMatchObject({ state: 'away', awayReason: 'Coaching', setBy: SUE });

    // The agent chooses Ready: nobody set it.
    await ann.ok({ type: 'presence.set', state: 'ready', reason: null });
    expect((await ann.resync()).agent).toMatchObject({ state: 'ready', setBy: null });

    // Logged out with words of the supervisor's own.
    await client.ok({
      type: 'supervisor.presence.set',
      agentId: 'ann',
      presence: 'logged-out',
      reason: 'Shift over',
    });
    expect((await ann.resync()).agent).toMatchObject({
      state: 'logged-out',
      awayReason: 'Shift over',
      setBy: SUE,
    });
  });

  it('never changes another account, and refuses bad input with typed errors that change nothing', async () => {
    const a = await h.world({
      settings: { awayReasons: ['Lunch'] },
      services: ['sales'],
      agents: [{ id: 'ann', services: ['sales'] }],
    });
    const b = await h.world({ services: ['sales'], agents: [{ id: 'bea', services: ['sales'] }] });
    const { client } = await supervise(a);
    const setAway = (agentId: string, reason: string | null) =>
      client.refused({ type: 'supervisor.presence.set', agentId, presence: 'away', reason });
    const before = await h.http('GET', `/admin/accounts/${b}/agents/bea`);
    const other = await setAway('bea', 'Lunch');
    expect(other).toMatchObject({ code: 'not-found', field: 'agentId' });
    expect((await h.http('GET', `/admin/accounts/${b}/agents/bea`)).body).toEqual(before.body);

    const annBefore = (await h.http('GET', `/admin/accounts/${a}/agents/ann`)).body;
    const unlisted = await setAway('ann', 'Nap');
    expect(unlisted).toMatchObject({ code: 'bad-field', field: 'reason' });
    expect(unlisted.message).toContain('Lunch');
    const none = await setAway('ann', null);
    expect(none).toMatchObject({ code: 'bad-field', field: 'reason' });
    // Not a supervisor's command.
    const agentCommand = await client.refused({
      type: 'presence.set',
      state: 'away',
      reason: null,
    });
    expect(agentCommand).toMatchObject({ code: 'not-allowed', messageType: 'presence.set' });
    expect(await client.refused({ type: 'directory.subscribe' })).toMatchObject({
      code: 'not-allowed',
    });
    // A frame the protocol refuses.
    client.sendRaw(
      JSON.stringify({
        v: 1,
        type: 'supervisor.presence.set',
        id: 'bad-1',
        agentId: 'ann',
        presence: 'ready',
        reason: null,
      }),
    );
    const malformed = (await client.next(
      (m: ServerMessage) => m.type === 'error' && m.id === 'bad-1',
    )) as ServerMessageOf<'error'>;
    expect(malformed).toMatchObject({ code: 'bad-field', field: 'presence' });
    expect((await h.http('GET', `/admin/accounts/${a}/agents/ann`)).body).toEqual(annBefore);
  });

  it('refuses an agent token at /v1/supervisor, a supervisor token at /v1/agent, and supervisor commands from agents', async () => {
    const a = await h.world({ services: ['sales'], agents: [{ id: 'ann', services: ['sales'] }] });
    const agentAtSupervisor = await TestClient.open(supervisorUrl(h.service.url));
    h.track(agentAtSupervisor);
    agentAtSupervisor.sendRaw(helloFrame(await h.token(a, 'ann')));
    expect((await agentAtSupervisor.waitClose()).code).toBe(CLOSE_CODES.unauthorised);

    const supervisorAtAgent = await TestClient.open(
      `${h.service.url.replace(/^http/, 'ws')}/v1/agent`,
    );
    h.track(supervisorAtAgent);
    supervisorAtAgent.sendRaw(helloFrame(await supervisorToken(a)));
    expect((await supervisorAtAgent.waitClose()).code).toBe(CLOSE_CODES.unauthorised);

    const ann = await h.connect(a, 'ann');
    expect(
      await ann.refused({
        type: 'supervisor.presence.set',
        agentId: 'ann',
        presence: 'away',
        reason: null,
      }),
    ).toMatchObject({ code: 'not-allowed' });
    expect((await ann.resync()).agent.state).toBe('ready');
  });

  it('issues supervisor tokens for existing accounts only, with a checked body', async () => {
    const a = await h.world({});
    const missing = await h.http('POST', '/admin/accounts/nobody/supervisors/sue/token', {
      name: 'Sue',
      ttlSeconds: null,
    });
    expect(missing.status).toBe(404);
    const noName = await h.http('POST', `/admin/accounts/${a}/supervisors/sue/token`, {
      ttlSeconds: null,
    });
    expect(noName).toMatchObject({ status: 400, body: { error: { code: 'missing-field' } } });
    const tooLong = await h.http('POST', `/admin/accounts/${a}/supervisors/sue/token`, {
      name: 'Sue',
      ttlSeconds: 86_400,
    });
    expect(tooLong).toMatchObject({ status: 400, body: { error: { field: 'ttlSeconds' } } });
  });

  it('says which agents and services were removed', async () => {
    const a = await h.world({
      services: ['sales', 'old'],
      agents: [
        { id: 'ann', services: ['sales'] },
        { id: 'bob', services: ['sales'] },
      ],
    });
    const { client } = await supervise(a);
    expect((await h.http('DELETE', `/admin/accounts/${a}/agents/bob`)).status).toBe(204);
    expect((await h.http('DELETE', `/admin/accounts/${a}/services/old`)).status).toBe(204);
    const left = await sees(
      client,
      (f) => f.list().agents.length === 1 && f.list().services.length === 1,
    );
    expect(left.agents.map((agent) => agent.id)).toEqual(['ann']);
    expect(left.services.map((service) => service.id)).toEqual(['sales']);
    const removed = client.received.filter(
      (m): m is ServerMessageOf<'supervisor.changed'> => m.type === 'supervisor.changed',
    );
    expect(removed.flatMap((m) => m.removedAgents)).toContain('bob');
    expect(removed.flatMap((m) => m.removedServices)).toContain('old');
  });

  it('resumes a session with the changes it missed', async () => {
    const a = await h.world({ services: ['sales'], agents: [] });
    const token = await supervisorToken(a);
    const { client, welcome } = await supervise(a);
    const lastSeq = client.lastSeq;
    client.close();
    await client.waitClose();
    await h.arrive(a, { channel: 'email', serviceId: 'sales' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await TestClient.connect(supervisorUrl(h.service.url), token, {
      sessionId: welcome.sessionId,
      lastSeq,
    });
    h.track(again.client);
    expect(again.welcome).toMatchObject({ resumed: true, sessionId: welcome.sessionId });
    const missed = (await again.client.event(
      'supervisor.changed',
    )) as ServerMessageOf<'supervisor.changed'>;
    expect(missed.seq).toBe(lastSeq + 1);
    expect(missed.services[0]).toMatchObject({ id: 'sales', waiting: 1 });
  });
});

(CONFORMANCE_STORE === 'memory' ? describe.skip : describe)(
  'supervisor counts across a restart',
  () => {
    it('keeps assigned and abandoned today on the shared store', async () => {
      const service = await startRestartable();
      try {
        const settings = (await service.send('GET', '/admin/accounts/none/settings')).status;
        expect(settings).toBe(404);
        expect(
          (
            await service.send('POST', '/admin/accounts', {
              id: 'acme',
              name: 'Acme',
              settings: null,
            })
          ).status,
        ).toBe(201);
        await service.send('POST', '/admin/accounts/acme/services', { id: 'sales', name: 'Sales' });
        await service.send('POST', '/admin/accounts/acme/agents', {
          id: 'ann',
          name: 'Ann',
          services: ['sales'],
          weights: null,
          state: 'ready',
        });
        await service.send('POST', '/simulator/accounts/acme/interactions', {
          channel: 'chat',
          serviceId: 'sales',
          customer: { name: 'Jo', phone: null, email: null },
        });
        await service.send('PATCH', '/admin/accounts/acme/agents/ann', {
          name: null,
          services: [],
          weights: null,
        });
        const left = await service.send('POST', '/simulator/accounts/acme/interactions', {
          channel: 'chat',
          serviceId: 'sales',
          customer: { name: 'Al', phone: null, email: null },
        });
        await service.send(
          'POST',
          `/simulator/accounts/acme/interactions/${String(left.body['id'])}/leave`,
        );
        const expected = { assignedToday: 1, abandonedToday: 1, inProgress: 1 };
        const read = async () => {
          const issued = await service.send('POST', '/admin/accounts/acme/supervisors/sue/token', {
            name: 'Sue',
            ttlSeconds: null,
          });
          const { client } = await TestClient.connect(
            supervisorUrl(service.url()),
            String(issued.body['token']),
          );
          await waitFor(() => figuresOf(client).loaded);
          const sales = figuresOf(client).list().services[0];
          client.close();
          return sales;
        };
        expect(await read()).toMatchObject(expected);
        await service.restart();
        expect(await read()).toMatchObject(expected);
      } finally {
        await service.dispose();
      }
      // Two starts of a service on the shared store: past jest's 5 s on a busy machine (as the
      // other restart tests).
    }, 30_000);
  },
);
