/**
 * The scale-out benchmark's agents: one WebSocket each, in this process, to the routing process a
 * load balancer would have picked (not necessarily the owner of the agent's account: that one
 * relays it). Each says hello, answers pings, and releases every interaction as soon as it is
 * added, so decisions keep flowing, within the service's frame rate per connection (20 a second,
 * 40 in a burst: agentConnection.ts): a release beyond that waits for its turn here, and one
 * refused with `rate-limited` is sent again. The time from an arrival's create call to its
 * `interaction.added` at the agent's socket is the assignment latency.
 */
import WebSocket from 'ws';
import { nowMs, sleep } from './fleet';

/** A little under the service's 20 frames a second and burst of 40, pongs included. */
const FRAMES_PER_SECOND = 18;
const FRAME_BURST = 30;

/** Sends frames no faster than the service takes them; the rest wait in order. */
class Pacer {
  private tokens = FRAME_BURST;
  private refilledAt = nowMs();
  private readonly queue: object[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly ws: WebSocket) {}

  send(message: object): void {
    this.queue.push(message);
    this.flush();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }

  private flush(): void {
    const now = nowMs();
    this.tokens = Math.min(
      FRAME_BURST,
      this.tokens + ((now - this.refilledAt) / 1000) * FRAMES_PER_SECOND,
    );
    this.refilledAt = now;
    while (this.queue.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      const message = this.queue.shift() as object;
      if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
    }
    if (this.queue.length > 0 && this.timer === null) {
      this.timer = setTimeout(
        () => {
          this.timer = null;
          this.flush();
        },
        Math.ceil(((1 - this.tokens) * 1000) / FRAMES_PER_SECOND),
      );
    }
  }
}

interface Frame {
  readonly type: string;
  readonly id?: string | null;
  readonly code?: string;
  readonly nonce?: number;
  readonly interaction?: {
    readonly id: string;
    readonly version: number;
    readonly customer: { readonly name: string | null };
  };
}

export interface AgentFigures {
  readonly sockets: number;
  readonly assigned: number;
  readonly released: number;
  /** Releases refused for the frame rate and sent again. */
  readonly rateLimited: number;
  /** Commands answered with an error other than `rate-limited`, by code. */
  readonly errors: Readonly<Record<string, number>>;
  /** Sockets the server closed while the agents were up, by close code. */
  readonly closes: Readonly<Record<string, number>>;
}

export class Agents {
  private readonly sockets: WebSocket[] = [];
  /** Arrivals sent and not yet seen at an agent: tag -> when sent, and whether it is measured. */
  private readonly pending = new Map<
    string,
    { at: number; measured: boolean; done: (() => void) | undefined }
  >();
  private readonly samples: number[] = [];
  private assigned = 0;
  private released = 0;
  private rateLimited = 0;
  private readonly pacers: Pacer[] = [];
  private readonly errors: Record<string, number> = {};
  private readonly closes: Record<string, number> = {};
  private stopping = false;
  private commandIds = 0;

  /**
   * Notes an arrival about to be sent, tagged by its customer's name; `done` is called once it was
   * added at an agent (or dropped).
   */
  sent(tag: string, measured: boolean, done?: () => void): void {
    this.pending.set(tag, { at: nowMs(), measured, done });
  }

  /** The arrival was refused: it will never be added. */
  dropped(tag: string): void {
    const sent = this.pending.get(tag);
    this.pending.delete(tag);
    sent?.done?.();
  }

  /** Measured arrivals not yet seen at any agent. */
  outstanding(): number {
    let count = 0;
    for (const each of this.pending.values()) if (each.measured) count++;
    return count;
  }

  /** Waits until every measured arrival was seen, or `ms` passed. */
  async drain(ms: number): Promise<void> {
    const deadline = nowMs() + ms;
    while (this.outstanding() > 0 && nowMs() < deadline) await sleep(50);
  }

  /** Assignment latencies (ms) of the measured arrivals, sorted. */
  latencies(): number[] {
    return [...this.samples].sort((a, b) => a - b);
  }

  figures(): AgentFigures {
    return {
      sockets: this.sockets.length,
      assigned: this.assigned,
      released: this.released,
      rateLimited: this.rateLimited,
      errors: { ...this.errors },
      closes: { ...this.closes },
    };
  }

  /** Connects one agent and waits for its welcome (10 s at most). */
  async connect(url: string, token: string): Promise<void> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    this.sockets.push(ws);
    const pacer = new Pacer(ws);
    this.pacers.push(pacer);
    const send = (message: object) => pacer.send(message);
    /** Releases not yet answered, by command id: one refused for the rate is sent again. */
    const releases = new Map<string, object>();
    const welcomed = new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const frame = JSON.parse(data.toString()) as Frame;
        switch (frame.type) {
          case 'welcome':
            resolve();
            break;
          case 'ping':
            send({ v: 1, type: 'pong', nonce: frame.nonce, now: Date.now() });
            break;
          case 'interaction.added':
            this.added(frame, (release) => {
              releases.set(release.id, release);
              send(release);
            });
            break;
          case 'ack':
            releases.delete(frame.id ?? '');
            this.released++;
            break;
          case 'error': {
            const release = releases.get(frame.id ?? '');
            if (frame.code === 'rate-limited' && release !== undefined) {
              this.rateLimited++;
              send(release);
              break;
            }
            releases.delete(frame.id ?? '');
            const code = frame.code ?? 'unknown';
            this.errors[code] = (this.errors[code] ?? 0) + 1;
            break;
          }
        }
      });
      ws.on('close', (code) => {
        if (!this.stopping) this.closes[code] = (this.closes[code] ?? 0) + 1;
        reject(new Error(`agent socket closed with ${code} before its welcome`));
      });
    });
    ws.on('error', () => undefined);
    ws.once('open', () =>
      send({
        v: 1,
        type: 'hello',
        versions: [1],
        token,
        client: { name: 'bench-scaleout', version: '1' },
        resume: null,
      }),
    );
    await Promise.race([
      welcomed,
      sleep(10_000).then(() => {
        throw new Error('no welcome within 10 s');
      }),
    ]);
  }

  /** Closes every socket (closes after this are not counted). */
  stop(): void {
    this.stopping = true;
    for (const pacer of this.pacers) pacer.stop();
    for (const ws of this.sockets) ws.terminate();
  }

  private added(frame: Frame, send: (release: { readonly id: string }) => void): void {
    const interaction = frame.interaction;
    if (interaction === undefined) return;
    this.assigned++;
    const tag = interaction.customer.name ?? '';
    const sent = this.pending.get(tag);
    if (sent !== undefined) {
      this.pending.delete(tag);
      if (sent.measured) this.samples.push(nowMs() - sent.at);
      sent.done?.();
    }
    const release = {
      v: 1,
      type: 'release',
      id: `r-${++this.commandIds}`,
      interactionId: interaction.id,
      version: interaction.version,
    };
    send(release);
  }
}
