/**
 * The connector API's outcome feed over the wire (CONNECTORS.md): what became of the interactions
 * a connector created (assigned, transferred, released, abandoned, ended, logged), read from a cursor, each
 * event once with an id to deduplicate; another connector's events and the simulator's work are
 * not in it; a bad cursor is a typed 400 and a bad token a typed 401.
 */
import type { Interaction } from '../../src/protocol';
import type { ApiBody, Harness } from './harness';
import { startHarness, waitFor } from './harness';

interface Feed {
  readonly events: {
    id: string;
    seq: number;
    type: string;
    externalId: string;
    interactionId: string;
    agentId: string | null;
  }[];
  readonly cursor: number;
  readonly gap: boolean;
}

describe('connector API: the outcome feed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  async function setup() {
    const a = await h.world({
      settings: { wrapSeconds: 0 },
      services: ['s'],
      agents: [
        { id: 'ann', services: ['s'] },
        { id: 'bob', services: [] },
      ],
    });
    const issue = async (id: string) => {
      const result = await h.http<{ token: string }>('POST', `/admin/accounts/${a}/connectors`, {
        id,
        name: id,
        channels: ['chat', 'email'],
        services: ['s'],
      });
      expect(result.status).toBe(201);
      return result.body.token;
    };
    return { a, web: await issue('web'), app: await issue('app'), ann: await h.connect(a, 'ann') };
  }

  const create = async (a: string, token: string, externalId: string, channel = 'chat') => {
    const result = await h.http<Interaction & ApiBody>(
      'POST',
      `/connector/accounts/${a}/interactions`,
      { externalId, channel, serviceId: 's', customer: { name: 'Customer' } },
      token,
    );
    expect(result.status).toBe(201);
    return result.body;
  };

  const read = (a: string, token: string | null, query = '') =>
    h.http<Feed & ApiBody>('GET', `/connector/accounts/${a}/events${query}`, undefined, token);

  const feed = async (a: string, token: string, after = 0) => {
    const result = await read(a, token, `?after=${after}`);
    expect(result.status).toBe(200);
    return result.body;
  };

  it('tells assigned then released, once each, from the cursor on', async () => {
    const { a, web, ann } = await setup();
    const made = await create(a, web, 'chat-1');
    const chat = await ann.added((i) => i.id === made.id);
    await ann.ok({ type: 'release', interactionId: chat.id, version: chat.version });
    await waitFor(async () => (await feed(a, web)).events.length === 2);
    const page = await feed(a, web);
    expect(page.events).toEqual([
      expect.objectContaining({
        type: 'assigned',
        externalId: 'chat-1',
        interactionId: made.id,
        agentId: 'ann',
      }),
      expect.objectContaining({ type: 'released', externalId: 'chat-1', agentId: 'ann' }),
    ]);
    expect(new Set(page.events.map((event) => event.id)).size).toBe(2);
    expect(page.events[0]!.seq).toBeLessThan(page.events[1]!.seq);
    expect(page.cursor).toBe(page.events[1]!.seq);
    expect(page.gap).toBe(false);
    // From the cursor: nothing new, the same cursor.
    expect(await feed(a, web, page.cursor)).toEqual({
      events: [],
      cursor: page.cursor,
      gap: false,
    });
    // From the first event's seq: the second alone.
    expect((await feed(a, web, page.events[0]!.seq)).events.map((event) => event.type)).toEqual([
      'released',
    ]);
    // A page of one.
    const one = await read(a, web, '?limit=1');
    expect(one.body.events).toHaveLength(1);
    expect(one.body.cursor).toBe(page.events[0]!.seq);
  });

  it('tells logged once the agent submits the call log', async () => {
    const { a, web, ann } = await setup();
    await h.http('PATCH', `/admin/accounts/${a}/settings`, { features: { callLogging: true } });
    const made = await create(a, web, 'chat-logged');
    const chat = await ann.added((i) => i.id === made.id);
    await ann.ok({ type: 'release', interactionId: chat.id, version: chat.version });
    await ann.ok({
      type: 'log.submit',
      interactionId: chat.id,
      disposition: 'Resolved',
      notes: '',
    });
    await waitFor(async () => (await feed(a, web)).events.length === 3);
    expect((await feed(a, web)).events.map((event) => [event.type, event.agentId])).toEqual([
      ['assigned', 'ann'],
      ['released', 'ann'],
      ['logged', 'ann'],
    ]);
  });

  it('tells transferred, then assigned to the agent it went to', async () => {
    const { a, web, ann } = await setup();
    const bob = await h.connect(a, 'bob');
    const made = await create(a, web, 'mail-1', 'email');
    const mail = await ann.added((i) => i.id === made.id);
    await ann.ok({
      type: 'transfer',
      interactionId: mail.id,
      version: mail.version,
      target: { type: 'agent', id: 'bob' },
    });
    await bob.added((i) => i.id === made.id);
    await waitFor(async () => (await feed(a, web)).events.length === 3);
    expect((await feed(a, web)).events.map((event) => [event.type, event.agentId])).toEqual([
      ['assigned', 'ann'],
      ['transferred', 'ann'],
      ['assigned', 'bob'],
    ]);
  });

  it('tells ended when the channel ends it', async () => {
    const { a, web, ann } = await setup();
    const made = await create(a, web, 'chat-2');
    await ann.added((i) => i.id === made.id);
    const end = await h.http(
      'POST',
      `/connector/accounts/${a}/interactions/end`,
      { externalId: 'chat-2', reason: 'customer-left' },
      web,
    );
    expect(end.status).toBe(200);
    expect((await feed(a, web)).events.map((event) => event.type)).toEqual(['assigned', 'ended']);
  });

  it('tells ended, with no agent, when the channel ends it while it waits', async () => {
    const { a, web, ann } = await setup();
    await ann.ok({ type: 'presence.set', state: 'away', reason: null });
    await create(a, web, 'chat-9');
    const end = await h.http(
      'POST',
      `/connector/accounts/${a}/interactions/end`,
      { externalId: 'chat-9', reason: 'customer-left' },
      web,
    );
    expect(end).toMatchObject({ status: 200, body: { ended: true } });
    expect((await feed(a, web)).events).toEqual([
      expect.objectContaining({ type: 'ended', externalId: 'chat-9', agentId: null }),
    ]);
  });

  it('shows a connector its own events alone, and none of the simulator’s work', async () => {
    const { a, web, app, ann } = await setup();
    const sim = await h.arrive(a, { channel: 'chat', serviceId: 's' });
    await ann.added((i) => i.id === sim.id);
    const mine = await create(a, app, 'chat-3');
    await ann.added((i) => i.id === mine.id);
    expect((await feed(a, web)).events).toEqual([]);
    expect((await feed(a, app)).events.map((event) => event.externalId)).toEqual(['chat-3']);
  });

  it('refuses a bad cursor or limit (400) and a bad token (401)', async () => {
    const { a, web } = await setup();
    for (const [query, field] of [
      ['?after=-1', 'after'],
      ['?after=x', 'after'],
      ['?after=99999999999999999', 'after'],
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
    ] as const) {
      const result = await read(a, web, query);
      expect(result).toMatchObject({ status: 400, body: { error: { code: 'bad-field', field } } });
    }
    expect((await read(a, null)).status).toBe(401);
    expect((await read(a, h.adminKey)).status).toBe(401);
    expect((await read(a, web, '?after=x')).status).toBe(400);
    expect((await read(a, 'cpc_web_' + '0'.repeat(64), '?after=x')).status).toBe(401);
  });
});
