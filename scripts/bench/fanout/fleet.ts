/**
 * The fan-out benchmark's agents: one WebSocket each, in this process. Each says hello, optionally
 * subscribes to the directory, reads everything it is sent, answers pings, and releases every
 * interaction it gets a few seconds later (with the version last seen), so presence keeps changing.
 * Directory frames are only counted, not parsed: at thousands a second, parsing them here would make
 * this process the bottleneck rather than the routing service.
 */
import WebSocket from 'ws';
import { helloText } from '../loopback';

export interface FleetOptions {
  readonly url: string;
  /** One token per agent. */
  readonly tokens: readonly string[];
  /** Agents (by index) that subscribe to the directory. */
  readonly subscribed: (index: number) => boolean;
  /** How long an agent keeps an interaction before releasing it. */
  readonly holdMs: number;
  /** Loopback source addresses, used in turn (each has its own cap of pending connections). */
  readonly localAddresses: readonly string[];
  /** Handshakes (open to welcome) under way at once: a measured pace, far below the caps. */
  readonly window: number;
}

export interface FleetFigures {
  readonly clients: number;
  readonly frames: number;
  readonly directoryFrames: number;
  readonly megabytes: number;
  readonly assigned: number;
  readonly released: number;
  readonly seqGaps: number;
  readonly errors: number;
  /** Closes the server made while the fleet was up, by code. */
  readonly closes: Readonly<Record<string, number>>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Reads `"seq":N` and `"type":"..."` from a frame's first bytes (every server frame starts so). */
const HEAD = /"seq":(\d+),"type":"([a-z.]+)"|"type":"([a-z.]+)"/;

interface Parsed {
  readonly type: string;
  readonly id?: string | null;
  readonly code?: string;
  readonly nonce?: number;
  readonly currentVersion?: number | null;
  readonly interactionId?: string;
  readonly interaction?: { readonly id: string; readonly version: number };
}

export class Fleet {
  private readonly sockets: WebSocket[] = [];
  private frames = 0;
  private directoryFrames = 0;
  private bytes = 0;
  private assigned = 0;
  private released = 0;
  private seqGaps = 0;
  private errors = 0;
  private stopping = false;
  private readonly closes: Record<string, number> = {};
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private commandIds = 0;

  constructor(private readonly options: FleetOptions) {}

  /** Connects every agent (and subscribes those that do), `window` at a time. */
  async connect(): Promise<void> {
    const { tokens, window } = this.options;
    let next = 0;
    const worker = async () => {
      while (next < tokens.length) {
        const index = next++;
        await this.client(index, tokens[index] as string);
      }
    };
    await Promise.all(Array.from({ length: window }, worker));
  }

  figures(): FleetFigures {
    return {
      clients: this.sockets.length,
      frames: this.frames,
      directoryFrames: this.directoryFrames,
      megabytes: Math.round(this.bytes / 1e5) / 10,
      assigned: this.assigned,
      released: this.released,
      seqGaps: this.seqGaps,
      errors: this.errors,
      closes: { ...this.closes },
    };
  }

  /** Drops every socket (closes after this are not counted). */
  stop(): void {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.terminate();
  }

  private async client(index: number, token: string): Promise<void> {
    const { url, localAddresses } = this.options;
    const localAddress = localAddresses[index % localAddresses.length] as string;
    const ws = new WebSocket(url, { localAddress, perMessageDeflate: false });
    this.sockets.push(ws);
    let lastSeq = 0;
    const versions = new Map<string, number>();
    const answers = new Map<string, (frame: Parsed) => void>();
    const send = (message: object) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    };
    const command = (body: object) => {
      const id = `b-${++this.commandIds}`;
      return new Promise<Parsed>((resolve) => {
        answers.set(id, resolve);
        send({ v: 1, id, ...body });
      });
    };
    const release = (interactionId: string, tries = 3) => {
      const version = versions.get(interactionId);
      if (version === undefined) return;
      void command({ type: 'release', interactionId, version }).then((answer) => {
        if (answer.type === 'ack') this.released++;
        else if (answer.code === 'conflict' && versions.has(interactionId) && tries > 1) {
          versions.set(interactionId, answer.currentVersion ?? version);
          release(interactionId, tries - 1);
        } else if (answer.code !== 'not-found') this.errors++;
      });
    };
    const welcomed = new Promise<boolean>((resolve) => {
      ws.on('message', (data: Buffer) => {
        this.frames++;
        this.bytes += data.length;
        const head = HEAD.exec(data.toString('latin1', 0, 48));
        const seq = head?.[1];
        const type = head?.[2] ?? head?.[3] ?? '';
        if (seq !== undefined) {
          if (Number(seq) !== lastSeq + 1) this.seqGaps++;
          lastSeq = Number(seq);
        }
        if (type.startsWith('directory.')) {
          this.directoryFrames++;
          return;
        }
        const frame = JSON.parse(data.toString()) as Parsed;
        if (frame.type === 'welcome') resolve(true);
        else if (frame.type === 'ping')
          send({ v: 1, type: 'pong', nonce: frame.nonce, now: Date.now() });
        else if (frame.type === 'ack' || frame.type === 'error') {
          const done = answers.get(frame.id ?? '');
          answers.delete(frame.id ?? '');
          done?.(frame);
        } else if (frame.type === 'interaction.added' && frame.interaction !== undefined) {
          const { id, version } = frame.interaction;
          this.assigned++;
          versions.set(id, version);
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            release(id);
          }, this.options.holdMs);
          this.timers.add(timer);
        } else if (frame.type === 'interaction.changed' && frame.interaction !== undefined) {
          versions.set(frame.interaction.id, frame.interaction.version);
        } else if (frame.type === 'interaction.removed' && frame.interactionId !== undefined) {
          versions.delete(frame.interactionId);
        }
      });
      ws.on('close', (code) => {
        if (!this.stopping) this.closes[code] = (this.closes[code] ?? 0) + 1;
        resolve(false);
      });
    });
    ws.on('error', () => undefined);
    ws.once('open', () => ws.send(helloText(token, 'bench-fanout')));
    if (!(await Promise.race([welcomed, sleep(30_000).then(() => false)]))) {
      this.errors++;
      return;
    }
    if (this.options.subscribed(index)) {
      const answer = await command({ type: 'directory.subscribe' });
      if (answer.type !== 'ack') this.errors++;
    }
  }
}
