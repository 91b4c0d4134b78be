/**
 * What the connection takes from where it runs, injected so the same code runs in a Lightning Web
 * Component, in Node and under a fake clock: a socket factory (`browserSocket` wraps a WebSocket
 * constructor as one) and timers with their clock.
 */

/** The little the connection needs of a WebSocket (the browser's fits through `browserSocket`). */
export interface AdapterSocket {
  send(text: string): void;
  close(code: number, reason: string): void;
}

export interface SocketHandlers {
  open(): void;
  message(text: string): void;
  close(code: number, reason: string): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => AdapterSocket;

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** The part of a browser WebSocket the factory uses. */
interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(
    type: 'open' | 'message' | 'close',
    listener: (event: { data?: unknown; code?: number; reason?: string }) => void,
  ): void;
}

/**
 * Wraps a WebSocket constructor (the browser's, or the `ws` package's in Node) as a SocketFactory.
 * Typed loosely on purpose: the DOM's and ws's overloaded listener types differ but both fit.
 */
export function browserSocket(WebSocketClass: new (url: string) => object): SocketFactory {
  return (url, handlers) => {
    const socket = new WebSocketClass(url) as WebSocketLike;
    socket.addEventListener('open', () => handlers.open());
    socket.addEventListener('message', (event) => {
      if (typeof event.data === 'string') handlers.message(event.data);
    });
    socket.addEventListener('close', (event) =>
      handlers.close(event.code ?? 1006, event.reason ?? ''),
    );
    return {
      send: (text) => socket.send(text),
      close: (code, reason) => socket.close(code, reason),
    };
  };
}
