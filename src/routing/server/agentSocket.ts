/**
 * What an agent connection (agentConnection.ts) is given from outside: its socket, its limits and
 * where it logs. The ws binding (wsBinding.ts) provides the socket; the service's start, its limits.
 */
import type { Socket } from './session';

/** An agent connection's limits. */
export interface ConnectionOptions {
  readonly heartbeatSeconds: number;
  /** Frames (commands, pings, pongs) per second allowed, and the burst above it. */
  readonly commandsPerSecond: number;
  readonly commandBurst: number;
  /** Time from the upgrade to `hello`; a socket silent that long is closed. */
  readonly helloSeconds: number;
  /** Bytes that may wait to be sent to a socket; a client that lets more pile up is closed. */
  readonly maxBufferedBytes: number;
}

export const DEFAULT_CONNECTION_OPTIONS: ConnectionOptions = {
  heartbeatSeconds: 15,
  commandsPerSecond: 20,
  commandBurst: 40,
  helloSeconds: 5,
  maxBufferedBytes: 4 * 1024 * 1024,
};

/** The socket of an agent connection: a session's socket that is also told when it is welcomed. */
export interface AgentSocket extends Socket {
  /**
   * The agent was welcomed, here or by the owner its frames are now relayed to: the connection is
   * no longer a pending one.
   */
  welcomed(relayed?: boolean): void;
  /** Reads no more frames (the connection is being closed for abuse). */
  stopReading(): void;
  /** The frames just sent were a resumed session's backlog (outboundLimit.ts). */
  backlogSent(): void;
}

export interface ConnectionLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
