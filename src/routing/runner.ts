/**
 * How engine operations run against the store, and when their effects leave. Two ways:
 *  - `DirectRunner` (in-memory store, one process): each operation runs at once and its effects
 *    are delivered straight after.
 *  - `ReplicatedRunner` (one account on a shared store, sharedLog.ts, on the process that owns it):
 *    operations queue and run in batches on this process's replica; a batch's changes are
 *    committed on top of the version the replica is at, and only then are its effects delivered
 *    and its callers answered. A refused commit is undone: when the version moved on, the replica
 *    catches up from the log and the batch runs again; when the lease moved on (fenced), the batch
 *    is refused with `unavailable` and the owner is told it lost the account.
 */
import { ProtocolError } from '../protocol';
import type { Effect } from './engine/effects';
import type { Engine } from './engine/engine';
import type { CommittedEffects } from './server/session';
import type { TrackedStore } from './store/trackedStore';
import type { SharedLog } from './store/sharedLog';
import { StoreUnavailableError } from './store/sharedLog';

export type Operation<T> = (engine: Engine) => T;

export interface Runner {
  /**
   * Runs an operation; once its changes are kept, its effects are delivered, then `after` runs on
   * the state it left (before any other operation), then the promise settles.
   */
  run<T>(operation: Operation<T>, after?: (value: T) => void): Promise<T>;
  /** The version of the state this process holds (0 without a shared store). */
  readonly at: number;
  /** Commits refused because the version had moved on (another writer): none while leases hold. */
  readonly refused: number;
  /**
   * The effects of the commits after `version` up to the state this process holds, or null when
   * they are not all known (always, without a shared store: its sessions never move).
   */
  committedSince(version: number): CommittedEffects[] | null;
  /** Refuses what is queued; settles once the batch under way (if any) is done. */
  stop(): Promise<void>;
}

/** What a runner tells the service. */
export interface RunnerHooks {
  /**
   * Effects to send, of the commit `version` (0 without a shared store); `own`: produced by this
   * process (the simulator reacts to those alone).
   */
  deliver(effects: readonly Effect[], own: boolean, version: number): void;
  /** The replica changed (timers may be due sooner). */
  changed(): void;
  /** The replica was reloaded whole: sessions may have missed events and must start afresh. */
  reloaded(): void;
  /** A commit was refused because this process no longer holds the account's lease. */
  fenced?(): void;
}

export class DirectRunner implements Runner {
  constructor(
    private readonly engine: Engine,
    private readonly hooks: RunnerHooks,
  ) {}

  run<T>(operation: Operation<T>, after?: (value: T) => void): Promise<T> {
    let value: T;
    try {
      value = operation(this.engine);
    } catch (err) {
      this.settle();
      return Promise.reject(err as Error);
    }
    this.settle();
    after?.(value);
    return Promise.resolve(value);
  }

  readonly at = 0;
  readonly refused = 0;

  committedSince(): null {
    return null;
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  private settle(): void {
    this.hooks.deliver(this.engine.takeEffects(), true, 0);
    this.hooks.changed();
  }
}

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

export interface ReplicationLimits {
  /** Operations committed together at most. */
  readonly batch: number;
  /** Refused commits in a row before an operation fails with `unavailable`. */
  readonly attempts: number;
  /** Commits whose effects are kept, for sessions taken over from another process. */
  readonly remembered: number;
}

export const DEFAULT_REPLICATION_LIMITS: ReplicationLimits = {
  batch: 64,
  attempts: 50,
  remembered: 1000,
};

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

export class ReplicatedRunner implements Runner {
  private readonly queue: Queued[] = [];
  private running = false;
  /** Settles when the loop under way is done. */
  private idle: Promise<void> = Promise.resolve();
  private stopped = false;
  refused = 0;
  /** The last version this replica holds. */
  private version: number;
  /** The newest version known to exist (after a refused or unconfirmed commit). */
  private known: number;
  /** The effects of the last commits, oldest first. */
  private readonly committed: CommittedEffects[] = [];
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
    this.known = version;
    this.batchSize = limits.batch;
    for (const entry of recent) if (entry.version <= version) this.remember(entry);
    log.onReachable((reachable) => {
      if (reachable && this.known > this.version) this.kick();
    });
  }

  get at(): number {
    return this.version;
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

  stop(): Promise<void> {
    this.stopped = true;
    for (const item of this.queue.splice(0)) {
      item.reject(unavailable('the routing service is stopping'));
    }
    return this.idle;
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
      if (this.known > this.version) {
        if (!(await this.catchUp())) return;
        continue;
      }
      if (this.queue.length === 0) return;
      if (!this.log.reachable) {
        for (const item of this.queue.splice(0)) item.reject(unavailable(this.log.description));
        return;
      }
      await this.runBatch(this.queue.splice(0, this.batchSize));
      // Let what the answered callers do next run on the state they saw before the next batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Applies the commits of other processes; false when the log cannot be read now. */
  private async catchUp(): Promise<boolean> {
    let entries;
    try {
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
      this.remember(entry);
      this.hooks.deliver(entry.effects, false, entry.version);
    }
    this.known = Math.max(this.known, this.version);
    if (entries.length === 0) this.known = this.version;
    this.hooks.changed();
    return true;
  }

  /** The log no longer holds what this replica missed: load everything again. */
  private async reload(): Promise<void> {
    const { version, changes } = await this.log.load();
    this.store.reset(changes);
    this.committed.length = 0;
    this.version = version;
    this.known = Math.max(this.known, version);
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
    // Reads and refusals need no commit: this process is the account's only writer.
    if (changes.length > 0) {
      let result;
      try {
        result = await this.log.commit(this.version, { origin: this.origin, changes, effects });
      } catch (err) {
        this.store.rollback();
        // Whether it was committed is unknown: the log will tell when it can be read.
        this.known = Math.max(this.known, this.version + 1);
        const why = err instanceof Error ? err.message : String(err);
        for (const item of batch) item.reject(unconfirmed(why));
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
            const why = err instanceof Error ? err.message : String(err);
            for (const item of batch) item.reject(unavailable(why));
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
    }
    this.store.accept();
    this.batchSize = this.limits.batch;
    if (changes.length > 0) this.remember({ version: this.version, effects });
    this.hooks.deliver(effects, true, this.version);
    this.hooks.changed();
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

  committedSince(version: number): CommittedEffects[] | null {
    if (version >= this.version) return [];
    const first = this.committed[0];
    if (first === undefined || first.version > version + 1) return null;
    return this.committed.filter((entry) => entry.version > version);
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
