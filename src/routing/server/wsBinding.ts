/**
 * Binds agent connections to the `ws` package and to the HTTP server's sockets: the one place that
 * knows the socket library. It admits connections (admission.ts), upgrades AGENT_PATH (and
 * SUPERVISOR_PATH, whose connections are the same code over the supervisors' hub), and keeps
 * each socket's outbound buffer bounded: a client that stops reading is closed with `slowReader`,
 * and its session waits to be resumed with the events it did not read. The frames a socket is sent
 * within one turn of the event loop leave in one write (turnWrites.ts).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Socket as NetSocket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { CLOSE_CODES, MAX_CLIENT_FRAME_BYTES } from '../../protocol';
import type { AdmissionLimits } from './admission';
import { Admission } from './admission';
import type { AgentSocket, ConnectionLog, ConnectionOptions } from './agentSocket';
import type { Routing } from './routing';
import { AgentConnection } from './agentConnection';
import type { Passing } from './forward';
import { accountHintOf, tunnel } from './forward';
import { OutboundLimit } from './outboundLimit';
import type { RoutingMetrics } from './metrics';
import type { SessionHub } from './sessions';
import { SUPERVISOR_PATH } from './supervisorRouting';
import { TurnWrites } from './turnWrites';

export const AGENT_PATH = '/v1/agent';

/** After a close frame is queued, how long a peer that does not read it keeps its socket. */
const CLOSE_GRACE_MS = 1000;

export interface AgentSockets {
  /** Live connections, e.g. to close them at shutdown. */
  connections(): AgentConnection[];
  /** Connections accepted but not yet welcomed. */
  pending(): number;
  /** Bytes waiting to be sent to agent sockets, all together. */
  bufferedBytes(): number;
  close(): void;
}

export interface AgentSocketParts {
  readonly hub: SessionHub;
  readonly routing: Routing;
  readonly log: ConnectionLog;
  readonly options: ConnectionOptions;
  readonly admission: AdmissionLimits;
  readonly metrics: RoutingMetrics;
  /** How sockets are passed to the process that owns their account (forward.ts). */
  readonly passing: Passing;
  /** Supervisor sessions (supervisorSessions.ts); absent: SUPERVISOR_PATH is not served. */
  readonly supervisors?: { readonly hub: SessionHub; readonly routing: Routing };
}

/** Admits connections to an HTTP server and accepts WebSocket upgrades on AGENT_PATH. */
export function bindAgentSockets(server: Server, parts: AgentSocketParts): AgentSockets {
  const { hub, routing, log, options, metrics, passing } = parts;
  // ws refuses frames over maxPayload itself (close 1009); below that the connection closes with
  // the protocol's own tooLarge code.
  // (Twice the limit, not more: a connection not yet welcomed may hold that much, and up to a
  // thousand of them may be waiting.)
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * MAX_CLIENT_FRAME_BYTES });
  const connections = new Map<AgentConnection, WebSocket>();
  const turnWrites = new TurnWrites();
  const admission = new Admission(parts.admission, routing.now, (why) => metrics.refused(why));
  const sweeper = setInterval(() => admission.sweep(), Math.min(1000, parts.admission.helloMs));
  sweeper.unref();

  server.on('connection', (socket: NetSocket) => {
    admission.admit(socket);
    socket.once('close', () => admission.settle(socket));
  });
  server.on('request', (request: IncomingMessage) => admission.settle(request.socket));

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    const role =
      path === AGENT_PATH
        ? { hub, routing }
        : path === SUPERVISOR_PATH
          ? (parts.supervisors ?? null)
          : null;
    if (role === null) {
      metrics.refused('not-found');
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    admission.upgraded(request.socket);
    const forwarded = passing.mark.carriedBy(request.headers);
    // Passed on by another process, which counted it by the client's own address: counted here
    // by the passing process's address, many agents reconnecting through it at once (after a
    // process died) would pass the per-address cap and be dropped.
    if (forwarded) admission.settle(request.socket);
    // A URL that names an account served by another process: joined to it before any parsing.
    const hint = forwarded ? null : accountHintOf(request.url);
    if (hint !== null) {
      role.routing.locate(hint, false).then(
        (owner) => {
          if (owner === null) accept(request, socket, head, role, forwarded);
          else {
            admission.settle(request.socket);
            metrics.forwarded('tunnel');
            tunnel(request, socket, head, owner, passing);
          }
        },
        // No such account, or nobody serves it now: `hello` gets the answer, as without the hint.
        () => accept(request, socket, head, role, forwarded),
      );
      return;
    }
    accept(request, socket, head, role, forwarded);
  });

  const accept = (
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    role: { readonly hub: SessionHub; readonly routing: Routing },
    forwarded: boolean,
  ) => {
    if (socket.destroyed) return;
    wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      // The code this side closed with (the peer's echo, or 1006 when terminated, says less).
      let closedWith: number | null = null;
      // What waits to be sent, less what this turn holds back to send in one write.
      const waiting = () => Math.max(0, ws.bufferedAmount - turnWrites.held(socket));
      const limit = new OutboundLimit(waiting, options.maxBufferedBytes);
      const agentSocket: AgentSocket = {
        send: (text) => {
          if (ws.readyState !== ws.OPEN) return;
          if (!limit.allows()) {
            connection.close(
              CLOSE_CODES.slowReader,
              `more than ${options.maxBufferedBytes} bytes waited to be sent; resume`,
            );
            return;
          }
          turnWrites.hold(socket, text.length);
          ws.send(text);
        },
        close: (code, reason) => {
          if (closedWith === null) metrics.closed(code);
          closedWith = code;
          ws.close(code, reason);
          // A peer that does not read never gets the close frame: let its memory go soon.
          const terminate = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
          terminate.unref();
          ws.once('close', () => clearTimeout(terminate));
        },
        welcomed: (relayed) => {
          admission.settle(request.socket);
          if (relayed === true) metrics.forwarded('relay');
        },
        stopReading: () => ws.pause(),
        backlogSent: () => limit.backlogSent(),
      };
      const connection = new AgentConnection(
        agentSocket,
        role.hub,
        role.routing,
        log,
        options,
        passing,
        forwarded,
      );
      connections.set(connection, ws);
      ws.on('message', (data, isBinary) => {
        if (isBinary) connection.receiveBinary();
        else connection.receive(data.toString());
      });
      ws.on('close', (code) => {
        if (closedWith === null) metrics.closed(code);
        connections.delete(connection);
        connection.closed();
      });
      ws.on('error', (err) => log.warn({ err }, 'agent socket error'));
    });
  };

  return {
    connections: () => [...connections.keys()],
    pending: () => admission.size,
    bufferedBytes: () => {
      let total = 0;
      for (const ws of connections.values()) total += ws.bufferedAmount;
      return total;
    },
    close: () => {
      clearInterval(sweeper);
      wss.close();
    },
  };
}
