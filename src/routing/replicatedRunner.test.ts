import { ProtocolError } from '../protocol';
import type { Effect } from './engine/effects';
import type { Arrival } from './engine/engine';
import { DEFAULT_SETTINGS, Engine } from './engine/engine';
import { ReplicatedRunner } from './replicatedRunner';
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
  /** Commits are fenced (refused: the lease moved on) while this is set. */
  fenced = false;
  /** While set, confirmations wait for the test to settle them (in order); else they pass. */
  holdConfirmations = false;
  readonly confirmations: { resolve: () => void; reject: (err: Error) => void }[] = [];
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
    if (this.fenced || version !== this.entries.length) {
      this.refused++;
      return { ok: false, version: this.entries.length, fenced: this.fenced };
    }
    this.entries.push({ ...entry, version: version + 1 });
    this.commits++;
    return { ok: true, version: version + 1 };
  }
  confirm(): Promise<void> {
    if (!this.holdConfirmations) return Promise.resolve();
    return new Promise((resolve, reject) => this.confirmations.push({ resolve, reject }));
  }
  async recent(count: number) {
    return this.entries.slice(-count);
  }
  async since(version: number) {
    await Promise.resolve();
    if (!this.reachable) throw new StoreUnavailableError('local log unreachable');
    return this.entries.slice(version);
  }
  onReachable(listener: (reachable: boolean) => void) {
    this.reachableListeners.push(listener);
  }
  setReachable(reachable: boolean) {
    this.reachable = reachable;
    for (const listener of this.reachableListeners) listener(reachable);
  }
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

/** One routing process: its replica (loaded from `loaded`), engine and runner on the shared log. */
function routingProcess(
  log: LocalLog,
  name: string,
  loaded: { version: number; changes: Change[] } = { version: 0, changes: [] },
) {
  const store = new TrackedStore();
  store.reset(loaded.changes);
  let ids = 0;
  const engine = new Engine(store, { now: () => 1_000_000 }, (kind) => `${kind}-${name}-${++ids}`);
  const delivered: { effects: readonly Effect[]; own: boolean }[] = [];
  const fenced: number[] = [];
  const reloads: number[] = [];
  const runner = new ReplicatedRunner(
    engine,
    store,
    log,
    loaded.version,
    [],
    name,
    {
      deliver: (effects, own) => delivered.push({ effects, own }),
      changed: () => {},
      reloaded: () => reloads.push(Date.now()),
      fenced: () => fenced.push(Date.now()),
    },
    (err) => {
      throw err;
    },
  );
  const events = (agentId: string) =>
    delivered.flatMap(({ effects }) =>
      effects.filter((effect) => effect.kind === 'event' && effect.agentId === agentId),
    );
  return { store, engine, runner, delivered, events, fenced, reloads };
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

  // One process owns an account at a time (leases); the version check stands behind that.
  it('two processes on one log never assign one interaction twice nor above capacity', async () => {
    const log = new LocalLog();
    const one = routingProcess(log, 'one');
    await setUp(one.runner, 5);
    const two = routingProcess(log, 'two', await log.load());
    runners.push(one.runner, two.runner);
    // 5 agents x capacity 100 / weight 50 = 10 places; 30 arrivals through both processes at once.
    const arrivals = Array.from({ length: 30 }, (_, n) =>
      (n % 2 === 0 ? one : two).runner.run((engine) => engine.arrive('acme', arrival(n))),
    );
    const created = await Promise.all(arrivals);
    expect(new Set(created.map((interaction) => interaction.id)).size).toBe(30);
    expect(log.refused).toBeGreaterThan(0); // they did collide, and the refused ones ran again

    // What the log holds, as a process that takes the account over loads it.
    const next = routingProcess(log, 'next', await log.load());
    runners.push(next.runner);
    const a = {
      agents: Array.from({ length: 5 }, (_, n) => next.engine.snapshot('acme', `a${n}`)),
      queue: next.engine.queue('acme', 'sales'),
    };
    const held = a.agents.flatMap((snapshot) => snapshot.interactions.map(({ id }) => id));
    expect(held).toHaveLength(10);
    expect(new Set(held).size).toBe(10);
    for (const snapshot of a.agents) expect(snapshot.interactions).toHaveLength(2);
    expect(a.queue).toHaveLength(20);

    // Each assignment event left once, from the process that committed it.
    const added = (p: typeof one) =>
      p.delivered
        .filter((d) => d.own)
        .flatMap((d) => d.effects)
        .filter((e) => e.kind === 'event' && e.event.type === 'interaction.added').length;
    expect(added(one) + added(two)).toBe(10);
  });

  it('refuses a batch committed under a lease that moved on, changing nothing, and says so', async () => {
    const log = new LocalLog();
    const one = routingProcess(log, 'one');
    runners.push(one.runner);
    await setUp(one.runner, 1);
    const before = await one.runner.run((engine) => engine.snapshot('acme', 'a0'));
    const entries = log.entries.length;
    log.fenced = true;
    await expect(
      one.runner.run((engine) => engine.arrive('acme', arrival(1))),
    ).rejects.toMatchObject({ code: 'unavailable' });
    expect(one.fenced).toHaveLength(1);
    expect(log.entries).toHaveLength(entries);
    expect(one.store.interactions('acme')).toEqual([]);
    expect(await one.runner.run((engine) => engine.snapshot('acme', 'a0'))).toEqual(before);
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
  describe('waiting for the store to confirm commits', () => {
    /** Settles the promise's outcome into a readable state, without waiting for it. */
    function watch<T>(promise: Promise<T>) {
      const seen: { settled: boolean; value?: T; error?: unknown } = { settled: false };
      promise.then(
        (value) => Object.assign(seen, { settled: true, value }),
        (error: unknown) => Object.assign(seen, { settled: true, error }),
      );
      return seen;
    }
    const turns = () => new Promise((resolve) => setTimeout(resolve, 20));

    /**
     * A process with two Ready agents whose confirmations wait for the test, and two arrivals run
     * one after the other (the first with `after`, when given), each given time to commit.
     */
    async function twoArrivals(after?: () => void) {
      const log = new LocalLog();
      const one = routingProcess(log, 'one');
      runners.push(one.runner);
      await setUp(one.runner, 2);
      log.holdConfirmations = true;
      const first = watch(one.runner.run((engine) => engine.arrive('acme', arrival(1)), after));
      await turns();
      const second = watch(one.runner.run((engine) => engine.arrive('acme', arrival(2))));
      await turns();
      return { log, one, first, second };
    }

    it('commits the next batches while one waits, and answers each in order once confirmed', async () => {
      const { log, one, first, second } = await twoArrivals();
      // Both are committed (the second on top of the first) and neither is answered yet.
      expect(log.entries).toHaveLength(3);
      expect(log.confirmations).toHaveLength(2);
      expect([first.settled, second.settled]).toEqual([false, false]);
      const deliveredBefore = one.delivered.length;
      // The second's confirmation comes first: it still waits for the first's.
      log.confirmations[1]?.resolve();
      await turns();
      expect(second.settled).toBe(false);
      expect(one.delivered).toHaveLength(deliveredBefore);
      log.confirmations[0]?.resolve();
      await turns();
      expect(first).toMatchObject({ settled: true, value: { serviceId: 'sales' } });
      expect(second).toMatchObject({ settled: true, value: { serviceId: 'sales' } });
      // Delivered in commit order, and what sessions have seen is the last confirmed commit.
      const added = one
        .events('a0')
        .concat(one.events('a1'))
        .filter((e) => e.kind === 'event' && e.event.type === 'interaction.added');
      expect(added).toHaveLength(2);
      expect(one.runner.at).toBe(3);
      expect(one.runner.committedSince(1)?.map((entry) => entry.version)).toEqual([2, 3]);
    });

    it('runs nothing behind a batch with an `after` until it is answered', async () => {
      let seen: number | null = null;
      const { log, one, first, second } = await twoArrivals(
        () => (seen = one.engine.snapshot('acme', 'a0').interactions.length),
      );
      expect(log.entries).toHaveLength(2);
      log.confirmations[0]?.resolve();
      await turns();
      // `after` read the state the first left: one interaction, the second not yet run.
      expect(first.settled).toBe(true);
      expect(seen).toBe(1);
      expect(log.entries).toHaveLength(3);
      log.confirmations[1]?.resolve();
      await turns();
      expect(second.settled).toBe(true);
    });

    it('answers `unavailable` when a confirmation fails, then loads the replica from the store', async () => {
      const { log, one, first, second } = await twoArrivals();
      expect(log.entries).toHaveLength(3);
      // The store lost the second commit (a master died before its replica had it).
      log.entries.pop();
      log.confirmations[0]?.resolve();
      log.confirmations[1]?.reject(
        new StoreUnavailableError('0 of 1 replicas confirmed the write'),
      );
      await turns();
      expect(first).toMatchObject({ settled: true, value: { serviceId: 'sales' } });
      expect(second.settled).toBe(true);
      expect(second.error).toBeInstanceOf(ProtocolError);
      expect(second.error).toMatchObject({ code: 'unavailable' });
      expect((second.error as Error).message).toMatch(/may have been kept/);
      log.holdConfirmations = false;
      // The next operation runs on the store's state: the first interaction, not the lost one.
      const snapshot = await one.runner.run((engine) => engine.snapshot('acme', 'a0'));
      const waiting = await one.runner.run((engine) => engine.snapshot('acme', 'a1'));
      expect(snapshot.interactions.length + waiting.interactions.length).toBe(1);
      expect(one.reloads).toHaveLength(1);
      expect(one.runner.at).toBe(2);
      const third = await one.runner.run((engine) => engine.arrive('acme', arrival(3)));
      expect(third.serviceId).toBe('sales');
      expect(log.entries).toHaveLength(3);
    });
  });
});
