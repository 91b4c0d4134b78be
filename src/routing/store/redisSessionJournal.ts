/**
 * Sessions on Redis (server/sessionJournal.ts), under the keys of keys.ts: a hash of the session
 * (account, agent, seq, log version, directory), a list of its last event frames (as many as
 * `replayEvents`) and a list of the answers to its last commands, all three in one slot; and a
 * hash of the agents each process holds a socket of, so that no process logs out an agent
 * connected to another. Stored sessions expire `ttlSeconds` after their last write.
 */
import type { SessionJournal, StoredSession } from '../server/sessionJournal';
import { serviceKeys, sessionKeys } from './keys';
import type { RedisClient } from './redisConnection';

/** Deletes a session's keys when this process is still the one that wrote it last. */
const FORGET = `
if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
end
return 0
`;

/**
 * Writes a session: its hash, its new event frames (the list trimmed to the last ARGV[8]) and both
 * keys' expiry, in one call (a script costs a fraction of the CPU of a MULTI of six commands).
 */
const APPEND = `
redis.call('HSET', KEYS[1], 'accountId', ARGV[1], 'agentId', ARGV[2], 'seq', ARGV[3],
  'logVersion', ARGV[4], 'directory', ARGV[5], 'owner', ARGV[6])
local ttl = tonumber(ARGV[7])
if #ARGV > 8 then
  for first = 9, #ARGV, 1000 do
    redis.call('RPUSH', KEYS[2], unpack(ARGV, first, math.min(first + 999, #ARGV)))
  end
  redis.call('LTRIM', KEYS[2], -tonumber(ARGV[8]), -1)
end
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('EXPIRE', KEYS[2], ttl)
return 0
`;

/** Keeps a command's answer: the list trimmed to the last ARGV[2], its expiry ARGV[3]. */
const ANSWER = `
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return 0
`;

/** The scripts, as ioredis defines them on the client. */
interface JournalScripts {
  contactpadSessionAppend?: (keysAndArgs: string[]) => Promise<number>;
  contactpadSessionAnswer?: (keysAndArgs: string[]) => Promise<number>;
}

export interface RedisSessionJournalOptions {
  readonly prefix: string;
  /** This routing process: the owner written with each session. */
  readonly owner: string;
  readonly replayEvents: number;
  /** Command answers kept per session. */
  readonly answers: number;
  readonly ttlSeconds: number;
  readonly now: () => number;
}

export class RedisSessionJournal implements SessionJournal {
  private readonly scripts: Required<JournalScripts>;

  constructor(
    private readonly client: RedisClient,
    private readonly options: RedisSessionJournalOptions,
  ) {
    const scripts = client as unknown as JournalScripts;
    if (scripts.contactpadSessionAppend === undefined) {
      client.defineCommand('contactpadSessionAppend', { numberOfKeys: 2, lua: APPEND });
    }
    if (scripts.contactpadSessionAnswer === undefined) {
      client.defineCommand('contactpadSessionAnswer', { numberOfKeys: 1, lua: ANSWER });
    }
    this.scripts = scripts as Required<JournalScripts>;
  }

  private get agentsSeen(): string {
    return serviceKeys(this.options.prefix).agentsSeen;
  }

  async append(
    session: Omit<StoredSession, 'events' | 'answers'>,
    events: readonly { readonly seq: number; readonly text: string }[],
  ): Promise<void> {
    const keys = sessionKeys(this.options.prefix, session.id);
    const { ttlSeconds, replayEvents } = this.options;
    await this.scripts.contactpadSessionAppend([
      keys.session,
      keys.events,
      session.accountId,
      session.agentId,
      String(session.seq),
      String(session.logVersion),
      session.directory ? '1' : '0',
      this.options.owner,
      String(ttlSeconds),
      String(replayEvents),
      ...events.map((event) => `${event.seq} ${event.text}`),
    ]);
  }

  async answer(sessionId: string, commandId: string, text: string): Promise<void> {
    await this.scripts.contactpadSessionAnswer([
      sessionKeys(this.options.prefix, sessionId).answers,
      JSON.stringify([commandId, text]),
      String(this.options.answers),
      String(this.options.ttlSeconds),
    ]);
  }

  async forget(sessionId: string): Promise<void> {
    const keys = sessionKeys(this.options.prefix, sessionId);
    await this.client.eval(FORGET, 3, keys.session, keys.events, keys.answers, this.options.owner);
  }

  async load(sessionId: string): Promise<StoredSession | null> {
    const keys = sessionKeys(this.options.prefix, sessionId);
    const replies = await this.client
      .multi()
      .hgetall(keys.session)
      .lrange(keys.events, 0, -1)
      .lrange(keys.answers, 0, -1)
      .exec();
    const [hash, list, answered] = replies ?? [];
    const failed = replies?.find(([err]) => err !== null);
    if (failed !== undefined) throw failed[0];
    const fields = (hash?.[1] ?? {}) as Record<string, string>;
    if (fields['accountId'] === undefined || fields['agentId'] === undefined) return null;
    const events = ((list?.[1] ?? []) as string[]).map((line) => {
      const space = line.indexOf(' ');
      return { seq: Number(line.slice(0, space)), text: line.slice(space + 1) };
    });
    return {
      id: sessionId,
      accountId: fields['accountId'],
      agentId: fields['agentId'],
      seq: Number(fields['seq'] ?? 0),
      logVersion: Number(fields['logVersion'] ?? 0),
      directory: fields['directory'] === '1',
      events,
      answers: ((answered?.[1] ?? []) as string[]).map((entry) => {
        const [id, text] = JSON.parse(entry) as [string, string];
        return { id, text };
      }),
    };
  }

  async seen(
    agents: readonly { readonly accountId: string; readonly agentId: string }[],
  ): Promise<void> {
    if (agents.length === 0) return;
    const now = String(this.options.now());
    const fields: Record<string, string> = {};
    for (const { accountId, agentId } of agents) fields[`${accountId}\u0000${agentId}`] = now;
    await this.client.hset(this.agentsSeen, fields);
  }

  async stale(before: number): Promise<{ accountId: string; agentId: string }[]> {
    const seen = await this.client.hgetall(this.agentsSeen);
    return Object.entries(seen)
      .filter(([, at]) => Number(at) < before)
      .map(([field]) => {
        const [accountId = '', agentId = ''] = field.split('\u0000');
        return { accountId, agentId };
      });
  }

  async unseen({ accountId, agentId }: { accountId: string; agentId: string }): Promise<void> {
    await this.client.hdel(this.agentsSeen, `${accountId}\u0000${agentId}`);
  }
}
