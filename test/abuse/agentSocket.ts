/**
 * A light agent WebSocket for the abuse tests: frames are read with JSON.parse only (no schema
 * checks: thousands of frames a second must not make the test process the bottleneck), `seq` is
 * checked for gaps and repeats, command answers are matched by id, and the close code is kept.
 * It can pause reading (a slow reader) and bind to another loopback source address.
 */
import WebSocket from 'ws';

/** A server frame, read loosely: the abuse tests look at a few fields only. */
export interface Frame {
  readonly type: string;
  readonly seq?: number;
  readonly id?: string | null;
  readonly code?: string;
  readonly sessionId?: string;
  readonly resumed?: boolean;
  readonly snapshot?: unknown;
  readonly nonce?: number;
  /** Directory events. */
  readonly entries?: readonly DirectoryEntry[];
  readonly upserted?: readonly DirectoryEntry[];
  readonly removed?: readonly { readonly type: string; readonly id: string }[];
}

/** A directory entry, read loosely (agents have `presence`, services `waiting`). */
export interface DirectoryEntry {
  readonly type: string;
  readonly id: string;
  readonly [field: string]: unknown;
}

export interface Closed {
  readonly code: number;
  readonly reason: string;
  /** Date.now() when the close was seen. */
  readonly at: number;
}

export interface Answer {
  readonly frame: Frame;
  /** Milliseconds from sending the command to its ack or error. */
  readonly ms: number;
}

export interface Resume {
  readonly sessionId: string;
  readonly lastSeq: number;
}

/** Ids unique across the test file, so a resumed session never sees a reused id. */
let commands = 0;
export const nextCommandId = () => `a-${++commands}`;

export class AgentSocket {
  lastSeq = 0;
  sessionId: string | null = null;
  /** Frames read, and their characters. */
  frames = 0;
  chars = 0;
  /** Seq gaps and repeats seen ("seq 7 after 5"); none from a correct server. */
  readonly gaps: string[] = [];
  closed: Closed | null = null;
  private readonly answers = new Map<string, (frame: Frame) => void>();
  private waiters: { predicate: (frame: Frame) => boolean; done: (frame: Frame) => void }[] = [];
  private closeWaiters: ((closed: Closed) => void)[] = [];
  private readonly listeners: ((frame: Frame) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.read(data.toString()));
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString(), at: Date.now() };
      for (const waiter of this.closeWaiters) waiter(this.closed);
      this.closeWaiters = [];
    });
    // A refused or dropped socket also closes; the code tells.
    ws.on('error', () => undefined);
  }

  /** Opens a socket (from `localAddress` when given) without saying anything yet. */
  static open(url: string, localAddress?: string): Promise<AgentSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, localAddress === undefined ? {} : { localAddress });
      const socket = new AgentSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('close', (code) => reject(new Error(`closed with ${code} before it opened`)));
    });
  }

  /** Opens a socket and says hello; resolves with the welcome. */
  static async connect(
    url: string,
    token: string,
    resume: Resume | null = null,
    timeoutMs = 5000,
  ): Promise<{ socket: AgentSocket; welcome: Frame }> {
    const socket = await AgentSocket.open(url);
    const welcome = await socket.hello(token, resume, timeoutMs);
    return { socket, welcome };
  }

  async hello(token: string, resume: Resume | null = null, timeoutMs = 5000): Promise<Frame> {
    if (resume !== null) this.lastSeq = resume.lastSeq;
    const welcome = this.next((frame) => frame.type === 'welcome', timeoutMs);
    this.send({
      v: 1,
      type: 'hello',
      versions: [1],
      token,
      client: { name: 'abuse-test', version: '1' },
      resume,
    });
    return welcome;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a frame if the socket is still open (an attacker keeps going until it is closed). */
  send(message: object): void {
    if (this.open) this.ws.send(JSON.stringify(message));
  }

  sendText(text: string): void {
    if (this.open) this.ws.send(text);
  }

  /** Sends a command; resolves with its ack or error and the round trip, or rejects on timeout. */
  command(
    body: { readonly type: string; readonly [field: string]: unknown },
    timeoutMs = 10_000,
  ): Promise<Answer> {
    const id = nextCommandId();
    const sentAt = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.answers.delete(id);
        reject(new Error(`no answer to ${body.type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.answers.set(id, (frame) => {
        clearTimeout(timer);
        resolve({ frame, ms: performance.now() - sentAt });
      });
      this.send({ v: 1, id, ...body });
    });
  }

  /** The next frame that matches (frames that arrived before the call are not looked at). */
  next(predicate: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter.done !== done);
        reject(new Error(`no matching frame within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (frame: Frame) => {
        clearTimeout(timer);
        resolve(frame);
      };
      this.waiters.push({ predicate, done });
    });
  }

  waitClose(timeoutMs = 5000): Promise<Closed> {
    if (this.closed !== null) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the socket did not close')), timeoutMs);
      this.closeWaiters.push((closed) => {
        clearTimeout(timer);
        resolve(closed);
      });
    });
  }

  /** Calls `listener` with every frame read from now on. */
  listen(listener: (frame: Frame) => void): void {
    this.listeners.push(listener);
  }

  /** Stops reading: what the server sends piles up in its buffers (a slow reader). */
  pause(): void {
    this.ws.pause();
  }

  resume(): void {
    this.ws.resume();
  }

  /** Drops the connection at once (no close handshake). */
  terminate(): void {
    this.ws.terminate();
  }

  private read(text: string): void {
    this.frames += 1;
    this.chars += text.length;
    const frame = JSON.parse(text) as Frame;
    if (frame.type === 'welcome') {
      this.sessionId = frame.sessionId ?? null;
      this.lastSeq = frame.seq ?? 0;
    } else if (frame.type === 'ack' || frame.type === 'error') {
      const answer = frame.id === undefined || frame.id === null ? undefined : frame.id;
      const done = answer === undefined ? undefined : this.answers.get(answer);
      if (answer !== undefined && done !== undefined) {
        this.answers.delete(answer);
        done(frame);
      }
    } else if (frame.seq !== undefined) {
      if (frame.seq !== this.lastSeq + 1) this.gaps.push(`seq ${frame.seq} after ${this.lastSeq}`);
      this.lastSeq = frame.seq;
    } else if (frame.type === 'ping') {
      this.send({ v: 1, type: 'pong', nonce: frame.nonce ?? 0, now: Date.now() });
    }
    for (const listener of this.listeners) listener(frame);
    const waiter = this.waiters.find((each) => each.predicate(frame));
    if (waiter !== undefined) {
      this.waiters = this.waiters.filter((each) => each !== waiter);
      waiter.done(frame);
    }
  }
}
