/**
 * One account's shared log on Redis (ioredis), under the keys of keys.ts: its version, a hash of
 * every record, rank and timer (changes.ts keys) to its JSON, and a stream of its commits (entry id
 * `<version>-1`, trimmed to about `logLength`; fields `origin`, `effects` (JSON) and `keys`, the
 * keys of the records it changed, one per line, JSON having no raw newline). A commit is one Lua
 * script on the account's slot: it checks that this process still holds the account's lease
 * (fencing: a process whose lease lapsed or moved can never commit) and that the version is the
 * one the replica has, then writes the hash and appends to the stream, all or nothing. The stream
 * holds no record twice: catching up (`since`) reads the records its entries name from the hash,
 * in the same script as the entries. Durability: Redis's append-only file, and
 * with replicas a commit is safe once WAIT says a replica holds it (`confirm`; one WAIT at a
 * time, on a second connection to the master, covers every commit made before it:
 * redisConnection.ts). A commit made while no WAIT is under way goes on that connection with its
 * WAIT right behind it, in one turn rather than two (the usual case at low load); one made while
 * a WAIT is under way goes on the client, not held up behind it, and the next WAIT follows a
 * marker write (the usual case under load, where one WAIT covers many commits).
 */
import { createHash } from 'node:crypto';
import { Command } from 'ioredis';
import type { Change } from './changes';
import { keyOf } from './changes';
import { Confirmations } from './confirmations';
import type { AccountKeys } from './keys';
import { accountKeys } from './keys';
import type { RedisClient, RedisConnection } from './redisConnection';
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
local lines = ARGV[7]
local set, unset, changed = {}, {}, {}
local from = 1
for i = 1, tonumber(ARGV[2]) do
  local cut = string.find(lines, '\\n', from, true)
  local field = string.sub(lines, from, cut - 1)
  local stop = string.find(lines, '\\n', cut + 1, true) or (#lines + 1)
  local value = string.sub(lines, cut + 1, stop - 1)
  from = stop + 1
  changed[i] = field
  if value == '' then
    unset[#unset + 1] = field
  else
    set[#set + 1] = field
    set[#set + 1] = value
  end
  if #set >= 1000 then
    redis.call('HSET', KEYS[2], unpack(set))
    set = {}
  end
end
if #set > 0 then redis.call('HSET', KEYS[2], unpack(set)) end
for i = 1, #unset, 1000 do
  redis.call('HDEL', KEYS[2], unpack(unset, i, math.min(i + 999, #unset)))
end
redis.call('SET', KEYS[1], version)
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[5], version .. '-1',
  'origin', ARGV[3], 'effects', ARGV[4], 'keys', table.concat(changed, '\\n'))
return {1, version}
`;

/**
 * The version, the stream's entries from ARGV[1] on, and the current value (nil: deleted) of every
 * record they name, in one read. Entries written before the stream held keys alone carry
 * `changes`, key and value lines: their keys are every other line.
 */
const SINCE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local range = redis.call('XRANGE', KEYS[2], ARGV[1], '+')
local fields, seen = {}, {}
local function name(key)
  if key ~= '' and not seen[key] then
    seen[key] = true
    fields[#fields + 1] = key
  end
end
for _, entry in ipairs(range) do
  local f = entry[2]
  for i = 1, #f - 1, 2 do
    if f[i] == 'keys' or f[i] == 'changes' then
      local step = f[i] == 'keys' and 1 or 2
      local text, from, line = f[i + 1], 1, 0
      while from <= #text do
        local stop = string.find(text, '\\n', from, true) or (#text + 1)
        if line % step == 0 then name(string.sub(text, from, stop - 1)) end
        line = line + 1
        from = stop + 1
      end
    end
  end
end
local values = {}
for i = 1, #fields, 1000 do
  local part = redis.call('HMGET', KEYS[3], unpack(fields, i, math.min(i + 999, #fields)))
  for j = 1, #part do values[#values + 1] = part[j] end
end
return {current, range, fields, values}
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
  private readonly confirmations: Confirmations;
  /** The round of confirmation sent right behind the last commit, which it covers. */
  private covered: Promise<void> | null = null;
  /** A commit went on the client since the last round began: the next one needs a marker. */
  private unmarked = false;

  constructor(
    private readonly connection: RedisConnection,
    private readonly options: RedisLogOptions,
  ) {
    this.keys = accountKeys(options.prefix, options.accountId);
    this.logLength = options.logLength ?? 1000;
    this.confirmations = new Confirmations(() => {
      const marker = this.unmarked;
      this.unmarked = false;
      return connection.confirm(this.keys.confirm, marker);
    });
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
    // The records go once, as one argument of key and value lines ('' for a deleted one): the
    // script writes them to the hash and keeps the lines as they are in the stream entry.
    const lines: string[] = [];
    for (const change of entry.changes) lines.push(change.key, change.value ?? '');
    const args: string[] = [
      String(version),
      String(entry.changes.length),
      entry.origin,
      JSON.stringify(entry.effects),
      String(this.logLength),
      this.options.lease,
      lines.join('\n'),
    ];
    const keys = [this.keys.version, this.keys.state, this.keys.log, this.keys.lease];
    const timeoutMs = commitTimeoutMs(this.connection.commandTimeoutMs, entry.changes.length);
    const behind = !this.confirmations.underWay;
    // A command of our own, so that its timeout is set before the client's default would be.
    const send = (writer: RedisClient, name: 'evalsha' | 'eval', script: string) => {
      const command = new Command(name, [script, keys.length, ...keys, ...args], {
        replyEncoding: 'utf8',
      });
      command.setTimeout(timeoutMs);
      return writer.sendCommand(command) as Promise<[number, number]>;
    };
    this.covered = null;
    let covering: Promise<void> | null = null;
    const [ok, current] = await this.connection.guard(async (client) => {
      // Inside the guard: no master known for the slot (a failover under way) is `unavailable`.
      const writer = behind ? this.connection.writerOf(this.keys.confirm) : client;
      try {
        const answer = this.connection.together(writer, () => {
          const sent = send(writer, 'evalsha', COMMIT_SHA);
          if (behind) covering = this.confirmations.now();
          return sent;
        });
        return await answer;
      } catch (err) {
        // Not run: this Redis has not seen the script yet (the WAIT behind it covers nothing).
        if (err instanceof Error && err.message.startsWith('NOSCRIPT')) {
          covering = null;
          return send(writer, 'eval', COMMIT);
        }
        if (behind) this.connection.commitFailed();
        throw err;
      }
    });
    if (ok !== 1) return { ok: false, version: current, fenced: ok === -1 };
    // Set once answered: a round begun from here on follows this commit.
    if (!behind) this.unmarked = true;
    this.covered = covering;
    return { ok: true, version: current };
  }

  confirm(): Promise<void> {
    const covered = this.covered;
    this.covered = null;
    return covered ?? this.confirmations.next();
  }

  /** The entries after `version`; the last carries every record they changed, as it is now. */
  async since(version: number): Promise<LogEntry[] | null> {
    const [current, range, fields, values] = (await this.connection.guard((client) =>
      client.eval(SINCE, 3, this.keys.version, this.keys.log, this.keys.state, `${version + 1}-1`),
    )) as [number, [string, string[]][], string[], (string | null)[]];
    const entries = range.map(([id, entry]) => entryOf(id, entry));
    // Complete when it runs from version + 1 to the current version without a gap.
    const complete =
      entries.length === current - version &&
      entries.every((entry, index) => entry.version === version + 1 + index);
    const last = entries.at(-1);
    if (!complete) return null;
    if (last === undefined) return [];
    const changes = fields.map((key, n) => ({ key, value: values[n] ?? null }));
    return [...entries.slice(0, -1), { ...last, changes }];
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

/** A stream entry, without its changes (`since` reads them from the hash). */
function entryOf(id: string, fields: readonly string[]): LogEntry {
  const field = (name: string) => fields[fields.indexOf(name) + 1] ?? '';
  return {
    version: Number(id.split('-')[0]),
    origin: field('origin'),
    effects: JSON.parse(field('effects') || '[]') as LogEntry['effects'],
    changes: [],
  };
}
