/**
 * Sessions on Redis (server/sessionJournal.ts). Keys, under the store's prefix:
 *  - `<prefix>:session:<id>`: a hash of the session (account, agent, seq, log version, directory);
 *  - `<prefix>:session:<id>:events`: a list of its last event frames (as many as `replayEvents`);
 *  - `<prefix>:session:<id>:answers`: a list of the answers to its last commands;
 *  - `<prefix>:agents-seen`: a hash of `<account>\0<agent>` to when a process last held a socket
 *    of theirs, so that no process logs out an agent connected to another.
 * Stored sessions expire `ttlSeconds` after their last write.
 */
import type { Redis } from 'ioredis';
import type { SessionJournal, StoredSession } from '../server/sessionJournal';

/** Deletes a session's keys when this process is still the one that wrote it last. */
const FORGET = `
if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
  redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
end
return 0
`;

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
  constructor(
    private readonly client: Redis,
    private readonly options: RedisSessionJournalOptions,
  ) {}

  private key(sessionId: string): string {
    return `${this.options.prefix}:session:${sessionId}`;
  }

  async append(
    session: Omit<StoredSession, 'events' | 'answers'>,
    events: readonly { readonly seq: number; readonly text: string }[],
  ): Promise<void> {
    const key = this.key(session.id);
    const { ttlSeconds, replayEvents } = this.options;
    const multi = this.client.multi().hset(key, {
      accountId: session.accountId,
      agentId: session.agentId,
      seq: String(session.seq),
      logVersion: String(session.logVersion),
      directory: session.directory ? '1' : '0',
      owner: this.options.owner,
    });
    if (events.length > 0) {
      multi
        .rpush(`${key}:events`, ...events.map((event) => `${event.seq} ${event.text}`))
        .ltrim(`${key}:events`, -replayEvents, -1);
    }
    const replies = await multi.expire(key, ttlSeconds).expire(`${key}:events`, ttlSeconds).exec();
    const failed = replies?.find(([err]) => err !== null);
    if (replies === null || failed !== undefined) {
      throw failed?.[0] ?? new Error('the session was not stored');
    }
  }

  async answer(sessionId: string, commandId: string, text: string): Promise<void> {
    const key = `${this.key(sessionId)}:answers`;
    const replies = await this.client
      .multi()
      .rpush(key, JSON.stringify([commandId, text]))
      .ltrim(key, -this.options.answers, -1)
      .expire(key, this.options.ttlSeconds)
      .exec();
    const failed = replies?.find(([err]) => err !== null);
    if (replies === null || failed !== undefined) {
      throw failed?.[0] ?? new Error('the answer was not stored');
    }
  }

  async forget(sessionId: string): Promise<void> {
    const key = this.key(sessionId);
    await this.client.eval(FORGET, 3, key, `${key}:events`, `${key}:answers`, this.options.owner);
  }

  async load(sessionId: string): Promise<StoredSession | null> {
    const key = this.key(sessionId);
    const replies = await this.client
      .multi()
      .hgetall(key)
      .lrange(`${key}:events`, 0, -1)
      .lrange(`${key}:answers`, 0, -1)
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
    await this.client.hset(`${this.options.prefix}:agents-seen`, fields);
  }

  async stale(before: number): Promise<{ accountId: string; agentId: string }[]> {
    const seen = await this.client.hgetall(`${this.options.prefix}:agents-seen`);
    return Object.entries(seen)
      .filter(([, at]) => Number(at) < before)
      .map(([field]) => {
        const [accountId = '', agentId = ''] = field.split('\u0000');
        return { accountId, agentId };
      });
  }

  async unseen({ accountId, agentId }: { accountId: string; agentId: string }): Promise<void> {
    await this.client.hdel(`${this.options.prefix}:agents-seen`, `${accountId}\u0000${agentId}`);
  }
}
