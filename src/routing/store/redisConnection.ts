/**
 * One connection to where shared routing state lives: a single Redis (`redis://`, `rediss://`) or
 * a Redis Cluster (`redis-cluster://host:port,host:port,...`, any of its nodes). Every key the
 * routing service writes for one account shares a hash tag (`keys.ts`), so the same scripts and
 * transactions run on both; on a cluster an account lives in one slot.
 *
 * Writes are made safe against the loss of a master by `confirm`: with replicas, a commit counts
 * only once Redis's WAIT says a replica holds it (the promoted replica then has it); until then
 * the caller answers `unavailable` (outcome unknown), never `ok`. WAIT counts the writes of the
 * connection it is sent on, and holds that connection up until the replicas answer: so it goes on
 * a second connection to the master (`writerOf`), which carries nothing but this process's WAITs
 * and commits there, and the session journals, leases and reads on the client are never held up
 * behind one. A master's replication stream is one, so a replica that holds a write made on the
 * second connection holds every write the master took before it, from any connection.
 */
import calculateSlot from 'cluster-key-slot';
import { Cluster, Redis } from 'ioredis';
import { StoreUnavailableError } from './sharedLog';

/** Either client: the commands the routing service uses are the same on both. */
export type RedisClient = Redis | Cluster;

export interface RedisConnectionOptions {
  /** How long a command may wait for Redis before it counts as unreachable. */
  readonly commandTimeoutMs?: number;
  /**
   * Replicas that must hold a commit before it is acknowledged (WAIT). Default: 1 on a cluster,
   * 0 on a single Redis; `?replicas=N` in the URL overrides it.
   */
  readonly replicas?: number;
  /** How long WAIT may take before the commit counts as not confirmed. */
  readonly confirmMs?: number;
}

/** Where a store URL points, parsed; a StoreUnavailableError when it is not a Redis URL. */
export function parseRedisUrl(url: string): {
  readonly cluster: boolean;
  readonly nodes: readonly { readonly host: string; readonly port: number }[];
  readonly replicas: number | null;
} {
  const match = /^redis-cluster:\/\/([^/?#]+)(?:\?replicas=(\d+))?$/.exec(url);
  if (match !== null) {
    const nodes = (match[1] ?? '').split(',').map((node) => {
      const [host, port] = node.split(':');
      const number = Number(port ?? '6379');
      if (!host || !Number.isInteger(number) || number < 1 || number > 65_535) {
        throw new StoreUnavailableError(`not a cluster node: ${node}`);
      }
      return { host, port: number };
    });
    return { cluster: true, nodes, replicas: match[2] === undefined ? null : Number(match[2]) };
  }
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new StoreUnavailableError(`not a Redis URL: ${parsed.protocol}`);
  }
  const replicas = parsed.searchParams.get('replicas');
  return {
    cluster: false,
    nodes: [{ host: parsed.hostname, port: Number(parsed.port || '6379') }],
    replicas: replicas === null ? null : Number(replicas),
  };
}

export class RedisConnection {
  readonly client: RedisClient;
  /** Per master (`host:port`), the second connection commits and their WAITs go on. */
  private readonly writers = new Map<string, Redis>();
  /** Where it is, for logs and health (no credentials). */
  readonly description: string;
  readonly cluster: boolean;
  /** How long a command may wait for Redis (a large commit may take longer: redisLog.ts). */
  readonly commandTimeoutMs: number;
  private readonly replicas: number;
  private readonly confirmMs: number;
  private readonly listeners: ((reachable: boolean) => void)[] = [];
  private isReachable = false;
  private closed = false;

  constructor(url: string, options: RedisConnectionOptions = {}) {
    const parsed = parseRedisUrl(url);
    this.cluster = parsed.cluster;
    this.replicas = options.replicas ?? parsed.replicas ?? (parsed.cluster ? 1 : 0);
    this.confirmMs = options.confirmMs ?? 1000;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 5000;
    const plain = {
      // Refuse work at once while Redis is away instead of queueing it in memory, and never
      // send a command twice: a commit whose outcome is unknown is reported as such.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: this.commandTimeoutMs,
      lazyConnect: true,
      // The commands of one turn of work (a session journal write per event and session, a
      // commit, its confirmation) leave in one write per node rather than a write each.
      enableAutoPipelining: true,
    };
    if (parsed.cluster) {
      this.description = `redis-cluster://${parsed.nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
      this.client = new Cluster([...parsed.nodes], {
        enableOfflineQueue: false,
        lazyConnect: true,
        enableAutoPipelining: plain.enableAutoPipelining,
        redisOptions: { maxRetriesPerRequest: 0, commandTimeout: plain.commandTimeout },
        // A failed-over slot answers CLUSTERDOWN or MOVED for a moment: follow briefly, then fail.
        maxRedirections: 4,
        retryDelayOnFailover: 100,
        retryDelayOnClusterDown: 100,
        retryDelayOnTryAgain: 100,
        slotsRefreshTimeout: 1000,
        clusterRetryStrategy: (attempt: number) => Math.min(2000, 50 * 2 ** Math.min(attempt, 6)),
      });
    } else {
      const where = new URL(url);
      this.description = `redis://${where.hostname}:${where.port || '6379'}${where.pathname}`;
      this.client = new Redis(url, {
        ...plain,
        retryStrategy: (attempt: number) => Math.min(2000, 50 * 2 ** Math.min(attempt, 6)),
      });
    }
    this.client.on('ready', () => this.setReachable(true));
    this.client.on('close', () => this.setReachable(false));
    this.client.on('end', () => this.setReachable(false));
    this.client.on('error', () => {
      // Reported through `reachable` and each call's error; ioredis keeps reconnecting.
    });
  }

  /** Connects; a StoreUnavailableError when Redis cannot be reached now. */
  async connect(): Promise<void> {
    try {
      await this.client.connect();
    } catch (err) {
      await this.close();
      throw new StoreUnavailableError(`cannot reach ${this.description}: ${String(err)}`);
    }
  }

  get reachable(): boolean {
    return this.isReachable;
  }

  onReachable(listener: (reachable: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** Runs Redis calls; any failure to reach Redis becomes a StoreUnavailableError. */
  async guard<T>(call: (client: RedisClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(`${this.description} is closed`);
    try {
      return await call(this.client);
    } catch (err) {
      throw new StoreUnavailableError(
        `${this.description}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /**
   * Waits until every write to `key`'s slot made so far on its writer (`writerOf`) is held by the
   * replicas asked for; with `marker`, every write made anywhere before: `key` is written (the
   * time now) on the writer first, and WAIT waits for that write. A StoreUnavailableError when
   * they are not held within `confirmMs` (those writes may be lost if the master dies).
   */
  async confirm(key: string, marker: boolean): Promise<void> {
    if (this.replicas === 0) return;
    const acknowledged = await this.guard(async () => {
      const writer = this.writerOf(key);
      if (!marker) return writer.wait(this.replicas, this.confirmMs);
      // One write: the marker, then WAIT for it.
      const replies = await writer
        .pipeline()
        .set(key, String(Date.now()))
        .wait(this.replicas, this.confirmMs)
        .exec();
      const [written, waited] = replies ?? [];
      if (written?.[0] || waited?.[0]) throw written?.[0] ?? waited?.[0];
      return written?.[1] === 'OK' ? Number(waited?.[1]) : 0;
    });
    if (acknowledged < this.replicas) {
      throw new StoreUnavailableError(
        `${this.description}: ${acknowledged} of ${this.replicas} replicas confirmed the write`,
      );
    }
  }

  /**
   * The connection a commit to `key`'s slot goes on: without replicas to wait for, the client;
   * with, the second connection to the master serving that slot (made on first use, and the
   * connections to nodes no longer masters closed then). A commit that fails there for any
   * reason but its script has the client read where the slots are served again.
   */
  writerOf(key: string): RedisClient {
    if (this.replicas === 0) return this.client;
    const master = nodeOf(this.client, key);
    const address = addressOf(master);
    let writer = this.writers.get(address);
    if (writer === undefined) {
      // Its first command connects it: a commit waits for that rather than fail. Nothing is
      // sent twice: a command whose connection closes fails (maxRetriesPerRequest 0).
      writer = master.duplicate({
        lazyConnect: true,
        enableOfflineQueue: true,
        autoResendUnfulfilledCommands: false,
      });
      writer.on('error', () => {
        // Each commit or confirmation that fails says why.
      });
      this.writers.set(address, writer);
      const masters = new Set(this.masters().map(addressOf));
      for (const [other, connection] of this.writers) {
        if (!masters.has(other)) {
          connection.disconnect();
          this.writers.delete(other);
        }
      }
    }
    return writer;
  }

  /**
   * Runs `send`, which sends commands on `writer`, so that they leave in one write to its socket
   * rather than a system call each (a commit and the WAIT right behind it).
   */
  together<T>(writer: RedisClient, send: () => T): T {
    const socket = writer instanceof Redis && writer.status === 'ready' ? writer.stream : null;
    socket?.cork();
    try {
      return send();
    } finally {
      socket?.uncork();
    }
  }

  /** A commit on a writer failed: the master may have changed (failover, slots moved). */
  commitFailed(): void {
    if (this.client instanceof Cluster) this.client.refreshSlotsCache();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.quit().catch(() => {});
    this.client.disconnect();
    for (const writer of this.writers.values()) writer.disconnect();
  }

  private masters(): Redis[] {
    return this.client instanceof Cluster ? this.client.nodes('master') : [this.client];
  }

  private setReachable(reachable: boolean): void {
    if (reachable === this.isReachable) return;
    this.isReachable = reachable;
    for (const listener of this.listeners) listener(reachable);
  }
}

/** The connection to where `key` is written: on a cluster, to the master serving its slot. */
function nodeOf(client: RedisClient, key: string): Redis {
  if (client instanceof Redis) return client;
  const master = client.slots[calculateSlot(key)]?.[0];
  const node = client.nodes('master').find((redis) => addressOf(redis) === master);
  if (node === undefined) throw new Error(`no master known for ${key}`);
  return node;
}

const addressOf = (node: Redis) => `${node.options.host}:${node.options.port}`;
