/**
 * Offers over the wire: offered work rings for an agent with the time it ends, Accept connects
 * it, Decline (with one of the account's reasons) sends it to a colleague and the agent to No
 * Answer until they choose Ready; refusals with the catalogue's reasons, bad reasons changing
 * nothing.
 */
import type { Interaction } from '../../src/protocol';
import type { TestClient } from './client';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('offers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  const agentState = async (client: TestClient, state: string) =>
    (await client.event('agent.changed', (e) => e.agent.state === state)).agent;

  /** Chats are offered (20 s); Ann and Bob serve s; a chat arrives and rings for Ann. */
  async function offered(declineReasons: string[] = []) {
    const a = await h.world({
      settings: {
        offers: {
          kinds: ['semi-live'],
          timeoutSeconds: 20,
          reofferAfterSeconds: 60,
          declineReasons,
        },
      },
      services: ['s'],
      agents: [
        { id: 'ann', services: ['s'] },
        { id: 'bob', services: ['s'], state: 'away' },
      ],
    });
    const ann = await h.connect(a, 'ann');
    const bob = await h.connect(a, 'bob');
    await h.arrive(a, { channel: 'chat', serviceId: 's' });
    const chat = await ann.added();
    return { a, ann, bob, chat };
  }

  it('rings for the agent with its end; Accept connects it', async () => {
    const { ann, chat } = await offered();
    expect(chat.state).toBe('offered');
    expect(chat.offerEndsAt).toBeGreaterThan(Date.now() + 15_000);
    const release = await ann.refused({
      type: 'release',
      interactionId: chat.id,
      version: chat.version,
    });
    expect(release).toMatchObject({
      code: 'not-allowed',
      message: 'Accept the interaction first.',
    });
    await ann.ok({ type: 'offer.accept', interactionId: chat.id, version: chat.version });
    const accepted = (await ann.event('interaction.changed', (e) => e.interaction.id === chat.id))
      .interaction;
    expect(accepted).toMatchObject({ state: 'active', offerEndsAt: null });
    expect(ann.invalid).toEqual([]);
  });

  it('Decline with a reason: the chat goes to a colleague, the agent to No Answer until Ready', async () => {
    const { ann, bob, chat } = await offered(['On a break', 'Wrong skill']);
    const bad = await ann.refused({
      type: 'offer.decline',
      interactionId: chat.id,
      version: chat.version,
      reason: 'Bored',
    });
    expect(bad).toMatchObject({ code: 'bad-field', field: 'reason' });
    await ann.ok({
      type: 'offer.decline',
      interactionId: chat.id,
      version: chat.version,
      reason: 'Wrong skill',
    });
    const removed = await ann.event('interaction.removed', (e) => e.interactionId === chat.id);
    expect(removed.reason).toBe('declined');
    await agentState(ann, 'no-answer');
    await bob.ok({ type: 'presence.set', state: 'ready', reason: null });
    const atBob: Interaction = await bob.added();
    expect(atBob).toMatchObject({ id: chat.id, state: 'offered', enqueuedAt: chat.enqueuedAt });
    await ann.ok({ type: 'presence.set', state: 'ready', reason: null });
    await agentState(ann, 'ready');
    expect(ann.invalid).toEqual([]);
    expect(bob.invalid).toEqual([]);
  });

  it('refuses Accept and Decline on work that is not offered', async () => {
    const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
    const ann = await h.connect(a, 'ann');
    await h.arrive(a, { channel: 'chat', serviceId: 's' });
    const chat = await ann.added();
    expect(chat.state).toBe('active');
    const refused = await ann.refused({
      type: 'offer.accept',
      interactionId: chat.id,
      version: chat.version,
    });
    expect(refused).toMatchObject({
      code: 'not-allowed',
      message: 'The interaction is not offered to you.',
    });
  });
});
