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
    private readonly client: RedisClient,
    private readonly options: RedisSessionJournalOptions,
  ) {}

  private get agentsSeen(): string {
    return serviceKeys(this.options.prefix).agentsSeen;
  }

  async append(
    session: Omit<StoredSession, 'events' | 'answers'>,
    events: readonly { readonly seq: number; readonly text: string }[],
  ): Promise<void> {
    const keys = sessionKeys(this.options.prefix, session.id);
    const { ttlSeconds, replayEvents } = this.options;
    const multi = this.client.multi().hset(keys.session, {
      accountId: session.accountId,
      agentId: session.agentId,
      seq: String(session.seq),
      logVersion: String(session.logVersion),
      directory: session.directory ? '1' : '0',
      owner: this.options.owner,
    });
    if (events.length > 0) {
      multi
        .rpush(keys.events, ...events.map((event) => `${event.seq} ${event.text}`))
        .ltrim(keys.events, -replayEvents, -1);
    }
    const replies = await multi
      .expire(keys.session, ttlSeconds)
      .expire(keys.events, ttlSeconds)
      .exec();
    const failed = replies?.find(([err]) => err !== null);
    if (replies === null || failed !== undefined) {
      throw failed?.[0] ?? new Error('the session was not stored');
    }
  }

  async answer(sessionId: string, commandId: string, text: string): Promise<void> {
    const key = sessionKeys(this.options.prefix, sessionId).answers;
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
