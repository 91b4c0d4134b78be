/**
 * Agent sessions: each has its own `seq` stream, a replay buffer for resume, the answers to its
 * recent commands (so a repeated command id is answered again, not applied twice), and whether it
 * subscribed to the directory. A session outlives its socket for a while, so a client that
 * reconnects can resume it. Independent of the socket library: it sends through `Socket`.
 */
import type { DirectoryEntry, DirectoryRef, ServerMessage } from '../../protocol';
import { MAX_DIRECTORY_ENTRIES_PER_FRAME, PROTOCOL_VERSION, stringify } from '../../protocol';
import type { Effect, EventBody } from '../engine/effects';

/** The little the session layer needs of a WebSocket. */
export interface Socket {
  send(text: string): void;
  close(code: number, reason: string): void;
}

export interface SessionLimits {
  /** Events kept for resume. */
  readonly replayEvents: number;
  /** How long a session without a socket can still be resumed. */
  readonly retentionMs: number;
  /** Command answers remembered per session. */
  readonly answers: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  replayEvents: 1000,
  retentionMs: 120_000,
  answers: 1000,
};

export interface Session {
  readonly id: string;
  readonly accountId: string;
  readonly agentId: string;
  seq: number;
  /** The last events sent, oldest first, as frames. */
  readonly buffer: { readonly seq: number; readonly text: string }[];
  /** Each command id's answer (a frame), once known. */
  readonly answers: Map<string, Promise<string>>;
  directory: boolean;
  socket: Socket | null;
  detachedAt: number | null;
}

const agentKey = (accountId: string, agentId: string) => `${accountId}\u0000${agentId}`;

export class SessionHub {
  private readonly sessions = new Map<string, Session>();
  private readonly byAgent = new Map<string, Set<Session>>();
  private readonly byAccount = new Map<string, Set<Session>>();

  constructor(
    private readonly newId: () => string,
    private readonly now: () => number,
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
  ) {}

  /** A fresh session for a socket; its first event will be seq 1. */
  open(accountId: string, agentId: string, socket: Socket): Session {
    const session: Session = {
      id: this.newId(),
      accountId,
      agentId,
      seq: 0,
      buffer: [],
      answers: new Map(),
      directory: false,
      socket,
      detachedAt: null,
    };
    this.sessions.set(session.id, session);
    index(this.byAgent, agentKey(accountId, agentId), session);
    index(this.byAccount, accountId, session);
    return session;
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
    const oldest = session.buffer[0]?.seq ?? session.seq + 1;
    if (lastSeq + 1 < oldest) return null;
    session.socket?.close(1000, 'resumed on another connection');
    session.socket = socket;
    session.detachedAt = null;
    return session;
  }

  /** The events after `lastSeq`, to replay after a resume. */
  missed(session: Session, lastSeq: number): string[] {
    return session.buffer.filter((event) => event.seq > lastSeq).map((event) => event.text);
  }

  /** The socket went away; the session waits to be resumed. */
  detach(session: Session, socket: Socket): void {
    if (session.socket !== socket) return;
    session.socket = null;
    session.detachedAt = this.now();
  }

  /** Sends a frame that is not an event (ack, error, ping, pong, welcome). */
  send(session: Session, message: ServerMessage): void {
    session.socket?.send(stringify(message, 'server'));
  }

  /** Numbers, keeps and sends one event. */
  sendEvent(session: Session, body: EventBody): void {
    session.seq += 1;
    const text = stringify(
      { v: PROTOCOL_VERSION, seq: session.seq, ...body } as ServerMessage,
      'server',
    );
    session.buffer.push({ seq: session.seq, text });
    if (session.buffer.length > this.limits.replayEvents) session.buffer.shift();
    session.socket?.send(text);
  }

  /** Remembers the answer to a command id; returns the earlier answer if there was one. */
  answered(session: Session, id: string): Promise<string> | undefined {
    return session.answers.get(id);
  }

  remember(session: Session, id: string, answer: Promise<string>): void {
    session.answers.set(id, answer);
    if (session.answers.size > this.limits.answers) {
      const oldest = session.answers.keys().next().value as string;
      session.answers.delete(oldest);
    }
  }

  /** Sends the engine's effects to the sessions they concern. */
  deliver(effects: readonly Effect[]): void {
    for (const effect of effects) {
      if (effect.kind === 'event') {
        for (const session of this.byAgent.get(agentKey(effect.accountId, effect.agentId)) ?? []) {
          this.sendEvent(session, effect.event);
        }
      } else {
        for (const session of this.byAccount.get(effect.accountId) ?? []) {
          if (session.directory) this.sendDirectoryChange(session, effect.upserted, effect.removed);
        }
      }
    }
  }

  /** The whole directory in parts of at most 1,000 entries. */
  sendDirectory(session: Session, entries: readonly DirectoryEntry[]): void {
    const size = MAX_DIRECTORY_ENTRIES_PER_FRAME;
    const parts = Math.max(1, Math.ceil(entries.length / size));
    for (let part = 0; part < parts; part++) {
      this.sendEvent(session, {
        type: 'directory.snapshot',
        part,
        parts,
        entries: entries.slice(part * size, (part + 1) * size),
      });
    }
  }

  private sendDirectoryChange(
    session: Session,
    upserted: readonly DirectoryEntry[],
    removed: readonly DirectoryRef[],
  ): void {
    const size = MAX_DIRECTORY_ENTRIES_PER_FRAME;
    for (let i = 0; i < Math.max(upserted.length, removed.length); i += size) {
      this.sendEvent(session, {
        type: 'directory.changed',
        upserted: upserted.slice(i, i + size),
        removed: removed.slice(i, i + size),
      });
    }
  }

  /** Forgets sessions past retention; returns the agents left with no session at all. */
  sweep(): { accountId: string; agentId: string }[] {
    const cutoff = this.now() - this.limits.retentionMs;
    const gone: { accountId: string; agentId: string }[] = [];
    for (const session of this.sessions.values()) {
      if (session.socket === null && session.detachedAt !== null && session.detachedAt < cutoff) {
        this.forget(session);
        if (!this.byAgent.has(agentKey(session.accountId, session.agentId))) {
          gone.push({ accountId: session.accountId, agentId: session.agentId });
        }
      }
    }
    return gone;
  }

  forget(session: Session): void {
    this.sessions.delete(session.id);
    unindex(this.byAgent, agentKey(session.accountId, session.agentId), session);
    unindex(this.byAccount, session.accountId, session);
  }

  /** Forgets every session (their events can no longer be complete). */
  forgetAll(): void {
    for (const session of [...this.sessions.values()]) this.forget(session);
  }

  /** Every session with a socket, e.g. to close them all at shutdown. */
  connected(): Session[] {
    return [...this.sessions.values()].filter((session) => session.socket !== null);
  }

  get size(): number {
    return this.sessions.size;
  }
}

function index(map: Map<string, Set<Session>>, key: string, session: Session): void {
  let sessions = map.get(key);
  if (sessions === undefined) {
    sessions = new Set();
    map.set(key, sessions);
  }
  sessions.add(session);
}

function unindex(map: Map<string, Set<Session>>, key: string, session: Session): void {
  const sessions = map.get(key);
  sessions?.delete(session);
  if (sessions?.size === 0) map.delete(key);
}
