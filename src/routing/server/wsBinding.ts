/** Binds agent connections to the `ws` package: the one place that knows the socket library. */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { MAX_CLIENT_FRAME_BYTES } from '../../protocol';
import type { ConnectionLog, ConnectionOptions, Routing } from './agentConnection';
import { AgentConnection } from './agentConnection';
import type { SessionHub } from './sessions';

export const AGENT_PATH = '/v1/agent';

export interface AgentSockets {
  /** Live connections, e.g. to close them at shutdown. */
  readonly connections: Set<AgentConnection>;
  close(): void;
}

/** Accepts WebSocket upgrades on AGENT_PATH of an HTTP server. */
export function bindAgentSockets(
  server: Server,
  hub: SessionHub,
  routing: Routing,
  log: ConnectionLog,
  options: ConnectionOptions,
): AgentSockets {
  // ws refuses frames over maxPayload itself (close 1009); below that the connection closes with
  // the protocol's own tooLarge code.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * MAX_CLIENT_FRAME_BYTES });
  const connections = new Set<AgentConnection>();

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== AGENT_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      const connection = new AgentConnection(
        { send: (text) => ws.send(text), close: (code, reason) => ws.close(code, reason) },
        hub,
        routing,
        log,
        options,
      );
      connections.add(connection);
      ws.on('message', (data, isBinary) => {
        if (isBinary) connection.receiveBinary();
        else connection.receive(data.toString());
      });
      ws.on('close', () => {
        connections.delete(connection);
        connection.closed();
      });
      ws.on('error', (err) => log.warn({ err }, 'agent socket error'));
    });
  });

  return {
    connections,
    close: () => wss.close(),
  };
}
