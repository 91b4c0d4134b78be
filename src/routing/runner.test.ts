import { ProtocolError } from '../protocol';
import type { Effect } from './engine/effects';
import type { Arrival } from './engine/engine';
import { DEFAULT_SETTINGS, Engine } from './engine/engine';
import { ReplicatedRunner } from './runner';
import type { Change } from './store/changes';
import type { CommitResult, LogEntry, SharedLog } from './store/sharedLog';
import { StoreUnavailableError } from './store/sharedLog';
import { TrackedStore } from './store/trackedStore';

/** A shared log in this process: what Redis is to several processes, for two runners here. */
class LocalLog implements SharedLog {
  readonly description = 'local';
  readonly entries: LogEntry[] = [];
  reachable = true;
  commits = 0;
  refused = 0;
  private readonly watchers: ((version: number | null) => void)[] = [];
  private readonly reachableListeners: ((reachable: boolean) => void)[] = [];

  async load() {
    const state = new Map<string, string | null>();
    for (const entry of this.entries) {
      for (const change of entry.changes) state.set(change.key, change.value);
    }
    const changes: Change[] = [...state].map(([key, value]) => ({ key, value }));
    return { version: this.entries.length, changes };
  }
  async commit(version: number, entry: Omit<LogEntry, 'version'>): Promise<CommitResult> {
    await Promise.resolve();
    if (!this.reachable) throw new StoreUnavailableError('local log unreachable');
    if (version !== this.entries.length) {
      this.refused++;
      return { ok: false, version: this.entries.length };
    }
    this.entries.push({ ...entry, version: version + 1 });
    this.commits++;
    // Announced a little later, as pub/sub would: the other process may act on what it has.
    setTimeout(() => {
      for (const watcher of this.watchers) watcher(version + 1);
    }, 5);
    return { ok: true, version: version + 1 };
  }
  async recent(count: number) {
    return this.entries.slice(-count);
  }
  async head() {
    await Promise.resolve();
    if (!this.reachable) throw new StoreUnavailableError('local log unreachable');
    return this.entries.length;
  }
  async since(version: number) {
    await Promise.resolve();
    if (!this.reachable) throw new StoreUnavailableError('local log unreachable');
    return this.entries.slice(version);
  }
  watch(listener: (version: number | null) => void) {
    this.watchers.push(listener);
  }
  onReachable(listener: (reachable: boolean) => void) {
    this.reachableListeners.push(listener);
  }
  setReachable(reachable: boolean) {
    this.reachable = reachable;
    for (const listener of this.reachableListeners) listener(reachable);
  }
  async close() {}
}

const arrival = (n: number): Arrival => ({
  channel: n % 2 === 0 ? 'chat' : 'email',
  serviceId: 'sales',
  customer: { name: `Customer ${n}`, phone: null, email: `c${n}@example.com` },
  record: null,
  searchKeys: [],
  subject: null,
  priority: 5,
});

/** One routing process: its replica, engine and runner on the shared log. */
function routingProcess(log: LocalLog, name: string) {
  const store = new TrackedStore();
  let ids = 0;
  const engine = new Engine(store, { now: () => 1_000_000 }, (kind) => `${kind}-${name}-${++ids}`);
  const delivered: { effects: readonly Effect[]; own: boolean }[] = [];
  const runner = new ReplicatedRunner(
    engine,
    store,
    log,
    0,
    [],
    name,
    {
      deliver: (effects, own) => delivered.push({ effects, own }),
      changed: () => {},
      reloaded: () => {},
    },
    (err) => {
      throw err;
    },
  );
  const events = (agentId: string) =>
    delivered.flatMap(({ effects }) =>
      effects.filter((effect) => effect.kind === 'event' && effect.agentId === agentId),
    );
  return { store, engine, runner, delivered, events };
}

function setUp(runner: ReplicatedRunner, agents: number) {
  return runner.run((engine) => {
    engine.createAccount('acme', 'Acme', {
      ...DEFAULT_SETTINGS,
      weights: { live: 100, 'semi-live': 50, 'non-live': 50 },
    });
    engine.createService('acme', 'sales', 'Sales');
    for (let n = 0; n < agents; n++) {
      engine.createAgent('acme', {
        id: `a${n}`,
        name: `A${n}`,
        services: ['sales'],
        state: 'ready',
      });
    }
  });
}

describe('ReplicatedRunner', () => {
  const runners: ReplicatedRunner[] = [];
  afterEach(() => {
    for (const runner of runners.splice(0)) runner.stop();
  });

  it('two processes never assign one interaction twice nor above capacity, and converge', async () => {
    const log = new LocalLog();
    const one = routingProcess(log, 'one');
    const two = routingProcess(log, 'two');
    runners.push(one.runner, two.runner);
    await setUp(one.runner, 5);
    await two.runner.run(() => undefined); // two has seen the account
    // 5 agents x capacity 100 / weight 50 = 10 places; 30 arrivals through both processes at once.
    const arrivals = Array.from({ length: 30 }, (_, n) =>
      (n % 2 === 0 ? one : two).runner.run((engine) => engine.arrive('acme', arrival(n))),
    );
    const created = await Promise.all(arrivals);
    expect(new Set(created.map((interaction) => interaction.id)).size).toBe(30);
    expect(log.refused).toBeGreaterThan(0); // they did collide, and the refused ones ran again

    // Both replicas reach the log's last version and hold the same state.
    await two.runner.run(() => undefined);
    await one.runner.run(() => undefined);
    const state = (p: typeof one) =>
      p.runner.run((engine) => ({
        agents: Array.from({ length: 5 }, (_, n) => engine.snapshot('acme', `a${n}`)),
        queue: engine.queue('acme', 'sales'),
      }));
    const [a, b] = [await state(one), await state(two)];
    expect(a).toEqual(b);
    const held = a.agents.flatMap((snapshot) => snapshot.interactions.map(({ id }) => id));
    expect(held).toHaveLength(10);
    expect(new Set(held).size).toBe(10);
    for (const snapshot of a.agents) expect(snapshot.interactions).toHaveLength(2);
    expect(a.queue).toHaveLength(20);

    // Each assignment event left once, from the process that committed it, and reached both.
    const added = (p: typeof one, own: boolean) =>
      p.delivered
        .filter((d) => d.own === own)
        .flatMap((d) => d.effects)
        .filter((e) => e.kind === 'event' && e.event.type === 'interaction.added').length;
    expect(added(one, true) + added(two, true)).toBe(10);
    expect(added(one, true) + added(one, false)).toBe(10);
    expect(added(two, true) + added(two, false)).toBe(10);
  });

  it('answers typed errors from the engine without committing anything', async () => {
    const log = new LocalLog();
    const one = routingProcess(log, 'one');
    runners.push(one.runner);
    await setUp(one.runner, 1);
    const commits = log.commits;
    await expect(
      one.runner.run((engine) => engine.arrive('acme', { ...arrival(1), serviceId: 'nope' })),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(log.commits).toBe(commits);
  });

  it('refuses work while the log is unreachable, changing nothing, and recovers', async () => {
    const log = new LocalLog();
    const one = routingProcess(log, 'one');
    runners.push(one.runner);
    await setUp(one.runner, 1);
    const before = await one.runner.run((engine) => engine.snapshot('acme', 'a0'));

    log.setReachable(false);
    const refused = one.runner.run((engine) => engine.arrive('acme', arrival(1)));
    await expect(refused).rejects.toBeInstanceOf(ProtocolError);
    await expect(refused).rejects.toMatchObject({ code: 'unavailable' });

    log.setReachable(true);
    expect(await one.runner.run((engine) => engine.snapshot('acme', 'a0'))).toEqual(before);
    const created = await one.runner.run((engine) => engine.arrive('acme', arrival(2)));
    const after = await one.runner.run((engine) => engine.snapshot('acme', 'a0'));
    expect(after.interactions.map(({ id }) => id)).toEqual([created.id]);
  });

  it('undoes a commit the store could not confirm, then learns from the log that it landed', async () => {
    const log = new LocalLog();
    const one = routingProcess(log, 'one');
    runners.push(one.runner);
    await setUp(one.runner, 1);
    // The commit reaches the log, but the answer is lost on the way back.
    const commit = log.commit.bind(log);
    log.commit = async (version, entry) => {
      await commit(version, entry);
      log.commit = commit;
      throw new StoreUnavailableError('connection lost before the answer');
    };
    await expect(
      one.runner.run((engine) => engine.arrive('acme', arrival(1))),
    ).rejects.toMatchObject({ code: 'unavailable' });
    // It is in the log, so it is in the replica once the runner has read the log.
    const snapshot = await one.runner.run((engine) => engine.snapshot('acme', 'a0'));
    expect(snapshot.interactions).toHaveLength(1);
  });

  it('commits smaller batches while others keep winning the race, and gets through', async () => {
    const log = new LocalLog();
    const one = routingProcess(log, 'one');
    runners.push(one.runner);
    await setUp(one.runner, 8);
    // Another process commits just before each of the next six commits of this one.
    let interfere = 6;
    const attempted: number[] = [];
    const commit = log.commit.bind(log);
    log.commit = async (version, entry) => {
      attempted.push(
        entry.effects.filter((e) => e.kind === 'event' && e.event.type === 'interaction.added')
          .length,
      );
      if (interfere-- > 0)
        await commit(log.entries.length, { origin: 'other', changes: [], effects: [] });
      return commit(version, entry);
    };
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        one.runner.run((engine) => engine.arrive('acme', arrival(n))),
      ),
    );
    expect(created).toHaveLength(8);
    // 8 refused, then 4, 2, 1, 1, 1 refused; then the single one commits and the rest follow.
    expect(attempted.slice(0, 7)).toEqual([8, 4, 2, 1, 1, 1, 1]);
  });
});
