/**
 * One account's shared log on Redis (ioredis), under the keys of keys.ts: its version, a hash of
 * every record, rank and timer (changes.ts keys) to its JSON, and a stream of its commits (entry id
 * `<version>-1`, trimmed to about `logLength`; fields `origin`, `effects` (JSON) and `changes`, key
 * and value lines, JSON having no raw newline). A commit is one Lua script on the account's slot:
 * it checks that this process still holds the account's lease (fencing: a process whose lease
 * lapsed or moved can never commit) and that the version is the one the replica has, then writes
 * the hash and appends to the stream, all or nothing. Durability: Redis's append-only file, and
 * with replicas a commit counts once WAIT says a replica holds it (redisConnection.ts).
 */
import { createHash } from 'node:crypto';
import { Command } from 'ioredis';
import type { Change } from './changes';
import { keyOf } from './changes';
import type { AccountKeys } from './keys';
import { accountKeys } from './keys';
import type { RedisConnection } from './redisConnection';
import type { CommitResult, LogEntry, SharedLog } from './sharedLog';
import { StoreUnavailableError } from './sharedLog';
import type { AccountRecord } from './store';
import { upgradeAccount } from './upgrade';

const COMMIT = `
if redis.call('GET', KEYS[4]) ~= ARGV[6] then
  return {-1, tonumber(redis.call('GET', KEYS[1]) or '0')}
end
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if current ~= tonumber(ARGV[1]) then return {0, current} end
local version = current + 1
local count = tonumber(ARGV[2])
local lines = {}
for i = 0, count - 1 do
  local field = ARGV[7 + 2 * i]
  local value = ARGV[8 + 2 * i]
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
return {1, version}
`;

const COMMIT_SHA = createHash('sha1').update(COMMIT).digest('hex');

/**
 * How long a commit of `changes` records may wait for Redis: the command timeout, and a second
 * more per 1,000 records, as one script writes them all (20,000 agents changed at once: 25 s).
 */
export function commitTimeoutMs(commandTimeoutMs: number, changes: number): number {
  return commandTimeoutMs + Math.ceil(changes / 1000) * 1000;
}

export interface RedisLogOptions {
  readonly prefix: string;
  readonly accountId: string;
  /** The lease this process holds on the account (leases.ts); commits under any other are refused. */
  readonly lease: string;
  /** Commits kept in the stream for sessions moving between processes. */
  readonly logLength?: number;
}

export class RedisLog implements SharedLog {
  private readonly keys: AccountKeys;
  private readonly logLength: number;

  constructor(
    private readonly connection: RedisConnection,
    private readonly options: RedisLogOptions,
  ) {
    this.keys = accountKeys(options.prefix, options.accountId);
    this.logLength = options.logLength ?? 1000;
  }

  get description(): string {
    return this.connection.description;
  }

  get reachable(): boolean {
    return this.connection.reachable;
  }

  onReachable(listener: (reachable: boolean) => void): void {
    this.connection.onReachable(listener);
  }

  async load(): Promise<{ version: number; changes: Change[] }> {
    const replies = await this.connection.guard((client) =>
      client.multi().get(this.keys.version).hgetall(this.keys.state).exec(),
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
      this.options.lease,
    ];
    for (const change of entry.changes) args.push(change.key, change.value ?? '');
    const keys = [this.keys.version, this.keys.state, this.keys.log, this.keys.lease];
    const timeoutMs = commitTimeoutMs(this.connection.commandTimeoutMs, entry.changes.length);
    // A command of our own, so that its timeout is set before the client's default would be.
    const send = (name: 'evalsha' | 'eval', script: string) => {
      const command = new Command(name, [script, keys.length, ...keys, ...args], {
        replyEncoding: 'utf8',
      });
      command.setTimeout(timeoutMs);
      return this.connection.client.sendCommand(command) as Promise<[number, number]>;
    };
    const [ok, current] = await this.connection.guard(async () => {
      try {
        return await send('evalsha', COMMIT_SHA);
      } catch (err) {
        // Not run: this Redis has not seen the script yet.
        if (err instanceof Error && err.message.startsWith('NOSCRIPT')) {
          return send('eval', COMMIT);
        }
        throw err;
      }
    });
    if (ok !== 1) return { ok: false, version: current, fenced: ok === -1 };
    await this.connection.confirm(this.keys.version);
    return { ok: true, version: current };
  }

  async since(version: number): Promise<LogEntry[] | null> {
    const replies = await this.connection.guard((client) =>
      client
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
    const entries = range.map(([id, fields]) => entryOf(id, fields));
    // Complete when it runs from version + 1 to the current version without a gap.
    const complete =
      entries.length === current - version &&
      entries.every((entry, index) => entry.version === version + 1 + index);
    return complete ? entries : null;
  }

  async recent(count: number): Promise<LogEntry[]> {
    const range = (await this.connection.guard((client) =>
      client.xrevrange(this.keys.log, '+', '-', 'COUNT', count),
    )) as [string, string[]][];
    return range.reverse().map(([id, fields]) => entryOf(id, fields));
  }
}

/** An account's record as last committed, read by a process that does not own it. */
export async function readAccount(
  connection: RedisConnection,
  prefix: string,
  accountId: string,
): Promise<AccountRecord | null> {
  const text = await connection.guard((client) =>
    client.hget(accountKeys(prefix, accountId).state, keyOf(['account', accountId])),
  );
  return text === null ? null : upgradeAccount(JSON.parse(text) as AccountRecord);
}

/** A stream entry: its fields, and the changes as lines (key, value, ...; '' for deleted). */
function entryOf(id: string, fields: readonly string[]): LogEntry {
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
