/**
 * How engine operations run against the store, and when their effects leave. Two ways:
 *  - `DirectRunner` (in-memory store, one process): each operation runs at once and its effects
 *    are delivered straight after.
 *  - `ReplicatedRunner` (replicatedRunner.ts: one account on a shared store, on the process that
 *    owns it): operations run in batches on this process's replica, each batch committed, and its
 *    effects delivered and callers answered once the store has confirmed it.
 */
import type { Effect } from './engine/effects';
import type { Engine } from './engine/engine';
import type { CommittedEffects } from './server/session';

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

/** How the replicated runner (replicatedRunner.ts) batches, retries and remembers. */
export interface ReplicationLimits {
  /** Operations committed together at most. */
  readonly batch: number;
  /** Refused commits in a row before an operation fails with `unavailable`. */
  readonly attempts: number;
  /** Commits whose effects are kept, for sessions taken over from another process. */
  readonly remembered: number;
  /** Batches run and waiting for their confirmation at most; the next waits for the oldest. */
  readonly unconfirmed: number;
}

export const DEFAULT_REPLICATION_LIMITS: ReplicationLimits = {
  batch: 256,
  attempts: 50,
  remembered: 1000,
  unconfirmed: 8,
};
