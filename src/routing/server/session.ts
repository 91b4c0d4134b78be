/** An agent session as the session layer keeps it, its socket, and the limits it lives under. */
import type { Effect } from '../engine/effects';
import type { ReplayBuffer } from './replayBuffer';

/** The little the session layer needs of a WebSocket. */
export interface Socket {
  send(text: string): void;
  close(code: number, reason: string): void;
}

export interface SessionLimits {
  /** Events kept for resume. */
  readonly replayEvents: number;
  /** Characters of event text kept for resume (whichever of the two limits comes first). */
  readonly replayBytes: number;
  /** How long a session without a socket can still be resumed. */
  readonly retentionMs: number;
  /** Command answers remembered per session. */
  readonly answers: number;
  /** Sessions one agent may hold; a new one beyond closes and forgets the oldest. */
  readonly perAgent: number;
  /** At most one batch of directory changes per subscriber in this time. */
  readonly directoryBatchMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  replayEvents: 1000,
  replayBytes: 1024 * 1024,
  retentionMs: 120_000,
  answers: 1000,
  perAgent: 5,
  directoryBatchMs: 200,
};

export interface Session {
  readonly id: string;
  readonly accountId: string;
  readonly agentId: string;
  seq: number;
  /** The last events sent, as frames. */
  readonly buffer: ReplayBuffer;
  /** Each command id's answer (a frame), once known. */
  readonly answers: Map<string, Promise<string>>;
  directory: boolean;
  socket: Socket | null;
  detachedAt: number | null;
  /** The version of the last commit whose events this session got (shared stores). */
  logVersion: number;
  /**
   * What the session still has to write to the journal and send, in order: a frame that must be
   * in the journal before it leaves waits here for its write, and every frame after it waits too.
   */
  outbox: Promise<void>;
  /** Frames waiting in the outbox to be sent (0: a commit's events may leave at once). */
  held: number;
  /** False once a journal write failed: the stored copy stops, so it can only be refused. */
  durable: boolean;
}

/** Remembers the answer to command `id`, forgetting the oldest past `limits.answers`. */
export function rememberAnswer(
  session: Session,
  id: string,
  answer: Promise<string>,
  limits: SessionLimits,
): void {
  session.answers.set(id, answer);
  if (session.answers.size > limits.answers) {
    session.answers.delete(session.answers.keys().next().value as string);
  }
}

/** Commits' effects as the runner keeps them, for sessions taken over from another process. */
export interface CommittedEffects {
  readonly version: number;
  readonly effects: readonly Effect[];
}
