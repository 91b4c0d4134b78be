/**
 * Sessions kept outside the process, so that an agent can resume on another routing process (or
 * on this one after a restart) with no event lost or doubled. A session is stored with the log
 * version of the last commit whose events it holds, so the process that takes it over numbers the
 * events of later commits from the log (`missedBy`), as this one did. So a commit's events are
 * sent at once and written here behind them, while any other event frame (a directory part, a
 * resync), which no log holds, is written here before it is sent, and the frames after it wait.
 * Redis implements it (redisSessionJournal.ts); the in-memory store has none (its sessions die
 * with the process).
 */
import type { EventBody } from '../engine/effects';
import type { CommittedEffects } from './session';

/** A session as stored: enough to resume it. */
export interface StoredSession {
  readonly id: string;
  readonly accountId: string;
  readonly agentId: string;
  readonly seq: number;
  /** The version of the last commit whose events the session holds. */
  readonly logVersion: number;
  readonly directory: boolean;
  /** The last event frames, oldest first, with their seq. */
  readonly events: readonly { readonly seq: number; readonly text: string }[];
  /** The answers to its last commands, oldest first. */
  readonly answers: readonly { readonly id: string; readonly text: string }[];
}

export interface SessionJournal {
  /** Writes a session's state and appends its new event frames, all or nothing. */
  append(
    session: Omit<StoredSession, 'events' | 'answers'>,
    events: readonly { readonly seq: number; readonly text: string }[],
  ): Promise<void>;
  /** Keeps the answer to a command, so that the command repeated on another process is not applied. */
  answer(sessionId: string, commandId: string, text: string): Promise<void>;
  /** Deletes a session past its retention, unless another process has taken it over since. */
  forget(sessionId: string): Promise<void>;
  /** The stored session, or null when there is none (never stored, or expired). */
  load(sessionId: string): Promise<StoredSession | null>;
  /** Notes that these agents have a socket on this process now. */
  seen(agents: readonly { readonly accountId: string; readonly agentId: string }[]): Promise<void>;
  /** The agents no process has noted with a socket since `before`. */
  stale(before: number): Promise<{ readonly accountId: string; readonly agentId: string }[]>;
  /** Forgets an agent's note (they were let go). */
  unseen(agent: { readonly accountId: string; readonly agentId: string }): Promise<void>;
}

/**
 * The events for a stored session's agent in each commit after the one it had seen, or null when
 * those commits are not all known (it cannot be taken over).
 */
export function missedBy(
  stored: StoredSession,
  committed: readonly CommittedEffects[] | null,
): { version: number; bodies: EventBody[] }[] | null {
  const missed = (committed ?? []).filter((entry) => entry.version > stored.logVersion);
  if (
    committed === null ||
    (missed[0] !== undefined && missed[0].version !== stored.logVersion + 1)
  )
    return null;
  return missed.map((entry) => ({
    version: entry.version,
    bodies: entry.effects.flatMap((effect) =>
      effect.kind === 'event' &&
      effect.accountId === stored.accountId &&
      effect.agentId === stored.agentId
        ? [effect.event]
        : [],
    ),
  }));
}
