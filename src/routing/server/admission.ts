/**
 * Connections that have not been welcomed yet (TCP accepted, no `hello` answered): they cost a file
 * descriptor and memory but prove nothing, so they are capped per remote address and in total.
 * Over either cap the oldest such connection is dropped, so a new one (a real agent's hello takes
 * milliseconds) always gets its chance; one that never even sends an HTTP request is dropped after
 * the hello deadline. Agent connections leave the count when welcomed, HTTP ones when their request
 * arrives (the HTTP server's own timeouts bound them from there). A WebSocket another routing
 * process passed on (its upgrade carries the service's mark: forward.ts) leaves it at its upgrade:
 * the process the client reached first counted it by the client's own address.
 */

export interface AdmissionLimits {
  /** Connections not yet welcomed, from all addresses together. */
  readonly pendingTotal: number;
  /** Connections not yet welcomed from one remote address. */
  readonly pendingPerAddress: number;
  /** Time to send the HTTP request (and, for agents, `hello`). */
  readonly helloMs: number;
}

export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = {
  pendingTotal: 1024,
  pendingPerAddress: 128,
  helloMs: 5000,
};

/** The little admission needs of a TCP socket. */
export interface PendingSocket {
  readonly remoteAddress?: string | undefined;
  destroy(): void;
}

/** Why a connection was dropped before it was welcomed (a metric label). */
export type Refusal = 'pending-per-address' | 'pending-total' | 'no-request';

interface Pending {
  readonly address: string;
  readonly since: number;
  /** Upgraded to WebSocket: the agent connection's own hello deadline applies from here. */
  upgraded: boolean;
}

export class Admission {
  /** In arrival order, oldest first. */
  private readonly pending = new Map<PendingSocket, Pending>();
  private readonly byAddress = new Map<string, Set<PendingSocket>>();

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly now: () => number,
    private readonly refused: (why: Refusal) => void = () => {},
  ) {}

  /** A connection was accepted; drops the oldest pending one where a cap is passed. */
  admit(socket: PendingSocket): void {
    const address = socket.remoteAddress ?? 'unknown';
    this.pending.set(socket, { address, since: this.now(), upgraded: false });
    let mates = this.byAddress.get(address);
    if (mates === undefined) this.byAddress.set(address, (mates = new Set()));
    mates.add(socket);
    if (mates.size > this.limits.pendingPerAddress) {
      this.drop(mates.values().next().value as PendingSocket, 'pending-per-address');
    }
    if (this.pending.size > this.limits.pendingTotal) {
      this.drop(this.pending.keys().next().value as PendingSocket, 'pending-total');
    }
  }

  /** The connection became a WebSocket; it still counts until welcomed. */
  upgraded(socket: PendingSocket): void {
    const entry = this.pending.get(socket);
    if (entry !== undefined) entry.upgraded = true;
  }

  /** The connection is welcomed, sent an HTTP request, or closed: it no longer counts. */
  settle(socket: PendingSocket): void {
    const entry = this.pending.get(socket);
    if (entry === undefined) return;
    this.pending.delete(socket);
    const mates = this.byAddress.get(entry.address);
    mates?.delete(socket);
    if (mates?.size === 0) this.byAddress.delete(entry.address);
  }

  /** Drops connections that sent no request within the hello deadline. */
  sweep(): void {
    const cutoff = this.now() - this.limits.helloMs;
    for (const [socket, entry] of this.pending) {
      if (entry.since > cutoff) break; // oldest first: the rest are younger
      if (!entry.upgraded) this.drop(socket, 'no-request');
    }
  }

  /** Connections not yet welcomed. */
  get size(): number {
    return this.pending.size;
  }

  private drop(socket: PendingSocket, why: Refusal): void {
    this.settle(socket);
    this.refused(why);
    socket.destroy();
  }
}
