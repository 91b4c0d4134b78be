/**
 * A real WebSocket client for conformance tests: speaks routing protocol v1 through the project's
 * codec, queues what arrives, and checks on every event that `seq` has no gap and no repeat.
 */
import WebSocket from 'ws';
import type {
  ClientMessage,
  Command,
  Consult,
  Interaction,
  ServerMessage,
  ServerMessageOf,
} from '../../src/protocol';
import { parse, stringify } from '../../src/protocol';

type Predicate = (message: ServerMessage) => boolean;
type CommandBody = Command extends infer C
  ? C extends Command
    ? Omit<C, 'v' | 'id'>
    : never
  : never;

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

export type { CommandBody };

/** Command ids unique across every client of a test file, so a resumed session never sees a reused id. */
let commandCounter = 0;

/** A `hello` frame as a conformance client sends it; `extra` adds or replaces fields. */
export function helloFrame(token: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    v: 1,
    type: 'hello',
    versions: [1],
    token,
    client: { name: 'conformance', version: '1' },
    resume: null,
    ...extra,
  });
}

export class TestClient {
  readonly received: ServerMessage[] = [];
  /** Frames the codec refused: a conformant server sends none. */
  readonly invalid: string[] = [];
  lastSeq = 0;
  sessionId: string | null = null;
  closed: Closed | null = null;
  private waiters: {
    predicate: Predicate;
    resolve: (m: ServerMessage) => void;
    closed: (closed: Closed) => void;
  }[] = [];
  private closeWaiters: ((closed: Closed) => void)[] = [];
  /** The last event seq when each ack arrived, to check ack.seq against (ordered effects). */
  private readonly seqAtAck = new Map<string, number>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        this.invalid.push('<binary>');
        return;
      }
      const text = data.toString();
      const parsed = parse(text, 'server');
      if (!parsed.ok) {
        this.invalid.push(text);
        return;
      }
      this.accept(parsed.message);
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const waiter of this.closeWaiters) waiter(this.closed);
      // No message can come any more.
      for (const waiter of this.waiters.splice(0)) waiter.closed(this.closed);
      this.closeWaiters = [];
    });
    socket.on('error', () => undefined);
  }

  /** Opens a socket without saying anything yet (from `localAddress`, e.g. 127.0.0.2, if given). */
  static open(url: string, localAddress?: string): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, localAddress === undefined ? {} : { localAddress });
      socket.once('open', () => resolve(new TestClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Opens a socket, says hello with the token and waits for welcome. */
  static async connect(
    url: string,
    token: string,
    resume: { sessionId: string; lastSeq: number } | null = null,
    localAddress?: string,
  ): Promise<{ client: TestClient; welcome: ServerMessageOf<'welcome'> }> {
    const client = await TestClient.open(url, localAddress);
    if (resume !== null) client.lastSeq = resume.lastSeq;
    client.send({
      v: 1,
      type: 'hello',
      versions: [1],
      token,
      client: { name: 'conformance', version: '1' },
      resume,
    });
    const welcome = (await client.next((m) => m.type === 'welcome')) as ServerMessageOf<'welcome'>;
    return { client, welcome };
  }

  send(message: ClientMessage): void {
    this.socket.send(stringify(message, 'client'));
  }

  sendRaw(data: string | Buffer): void {
    this.socket.send(data);
  }

  /** Sends a command and waits for its ack or error. */
  async command(
    body: CommandBody,
    given?: string,
  ): Promise<ServerMessageOf<'ack'> | ServerMessageOf<'error'>> {
    const id = given ?? `t-${++commandCounter}`;
    this.send({ v: 1, id, ...body } as ClientMessage);
    const answer = (await this.next(
      (m) => (m.type === 'ack' || m.type === 'error') && m.id === id,
    )) as ServerMessageOf<'ack'> | ServerMessageOf<'error'>;
    // Ordered effects: a fresh command's ack carries the seq of the last event sent before it.
    const seqAtAck = this.seqAtAck.get(id);
    if (given === undefined && answer.type === 'ack' && answer.seq !== seqAtAck) {
      this.invalid.push(`ack ${id} has seq ${answer.seq}, the last event before it ${seqAtAck}`);
    }
    return answer;
  }

  /** Sends a command that must be refused; returns the error. */
  async refused(body: CommandBody): Promise<ServerMessageOf<'error'>> {
    const answer = await this.command(body);
    if (answer.type !== 'error') throw new Error(`${body.type} was acknowledged, not refused`);
    return answer;
  }

  /** Asks for a fresh snapshot and returns it (the ack follows it). */
  async resync(): Promise<ServerMessageOf<'snapshot'>['snapshot']> {
    const ack = await this.ok({ type: 'resync' });
    const event = (await this.event(
      'snapshot',
      (e) => e.seq === ack.seq,
    )) as ServerMessageOf<'snapshot'>;
    return event.snapshot;
  }

  /**
   * Waits `ms` and says whether a matching message arrived meanwhile (or was already queued);
   * matching messages stay queued.
   */
  async arrivesWithin(predicate: Predicate, ms: number): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.received.some(predicate);
  }

  /** Forgets every queued message. */
  clear(): void {
    this.received.length = 0;
  }

  /** Sends a command that must be acknowledged. */
  async ok(body: CommandBody): Promise<ServerMessageOf<'ack'>> {
    const answer = await this.command(body);
    if (answer.type !== 'ack')
      throw new Error(`${body.type} failed: ${answer.code} ${answer.message}`);
    return answer;
  }

  /** The first message, already received or still to come, that matches; consumed from the queue. */
  next(predicate: Predicate, timeoutMs = 3000): Promise<ServerMessage> {
    const index = this.received.findIndex(predicate);
    if (index >= 0) return Promise.resolve(this.received.splice(index, 1)[0] as ServerMessage);
    const queued = () => this.received.map((m) => m.type).join(', ');
    const closedError = (closed: Closed) =>
      new Error(
        `closed with ${closed.code} (${closed.reason}) before a matching message; queued: ${queued()}`,
      );
    if (this.closed !== null) return Promise.reject(closedError(this.closed));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.resolve !== done);
        reject(new Error(`no matching message within ${timeoutMs} ms; queued: ${queued()}`));
      }, timeoutMs);
      const done = (message: ServerMessage) => {
        clearTimeout(timer);
        resolve(message);
      };
      const closed = (why: Closed) => {
        clearTimeout(timer);
        reject(closedError(why));
      };
      this.waiters.push({ predicate, resolve: done, closed });
    });
  }

  /** The next event of a type, optionally matching more. */
  event<T extends ServerMessage['type']>(
    type: T,
    where: (message: ServerMessageOf<T>) => boolean = () => true,
    timeoutMs?: number,
  ): Promise<ServerMessageOf<T>> {
    return this.next(
      (m) => m.type === type && where(m as ServerMessageOf<T>),
      timeoutMs,
    ) as Promise<ServerMessageOf<T>>;
  }

  /** The next interaction added to this agent's list (matching `where`). */
  async added(where: (interaction: Interaction) => boolean = () => true): Promise<Interaction> {
    return (await this.event('interaction.added', (e) => where(e.interaction))).interaction;
  }

  /** The next change of interaction `id`, as this agent sees it. */
  async changed(id: string): Promise<Interaction> {
    return (await this.event('interaction.changed', (e) => e.interaction.id === id)).interaction;
  }

  /** The next change of consult `id` that leaves it in `state`. */
  async consultIn(id: string, state: Consult['state'], timeoutMs?: number): Promise<Consult> {
    const changed = await this.event(
      'consult.changed',
      (e) => e.consult.id === id && e.consult.state === state,
      timeoutMs,
    );
    return changed.consult;
  }

  waitClose(timeoutMs = 3000): Promise<Closed> {
    if (this.closed !== null) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the socket did not close')), timeoutMs);
      this.closeWaiters.push((closed) => {
        clearTimeout(timer);
        resolve(closed);
      });
    });
  }

  /** Drops the connection without a close handshake (a network failure). */
  drop(): void {
    this.socket.terminate();
  }

  close(): void {
    if (
      this.socket.readyState === WebSocket.OPEN ||
      this.socket.readyState === WebSocket.CONNECTING
    ) {
      this.socket.close(1000, 'test done');
    }
  }

  private accept(message: ServerMessage): void {
    if (message.type === 'welcome') {
      this.sessionId = message.sessionId;
      this.lastSeq = message.seq;
    } else if (message.type === 'ack') {
      if (message.seq > this.lastSeq) {
        this.invalid.push(`ack ${message.id} has seq ${message.seq}, ahead of ${this.lastSeq}`);
      }
      this.seqAtAck.set(message.id, this.lastSeq);
    } else if ('seq' in message) {
      if (message.seq !== this.lastSeq + 1) {
        this.invalid.push(`seq ${message.seq} after ${this.lastSeq}`);
      }
      this.lastSeq = message.seq;
    }
    const waiter = this.waiters.find((w) => w.predicate(message));
    if (waiter !== undefined) {
      this.waiters = this.waiters.filter((w) => w !== waiter);
      waiter.resolve(message);
    } else {
      this.received.push(message);
    }
  }
}
