/**
 * Requests for an account another routing process owns are passed to it, so that agents, admins
 * and the simulator may reach any process behind one address. Process to process, not over Redis:
 * one hop on the network the processes already share, the owner's own validation, ordering and
 * backpressure, and nothing for Redis to carry but state. A forwarded request carries
 * FORWARDED_HEADER with this service's ForwardedMark; the process it reaches serves it or refuses it
 * (`unavailable`), never forwards it again, and counts it as already admitted (admission.ts: the
 * process the client reached first counted it by the client's own address).
 *  - HTTP: the request (method, path, admin key, body) is sent on over a kept-alive connection
 *    and its answer passed back, both as text.
 *  - Agent and supervisor WebSockets whose URL names the account (`?account=`): the upgrade
 *    request is passed to the owner as it came and the two TCP connections are joined (`tunnel`);
 *    bytes pass as they are, nothing is parsed, masked or framed again here.
 *  - Agent WebSockets without it: after `hello` names the account, frames are relayed both ways as
 *    they are, and a close on either side closes the other with the same code. The owner holds the session
 *    (resume, replay, idempotent commands); when the account moves, the owner closes it with
 *    `shuttingDown` and the agent resumes through whichever process it reaches next.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { connect as tcpConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import WebSocket from 'ws';
import { CLOSE_CODES, ProtocolError } from '../../protocol';
import { queryOf } from '../../http/target';
import type { AgentSocket } from './agentSocket';
import type { PeerOpenings } from './peerOpenings';

export const FORWARDED_HEADER = 'x-contactpad-forwarded';

/**
 * What a routing process puts in FORWARDED_HEADER: a digest of the signing key, which the processes
 * of one service share and no client is ever sent. A client cannot pass for a process, so it can
 * neither stop its request being forwarded nor escape the per-address count of connections not yet
 * welcomed; a header without the mark is a client's, and is read as absent.
 */
export class ForwardedMark {
  readonly value: string;
  private readonly bytes: Buffer;

  constructor(signingKey: Uint8Array) {
    this.value = createHmac('sha256', signingKey)
      .update('contactpad forwarded request')
      .digest('base64url');
    this.bytes = Buffer.from(this.value);
  }

  /** Whether `headers` carry this service's mark: the request comes from one of its processes. */
  carriedBy(headers: IncomingHttpHeaders): boolean {
    const given = headers[FORWARDED_HEADER];
    if (typeof given !== 'string' || given.length !== this.value.length) return false;
    return timingSafeEqual(Buffer.from(given), this.bytes);
  }
}

const FORWARD_TIMEOUT_MS = 10_000;

/** What passing a socket on to another process takes: the mark, and turns to open connections. */
export interface Passing {
  readonly mark: ForwardedMark;
  readonly openings: PeerOpenings;
}

/**
 * Sends HTTP requests on to other routing processes over kept-alive connections (node:http rather
 * than fetch: a forwarded request costs a fraction of the CPU). The body goes as text; the answer
 * streams back to the client as it comes, never parsed or held here whatever its size.
 */
export class HttpForwarder {
  // An idle connection is closed after 4 s, before the owner's server closes it (5 s, Node's
  // default keep-alive timeout), so that a request is seldom written on one being closed.
  private readonly agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: 64, timeout: 4000 }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: 64, timeout: 4000 }),
  };

  constructor(readonly mark: ForwardedMark) {}

  /**
   * Passes the request to `base` and its answer to `response`. Rejects with `unavailable` (and
   * writes nothing) when the owner does not answer; once its answer has begun, a failure cuts
   * the response short.
   */
  forward(
    base: string,
    request: { readonly method: string; readonly path: string; readonly authorization: string },
    body: string,
    response: ServerResponse,
  ): Promise<void> {
    return this.send(base, request, body, response, true);
  }

  /**
   * One attempt. A kept-alive connection the owner closed as it went idle, just as the request
   * was written on it, fails with ECONNRESET before any answer: the owner never read it, so it is
   * sent again once, on a new connection.
   */
  private send(
    base: string,
    request: { readonly method: string; readonly path: string; readonly authorization: string },
    body: string,
    response: ServerResponse,
    again: boolean,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const target = new URL(`${base}${request.path}`);
      const secure = target.protocol === 'https:';
      const headers: OutgoingHttpHeaders = {
        authorization: request.authorization,
        [FORWARDED_HEADER]: this.mark.value,
      };
      if (body !== '') {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      let answered = false;
      const outgoing = (secure ? httpsRequest : httpRequest)(
        target,
        {
          method: request.method,
          headers,
          agent: secure ? this.agents['https:'] : this.agents['http:'],
          timeout: FORWARD_TIMEOUT_MS,
        },
        (incoming) => {
          answered = true;
          response.writeHead(incoming.statusCode ?? 502, {
            'content-type': incoming.headers['content-type'] ?? 'application/json; charset=utf-8',
            'cache-control': 'no-store',
          });
          incoming.pipe(response);
          incoming.on('end', () => resolve());
          incoming.on('error', () => {
            response.destroy();
            resolve();
          });
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(new Error('no answer in time')));
      outgoing.on('error', (err: NodeJS.ErrnoException) => {
        if (response.headersSent) {
          response.destroy();
          resolve();
        } else if (again && !answered && outgoing.reusedSocket && err.code === 'ECONNRESET') {
          this.send(base, request, body, response, false).then(resolve, reject);
        } else reject(gone(err));
      });
      outgoing.end(body === '' ? undefined : body);
    });
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}

/** Gone or stopping: its accounts move once its leases lapse. */
const gone = (err: unknown) =>
  new ProtocolError(
    'unavailable',
    `the routing process serving this account did not answer; try again (${String(err)})`,
  );

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

/**
 * Relays `agent` to the agent WebSocket at `url`, starting with its `hello` frame as it came, once
 * a turn to open a connection to that process is free.
 */
export function relay(url: string, hello: string, agent: AgentSocket, passing: Passing): Relay {
  let upstream: WebSocket | null = null;
  let waiting: string[] | null = [hello];
  let closed = false;
  const closeAgent = (code: number, reason: string) => {
    if (closed) return;
    closed = true;
    agent.close(sendable(code) ? code : CLOSE_CODES.shuttingDown, reason);
  };
  passing.openings.take(new URL(url).host, (done) => {
    if (closed) {
      done();
      return;
    }
    const socket = new WebSocket(url, {
      headers: { [FORWARDED_HEADER]: passing.mark.value },
      handshakeTimeout: 5000,
    });
    upstream = socket;
    socket.on('open', () => {
      done();
      for (const text of waiting ?? []) socket.send(text);
      waiting = null;
    });
    socket.on('message', (data) => {
      // The owner speaks the protocol in text frames only.
      agent.send(Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
    });
    socket.on('close', (code, reason) => {
      done();
      closeAgent(code, reason.toString('utf8'));
    });
    socket.on('error', () => {
      done();
      closeAgent(
        CLOSE_CODES.shuttingDown,
        'the process serving this account is unreachable; try again',
      );
    });
  });
  return {
    send(text) {
      if (waiting !== null) waiting.push(text);
      else if (upstream?.readyState === WebSocket.OPEN) upstream.send(text);
    },
    close() {
      closed = true;
      if (upstream === null) return;
      if (upstream.readyState === WebSocket.CONNECTING) upstream.terminate();
      else upstream.close(1000, 'the agent left');
    },
  };
}

const UNAVAILABLE_RESPONSE =
  'HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';
/** After the owner's side ended, how long the client's socket may take to end its own. */
const CLOSE_GRACE_MS = 1000;

/** The longest account id a WebSocket URL's `account` may name (longer: no hint, the hello decides). */
const MAX_HINT_LENGTH = 200;

/** The account a WebSocket upgrade's URL names (`?account=`), if any: where to send it early. */
export function accountHintOf(url: string | undefined): string | null {
  const account = queryOf(url).get('account');
  return account === null || account === '' || account.length > MAX_HINT_LENGTH ? null : account;
}

/**
 * Passes a WebSocket upgrade to the owner at `url` (its ws: or wss: URL) as it came, marked
 * forwarded, and joins the two connections byte for byte, once a turn to open a connection to that
 * process is free. The owner answers the upgrade, holds the session and applies its own limits;
 * either side closing closes the other. An owner that cannot be reached before it answered is a
 * 503 to the client, which connects again.
 */
export function tunnel(
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  url: string,
  passing: Passing,
): void {
  const target = new URL(url);
  socket.on('error', () => socket.destroy());
  passing.openings.take(target.host, (done) => {
    if (socket.destroyed) {
      done();
      return;
    }
    const secure = target.protocol === 'wss:';
    const port = Number(target.port === '' ? (secure ? 443 : 80) : target.port);
    const upstream = secure
      ? tlsConnect({ host: target.hostname, port, servername: target.hostname })
      : tcpConnect({ host: target.hostname, port });
    const lines = [`${request.method ?? 'GET'} ${request.url ?? '/'} HTTP/1.1`];
    const raw = request.rawHeaders;
    for (let n = 0; n + 1 < raw.length; n += 2) {
      const name = raw[n] as string;
      if (name.toLowerCase() !== FORWARDED_HEADER) lines.push(`${name}: ${raw[n + 1] as string}`);
    }
    lines.push(`${FORWARDED_HEADER}: ${passing.mark.value}`, '', '');
    upstream.write(lines.join('\r\n'));
    if (head.length > 0) upstream.write(head);
    let answered = false;
    upstream.once('data', () => {
      answered = true;
      done();
    });
    // The owner's end of the stream ends the client's (after what it sent, e.g. a close frame);
    // one that never answered is a 503.
    const finish = () => {
      done();
      if (!socket.writableEnded && !socket.destroyed) {
        socket.end(answered ? undefined : UNAVAILABLE_RESPONSE);
        setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
      }
    };
    socket.pipe(upstream);
    upstream.pipe(socket, { end: false });
    upstream.on('end', finish);
    upstream.on('close', finish);
    upstream.on('error', () => upstream.destroy());
    socket.on('close', () => upstream.destroy());
  });
}
