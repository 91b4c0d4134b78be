/**
 * Misbehaving clients for the abuse tests, each bounded in count and time: slow readers that ask
 * for the directory and never read, ping flooders, and sockets that never say hello.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import WebSocket from 'ws';
import { AgentSocket } from './agentSocket';
import { sleep } from '../conformance/harness';

export interface SlowReaders {
  readonly sockets: readonly AgentSocket[];
  /** `directory.subscribe` frames sent in all. */
  sent(): number;
  /** Stops sending (the sockets stay open and paused). */
  stop(): void;
}

/**
 * `count` sessions of one agent, opened one after another; each stops reading once welcomed and
 * then sends `directory.subscribe` `perSecond` times a second (just under the command rate, so the
 * rate limit is not what stops it): every subscribe makes the server send the whole directory.
 */
export async function slowReaders(
  url: string,
  token: string,
  count: number,
  perSecond: number,
): Promise<SlowReaders> {
  const sockets: AgentSocket[] = [];
  for (let i = 0; i < count; i++) {
    const { socket } = await AgentSocket.connect(url, token);
    socket.pause();
    sockets.push(socket);
  }
  let sent = 0;
  const timer = setInterval(() => {
    for (const socket of sockets) {
      if (!socket.open) continue;
      // A fresh id each time: a repeated id would only be answered again, not applied.
      socket.sendText(`{"v":1,"type":"directory.subscribe","id":"slow-${++sent}"}`);
    }
  }, 1000 / perSecond);
  return { sockets, sent: () => sent, stop: () => clearInterval(timer) };
}

/**
 * Reads what a paused socket was sent until it closes, or for at most `ms` (then it is dropped);
 * resolves with the close code, or null when it never closed.
 */
export async function drain(socket: AgentSocket, ms: number): Promise<number | null> {
  socket.resume();
  try {
    return (await socket.waitClose(ms)).code;
  } catch {
    socket.terminate();
    return null;
  }
}

/**
 * Sends pings as fast as the socket takes them, until it is closed or `ms` have passed; yields
 * between bursts so the test process's other clients (the probe) are served. Returns pings sent.
 */
export async function floodPings(socket: AgentSocket, ms: number): Promise<number> {
  const until = Date.now() + ms;
  const ping = `{"v":1,"type":"ping","nonce":1,"now":${Date.now()}}`;
  let sent = 0;
  while (socket.open && Date.now() < until) {
    for (let i = 0; i < 200 && socket.ws.bufferedAmount < 256 * 1024; i++, sent++) {
      socket.sendText(ping);
    }
    await nextTurn();
  }
  return sent;
}

export interface IdleSocket {
  /** Date.now() when the connection was started. */
  readonly startedAt: number;
  /** Whether the WebSocket handshake completed. */
  opened: boolean;
  closed: { readonly code: number; readonly at: number } | null;
  readonly ws: WebSocket;
}

/**
 * `count` WebSockets from `localAddress` that complete the handshake and then say nothing, opened
 * as fast as the machine allows (at most `window` handshakes under way at once, so the test
 * process's own sockets are not the limit); they stay open until the server closes them.
 */
export async function idleSockets(
  url: string,
  count: number,
  localAddress: string,
  window = 256,
): Promise<IdleSocket[]> {
  const sockets: IdleSocket[] = [];
  let underWay = 0;
  for (let i = 0; i < count; i++) {
    while (underWay >= window) await sleep(1);
    underWay += 1;
    const ws = new WebSocket(url, { localAddress });
    const idle: IdleSocket = { startedAt: Date.now(), opened: false, closed: null, ws };
    const settled = () => (underWay -= 1);
    ws.once('open', () => {
      idle.opened = true;
      settled();
    });
    ws.once('close', (code) => {
      if (!idle.opened) settled();
      idle.closed = { code, at: Date.now() };
    });
    ws.on('error', () => undefined);
    sockets.push(idle);
  }
  return sockets;
}

export interface IdleOutcome {
  /** Still open at the deadline (then dropped by the test). */
  readonly stillOpen: number;
  readonly longestLifetimeMs: number;
  /** Closes seen, by code. */
  readonly codes: Readonly<Record<string, number>>;
}

/** Waits until every idle socket is closed or `deadline` (Date.now() time) passes. */
export async function settleIdle(
  idle: readonly IdleSocket[],
  deadline: number,
): Promise<IdleOutcome> {
  while (idle.some((socket) => socket.closed === null) && Date.now() < deadline) await sleep(100);
  const open = idle.filter((socket) => socket.closed === null);
  for (const socket of open) socket.ws.terminate();
  const codes: Record<string, number> = {};
  for (const socket of idle) {
    const code = String(socket.closed?.code ?? 'open');
    codes[code] = (codes[code] ?? 0) + 1;
  }
  return {
    stillOpen: open.length,
    longestLifetimeMs: Math.max(
      ...idle.map((socket) => (socket.closed?.at ?? Date.now()) - socket.startedAt),
    ),
    codes,
  };
}
