/**
 * The edge of the routing service: authentication at hello, version negotiation, frame limits,
 * malformed frames (typed errors, nothing changes), isolation between agents and accounts, and the
 * command rate limit. The service must stay up through all of it.
 */
import { randomBytes } from 'node:crypto';
import type { ServerMessageOf } from '../../src/protocol';
import { TokenIssuer } from '../../src/routing/server/tokens';
import { helloFrame, TestClient } from './client';
import type { Harness } from './harness';
import { startHarness } from './harness';

type ErrorFrame = ServerMessageOf<'error'>;

const hello = helloFrame;

describe('security and bad input', () => {
  let h: Harness;
  let account: string;
  beforeAll(async () => {
    h = await startHarness();
    account = await h.world({
      settings: { wrapSeconds: 0 },
      services: ['s'],
      agents: [
        { id: 'ann', name: 'Ann Lee', services: ['s'] },
        { id: 'bob', services: [] },
      ],
    });
  });
  afterAll(async () => {
    // Whatever happened above, the service is still up.
    const health = await h.http('GET', '/health', undefined, null);
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'up' });
    await h.stop();
  });

  /** Opens a socket, sends frames as given, and returns how it closed (or the welcome). */
  async function raw(...frames: (string | Buffer)[]) {
    const client = h.track(await TestClient.open(h.service.agentUrl));
    for (const frame of frames) client.sendRaw(frame);
    return client;
  }

  describe('before welcome', () => {
    it.each([
      ['garbage text', 'hello there'],
      ['a JSON array', '[1,2,3]'],
      ['a command', JSON.stringify({ v: 1, type: 'presence.set', id: 'c-1', state: 'ready' })],
      [
        'a hello without token',
        JSON.stringify({
          v: 1,
          type: 'hello',
          versions: [1],
          client: { name: 'x', version: '1' },
          resume: null,
        }),
      ],
      ['a hello with an unknown field', hello('abc.def.ghi', { extra: true })],
    ])('%s as first frame closes with 4400', async (_label, frame) => {
      const client = await raw(frame);
      expect((await client.waitClose()).code).toBe(4400);
      expect(client.received.filter((m) => m.type === 'welcome')).toEqual([]);
    });

    it('only /v1/agent accepts WebSocket upgrades', async () => {
      const url = h.service.agentUrl.replace('/v1/agent', '/v2/agent');
      await expect(TestClient.open(url)).rejects.toThrow(/404/);
    });

    it('a binary first frame closes with 4400', async () => {
      const client = await raw(Buffer.from([1, 2, 3]));
      expect((await client.waitClose()).code).toBe(4400);
    });

    it('a token that is not a JWT, forged, tampered or expired closes with 4401', async () => {
      const real = await h.token(account, 'ann');
      const [head, payload, signature] = real.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      const tampered = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: 'bob' })).toString('base64url')}.${signature}`;
      const forged = (
        await new TokenIssuer(randomBytes(32), 600).issue({ accountId: account, agentId: 'ann' })
      ).token;
      const expired = (
        await new TokenIssuer(h.signingKey, 600, () => Date.now() - 3_600_000).issue({
          accountId: account,
          agentId: 'ann',
        })
      ).token;
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      for (const token of ['abc.def.ghi', tampered, forged, expired, unsigned]) {
        const client = await raw(hello(token));
        expect((await client.waitClose()).code).toBe(4401);
      }
    });

    it('a valid token of an unknown agent, or naming another account, closes with 4401', async () => {
      const other = await h.world({ agents: [{ id: 'zed' }] });
      const issuer = new TokenIssuer(h.signingKey, 600);
      // zed exists, but in the other account; "nobody" exists nowhere; "nowhere" is no account.
      for (const identity of [
        { accountId: account, agentId: 'zed' },
        { accountId: account, agentId: 'nobody' },
        { accountId: 'nowhere', agentId: 'ann' },
      ]) {
        const client = await raw(hello((await issuer.issue(identity)).token));
        expect((await client.waitClose()).code).toBe(4401);
      }
      // The other account's agent connects fine with its own token.
      const zed = await h.connect(other, 'zed');
      expect(zed.closed).toBeNull();
    });

    it('a hello offering no version the server speaks closes with 4426', async () => {
      const token = await h.token(account, 'ann');
      const v2 = await raw(hello(token, { v: 2, versions: [2] }));
      expect((await v2.waitClose()).code).toBe(4426);
      const inconsistent = await raw(hello(token, { v: 1, versions: [2, 3] }));
      expect((await inconsistent.waitClose()).code).toBe(4426);
    });

    it('a v2 client that also speaks v1 is answered in v1', async () => {
      const token = await h.token(account, 'ann');
      const client = await raw(hello(token, { v: 2, versions: [1, 2] }));
      const welcome = await client.next((m) => m.type === 'welcome');
      expect(welcome).toMatchObject({ v: 1, type: 'welcome', resumed: false });
      expect(client.invalid).toEqual([]);
    });

    it('a command sent before welcome is refused with not-welcomed and changes nothing', async () => {
      const token = await h.token(account, 'bob');
      const client = await raw(
        hello(token),
        JSON.stringify({ v: 1, type: 'presence.set', id: 'early-1', state: 'away', reason: null }),
      );
      const error = (await client.next((m) => m.type === 'error')) as ErrorFrame;
      expect(error).toMatchObject({
        id: 'early-1',
        code: 'not-welcomed',
        messageType: 'presence.set',
      });
      const welcome = (await client.next(
        (m) => m.type === 'welcome',
      )) as ServerMessageOf<'welcome'>;
      expect(welcome.snapshot?.agent.state).toBe('ready');
      client.close();
    });
  });

  describe('after welcome', () => {
    it('a second hello closes with 4400', async () => {
      const ann = await h.connect(account, 'ann');
      ann.sendRaw(hello(await h.token(account, 'ann')));
      expect((await ann.waitClose()).code).toBe(4400);
    });

    it('a binary frame closes with 4400', async () => {
      const ann = await h.connect(account, 'ann');
      ann.sendRaw(Buffer.from('{"v":1,"type":"resync","id":"b-1"}'));
      expect((await ann.waitClose()).code).toBe(4400);
    });

    it('a frame over 64 KiB closes with 4413; the session can be resumed', async () => {
      const ann = await h.connect(account, 'ann');
      const sessionId = ann.sessionId as string;
      ann.sendRaw(
        JSON.stringify({ v: 1, type: 'resync', id: 'big-1', pad: 'x'.repeat(64 * 1024) }),
      );
      expect((await ann.waitClose()).code).toBe(4413);
      // Multi-byte characters count as UTF-8 bytes: 22,000 x 3 bytes is over the limit too.
      const bob = await h.connect(account, 'bob');
      bob.sendRaw(
        JSON.stringify({
          v: 1,
          type: 'log.submit',
          id: 'big-2',
          interactionId: 'i-1',
          disposition: null,
          notes: '€'.repeat(22_000),
        }),
      );
      expect((await bob.waitClose()).code).toBe(4413);
      const again = await TestClient.connect(h.service.agentUrl, await h.token(account, 'ann'), {
        sessionId,
        lastSeq: ann.lastSeq,
      });
      h.track(again.client);
      expect(again.welcome).toMatchObject({ resumed: true, sessionId });
    });

    it('malformed frames get typed errors naming the message type and field; nothing changes', async () => {
      const ann = await h.connect(account, 'ann');
      await h.arrive(account, { channel: 'voice', serviceId: 's' });
      const call = (await ann.event('interaction.added')).interaction;
      const before = await ann.resync();
      const cases: [string, Partial<ErrorFrame>][] = [
        ['{"v":1,"type":"hold",', { id: null, code: 'bad-json', messageType: null }],
        ['[1,2,3]', { id: null, code: 'bad-frame' }],
        ['{"v":1,"id":"m-0"}', { id: 'm-0', code: 'bad-frame', field: 'type' }],
        [
          JSON.stringify({ v: 1, type: 'explode', id: 'm-1' }),
          { id: 'm-1', code: 'unknown-type', messageType: 'explode', field: 'type' },
        ],
        [
          JSON.stringify({ v: 1, type: 'interaction.added', id: 'm-2' }),
          { id: 'm-2', code: 'unknown-type', messageType: 'interaction.added' },
        ],
        [
          JSON.stringify({ v: 1, type: 'hold', id: 'm-3', interactionId: call.id }),
          { id: 'm-3', code: 'missing-field', messageType: 'hold', field: 'version' },
        ],
        [
          JSON.stringify({ v: 1, type: 'hold', id: 'm-4', interactionId: call.id, version: '1' }),
          { id: 'm-4', code: 'bad-field', messageType: 'hold', field: 'version' },
        ],
        [
          JSON.stringify({
            v: 1,
            type: 'hold',
            id: 'm-5',
            interactionId: call.id,
            version: call.version,
            force: true,
          }),
          { id: 'm-5', code: 'unknown-field', messageType: 'hold', field: 'force' },
        ],
        [
          JSON.stringify({
            v: 2,
            type: 'hold',
            id: 'm-6',
            interactionId: call.id,
            version: call.version,
          }),
          { id: 'm-6', code: 'unsupported-version', messageType: 'hold', field: 'v' },
        ],
        [
          JSON.stringify({ v: 1, type: 'presence.set', id: 'm-7', state: 'busy' }),
          { id: 'm-7', code: 'bad-field', messageType: 'presence.set', field: 'state' },
        ],
        [
          JSON.stringify({
            v: 1,
            type: 'transfer',
            id: 'm-8',
            interactionId: call.id,
            version: call.version,
            target: { type: 'agent' },
          }),
          { id: 'm-8', code: 'missing-field', messageType: 'transfer', field: 'target.id' },
        ],
        [
          JSON.stringify({
            v: 1,
            type: 'log.submit',
            id: 'm-9',
            interactionId: call.id,
            disposition: null,
            notes: 'n'.repeat(4001),
          }),
          { id: 'm-9', code: 'too-large', messageType: 'log.submit', field: 'notes' },
        ],
        [
          JSON.stringify({ v: 1, type: 'presence.set', id: '-bad id', state: 'away' }),
          { id: null, code: 'bad-field', messageType: 'presence.set', field: 'id' },
        ],
        [
          JSON.stringify({ v: 1, type: 'release', id: 'm-10', interactionId: call.id, version: 0 }),
          { id: 'm-10', code: 'bad-field', messageType: 'release', field: 'version' },
        ],
      ];
      for (const [frame, expected] of cases) {
        ann.sendRaw(frame);
        const error = (await ann.next((m) => m.type === 'error')) as ErrorFrame;
        expect({ frame, error }).toMatchObject({ frame, error: expected });
        expect(error.message.length).toBeGreaterThan(0);
      }
      const after = await ann.resync();
      expect(after).toEqual(before);
      expect(ann.closed).toBeNull();
      expect(ann.invalid).toEqual([]);
    });

    it('another agent’s or another account’s interaction is not-found, like one that does not exist', async () => {
      const other = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
      const a = await h.world({
        services: ['s'],
        agents: [
          { id: 'ann', services: ['s'] },
          { id: 'bob', services: [] },
        ],
      });
      const ann = await h.connect(a, 'ann');
      const bob = await h.connect(a, 'bob');
      const foreignAnn = await h.connect(other, 'ann');
      await h.arrive(a, { channel: 'case', serviceId: 's' });
      const kase = (await ann.event('interaction.added')).interaction;
      const body = { interactionId: kase.id, version: kase.version } as const;
      const attempts = [
        await bob.refused({ type: 'release', ...body }),
        await bob.refused({ type: 'transfer', ...body, target: { type: 'agent', id: 'bob' } }),
        // Same agent id, another account.
        await foreignAnn.refused({ type: 'release', ...body }),
        await foreignAnn.refused({ type: 'hold', ...body }),
      ];
      const missing = await bob.refused({ type: 'release', interactionId: 'i-nope', version: 1 });
      for (const error of [...attempts, missing]) {
        expect(error).toMatchObject({
          code: 'not-found',
          field: 'interactionId',
          currentVersion: null,
        });
      }
      // Nothing leaks: the message reads like the one for a missing interaction.
      expect(attempts[0]?.message).toBe(missing.message.replace('i-nope', kase.id));
      expect((await ann.resync()).interactions).toEqual([kase]);
      for (const client of [ann, bob, foreignAnn]) expect(client.invalid).toEqual([]);
    });

    it('a transfer to another account’s agent or service is not-found', async () => {
      const other = await h.world({ services: ['x'], agents: [{ id: 'zed' }] });
      void other;
      const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
      const ann = await h.connect(a, 'ann');
      await h.arrive(a, { channel: 'case', serviceId: 's' });
      const kase = (await ann.event('interaction.added')).interaction;
      const body = { type: 'transfer', interactionId: kase.id, version: kase.version } as const;
      expect((await ann.refused({ ...body, target: { type: 'agent', id: 'zed' } })).code).toBe(
        'not-found',
      );
      expect((await ann.refused({ ...body, target: { type: 'service', id: 'x' } })).code).toBe(
        'not-found',
      );
      expect(ann.invalid).toEqual([]);
    });
  });

  describe('rate limit', () => {
    let slow: Harness;
    beforeAll(async () => {
      slow = await startHarness({ connection: { commandsPerSecond: 5, commandBurst: 5 } });
      await slow.account('acme');
      await slow.agent('acme', { id: 'ann' });
    });
    afterAll(async () => {
      expect((await slow.http('GET', '/health', undefined, null)).status).toBe(200);
      await slow.stop();
    });

    it('a flood of commands gets rate-limited errors (not applied), then close 4429', async () => {
      const ann = await slow.connect('acme', 'ann');
      for (let i = 0; i < 100; i++) {
        ann.send({
          v: 1,
          type: 'presence.set',
          id: `f-${i}`,
          state: i % 2 === 0 ? 'away' : 'ready',
          reason: null,
        });
      }
      const closed = await ann.waitClose(3000);
      expect(closed.code).toBe(4429);
      const acks = ann.received.filter((m) => m.type === 'ack');
      const limited = ann.received.filter(
        (m): m is ErrorFrame => m.type === 'error' && m.code === 'rate-limited',
      );
      expect(acks.length).toBeGreaterThanOrEqual(5);
      expect(acks.length).toBeLessThanOrEqual(7);
      expect(limited.length).toBeGreaterThanOrEqual(20);
      // Every command was answered in order until the close, and the refused ones name their id.
      expect(limited[0]?.id).toBe(`f-${acks.length}`);
      expect(ann.invalid).toEqual([]);
      // Refused commands were not applied: the last applied one decides the state.
      const lastApplied = acks.length - 1;
      // After backing off, the client resumes its session (4429 is not the end of it).
      const again = await TestClient.connect(
        slow.service.agentUrl,
        await slow.token('acme', 'ann'),
        {
          sessionId: ann.sessionId as string,
          lastSeq: ann.lastSeq,
        },
      );
      slow.track(again.client);
      expect(again.welcome).toMatchObject({ resumed: true, sessionId: ann.sessionId });
      const snapshot = await again.client.resync();
      expect(snapshot.agent.state).toBe(lastApplied % 2 === 0 ? 'away' : 'ready');
      expect(again.client.invalid).toEqual([]);
    });

    it('a client within the rate is never limited', async () => {
      const ann = await slow.connect('acme', 'ann');
      for (let i = 0; i < 4; i++) await ann.ok({ type: 'resync' });
      expect(ann.received.filter((m) => m.type === 'error')).toEqual([]);
      expect(ann.closed).toBeNull();
    });
  });
});
