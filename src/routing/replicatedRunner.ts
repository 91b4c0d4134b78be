/**
 * The runner of one account on a shared store (sharedLog.ts), on the process that owns it.
 * Operations queue and run in batches on this process's replica; a batch's changes are committed
 * on top of the version the replica is at. A refused commit is undone: when the version moved on,
 * the replica catches up from the log and the batch runs again; when the lease moved on (fenced),
 * the batch is refused with `unavailable` and the owner is told it lost the account.
 *
 * A kept commit is not yet safe: the store confirms it (with replicas, once one holds it). The
 * next batch runs and commits meanwhile, on the state the unconfirmed one left (the version check
 * refuses it if the store lost that one), so that waiting for replicas does not stop the account.
 * Each batch's effects are delivered and its callers answered only once it and every batch before
 * it are confirmed, in order. A batch with an `after` is the exception: nothing runs behind it
 * until it is answered, as `after` reads the state it left. When a confirmation fails, the
 * batches waiting for one are answered `unavailable` (they may have been kept), and the replica
 * is loaded again from the store before anything else runs.
 */
import { ProtocolError } from '../protocol';
import type { Effect } from './engine/effects';
import type { Engine } from './engine/engine';
import type { Operation, ReplicationLimits, Runner, RunnerHooks } from './runner';
import { DEFAULT_REPLICATION_LIMITS } from './runner';
import type { CommittedEffects } from './server/session';
import type { SharedLog } from './store/sharedLog';
import { StoreUnavailableError } from './store/sharedLog';
import type { TrackedStore } from './store/trackedStore';

interface Queued {
  readonly operation: Operation<unknown>;
  readonly after: ((value: unknown) => void) | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  attempts: number;
}

type Outcome =
  | { readonly item: Queued; readonly ok: true; readonly value: unknown }
  | { readonly item: Queued; readonly ok: false; readonly error: Error };

const unavailable = (why: string) =>
  new ProtocolError(
    'unavailable',
    `the routing store is unreachable; nothing was changed (${why})`,
  );

/** A commit sent whose outcome is not known: it may have been kept (the log tells, later). */
const unconfirmed = (why: string) =>
  new ProtocolError(
    'unavailable',
    `the routing store did not confirm the change; it may have been kept: look before trying again (${why})`,
  );

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class ReplicatedRunner implements Runner {
  private readonly queue: Queued[] = [];
  private running = false;
  /** Settles when the loop under way is done. */
  private idle: Promise<void> = Promise.resolve();
  private stopped = false;
  refused = 0;
  /** The last version this replica holds, confirmed or not. */
  private version: number;
  /** The last version whose effects were delivered. */
  private delivered: number;
  /** The newest version known to exist (after a refused or unconfirmed commit). */
  private known: number;
  /** The effects of the last delivered commits, oldest first. */
  private readonly committed: CommittedEffects[] = [];
  /** One promise per batch waiting for its confirmation, oldest first; each settles once answered. */
  private readonly waiting: Promise<void>[] = [];
  /** Why a confirmation failed: the replica may hold commits the store lost, until reloaded. */
  private unsure: string | null = null;
  /**
   * Operations in the next batch. Halved after each refused commit, so that a process that keeps
   * losing the race to others commits smaller and quicker batches; back to the limit once it wins.
   */
  private batchSize: number;

  constructor(
    private readonly engine: Engine,
    private readonly store: TrackedStore,
    private readonly log: SharedLog,
    version: number,
    recent: readonly CommittedEffects[],
    private readonly origin: string,
    private readonly hooks: RunnerHooks,
    private readonly onError: (err: unknown, what: string) => void,
    private readonly limits: ReplicationLimits = DEFAULT_REPLICATION_LIMITS,
  ) {
    this.version = version;
    this.delivered = version;
    this.known = version;
    this.batchSize = limits.batch;
    for (const entry of recent) if (entry.version <= version) this.remember(entry);
    log.onReachable((reachable) => {
      if (reachable && (this.known > this.version || this.unsure !== null)) this.kick();
    });
  }

  /** The version whose effects were delivered: what the sessions here have seen. */
  get at(): number {
    return this.delivered;
  }

  run<T>(operation: Operation<T>, after?: (value: T) => void): Promise<T> {
    if (this.stopped) return Promise.reject(unavailable('the routing service is stopping'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        operation,
        after: after as ((value: unknown) => void) | undefined,
        resolve: resolve as (value: unknown) => void,
        reject,
        attempts: 0,
      });
      this.kick();
    });
  }

  /** Refuses what is queued; settles once the batches under way are answered. */
  stop(): Promise<void> {
    this.stopped = true;
    for (const item of this.queue.splice(0)) {
      item.reject(unavailable('the routing service is stopping'));
    }
    return this.idle.then(() => this.answered());
  }

  committedSince(version: number): CommittedEffects[] | null {
    if (version >= this.delivered) return [];
    const first = this.committed[0];
    if (first === undefined || first.version > version + 1) return null;
    return this.committed.filter((entry) => entry.version > version);
  }

  private kick(): void {
    if (this.running || this.stopped) return;
    this.running = true;
    let done = () => {};
    this.idle = new Promise((resolve) => (done = resolve));
    setImmediate(() => {
      let failed = false;
      this.loop()
        .catch((err: unknown) => {
          // E.g. a commit that does not decode: try again with the next poll, not in a tight loop.
          failed = true;
          this.onError(err, 'replication loop failed');
        })
        .finally(() => {
          this.running = false;
          done();
          const more = this.queue.length > 0 || this.known > this.version;
          if (!failed && !this.stopped && more) this.kick();
        });
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      if (this.known > this.version || this.unsure !== null) {
        if (!(await this.catchUp())) {
          // Nothing runs on a replica that may be ahead of the store; the store's return retries.
          if (this.unsure !== null) this.refuseQueued();
          return;
        }
        continue;
      }
      if (this.queue.length === 0) return;
      if (!this.log.reachable) {
        this.refuseQueued();
        return;
      }
      const oldest = this.waiting[0];
      if (this.waiting.length >= this.limits.unconfirmed && oldest !== undefined) {
        await oldest;
        continue;
      }
      const batch = this.queue.splice(0, this.batchSize);
      await this.runBatch(batch);
      if (batch.some((item) => item.after !== undefined)) await this.answered();
      // Let operations queue (and answered callers carry on) before the next batch is taken.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private refuseQueued(): void {
    for (const item of this.queue.splice(0)) item.reject(unavailable(this.log.description));
  }

  /** Settles once every batch run so far is answered. */
  private answered(): Promise<void> {
    return this.waiting.at(-1) ?? Promise.resolve();
  }

  /**
   * Applies the commits of other processes (or, after a failed confirmation, loads the replica
   * again), once every batch of this one is answered; false when the store cannot be read now.
   */
  private async catchUp(): Promise<boolean> {
    await this.answered();
    let entries;
    try {
      if (this.unsure !== null) {
        await this.reload();
        return true;
      }
      entries = await this.log.since(this.version);
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) throw err;
      this.known = this.version;
      return false;
    }
    if (entries === null) {
      await this.reload();
      return true;
    }
    for (const entry of entries) {
      this.store.apply(entry.changes);
      this.version = entry.version;
      this.delivered = entry.version;
      this.remember(entry);
      this.hooks.deliver(entry.effects, false, entry.version);
    }
    this.known = Math.max(this.known, this.version);
    if (entries.length === 0) this.known = this.version;
    this.hooks.changed();
    return true;
  }

  /** Loads everything again: the log no longer holds what this replica missed, or may lack what it holds. */
  private async reload(): Promise<void> {
    await this.answered();
    const { version, changes } = await this.log.load();
    this.store.reset(changes);
    this.committed.length = 0;
    this.version = version;
    this.delivered = version;
    this.known = Math.max(this.known, version);
    this.unsure = null;
    this.hooks.reloaded();
    this.hooks.changed();
  }

  private async runBatch(batch: Queued[]): Promise<void> {
    this.store.begin();
    const outcomes: Outcome[] = [];
    const effects: Effect[] = [];
    for (const item of batch) {
      try {
        const value = item.operation(this.engine);
        outcomes.push({ item, ok: true, value });
        // One by one: a settings change can make more effects than a spread may take.
        for (const effect of this.engine.takeEffects()) effects.push(effect);
      } catch (err) {
        this.engine.takeEffects();
        if (err instanceof ProtocolError) {
          // The engine refuses before it changes anything.
          outcomes.push({ item, ok: false, error: err });
          continue;
        }
        // Anything else may have left a change half made: undo the batch, fail this operation
        // alone and run the others again.
        this.store.rollback();
        item.reject(err instanceof Error ? err : new Error(String(err)));
        this.queue.unshift(...batch.filter((other) => other !== item));
        return;
      }
    }
    const changes = this.store.changes();
    // Reads and refusals need no commit: this process is the account's only writer. They are
    // answered after the batches before them, on whose state they ran.
    if (changes.length === 0) {
      this.store.accept();
      this.hold(Promise.resolve(), null, effects, outcomes);
      return;
    }
    let result;
    try {
      result = await this.log.commit(this.version, { origin: this.origin, changes, effects });
    } catch (err) {
      this.store.rollback();
      // Whether it was committed is unknown: the log will tell when it can be read.
      this.known = Math.max(this.known, this.version + 1);
      for (const item of batch) item.reject(unconfirmed(messageOf(err)));
      return;
    }
    if (!result.ok) {
      this.store.rollback();
      if (result.fenced) {
        for (const item of batch) item.reject(unavailable('this process no longer owns it'));
        this.hooks.fenced?.();
        return;
      }
      this.refused += 1;
      if (result.version < this.version) {
        // The store lost commits this replica holds (e.g. a master lost unconfirmed writes).
        try {
          await this.reload();
        } catch (err) {
          for (const item of batch) item.reject(unavailable(messageOf(err)));
          return;
        }
      } else {
        this.known = Math.max(this.known, result.version);
      }
      this.retry(batch);
      return;
    }
    this.version = result.version;
    this.known = Math.max(this.known, this.version);
    this.store.accept();
    this.batchSize = this.limits.batch;
    this.hold(this.log.confirm(), this.version, effects, outcomes);
  }

  /**
   * Delivers a batch's effects and answers its callers once `confirmed` and every batch before it
   * are settled; `version`: its commit's, null for a batch that changed nothing.
   */
  private hold(
    confirmed: Promise<void>,
    version: number | null,
    effects: readonly Effect[],
    outcomes: readonly Outcome[],
  ): void {
    const failure = confirmed.then(
      () => null,
      (err: unknown) => messageOf(err),
    );
    const previous = this.answered();
    const answered = Promise.all([previous, failure]).then(([, why]) => {
      this.waiting.shift();
      if (why !== null && this.unsure === null) {
        this.unsure = why;
        // Whatever the store holds, nothing runs before the replica is loaded from it again.
        this.kick();
      }
      if (this.unsure === null) this.deliver(version, effects, outcomes);
      else for (const { item } of outcomes) item.reject(unconfirmed(this.unsure));
    });
    this.waiting.push(answered);
  }

  private deliver(
    version: number | null,
    effects: readonly Effect[],
    outcomes: readonly Outcome[],
  ): void {
    if (version !== null) {
      this.delivered = version;
      this.remember({ version, effects });
    }
    try {
      this.hooks.deliver(effects, true, this.delivered);
      this.hooks.changed();
    } catch (err) {
      this.onError(err, 'delivering effects');
    }
    for (const outcome of outcomes) {
      if (outcome.ok) {
        try {
          outcome.item.after?.(outcome.value);
        } catch (err) {
          this.onError(err, 'after an operation');
        }
        outcome.item.resolve(outcome.value);
      } else {
        outcome.item.reject(outcome.error);
      }
    }
  }

  private remember(entry: CommittedEffects): void {
    this.committed.push({ version: entry.version, effects: entry.effects });
    if (this.committed.length > this.limits.remembered) this.committed.shift();
  }

  /** Runs a batch again after catching up, unless its operations were refused too often. */
  private retry(batch: readonly Queued[]): void {
    this.batchSize = Math.max(1, Math.floor(batch.length / 2));
    const again = batch.filter((item) => ++item.attempts < this.limits.attempts);
    for (const item of batch) {
      if (!again.includes(item)) item.reject(unavailable('too many processes changed it at once'));
    }
    this.queue.unshift(...again);
  }
}
