/**
 * Requests for an account another routing process owns are passed to it, so that agents, admins
 * and the simulator may reach any process behind one address. Process to process, not over Redis:
 * one hop on the network the processes already share, the owner's own validation, ordering and
 * backpressure, and nothing for Redis to carry but state. A forwarded request carries
 * FORWARDED_HEADER; the process it reaches serves it or refuses it (`unavailable`), never
 * forwards it again.
 *  - HTTP: the request (method, path, admin key, JSON body) is sent on and its answer passed back.
 *  - Agent WebSocket: after `hello` names the account, frames are relayed both ways as they are,
 *    and a close on either side closes the other with the same code. The owner holds the session
 *    (resume, replay, idempotent commands); when the account moves, the owner closes it with
 *    `shuttingDown` and the agent resumes through whichever process it reaches next.
 */
import WebSocket from 'ws';
import { CLOSE_CODES, ProtocolError } from '../../protocol';
import type { AgentSocket } from './agentConnection';

export const FORWARDED_HEADER = 'x-contactpad-forwarded';

/** The answer of the owner to a forwarded HTTP request. */
export interface Forwarded {
  readonly status: number;
  readonly body: unknown;
}

export async function forwardHttp(
  base: string,
  request: { readonly method: string; readonly path: string; readonly authorization: string },
  body: unknown,
): Promise<Forwarded> {
  try {
    const response = await fetch(`${base}${request.path}`, {
      method: request.method,
      headers: {
        authorization: request.authorization,
        'content-type': 'application/json',
        [FORWARDED_HEADER]: '1',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
  } catch (err) {
    // Gone or stopping: its accounts move once its leases lapse.
    throw new ProtocolError(
      'unavailable',
      `the routing process serving this account did not answer; try again (${String(err)})`,
    );
  }
}

/** One agent socket relayed to the process that owns its account. */
export interface Relay {
  /** A frame from the agent, passed on (queued until the owner's socket is open). */
  send(text: string): void;
  /** The agent's socket closed. */
  close(): void;
}

/** Codes a server may send in a close frame (1005, 1006 and 1015 are reserved). */
const sendable = (code: number) =>
  (code >= 4000 && code < 5000) || [1000, 1001, 1011, 1012, 1013].includes(code);

/** Relays `agent` to the agent WebSocket at `url`, starting with its `hello` frame as it came. */
export function relay(url: string, hello: string, agent: AgentSocket): Relay {
  const upstream = new WebSocket(url, {
    headers: { [FORWARDED_HEADER]: '1' },
    handshakeTimeout: 5000,
  });
  let waiting: string[] | null = [hello];
  let closed = false;
  const closeAgent = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    agent.close(sendable(code) ? code : CLOSE_CODES.shuttingDown, reason);
  };
  upstream.on('open', () => {
    for (const text of waiting ?? []) upstream.send(text);
    waiting = null;
  });
  upstream.on('message', (data) => {
    // The owner speaks the protocol in text frames only.
    agent.send(Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
  });
  upstream.on('close', (code, reason) => closeAgent(code, reason.toString('utf8')));
  upstream.on('error', () =>
    closeAgent(
      CLOSE_CODES.shuttingDown,
      'the process serving this account is unreachable; try again',
    ),
  );
  return {
    send(text) {
      if (waiting !== null) waiting.push(text);
      else if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
    },
    close() {
      closed = true;
      if (upstream.readyState === WebSocket.CONNECTING) upstream.terminate();
      else upstream.close(1000, 'the agent left');
    },
  };
}
