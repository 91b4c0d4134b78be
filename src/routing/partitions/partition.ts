/**
 * A partition: the accounts one engine decides for, with its store, its runner and its timers.
 * With the in-memory store one partition holds every account; on a shared store each account is
 * its own partition, on the process that owns it (ownership.ts).
 */
import type { Logger } from 'pino';
import type { Effect } from '../engine/effects';
import { Engine } from '../engine/engine';
import type { Operation, Runner } from '../runner';
import { ReplicatedRunner } from '../replicatedRunner';
import { DirectRunner } from '../runner';
import type { CommittedEffects } from '../server/session';
import type { SharedLog } from '../store/sharedLog';
import type { Store } from '../store/store';
import type { TrackedStore } from '../store/trackedStore';

/** An account's state on a shared store, loaded by the process that owns it. */
export interface SharedState {
  readonly tracked: TrackedStore;
  readonly log: SharedLog;
  readonly version: number;
  readonly recent: readonly CommittedEffects[];
}

export interface PartitionHooks {
  /** Effects to send, of the commit `version`; `own`: produced by this process now. */
  deliver(effects: readonly Effect[], own: boolean, version: number): void;
  /** The replica of `accountId` was reloaded whole: its sessions must start afresh. */
  reloaded(accountId: string | null): void;
  /** A commit was refused: this process no longer holds the account's lease. */
  fenced(accountId: string): void;
  readonly newId: (kind: string) => string;
  readonly log: Logger;
}

export class Partition {
  readonly engine: Engine;
  private readonly runner: Runner;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDueAt = Infinity;
  private stopped = false;

  constructor(
    /** The account it decides for; null: every account (the in-memory store). */
    readonly accountId: string | null,
    /** Read through `run`, so that reads see committed state. */
    readonly store: Store,
    shared: SharedState | null,
    private readonly hooks: PartitionHooks,
    origin: string,
  ) {
    this.engine = new Engine(store, { now: () => Date.now() }, hooks.newId);
    const runnerHooks = {
      deliver: hooks.deliver,
      changed: () => this.arm(),
      reloaded: () => hooks.reloaded(accountId),
      fenced: () => {
        if (accountId !== null) hooks.fenced(accountId);
      },
    };
    this.runner =
      shared === null
        ? new DirectRunner(this.engine, runnerHooks)
        : new ReplicatedRunner(
            this.engine,
            shared.tracked,
            shared.log,
            shared.version,
            shared.recent,
            origin,
            runnerHooks,
            (err, what) => hooks.log.error({ err, account: accountId }, what),
          );
    this.arm();
  }

  run<T>(operation: Operation<T>, after?: (value: T) => void): Promise<T> {
    return this.runner.run(operation, after);
  }

  /** The version of the state this process holds (0 with the in-memory store). */
  get at(): number {
    return this.runner.at;
  }

  /** Commits refused because the version had moved on. */
  get refused(): number {
    return this.runner.refused;
  }

  committedSince(version: number): CommittedEffects[] | null {
    return this.runner.committedSince(version);
  }

  /** Takes no more work; settles once the batch under way (if any) is committed or refused. */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    return this.runner.stop();
  }

  /** Sleeps until the engine's next timer is due, then fires it. */
  private arm(): void {
    if (this.stopped) return;
    const dueAt = this.engine.nextDueAt();
    if (dueAt === undefined || dueAt >= this.timerDueAt) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerDueAt = dueAt;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.timerDueAt = Infinity;
        this.run((engine) => engine.tick()).catch((err: unknown) => {
          if (this.stopped) return;
          this.hooks.log.error({ err, account: this.accountId }, 'timer failed');
          // Try again shortly (e.g. the store was unreachable).
          this.timer = setTimeout(() => this.arm(), 1000);
        });
      },
      Math.max(0, dueAt - Date.now()),
    );
  }
}
