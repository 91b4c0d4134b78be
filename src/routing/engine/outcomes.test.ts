/** Outcome events: read from effects, kept per account in feed order, bounded, paged by cursor. */
import type { EventBody, Interaction } from '../../protocol';
import { MemoryStore } from '../store/memoryStore';
import { EngineCore } from './core';
import type { Effect } from './effects';
import { rememberExternal } from './externalIds';
import { FakeClock } from './fakeClock';
import { MAX_OUTCOMES, feed, recordOutcome, recordOutcomes } from './outcomes';

function world() {
  const core = new EngineCore(new MemoryStore(), new FakeClock(1_000), (kind) => kind);
  const made = (id: string, connectorId = 'web') =>
    rememberExternal(core, {
      accountId: 'acme',
      connectorId,
      externalId: `ext-${id}`,
      fingerprint: 'f',
      interaction: { id } as Interaction,
    });
  return { core, made };
}

const event = (agentId: string, body: EventBody): Effect => ({
  kind: 'event',
  accountId: 'acme',
  agentId,
  event: body,
});
const added = (id: string, agentId = 'ann') =>
  event(agentId, { type: 'interaction.added', interaction: { id } as Interaction } as EventBody);
const removed = (id: string, reason: string, agentId = 'ann') =>
  event(agentId, { type: 'interaction.removed', interactionId: id, reason } as EventBody);

describe('outcome events', () => {
  it('tells assigned, transferred, released, abandoned and ended; not a declined offer', () => {
    const { core, made } = world();
    made('i1');
    recordOutcomes(core, [
      added('i1'),
      removed('i1', 'declined'),
      removed('i1', 'missed'),
      removed('i1', 'transferred'),
      added('i1', 'bob'),
      removed('i1', 'released', 'bob'),
      removed('i1', 'abandoned', 'bob'),
      removed('i1', 'ended', 'bob'),
    ]);
    const page = feed(core, 'acme', 'web', 0, 100);
    expect(page.events.map((item) => [item.type, item.agentId, item.externalId])).toEqual([
      ['assigned', 'ann', 'ext-i1'],
      ['transferred', 'ann', 'ext-i1'],
      ['assigned', 'bob', 'ext-i1'],
      ['released', 'bob', 'ext-i1'],
      ['abandoned', 'bob', 'ext-i1'],
      ['ended', 'bob', 'ext-i1'],
    ]);
    expect(page.gap).toBe(false);
  });

  it('tells logged when the agent submits the call log, for a connector’s work only', () => {
    const { core, made } = world();
    made('i1');
    recordOutcome(core, 'acme', 'i1', 'logged', 'ann');
    recordOutcome(core, 'acme', 'i-unknown', 'logged', 'ann');
    expect(feed(core, 'acme', 'web', 0, 100).events).toEqual([
      expect.objectContaining({ type: 'logged', agentId: 'ann', externalId: 'ext-i1' }),
    ]);
  });

  it('ignores work no connector made, and other effects', () => {
    const { core } = world();
    recordOutcomes(core, [
      added('sim-1'),
      { kind: 'digits', accountId: 'acme', interactionId: 'sim-1', digits: '1' },
    ]);
    expect(feed(core, 'acme', 'web', 0, 100)).toEqual({ events: [], cursor: 0, gap: false });
  });

  it('pages from a cursor, a connector seeing its own events alone', () => {
    const { core, made } = world();
    made('i1');
    made('i2', 'app');
    recordOutcome(core, 'acme', 'i1', 'ended', null);
    recordOutcomes(core, [added('i2'), added('i1')]);
    const first = feed(core, 'acme', 'web', 0, 1);
    expect(first.events.map((item) => [item.type, item.agentId])).toEqual([['ended', null]]);
    const rest = feed(core, 'acme', 'web', first.cursor, 10);
    expect(rest.events.map((item) => item.type)).toEqual(['assigned']);
    expect(feed(core, 'acme', 'web', rest.cursor, 10).events).toEqual([]);
    expect(feed(core, 'acme', 'app', 0, 10).events).toHaveLength(1);
  });

  it(`keeps the last ${MAX_OUTCOMES} per account and says when a cursor fell behind`, () => {
    const { core, made } = world();
    made('i1');
    recordOutcomes(core, [added('i1')]);
    const early = feed(core, 'acme', 'web', 0, 1).cursor;
    for (let n = 0; n < MAX_OUTCOMES; n += 1) recordOutcomes(core, [removed('i1', 'released')]);
    const behind = feed(core, 'acme', 'web', early, 5);
    expect(behind.gap).toBe(true);
    expect(behind.events.map((item) => item.type)).toEqual(Array(5).fill('released'));
    expect(core.store.outcome('acme', early)).toBeUndefined();
  });
});
