import type { Harness } from './harness';
import { startHarness } from './harness';

describe('routing service smoke', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.account('acme');
    await h.addService('acme', 'sales', 'Sales');
    await h.agent('acme', { id: 'ann', name: 'Ann Lee', services: ['sales'] });
  });
  afterAll(() => h.stop());

  it('routes a call to a connected agent who releases it and wraps', async () => {
    const ann = await h.connect('acme', 'ann');
    const created = await h.http('POST', '/simulator/accounts/acme/interactions', {
      channel: 'voice',
      serviceId: 'sales',
      customer: { name: 'John Smith', phone: '+14155550100' },
    });
    expect(created.status).toBe(201);
    const added = await ann.event('interaction.added');
    expect(added.interaction).toMatchObject({ kind: 'live', channel: 'voice', state: 'active' });
    await ann.ok({
      type: 'release',
      interactionId: added.interaction.id,
      version: added.interaction.version,
    });
    await ann.event('interaction.removed', (e) => e.reason === 'released');
    const wrap = await ann.event('agent.changed', (e) => e.agent.state === 'wrap-auto');
    expect(wrap.agent.wrapEndsAt).not.toBeNull();
    expect(ann.invalid).toEqual([]);
  });
});
