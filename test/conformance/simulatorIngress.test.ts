/**
 * The simulator's customers come in through the connector ingress (src/routing/simulator/
 * customers.ts): the simulator holds a connector of its own per account (`simulator`, every
 * channel and service of the account), made on first use through the admin code path, made again
 * when a service is added or its token stops working; each contact has an external id, and a
 * customer leaving is the connector's end (the outcome feed says so).
 */
import type { Interaction } from '../../src/protocol';
import { CHANNELS } from '../../src/protocol';
import type { Harness } from './harness';
import { startHarness } from './harness';

interface Listed {
  readonly id: string;
  readonly channels: string[];
  readonly services: string[];
}

interface Feed {
  readonly events: { type: string; externalId: string; interactionId: string }[];
}

describe('simulator: arrivals through the connector ingress', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const connectors = async (a: string) =>
    (await h.http<Listed[]>('GET', `/admin/accounts/${a}/connectors`)).body;
  const chat = (a: string, serviceId = 's') =>
    h.arrive(a, { channel: 'chat', serviceId, customer: { name: 'Dana' } });
  /** The simulator connector's feed, read with a token the admin rotates out of it. */
  const feed = async (a: string) => {
    const rotated = await h.http<{ token: string }>(
      'POST',
      `/admin/accounts/${a}/connectors/simulator/rotate`,
    );
    expect(rotated.status).toBe(200);
    return (
      await h.http<Feed>(
        'GET',
        `/connector/accounts/${a}/events?after=0`,
        undefined,
        rotated.body.token,
      )
    ).body;
  };

  it('makes its own connector on first use, scoped to every channel and service', async () => {
    const a = await h.world({ services: ['s', 't'] });
    expect(await connectors(a)).toEqual([]);
    const made = await chat(a);
    expect(made).toMatchObject({ channel: 'chat', serviceId: 's', state: 'ringing' });
    const listed = await connectors(a);
    expect(listed).toEqual([
      expect.objectContaining({
        id: 'simulator',
        channels: [...CHANNELS],
        services: ['s', 't'],
      }),
    ]);
    await chat(a, 't');
    expect(await connectors(a)).toHaveLength(1);
  });

  it('a customer leaving is the connector end: the feed tells it under the external id', async () => {
    const a = await h.world({ services: ['s'] });
    const made = await chat(a);
    const left = await h.http('POST', `/simulator/accounts/${a}/interactions/${made.id}/leave`, {});
    expect(left.status).toBe(200);
    expect(await h.waiting(a, 's')).toBe(0);
    const { events } = await feed(a);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'ended',
        interactionId: made.id,
        externalId: expect.stringMatching(/^sim-/),
      }),
    ]);
    // The simulator's token was rotated away by the admin: it makes a new one and goes on.
    const again = await chat(a);
    expect(again.id).not.toBe(made.id);
    expect(await h.waiting(a, 's')).toBe(1);
  });

  it('covers a service added later, and earlier contacts still leave through it', async () => {
    const a = await h.world({ services: ['s'] });
    const first = await chat(a);
    await h.addService(a, 'late');
    const later = await chat(a, 'late');
    expect(later.serviceId).toBe('late');
    expect((await connectors(a))[0]?.services).toEqual(['s', 'late']);
    await h.http('POST', `/simulator/accounts/${a}/interactions/${first.id}/leave`, {});
    expect(await h.waiting(a, 's')).toBe(0);
    expect(await h.waiting(a, 'late')).toBe(1);
  });

  it('goes on after an admin revokes its connector', async () => {
    const a = await h.world({ services: ['s'] });
    await chat(a);
    const revoked = await h.http('DELETE', `/admin/accounts/${a}/connectors/simulator`);
    expect(revoked.status).toBe(200);
    const made: Interaction = await chat(a);
    expect(made.serviceId).toBe('s');
    expect(await h.waiting(a, 's')).toBe(2);
  });

  it('refuses an unknown service or account as before, changing nothing', async () => {
    const a = await h.world({ services: ['s'] });
    const body = { channel: 'chat', serviceId: 'nope', customer: { name: 'Dana' } };
    const unknown = await h.http('POST', `/simulator/accounts/${a}/interactions`, body);
    expect(unknown).toMatchObject({
      status: 404,
      body: { error: { code: 'not-found', field: 'serviceId' } },
    });
    expect(await connectors(a)).toEqual([]);
    const nowhere = await h.http('POST', `/simulator/accounts/no-such-account/interactions`, {
      ...body,
      serviceId: 's',
    });
    expect(nowhere).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
  });
});
