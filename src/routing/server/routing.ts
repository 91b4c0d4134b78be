/**
 * What an agent connection needs of the routing service (service.ts implements it): tokens
 * checked, the account located, sessions recalled, snapshots read and commands applied on
 * committed state.
 */
import type { Command, DirectoryEntry, Snapshot } from '../../protocol';
import type { EventBody } from '../engine/effects';
import type { CommandResult } from '../engine/engine';
import type { Session } from './session';
import type { AgentIdentity } from './tokens';

export interface RoutingView {
  snapshot(identity: AgentIdentity): Snapshot;
  directory(accountId: string): DirectoryEntry[];
  /** The events that answer `resync`: the agent's snapshot (a supervisor's: their figures). */
  resync(identity: AgentIdentity): EventBody[];
}

/** What a connection needs of the routing service. */
export interface Routing {
  verify(token: string): Promise<AgentIdentity | null>;
  /** Makes a session stored by another process (or before a restart) resumable here. */
  recall(sessionId: string): Promise<void>;
  /**
   * Where the account's sessions are served: null here, or the agent WebSocket URL of the process
   * that owns it (forward.ts); `forwarded`: this socket was relayed here, so it is never relayed
   * again. ProtocolError `unavailable` when nobody can serve it now.
   */
  locate(accountId: string, forwarded: boolean): Promise<string | null>;
  /**
   * Reads the agent's snapshot and calls `then` with it before any later event is sent; rejects
   * with ProtocolError `not-found` when the agent does not exist. A supervisor session's welcome
   * carries none (null): `opened` sends a fresh session its first events, after the welcome.
   */
  snapshot(
    identity: AgentIdentity,
    then: (snapshot: Snapshot | null, opened?: (session: Session) => void) => void,
  ): Promise<void>;
  /** Refuses (ProtocolError) a command this kind of session never sends, before anything else. */
  check?(command: Command): void;
  /**
   * Applies a command and sends its events, then calls `after` before any later event is sent;
   * rejects with ProtocolError when it cannot.
   */
  command(
    identity: AgentIdentity,
    command: Command,
    after?: (result: CommandResult, view: RoutingView) => void,
  ): Promise<CommandResult>;
  now(): number;
}
