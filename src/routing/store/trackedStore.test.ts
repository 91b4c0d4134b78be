import type { Arrival } from '../engine/engine';
import { DEFAULT_SETTINGS, Engine } from '../engine/engine';
import { FakeClock } from '../engine/fakeClock';
import { ChangeError, keyOf, writeKey } from './changes';
import { MemoryStore } from './memoryStore';
import { TrackedStore } from './trackedStore';

const arrival = (channel: Arrival['channel'], serviceId = 'sales'): Arrival => ({
  channel,
  serviceId,
  customer: { name: 'Maria Garcia', phone: '+14155550100', email: null },
  record: null,
  searchKeys: ['+14155550100'],
  subject: null,
  priority: 5,
});

function world() {
  const store = new TrackedStore();
  let ids = 0;
  const engine = new Engine(store, new FakeClock(1_000_000), (kind) => `${kind}-${++ids}`);
  engine.createAccount('acme', 'Acme', DEFAULT_SETTINGS);
  engine.createService('acme', 'sales', 'Sales');
  engine.createAgent('acme', { id: 'ann', name: 'Ann', services: ['sales'], state: 'ready' });
  engine.createAgent('acme', { id: 'bob', name: 'Bob', services: ['sales'], state: 'ready' });
  engine.takeEffects();
  return { store, engine };
}

/** Everything a replica needs, as the shared store would hold it. */
function everything(store: TrackedStore, engine: Engine) {
  return {
    snapshots: ['ann', 'bob'].map((id) => engine.snapshot('acme', id)),
    directory: engine.directory('acme'),
    queue: engine.queue('acme', 'sales'),
    nextDueAt: store.nextDueAt(),
  };
}

describe('TrackedStore', () => {
  it('finds what the engine changed in place and puts it all back on rollback', () => {
    const { store, engine } = world();
    engine.arrive('acme', arrival('chat'));
    engine.takeEffects();
    const before = everything(store, engine);

    store.begin();
    const call = engine.arrive('acme', arrival('voice'));
    const id = engine.snapshot('acme', 'ann').interactions[0]?.id as string;
    engine.command('acme', 'ann', {
      v: 1,
      id: 'c1',
      type: 'release',
      interactionId: id,
      version: engine.snapshot('acme', 'ann').interactions[0]?.version as number,
    });
    engine.takeEffects();
    const changes = store.changes();
    // The new call, the agents that changed, the queue and the arrival counter at least.
    const keys = changes.map((change) => change.key);
    expect(keys).toContain(keyOf(['interaction', call.id]));
    expect(keys).toContain(keyOf(['order']));
    expect(keys.some((key) => key.startsWith('["agent"'))).toBe(true);
    expect(everything(store, engine)).not.toEqual(before);

    store.rollback();
    expect(everything(store, engine)).toEqual(before);
    expect(store.interaction(call.id)).toBeUndefined();
  });

  it('after units kept one after another, a rollback puts back the state the last kept one left', () => {
    const { store, engine } = world();
    // Each unit changes the agents and reads them again: their before-images come from the
    // JSON kept with each record at the end of the unit before, which must be that unit's.
    for (const channel of ['chat', 'email'] as const) {
      store.begin();
      engine.arrive('acme', arrival(channel));
      engine.takeEffects();
      expect(store.changes().length).toBeGreaterThan(0);
      store.accept();
    }
    const kept = everything(store, engine);
    store.begin();
    engine.arrive('acme', arrival('voice'));
    engine.command('acme', 'bob', {
      v: 1,
      id: 'p1',
      type: 'presence.set',
      state: 'away',
      reason: null,
    });
    engine.takeEffects();
    expect(everything(store, engine)).not.toEqual(kept);
    store.rollback();
    expect(everything(store, engine)).toEqual(kept);
  });

  it('reports nothing for records read but left as they were', () => {
    const { store, engine } = world();
    store.begin();
    engine.snapshot('acme', 'ann');
    engine.directory('acme');
    expect(store.changes()).toEqual([]);
    store.accept();
  });

  it('replicates: every change applied to another store gives the same state', () => {
    const source = new TrackedStore();
    let ids = 0;
    const engine = new Engine(source, new FakeClock(1_000_000), (kind) => `${kind}-${++ids}`);
    const replica = new TrackedStore();
    const replicaEngine = new Engine(replica, new FakeClock(1_000_000), () => 'unused');
    const step = (change: (engine: Engine) => unknown) => {
      source.begin();
      change(engine);
      engine.takeEffects();
      replica.apply(source.changes());
      source.accept();
    };
    step((e) => e.createAccount('acme', 'Acme', DEFAULT_SETTINGS));
    step((e) => e.createService('acme', 'sales', 'Sales'));
    for (const id of ['ann', 'bob'])
      step((e) => e.createAgent('acme', { id, name: id, services: ['sales'], state: 'ready' }));
    for (const channel of ['voice', 'chat', 'email', 'case', 'video', 'chat'] as const) {
      step((e) => e.arrive('acme', arrival(channel)));
    }
    // Ranks (queues, eligible agents), timers and the arrival counter came along with the records.
    expect(everything(replica, replicaEngine)).toEqual(everything(source, engine));
    expect(everything(source, engine).queue.length).toBeGreaterThan(0);
  });

  it('refuses keys and values it cannot decode, with a typed error', () => {
    const store = new MemoryStore();
    const tracked = new TrackedStore();
    for (const key of ['not json', '["agent","acme"]', '["planet","x"]', '[1,2]']) {
      expect(() => tracked.apply([{ key, value: '{}' }])).toThrow(ChangeError);
    }
    expect(() => writeKey(store, ['account', 'a'], '{nope')).toThrow(ChangeError);
    expect(store.accounts()).toEqual([]);
  });
});
