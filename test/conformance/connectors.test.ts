/**
 * The connector API over the wire (CONNECTORS.md): credentials per account created, rotated and
 * revoked through the admin API; a connector token as a bearer header creates and updates
 * interactions within its channels and services; a missing, wrong, rotated or revoked token is a
 * typed 401 and an out-of-scope request a typed 403, and neither changes anything.
 */
import type { Interaction } from '../../src/protocol';
import type { ApiBody, Harness } from './harness';
import { startHarness } from './harness';

interface Issued {
  readonly connector: { readonly id: string; readonly channels: string[] };
  readonly token: string;
}

describe('connector API: credentials and scopes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const issue = async (a: string, body: Record<string, unknown> = {}) => {
    const result = await h.http<Issued>('POST', `/admin/accounts/${a}/connectors`, {
      id: 'web',
      name: 'Web chat',
      channels: ['chat'],
      services: ['s'],
      ...body,
    });
    expect(result.status).toBe(201);
    return result.body;
  };

  let n = 0;
  /** A chat under a fresh external id each time it is called. */
  const chatBody = () => ({
    externalId: `ext-${++n}`,
    channel: 'chat',
    serviceId: 's',
    customer: { name: 'Customer' },
  });
  const chat = chatBody();
  const create = (a: string, token: string | null, body: unknown = chatBody()) =>
    h.http<Interaction & ApiBody>('POST', `/connector/accounts/${a}/interactions`, body, token);
  const end = (a: string, token: string | null, body: unknown) =>
    h.http('POST', `/connector/accounts/${a}/interactions/end`, body, token);
  const interactions = async (a: string) =>
    (await h.http<unknown[]>('GET', `/admin/accounts/${a}/interactions`)).body.length;

  it('creates a connector whose token creates interactions in scope', async () => {
    const a = await h.world({ services: ['s'] });
    const issued = await issue(a);
    expect(issued.token).toMatch(/^cpc_web_[0-9a-f]{64}$/);
    const listed = await h.http('GET', `/admin/accounts/${a}/connectors`);
    expect(listed.body).toEqual([expect.objectContaining({ id: 'web', channels: ['chat'] })]);
    expect(JSON.stringify(listed.body)).not.toContain(issued.token.slice(8));
    expect(JSON.stringify(listed.body)).not.toContain('secretHash');
    const made = await create(a, issued.token, chat);
    expect(made).toMatchObject({ status: 201, body: { channel: 'chat', serviceId: 's' } });
    expect(await interactions(a)).toBe(1);
    const body = { externalId: chat.externalId, reason: 'customer-left' };
    const ended = await end(a, issued.token, body);
    expect(ended).toMatchObject({
      status: 200,
      body: { externalId: chat.externalId, interactionId: made.body.id, ended: true },
    });
    expect(await interactions(a)).toBe(0);
    // Again: the same answer, ended false, nothing changed.
    expect(await end(a, issued.token, body)).toMatchObject({ status: 200, body: { ended: false } });
  });

  it.each([
    ['no token', () => null],
    ['the admin key', (_t: string, h2: Harness) => h2.adminKey],
    ['a wrong secret', (t: string) => `${t.slice(0, -4)}0000`],
    ['another connector id', (t: string) => t.replace('cpc_web_', 'cpc_other_')],
    ['garbage', () => 'cpc_web'],
  ])('refuses %s with a typed 401 that changes nothing', async (_label, tokenOf) => {
    const a = await h.world({ services: ['s'] });
    const { token } = await issue(a);
    const result = await create(a, tokenOf(token, h));
    expect(result.status).toBe(401);
    expect(result.body.error).toMatchObject({ code: 'unauthorised' });
    // A bad body from a stranger is still a 401: who asks is checked first.
    expect((await create(a, tokenOf(token, h), { nonsense: true })).status).toBe(401);
    expect(await interactions(a)).toBe(0);
  });

  it('refuses a token of another account, or for an account that does not exist', async () => {
    const a = await h.world({ services: ['s'] });
    const b = await h.world({ services: ['s'] });
    const { token } = await issue(a);
    expect((await create(b, token)).status).toBe(401);
    expect((await create('no-such-account', token)).status).toBe(401);
    expect(await interactions(b)).toBe(0);
  });

  it('refuses a channel or service out of scope with a typed 403 that changes nothing', async () => {
    const a = await h.world({ services: ['s', 't'] });
    const { token } = await issue(a);
    for (const body of [
      { ...chat, channel: 'email' },
      { ...chat, serviceId: 't' },
    ]) {
      const result = await create(a, token, body);
      expect(result.status).toBe(403);
      expect(result.body.error).toMatchObject({ code: 'forbidden' });
    }
    expect(await interactions(a)).toBe(0);
    // Nor may it end what another connector created under the same external id.
    const { token: other } = await issue(a, { id: 'other', channels: ['email'], services: ['t'] });
    const made = await create(a, other, { ...chat, channel: 'email', serviceId: 't' });
    expect(made.status).toBe(201);
    const ended = await end(a, token, { externalId: chat.externalId, reason: 'ended' });
    expect(ended).toMatchObject({ status: 404, body: { error: { field: 'externalId' } } });
    expect(await interactions(a)).toBe(1);
  });

  it('validates the body at the edge with a typed 400 once authenticated', async () => {
    const a = await h.world({ services: ['s'] });
    const { token } = await issue(a);
    const result = await create(a, token, { ...chat, channel: 'pigeon' });
    expect(result).toMatchObject({ status: 400, body: { error: { field: 'channel' } } });
    const { externalId: _none, ...withoutId } = chat;
    expect(await create(a, token, withoutId)).toMatchObject({
      status: 400,
      body: { error: { field: 'externalId' } },
    });
    expect(await create(a, token, { ...chat, externalId: 'has space' })).toMatchObject({
      status: 400,
      body: { error: { field: 'externalId' } },
    });
    expect(await create(a, token, { ...chat, externalId: 'x'.repeat(256) })).toMatchObject({
      status: 400,
      body: { error: { field: 'externalId' } },
    });
    expect(await end(a, token, { externalId: 'e', reason: 'bored' })).toMatchObject({
      status: 400,
      body: { error: { field: 'reason' } },
    });
    expect(await end(a, token, { externalId: 'nope', reason: 'ended' })).toMatchObject({
      status: 404,
    });
    expect(await interactions(a)).toBe(0);
  });

  it('rotation stops the old token at once; revocation stops the new one', async () => {
    const a = await h.world({ services: ['s'] });
    const { token: first } = await issue(a);
    const rotated = await h.http<Issued>('POST', `/admin/accounts/${a}/connectors/web/rotate`);
    expect(rotated.status).toBe(200);
    const second = rotated.body.token;
    expect(second).not.toBe(first);
    expect((await create(a, first)).status).toBe(401);
    expect((await create(a, second)).status).toBe(201);
    const revoked = await h.http('DELETE', `/admin/accounts/${a}/connectors/web`);
    expect(revoked).toMatchObject({ status: 200, body: { revoked: 'web' } });
    expect((await create(a, second)).status).toBe(401);
    expect(await interactions(a)).toBe(1);
    expect((await h.http('GET', `/admin/accounts/${a}/connectors`)).body).toEqual([]);
  });

  it('refuses bad credentials requests with typed errors that change nothing', async () => {
    const a = await h.world({ services: ['s'] });
    await issue(a);
    const post = (body: unknown) => h.http('POST', `/admin/accounts/${a}/connectors`, body);
    expect((await post({ id: 'web', name: 'x', channels: ['chat'], services: ['s'] })).status).toBe(
      409,
    );
    expect(
      await post({ id: 'x', name: 'x', channels: ['chat'], services: ['nope'] }),
    ).toMatchObject({ status: 404, body: { error: { field: 'services.0' } } });
    expect(await post({ id: 'x', name: 'x', channels: [], services: ['s'] })).toMatchObject({
      status: 400,
      body: { error: { field: 'channels' } },
    });
    expect(
      await post({ id: 'bad id', name: 'x', channels: ['chat'], services: ['s'] }),
    ).toMatchObject({ status: 400, body: { error: { field: 'id' } } });
    expect((await h.http('POST', `/admin/accounts/${a}/connectors/nope/rotate`)).status).toBe(404);
    expect((await h.http('DELETE', `/admin/accounts/${a}/connectors/nope`)).status).toBe(404);
    // Connector credentials are the admin's to make: a connector token is not the admin key.
    const listed = await h.http<unknown[]>('GET', `/admin/accounts/${a}/connectors`);
    expect(listed.body).toHaveLength(1);
    const { token } = (await h.http<Issued>('POST', `/admin/accounts/${a}/connectors/web/rotate`))
      .body;
    expect((await h.http('GET', `/admin/accounts/${a}/connectors`, undefined, token)).status).toBe(
      401,
    );
  });

  it('holds at most 20 connectors per account', async () => {
    const a = await h.world({ services: ['s'] });
    for (let n = 0; n < 20; n += 1) await issue(a, { id: `c${n}` });
    const over = await h.http('POST', `/admin/accounts/${a}/connectors`, {
      id: 'c20',
      name: 'x',
      channels: ['chat'],
      services: ['s'],
    });
    expect(over.status).toBe(409);
    expect((await h.http<unknown[]>('GET', `/admin/accounts/${a}/connectors`)).body).toHaveLength(
      20,
    );
  });

  describe('idempotency by external id', () => {
    it('answers a repeat with the same interaction (200), once created (201)', async () => {
      const a = await h.world({ services: ['s'] });
      const { token } = await issue(a);
      const body = chatBody();
      const first = await create(a, token, body);
      expect(first.status).toBe(201);
      // The same request, its keys in another order and the defaults spelt out.
      const again = await create(a, token, {
        customer: { name: 'Customer', email: null, phone: null },
        serviceId: 's',
        channel: 'chat',
        priority: 5,
        externalId: body.externalId,
      });
      expect(again).toMatchObject({ status: 200, body: { id: first.body.id } });
      expect(await interactions(a)).toBe(1);
      // Once ended, a repeat still answers the same interaction, as it was created.
      await end(a, token, { externalId: body.externalId, reason: 'ended' });
      expect(await create(a, token, body)).toMatchObject({
        status: 200,
        body: { id: first.body.id },
      });
      expect(await interactions(a)).toBe(0);
    });

    it('refuses a different request under the same external id with a typed 409', async () => {
      const a = await h.world({ services: ['s'] });
      const { token } = await issue(a);
      const body = chatBody();
      await create(a, token, body);
      const other = await create(a, token, { ...body, subject: 'Something else' });
      expect(other).toMatchObject({
        status: 409,
        body: { error: { code: 'idempotency-conflict', field: 'externalId' } },
      });
      expect(await interactions(a)).toBe(1);
    });

    it('keeps external ids apart per connector', async () => {
      const a = await h.world({ services: ['s'] });
      const { token: web } = await issue(a);
      const { token: app } = await issue(a, { id: 'app' });
      const body = chatBody();
      const one = await create(a, web, body);
      const two = await create(a, app, body);
      expect([one.status, two.status]).toEqual([201, 201]);
      expect(two.body.id).not.toBe(one.body.id);
    });

    it('answers concurrent repeats with one interaction', async () => {
      const a = await h.world({ services: ['s'] });
      const { token } = await issue(a);
      const body = chatBody();
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => create(a, token, body)));
      expect(new Set(results.map((result) => result.body.id)).size).toBe(1);
      expect(results.filter((result) => result.status === 201)).toHaveLength(1);
      expect(await interactions(a)).toBe(1);
    });
  });
});
