/**
 * A store shared by several routing processes, seen as a versioned log of commits. Each process
 * keeps the whole state in memory (a replica) and commits what one batch of engine operations
 * changed on top of the version it has seen; a commit made on an older version is refused, so two
 * processes can never both act on the same state (assign one interaction twice, overfill an agent,
 * fire a timer twice). The refused process catches up from the log and runs its batch again.
 * Redis implements it (redisLog.ts).
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
  | { readonly ok: false; readonly version: number };

/** The store cannot be reached: nothing was committed, or it is unknown whether it was. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}

export interface SharedLog {
  /** Everything stored, as changes from an empty store, and the version that is. */
  load(): Promise<{ readonly version: number; readonly changes: readonly Change[] }>;
  /** Commits an entry on top of `version` (its version is `version + 1`), unless it is stale. */
  commit(version: number, entry: Omit<LogEntry, 'version'>): Promise<CommitResult>;
  /** The version of the last commit. */
  head(): Promise<number>;
  /** The entries after `version`, oldest first; null when the log no longer holds them all. */
  since(version: number): Promise<readonly LogEntry[] | null>;
  /** The last `count` entries, oldest first. */
  recent(count: number): Promise<readonly LogEntry[]>;
  /** Calls `listener` with each version committed by any process, and when it may have missed some. */
  watch(listener: (version: number | null) => void): void;
  /** Calls `listener` when the store becomes reachable or unreachable. */
  onReachable(listener: (reachable: boolean) => void): void;
  readonly reachable: boolean;
  /** Where it is, for logs and health (no credentials). */
  readonly description: string;
  close(): Promise<void>;
}
