/**
 * The shared log on Redis (ioredis). Keys, under a prefix (default `contactpad`):
 *  - `<prefix>:version`: the version of the last commit;
 *  - `<prefix>:state`: a hash of every record, rank and timer (changes.ts keys) to its JSON;
 *  - `<prefix>:log`: a stream of commits, entry id `<version>-1`, trimmed to about `logLength`;
 *    fields `origin`, `effects` (JSON) and `changes` (key and value lines; JSON has no raw newline);
 *  - `<prefix>:committed`: a channel on which each commit's version is published.
 * A commit is one Lua script: it checks the version, writes the hash, appends to the stream and
 * publishes, all or nothing. Durability is Redis's own (its append-only file).
 */
import { Redis } from 'ioredis';
import type { Change } from './changes';
import type { RedisSessionJournalOptions } from './redisSessionJournal';
import { RedisSessionJournal } from './redisSessionJournal';
import type { CommitResult, LogEntry, SharedLog } from './sharedLog';
import { StoreUnavailableError } from './sharedLog';

const COMMIT = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current ~= tonumber(ARGV[1]) then return {0, current} end
local version = current + 1
local count = tonumber(ARGV[2])
local lines = {}
for i = 0, count - 1 do
  local field = ARGV[6 + 2 * i]
  local value = ARGV[7 + 2 * i]
  if value == '' then
    redis.call('HDEL', KEYS[2], field)
  else
    redis.call('HSET', KEYS[2], field, value)
  end
  lines[#lines + 1] = field
  lines[#lines + 1] = value
end
redis.call('SET', KEYS[1], version)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[5], version .. '-1',
  'origin', ARGV[3], 'effects', ARGV[4], 'changes', table.concat(lines, '\\n'))
redis.call('PUBLISH', KEYS[4], version)
return {1, version}
`;

export interface RedisLogOptions {
  readonly url: string;
  readonly prefix?: string;
  /** Commits kept in the stream for processes catching up (older ones reload everything). */
  readonly logLength?: number;
  /** How long a command may wait for Redis before it counts as unreachable. */
  readonly commandTimeoutMs?: number;
}

/** The commit script, as ioredis defines it on the client. */
type Commit = (keysAndArgs: string[]) => Promise<[number, number]>;

export class RedisLog implements SharedLog {
  readonly description: string;
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly keys: {
    version: string;
    state: string;
    log: string;
    channel: string;
  };
  private readonly logLength: number;
  private readonly prefix: string;
  private readonly watchers: ((version: number | null) => void)[] = [];
  private readonly reachableListeners: ((reachable: boolean) => void)[] = [];
  private isReachable = false;
  private closed = false;

  constructor(options: RedisLogOptions) {
    const prefix = options.prefix ?? 'contactpad';
    this.prefix = prefix;
    this.keys = {
      version: `${prefix}:version`,
      state: `${prefix}:state`,
      log: `${prefix}:log`,
      channel: `${prefix}:committed`,
    };
    this.logLength = options.logLength ?? 500;
    const url = new URL(options.url);
    this.description = `redis://${url.hostname}:${url.port || '6379'}${url.pathname}`;
    const connection = {
      // Refuse work at once while Redis is away instead of queueing it in memory.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 5000,
      lazyConnect: true,
      retryStrategy: (attempt: number) => Math.min(2000, 50 * 2 ** Math.min(attempt, 6)),
    };
    this.client = new Redis(options.url, connection);
    this.subscriber = new Redis(options.url, { ...connection, commandTimeout: undefined });
    this.client.defineCommand('contactpadCommit', { numberOfKeys: 4, lua: COMMIT });
    this.client.on('ready', () => this.setReachable(true));
    this.client.on('close', () => this.setReachable(false));
    this.client.on('error', () => {
      // Reported through `reachable`; ioredis keeps reconnecting.
    });
    this.subscriber.on('error', () => {});
    this.subscriber.on('ready', () => {
      // Commits made while not subscribed were not heard: the listeners should look.
      void this.subscriber
        .subscribe(this.keys.channel)
        .then(() => this.notify(null))
        .catch(() => {});
    });
    this.subscriber.on('message', (_channel: string, message: string) => {
      const version = Number(message);
      if (Number.isInteger(version)) this.notify(version);
    });
  }

  /** Connects both connections; rejects when Redis cannot be reached now. */
  async connect(): Promise<void> {
    const results = await Promise.allSettled([this.client.connect(), this.subscriber.connect()]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed !== undefined) {
      await this.close();
      throw new StoreUnavailableError(`cannot reach ${this.description}: ${String(failed.reason)}`);
    }
  }

  get reachable(): boolean {
    return this.isReachable;
  }

  async load(): Promise<{ version: number; changes: Change[] }> {
    const replies = await this.guard(() =>
      this.client.multi().get(this.keys.version).hgetall(this.keys.state).exec(),
    );
    const [versionReply, stateReply] = replies ?? [];
    if (versionReply?.[0] || stateReply?.[0]) {
      throw new StoreUnavailableError(String(versionReply?.[0] ?? stateReply?.[0]));
    }
    const version = Number(versionReply?.[1] ?? 0);
    const state = (stateReply?.[1] ?? {}) as Record<string, string>;
    return {
      version,
      changes: Object.entries(state).map(([key, value]) => ({ key, value })),
    };
  }

  async commit(version: number, entry: Omit<LogEntry, 'version'>): Promise<CommitResult> {
    // Each record goes once: the script writes it to the hash and lists it in the stream entry.
    const args: string[] = [
      String(version),
      String(entry.changes.length),
      entry.origin,
      JSON.stringify(entry.effects),
      String(this.logLength),
    ];
    for (const change of entry.changes) args.push(change.key, change.value ?? '');
    const commit = (this.client as unknown as { contactpadCommit: Commit }).contactpadCommit;
    const [ok, current] = await this.guard(() =>
      // One array (ioredis flattens it): a large commit has more arguments than a call may take.
      commit.call(this.client, [
        this.keys.version,
        this.keys.state,
        this.keys.log,
        this.keys.channel,
        ...args,
      ]),
    );
    return ok === 1 ? { ok: true, version: current } : { ok: false, version: current };
  }

  async head(): Promise<number> {
    return Number((await this.guard(() => this.client.get(this.keys.version))) ?? 0);
  }

  async since(version: number): Promise<LogEntry[] | null> {
    const replies = await this.guard(() =>
      this.client
        .multi()
        .get(this.keys.version)
        .xrange(this.keys.log, `${version + 1}-1`, '+')
        .exec(),
    );
    const [versionReply, rangeReply] = replies ?? [];
    if (versionReply?.[0] || rangeReply?.[0]) {
      throw new StoreUnavailableError(String(versionReply?.[0] ?? rangeReply?.[0]));
    }
    const current = Number(versionReply?.[1] ?? 0);
    const range = (rangeReply?.[1] ?? []) as [string, string[]][];
    const entries = range.map(([id, fields]) => this.entryOf(id, fields));
    // Complete when it runs from version + 1 to the current version without a gap.
    const complete =
      entries.length === current - version &&
      entries.every((entry, index) => entry.version === version + 1 + index);
    return complete ? entries : null;
  }

  async recent(count: number): Promise<LogEntry[]> {
    const range = (await this.guard(() =>
      this.client.xrevrange(this.keys.log, '+', '-', 'COUNT', count),
    )) as [string, string[]][];
    return range.reverse().map(([id, fields]) => this.entryOf(id, fields));
  }

  /** Sessions kept next to the routing state (same Redis, same prefix). */
  journal(options: Omit<RedisSessionJournalOptions, 'prefix'>): RedisSessionJournal {
    return new RedisSessionJournal(this.client, { ...options, prefix: this.prefix });
  }

  watch(listener: (version: number | null) => void): void {
    this.watchers.push(listener);
  }

  onReachable(listener: (reachable: boolean) => void): void {
    this.reachableListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([this.client.quit(), this.subscriber.quit()]);
    this.client.disconnect();
    this.subscriber.disconnect();
  }

  /** Runs a Redis call; any failure to reach Redis becomes a StoreUnavailableError. */
  private async guard<T>(call: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(`${this.description} is closed`);
    try {
      return await call();
    } catch (err) {
      throw new StoreUnavailableError(
        `${this.description}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }

  /** A stream entry: its fields, and the changes as lines (key, value, ...; '' for deleted). */
  private entryOf(id: string, fields: readonly string[]): LogEntry {
    const field = (name: string) => fields[fields.indexOf(name) + 1] ?? '';
    const lines = field('changes') === '' ? [] : field('changes').split('\n');
    const changes: Change[] = [];
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const value = lines[i + 1] as string;
      changes.push({ key: lines[i] as string, value: value === '' ? null : value });
    }
    return {
      version: Number(id.split('-')[0]),
      origin: field('origin'),
      effects: JSON.parse(field('effects') || '[]') as LogEntry['effects'],
      changes,
    };
  }

  private notify(version: number | null): void {
    for (const listener of this.watchers) listener(version);
  }

  private setReachable(reachable: boolean): void {
    if (reachable === this.isReachable) return;
    this.isReachable = reachable;
    for (const listener of this.reachableListeners) listener(reachable);
  }
}
