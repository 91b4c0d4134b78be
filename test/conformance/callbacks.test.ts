/**
 * Callbacks over the wire: a service's callback time set through the admin API (bad values
 * refused, nothing changed), a call waiting past it reaching an agent as a callback request, and
 * Call back turning it into the outbound call.
 */
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('callbacks', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('a call waiting past the callback time is called back with one action', async () => {
    const a = await h.world({
      services: ['s'],
      agents: [{ id: 'ann', services: ['s'], state: 'away' }],
    });
    const path = `/admin/accounts/${a}/services/s/callbacks`;
    const bad = await h.http('PUT', path, { afterSeconds: 0 });
    expect(bad.status).toBe(400);
    expect((await h.http('GET', path)).body).toEqual({ afterSeconds: null });
    expect((await h.http('PUT', path, { afterSeconds: 1 })).status).toBe(200);

    const ann = await h.connect(a, 'ann');
    await h.arrive(a, { channel: 'voice', serviceId: 's', customer: { phone: '+14155550100' } });
    await new Promise((resolve) => setTimeout(resolve, 1300));
    await ann.ok({ type: 'presence.set', state: 'ready', reason: null });
    const request = (await ann.event('interaction.added')).interaction;
    expect(request).toMatchObject({
      channel: 'callback',
      kind: 'non-live',
      customer: { phone: '+14155550100' },
    });
    const ack = await ann.ok({
      type: 'callback.dial',
      interactionId: request.id,
      version: request.version,
    });
    const removed = await ann.event('interaction.removed', (e) => e.interactionId === request.id);
    expect(removed.reason).toBe('released');
    const call = (
      await ann.event('interaction.added', (e) => e.interaction.id === ack.interactionId)
    ).interaction;
    expect(call).toMatchObject({
      kind: 'live',
      direction: 'outbound',
      customer: { phone: '+14155550100' },
    });
    expect(ann.invalid).toEqual([]);
  });
});
