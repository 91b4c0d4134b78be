/**
 * Agent sessions: each has its own `seq` stream, a replay buffer for resume, the answers to its
 * recent commands (so a repeated command id is answered again, not applied twice), and whether it
 * subscribed to the directory. A session outlives its socket for a while, so a client that
 * reconnects can resume it. With a journal (a store shared by several processes) each frame is
 * kept there too, so the session can be resumed on another process (sessionJournal.ts); what
 * waits for its write before it leaves is sessionWrites.ts's. Directory changes reach subscribers
 * in batches, at most one per interval (directoryBatches.ts). Independent of the socket library:
 * it sends through `Socket`.
 */
import type { DirectoryEntry } from '../../protocol';
import { CLOSE_CODES } from '../../protocol';
import type { Effect, EventBody } from '../engine/effects';
import { DirectoryFanout } from './directoryFanout';
import type { Frame } from './eventFrames';
import { EventTexts } from './eventFrames';
import { ReplayBuffer } from './replayBuffer';
import { SessionIndex } from './sessionIndex';
import { SessionWrites } from './sessionWrites';
import type { CommittedEffects, Session, SessionLimits, Socket } from './session';
import { DEFAULT_SESSION_LIMITS, rememberAnswer } from './session';
import type { SessionJournal, StoredSession } from './sessionJournal';
import { missedBy } from './sessionJournal';

export interface HubOptions {
  readonly newId: () => string;
  readonly now: () => number;
  readonly limits?: SessionLimits;
  /** Where sessions are kept for other processes; null: in this process only. */
  readonly journal?: SessionJournal | null;
  readonly onJournalError?: (err: unknown) => void;
  /** The version of the account's last commit whose effects were delivered (shared stores). */
  readonly version?: (accountId: string) => number;
  /** Runs `run` after `ms`; returns a cancel function (tests pass a fake). */
  readonly schedule?: (run: () => void, ms: number) => () => void;
}

function scheduleTimer(run: () => void, ms: number): () => void {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
}

export class SessionHub {
  private readonly sessions = new SessionIndex();
  private readonly directory: DirectoryFanout;
  private readonly newId: () => string;
  private readonly now: () => number;
  private readonly limits: SessionLimits;
  /** Where sessions are kept for other processes; null: in this process only. */
  readonly journal: SessionJournal | null;
  private readonly onJournalError: (err: unknown) => void;
  private readonly writes: SessionWrites;
  private readonly version: (accountId: string) => number;

  constructor(options: HubOptions) {
    this.newId = options.newId;
    this.now = options.now;
    this.limits = options.limits ?? DEFAULT_SESSION_LIMITS;
    this.journal = options.journal ?? null;
    this.onJournalError = options.onJournalError ?? (() => {});
    this.writes = new SessionWrites(this.journal, this.onJournalError);
    this.version = options.version ?? (() => 0);
    this.directory = new DirectoryFanout(
      {
        sessionsOf: (accountId) => this.sessions.ofAccount(accountId) ?? [],
        holds: (session) => this.sessions.has(session.id),
        send: (session, bodies, texts) => this.emitEvents(session, bodies, texts),
      },
      this.limits.directoryBatchMs,
      options.schedule ?? scheduleTimer,
    );
  }

  /**
   * A fresh session for a socket; its first event will be seq 1. Past the agent's session limit the
   * oldest session is closed with `tooManySessions` and forgotten.
   */
  open(accountId: string, agentId: string, socket: Socket): Session {
    const session = this.sessions.add({
      id: this.newId(),
      accountId,
      agentId,
      seq: 0,
      buffer: this.replayBuffer(),
      answers: new Map(),
      directory: false,
      socket,
      detachedAt: null,
      logVersion: this.version(accountId),
      outbox: Promise.resolve(),
      held: 0,
      durable: true,
    });
    this.writes.events(session, []);
    this.noteSeen(session);
    this.limitSessionsOf(accountId, agentId);
    return session;
  }

  private limitSessionsOf(accountId: string, agentId: string): void {
    const sessions = this.sessions.ofAgent(accountId, agentId);
    if (sessions === undefined) return;
    // A Set iterates in insertion order: oldest first.
    for (const oldest of [...sessions].slice(
      0,
      Math.max(0, sessions.size - this.limits.perAgent),
    )) {
      this.close(
        oldest,
        CLOSE_CODES.tooManySessions,
        `more than ${this.limits.perAgent} sessions of this agent; the oldest was closed`,
      );
    }
  }

  /** Closes every session of one agent for good, here and in the journal (the agent was removed). */
  closeAgent(accountId: string, agentId: string, code: number, reason: string): void {
    const sessions = this.sessions.ofAgent(accountId, agentId) ?? [];
    for (const session of [...sessions]) this.close(session, code, reason);
  }

  /** Closes a session's socket and forgets the session: it cannot be resumed. */
  private close(session: Session, code: number, reason: string): void {
    session.socket?.close(code, reason);
    session.socket = null;
    this.drop(session);
  }

  private replayBuffer(frames: readonly Frame[] = [], seq = 0): ReplayBuffer {
    return new ReplayBuffer(this.limits.replayEvents, this.limits.replayBytes, frames, seq);
  }

  /** Tells the other processes the agent has a socket here (a sweep notes them all again). */
  private noteSeen(session: Session): void {
    const { accountId, agentId } = session;
    this.journal?.seen([{ accountId, agentId }]).catch((err: unknown) => this.onJournalError(err));
  }

  /** Whether this process holds a session of the agent (with a socket or waiting for one). */
  holds(accountId: string, agentId: string): boolean {
    return this.sessions.hasAgent(accountId, agentId);
  }

  /** The agent's sessions held here (with a socket or waiting for one). */
  sessionsOf(accountId: string, agentId: string): readonly Session[] {
    return [...(this.sessions.ofAgent(accountId, agentId) ?? [])];
  }

  /** Whether this process holds the session. */
  has(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  /**
   * Takes over a session stored by another process (or before a restart), and sends it the events
   * of the commits it has not had; false when those are no longer known (it cannot be resumed).
   */
  adopt(
    stored: StoredSession,
    committed: readonly CommittedEffects[] | null,
    directory: () => readonly DirectoryEntry[],
  ): boolean {
    if (this.sessions.has(stored.id)) return true;
    const missed = missedBy(stored, committed);
    if (missed === null) return false;
    const session = this.sessions.add({
      id: stored.id,
      accountId: stored.accountId,
      agentId: stored.agentId,
      seq: stored.seq,
      buffer: this.replayBuffer(stored.events, stored.seq),
      answers: new Map(stored.answers.map(({ id, text }) => [id, Promise.resolve(text)])),
      directory: stored.directory,
      socket: null,
      detachedAt: this.now(),
      logVersion: stored.logVersion,
      outbox: Promise.resolve(),
      held: 0,
      durable: true,
    });
    for (const { version, bodies } of missed) {
      session.logVersion = version;
      if (bodies.length > 0) this.emitEvents(session, bodies, new EventTexts(), true);
    }
    // Directory batches the other process had not sent yet went with it: start the directory afresh.
    if (session.directory) this.sendDirectory(session, directory);
    return true;
  }

  /**
   * The session to resume, when it exists, belongs to this agent, and still has every event after
   * `lastSeq`; otherwise null (the client then gets a fresh session and snapshot).
   */
  resume(
    sessionId: string,
    lastSeq: number,
    accountId: string,
    agentId: string,
    socket: Socket,
  ): Session | null {
    const session = this.sessions.get(sessionId);
    if (session === undefined || session.accountId !== accountId || session.agentId !== agentId)
      return null;
    if (lastSeq > session.seq) return null;
    if (lastSeq + 1 < session.buffer.oldestSeq) return null;
    session.socket?.close(1000, 'resumed on another connection');
    session.socket = socket;
    session.detachedAt = null;
    this.noteSeen(session);
    return session;
  }

  /** The events after `lastSeq` that were sent, to replay after a resume. */
  missed(session: Session, lastSeq: number): string[] {
    return session.buffer.after(lastSeq);
  }

  /** The socket went away; the session waits to be resumed. */
  detach(session: Session, socket: Socket): void {
    if (session.socket !== socket) return;
    session.socket = null;
    session.detachedAt = this.now();
  }

  /**
   * Sends a frame without seq (an answer, a welcome) after the events before it, once what the
   * session keeps is written; with a journal, a first answer is kept there before it leaves
   * (`commandId`), so that the command repeated elsewhere is answered again rather than applied.
   */
  sendAnswer(session: Session, text: string, commandId: string | null): void {
    this.writes.answer(session, text, commandId);
  }

  /** Numbers, keeps and sends one event. */
  sendEvent(session: Session, body: EventBody): void {
    this.emitEvents(session, [body]);
  }

  /**
   * Sends the engine's events to the sessions of the agents they concern; directory changes wait
   * for the next batch (directoryFanout.ts).
   */
  deliver(effects: readonly Effect[], version = 0): void {
    const bodies = new Map<Session, EventBody[]>();
    for (const effect of effects) {
      if (effect.kind === 'directory') {
        const { accountId, upserted, removed } = effect;
        this.directory.changed(
          accountId,
          upserted,
          removed,
          this.sessions.ofAccount(accountId) !== undefined,
        );
        continue;
      }
      // For the telephone system (the simulator's, in this service), not for agents.
      if (effect.kind === 'digits') continue;
      for (const session of this.sessions.ofAgent(effect.accountId, effect.agentId) ?? []) {
        let list = bodies.get(session);
        if (list === undefined) bodies.set(session, (list = []));
        list.push(effect.event);
      }
    }
    const texts = new EventTexts();
    for (const [session, list] of bodies) {
      session.logVersion = Math.max(session.logVersion, version);
      this.emitEvents(session, list, texts, true);
    }
  }

  /** Stops the batch timer (the service is stopping). */
  stop(): void {
    this.directory.stop();
  }

  /**
   * The whole directory in parts of at most 1,000 entries. `entries` is read (and the parts made
   * into text) once per account until its directory changes: subscribers that ask meanwhile share
   * it, so a thousand of them cost one copy.
   */
  sendDirectory(session: Session, entries: () => readonly DirectoryEntry[]): void {
    const { bodies, texts } = this.directory.snapshot(session.accountId, entries);
    this.emitEvents(session, bodies, texts);
  }

  /**
   * Numbers events, has the journal keep them (when there is one) and sends them in order. An
   * event going to many sessions is checked and made into text once (`texts`). `committed`: they
   * are a commit's events for this session's agent, which the log holds (confirmed) for a process
   * that takes the session over to number again (`adopt`, `missedBy`).
   */
  private emitEvents(
    session: Session,
    bodies: readonly EventBody[],
    texts = new EventTexts(),
    committed = false,
  ) {
    const events = bodies.map((body) => {
      session.seq += 1;
      return texts.event(body, session.seq);
    });
    this.writes.events(session, events, committed);
  }

  /** Remembers the answer to a command id; returns the earlier answer if there was one. */
  answered(session: Session, id: string): Promise<string> | undefined {
    return session.answers.get(id);
  }

  remember(session: Session, id: string, answer: Promise<string>): void {
    rememberAnswer(session, id, answer, this.limits);
  }

  /** Forgets sessions past retention; returns the agents left with no session at all. */
  sweep(): { accountId: string; agentId: string }[] {
    const cutoff = this.now() - this.limits.retentionMs;
    const gone: { accountId: string; agentId: string }[] = [];
    for (const session of this.sessions.values()) {
      if (session.socket === null && session.detachedAt !== null && session.detachedAt < cutoff) {
        this.drop(session);
        if (!this.sessions.hasAgent(session.accountId, session.agentId)) {
          gone.push({ accountId: session.accountId, agentId: session.agentId });
        }
      }
    }
    return gone;
  }

  /** Forgets a session here and in the journal (after what it still had to write). */
  private drop(session: Session): void {
    this.forget(session);
    const journal = this.journal;
    if (journal !== null) {
      void session.outbox
        .then(() => journal.forget(session.id))
        .catch((err: unknown) => this.onJournalError(err));
    }
  }

  forget(session: Session): void {
    this.sessions.delete(session);
  }

  /**
   * Forgets the sessions of one account here and closes them once what they had to write to the
   * journal is written, keeping them there: the account was reloaded or moved to another process,
   * where they resume with nothing missing.
   */
  async forgetAccount(accountId: string, code: number, reason: string): Promise<void> {
    const sessions = [...(this.sessions.ofAccount(accountId) ?? [])];
    for (const session of sessions) this.forget(session);
    await Promise.allSettled(sessions.map((session) => session.outbox));
    for (const session of sessions) session.socket?.close(code, reason);
  }

  /** Every session with a socket, e.g. to close them all at shutdown. */
  connected(): Session[] {
    return [...this.sessions.values()].filter((session) => session.socket !== null);
  }

  get size(): number {
    return this.sessions.size;
  }
}
