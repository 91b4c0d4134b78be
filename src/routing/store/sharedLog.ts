/**
 * One account's state in a store shared by several routing processes, seen as a versioned log of
 * commits. The process that owns the account (its lease, leases.ts) keeps its state in memory (a
 * replica) and commits what one batch of engine operations changed on top of the version it has
 * seen. A commit on an older version, or by a process that no longer holds the lease, is refused:
 * two processes can never both act on the same state (assign one interaction twice, overfill an
 * agent, fire a timer twice). Redis implements it (redisLog.ts).
 */
import type { Effect } from '../engine/effects';
import type { Change } from './changes';

export interface LogEntry {
  readonly version: number;
  /** The routing process that committed it. */
  readonly origin: string;
  readonly changes: readonly Change[];
  /** The events it produced, for the sessions any process holds. */
  readonly effects: readonly Effect[];
}

export type CommitResult =
  | { readonly ok: true; readonly version: number }
  /** `fenced`: this process no longer holds the account's lease; else the version moved on. */
  | { readonly ok: false; readonly version: number; readonly fenced: boolean };

/** The store cannot be reached: nothing was committed, or it is unknown whether it was. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

export interface SharedLog {
  /** Everything stored, as changes from an empty store, and the version that is. */
  load(): Promise<{ readonly version: number; readonly changes: readonly Change[] }>;
  /**
   * Commits an entry on top of `version` (its version is `version + 1`), unless it is stale. A
   * kept commit is not yet safe: see `confirm`.
   */
  commit(version: number, entry: Omit<LogEntry, 'version'>): Promise<CommitResult>;
  /**
   * Settles once every commit kept so far is safe (with replicas: held by them, so that losing
   * the store's master loses none); a StoreUnavailableError when that cannot be said now (they
   * may be lost). Commits made meanwhile on top of an unconfirmed one are refused if it is lost.
   */
  confirm(): Promise<void>;
  /**
   * The entries after `version`, oldest first, whose changes applied in order bring a replica at
   * `version` to the current state (a store may put them all on the last entry, as they are
   * now); null when the log no longer holds them all.
   */
  since(version: number): Promise<readonly LogEntry[] | null>;
  /** The last `count` entries, oldest first, for their effects (their changes may be left out). */
  recent(count: number): Promise<readonly LogEntry[]>;
  /** Calls `listener` when the store becomes reachable or unreachable. */
  onReachable(listener: (reachable: boolean) => void): void;
  readonly reachable: boolean;
  /** Where it is, for logs and health (no credentials). */
  readonly description: string;
}
