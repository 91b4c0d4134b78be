/**
 * The sessions one process holds, found by id, by agent and by account (sessions.ts keeps them
 * here; nothing else writes it).
 */
import type { Session } from './session';

const agentKey = (accountId: string, agentId: string) => `${accountId}\u0000${agentId}`;

export class SessionIndex {
  private readonly byId = new Map<string, Session>();
  private readonly byAgent = new Map<string, Set<Session>>();
  private readonly byAccount = new Map<string, Set<Session>>();

  add(session: Session): Session {
    this.byId.set(session.id, session);
    index(this.byAgent, agentKey(session.accountId, session.agentId), session);
    index(this.byAccount, session.accountId, session);
    return session;
  }

  delete(session: Session): void {
    this.byId.delete(session.id);
    unindex(this.byAgent, agentKey(session.accountId, session.agentId), session);
    unindex(this.byAccount, session.accountId, session);
  }

  get(sessionId: string): Session | undefined {
    return this.byId.get(sessionId);
  }

  has(sessionId: string): boolean {
    return this.byId.has(sessionId);
  }

  /** The agent's sessions (live: changes as sessions come and go). */
  ofAgent(accountId: string, agentId: string): ReadonlySet<Session> | undefined {
    return this.byAgent.get(agentKey(accountId, agentId));
  }

  hasAgent(accountId: string, agentId: string): boolean {
    return this.byAgent.has(agentKey(accountId, agentId));
  }

  /** The account's sessions (live: changes as sessions come and go). */
  ofAccount(accountId: string): ReadonlySet<Session> | undefined {
    return this.byAccount.get(accountId);
  }

  values(): IterableIterator<Session> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
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
