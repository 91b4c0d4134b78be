import type { Event, EventBody, ServerMessage } from '../protocol';
import { AdapterStore } from './store';
import {
  agentFixture,
  consultFixture,
  interactionFixture,
  settingsFixture,
  welcomeFixture,
} from './testing';

const snapshot = (interactions = [interactionFixture()]) =>
  welcomeFixture({}, interactions).snapshot!;
let seq = 0;
const ev = (body: EventBody): Event => ({ v: 1, seq: ++seq, ...body }) as Event;

describe('AdapterStore', () => {
  it('loads a snapshot and makes the first interaction current', () => {
    const store = new AdapterStore();
    const changes = store.load(
      snapshot([interactionFixture({ id: 'i-1' }), interactionFixture({ id: 'i-2' })]),
    );
    expect(changes).toEqual([{ type: 'reset' }, { type: 'selection', interactionId: 'i-1' }]);
    expect(store.interactions.map((i) => i.id)).toEqual(['i-1', 'i-2']);
    expect(store.agent?.id).toBe('ann');
  });

  it('adds, changes and removes interactions in order, and moves the selection off a removed one', () => {
    const store = new AdapterStore();
    store.load(snapshot([]));
    expect(
      store.apply(ev({ type: 'interaction.added', interaction: interactionFixture({ id: 'a' }) })),
    ).toEqual([
      { type: 'interaction-added', interactionId: 'a' },
      { type: 'selection', interactionId: 'a' },
    ]);
    store.apply(
      ev({
        type: 'interaction.added',
        interaction: interactionFixture({ id: 'b', kind: 'non-live', channel: 'case' }),
      }),
    );
    expect(store.currentId).toBe('a');
    expect(
      store.apply(
        ev({
          type: 'interaction.changed',
          interaction: interactionFixture({ id: 'a', state: 'held', version: 2 }),
        }),
      ),
    ).toEqual([{ type: 'interaction-changed', interactionId: 'a' }]);
    expect(store.interaction('a')?.state).toBe('held');
    expect(
      store.apply(ev({ type: 'interaction.removed', interactionId: 'a', reason: 'released' })),
    ).toEqual([
      { type: 'interaction-removed', interactionId: 'a', reason: 'released' },
      { type: 'selection', interactionId: 'b' },
    ]);
    expect(
      store.apply(ev({ type: 'interaction.removed', interactionId: 'zzz', reason: 'released' })),
    ).toEqual([]);
  });

  it('with multi-interaction routing off, a new interaction becomes current (B3)', () => {
    const store = new AdapterStore();
    store.load({
      ...snapshot([interactionFixture({ id: 'a' })]),
      settings: settingsFixture({
        features: {
          multiInteraction: false,
          crossMediaConsult: false,
          transferToService: false,
          callLogging: false,
          recording: false,
        },
      }),
    });
    const changes = store.apply(
      ev({ type: 'interaction.added', interaction: interactionFixture({ id: 'b' }) }),
    );
    expect(changes).toContainEqual({ type: 'selection', interactionId: 'b' });
  });

  it('keeps an ended consult until the next one of the same interaction, or until dismissed', () => {
    const store = new AdapterStore();
    store.load(snapshot());
    store.apply(ev({ type: 'consult.changed', consult: consultFixture({ id: 'k-1' }) }));
    store.apply(
      ev({
        type: 'consult.changed',
        consult: consultFixture({ id: 'k-1', state: 'ended', endReason: 'timed-out' }),
      }),
    );
    expect(store.consultsOf('i-1').map((c) => [c.id, c.endReason])).toEqual([['k-1', 'timed-out']]);
    store.apply(ev({ type: 'consult.changed', consult: consultFixture({ id: 'k-2' }) }));
    store.apply(
      ev({
        type: 'consult.changed',
        consult: consultFixture({ id: 'k-2', state: 'ended', endReason: 'declined' }),
      }),
    );
    expect(store.consultsOf('i-1').map((c) => c.id)).toEqual(['k-2']);
    expect(store.dismissConsult('k-2')).toBe(true);
    expect(store.consults).toEqual([]);
  });

  it('assembles the directory from its parts, then applies changes by type and id', () => {
    const store = new AdapterStore();
    store.load(snapshot());
    const part = (
      n: number,
      parts: number,
      entries: Event extends never
        ? never
        : Extract<ServerMessage, { type: 'directory.snapshot' }>['entries'],
    ) => ev({ type: 'directory.snapshot', part: n, parts, entries });
    expect(
      store.apply(
        part(0, 2, [{ type: 'agent', id: 'bob', name: 'Bob', presence: 'available-now' }]),
      ),
    ).toEqual([]);
    expect(
      store.apply(
        part(1, 2, [
          { type: 'service', id: 'bob', name: 'Bob service', waiting: 1, consultable: false },
        ]),
      ),
    ).toEqual([{ type: 'directory' }]);
    expect(store.directory.size).toBe(2);
    expect(store.directory.get({ type: 'service', id: 'bob' })?.name).toBe('Bob service');
    store.apply(
      ev({
        type: 'directory.changed',
        upserted: [{ type: 'agent', id: 'bob', name: 'Bob', presence: 'logged-out' }],
        removed: [{ type: 'service', id: 'bob' }],
      }),
    );
    expect(store.directory.all()).toEqual([
      { type: 'agent', id: 'bob', name: 'Bob', presence: 'logged-out' },
    ]);
  });

  it('replaces the agent and settings on change', () => {
    const store = new AdapterStore();
    store.load(snapshot());
    store.apply(ev({ type: 'agent.changed', agent: agentFixture({ state: 'away' }) }));
    store.apply(ev({ type: 'settings.changed', settings: settingsFixture({ wrapSeconds: 5 }) }));
    expect(store.agent?.state).toBe('away');
    expect(store.settings?.wrapSeconds).toBe(5);
  });

  describe('a refused resume (loadFresh)', () => {
    const maria = interactionFixture({
      id: 'i-1',
      kind: 'semi-live',
      channel: 'chat',
      customer: { name: 'Maria Garcia', phone: null, email: 'maria@example.com' },
    });
    const caller = interactionFixture({
      id: 'i-2',
      customer: { name: null, phone: '+442079460000', email: null },
    });
    const held = (interactions = [maria, caller]) => {
      const store = new AdapterStore();
      store.load({ ...snapshot(interactions), agent: agentFixture({ state: 'busy' }) });
      return store;
    };

    it('reports the interactions the fresh snapshot lacks, in order, and the state now', () => {
      const store = held();
      const fresh = { ...snapshot([]), agent: agentFixture({ state: 'logged-out' }) };
      expect(store.loadFresh(fresh)).toEqual([
        { type: 'reset' },
        { type: 'selection', interactionId: null },
        { type: 'lost' },
      ]);
      expect(store.interactions).toEqual([]);
      expect(store.lost).toEqual({
        interactions: [maria, caller],
        stateBefore: 'busy',
        stateAfter: 'logged-out',
      });
      expect(store.dismissLost()).toBe(true);
      expect(store.lost).toBeNull();
      expect(store.dismissLost()).toBe(false);
    });

    it('reports nothing when the fresh session still has everything and the same state', () => {
      const store = held();
      const fresh = { ...snapshot([maria, caller]), agent: agentFixture({ state: 'busy' }) };
      expect(store.loadFresh(fresh)).not.toContainEqual({ type: 'lost' });
      expect(store.lost).toBeNull();
    });

    it('reports a changed state even when nothing was lost', () => {
      const store = held([]);
      store.loadFresh({ ...snapshot([]), agent: agentFixture({ state: 'logged-out' }) });
      expect(store.lost).toEqual({
        interactions: [],
        stateBefore: 'busy',
        stateAfter: 'logged-out',
      });
    });

    it('is a plain load when nothing was held (the first welcome)', () => {
      const store = new AdapterStore();
      expect(store.loadFresh(snapshot([maria]))).toEqual([
        { type: 'reset' },
        { type: 'selection', interactionId: 'i-1' },
      ]);
      expect(store.lost).toBeNull();
    });

    it('adds to a report not yet dismissed, keeping the first state before', () => {
      const store = held();
      store.loadFresh({ ...snapshot([caller]), agent: agentFixture({ state: 'busy' }) });
      expect(store.lost?.interactions.map((i) => i.id)).toEqual(['i-1']);
      store.loadFresh({ ...snapshot([]), agent: agentFixture({ state: 'logged-out' }) });
      expect(store.lost).toEqual({
        interactions: [maria, caller],
        stateBefore: 'busy',
        stateAfter: 'logged-out',
      });
    });
  });
});
