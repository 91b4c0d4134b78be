/**
 * The agent's own state over the wire: Away with one of the account's reasons, the state chosen
 * during work for after it, Wrap (Auto) extended once; refusals with the catalogue's reasons and
 * bad reasons changing nothing.
 */
import type { TestClient } from './client';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('agent states', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const agentIs = async (client: TestClient, state: string, timeoutMs = 3000) =>
    (await client.event('agent.changed', (e) => e.agent.state === state, timeoutMs)).agent;

  async function ann(settings = {}) {
    const a = await h.world({
      settings: { wrapSeconds: 2, awayReasons: ['Lunch', 'Training'], ...settings },
      services: ['s'],
      agents: [{ id: 'ann', services: ['s'] }],
    });
    return { a, ann: await h.connect(a, 'ann') };
  }

  it('goes Away with a reason from the list; a bad reason is refused and changes nothing', async () => {
    const { ann: client } = await ann();
    const bad = await client.refused({ type: 'presence.set', state: 'away', reason: 'Nap' });
    expect(bad).toMatchObject({ code: 'bad-field', field: 'reason' });
    expect((await client.resync()).agent.state).toBe('ready');
    await client.ok({ type: 'presence.set', state: 'away', reason: 'Lunch' });
    expect(await agentIs(client, 'away')).toMatchObject({ awayReason: 'Lunch' });
  });

  it('takes the state chosen during work once the work and its wrap are over', async () => {
    const { a, ann: client } = await ann({ wrapExtensionSeconds: 1 });
    const refused = await client.refused({
      type: 'presence.next',
      next: { state: 'away', reason: 'Training' },
    });
    expect(refused.message).toBe('You have no work to choose the state after.');
    await h.arrive(a, { channel: 'chat', serviceId: 's' });
    const chat = (await client.event('interaction.added')).interaction;
    await client.ok({ type: 'presence.next', next: { state: 'away', reason: 'Training' } });
    await client.ok({ type: 'release', interactionId: chat.id, version: chat.version });
    const wrapping = await agentIs(client, 'wrap-auto');
    await client.ok({ type: 'wrap.extend' });
    const extended = await client.event('agent.changed', (e) => e.agent.wrapExtended);
    expect(extended.agent.wrapEndsAt).toBe((wrapping.wrapEndsAt as number) + 1000);
    const again = await client.refused({ type: 'wrap.extend' });
    expect(again.message).toBe('This wrap was extended already.');
    // Wrap (Auto) of 2 s, extended by 1 s.
    const away = await agentIs(client, 'away', 8000);
    expect(away).toMatchObject({ awayReason: 'Training', next: null });
    expect(client.invalid).toEqual([]);
  });
});
