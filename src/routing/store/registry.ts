/**
 * Who takes part in one routing service on Redis, and what it serves: the routing processes
 * alive (each beats with where it listens and until when it counts as alive) and the ids of every
 * account. Both are small hashes and sets outside any account's slot.
 */
import { serviceKeys } from './keys';
import type { RedisConnection } from './redisConnection';

/** A routing process, as the others see it. */
export interface Member {
  readonly id: string;
  /** Where its HTTP API and agent WebSocket listen, for the processes that forward to it. */
  readonly url: string;
}

export class Registry {
  private readonly keys: ReturnType<typeof serviceKeys>;

  constructor(
    private readonly connection: RedisConnection,
    prefix: string,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = serviceKeys(prefix);
  }

  /**
   * Notes that `member` is alive for `ttlMs` more, forgets members past their time, and returns
   * the members alive now (this one included), in id order.
   */
  async beat(member: Member, ttlMs: number): Promise<Member[]> {
    const entry = JSON.stringify({ url: member.url, until: this.now() + ttlMs });
    await this.connection.guard((client) => client.hset(this.keys.members, member.id, entry));
    return this.alive();
  }

  /** The members alive now, in id order; those past their time are forgotten. */
  async alive(): Promise<Member[]> {
    const now = this.now();
    const all = await this.connection.guard((client) => client.hgetall(this.keys.members));
    const alive: Member[] = [];
    const gone: string[] = [];
    for (const [id, text] of Object.entries(all)) {
      const parsed = parseEntry(text);
      if (parsed !== null && parsed.until > now) alive.push({ id, url: parsed.url });
      else gone.push(id);
    }
    if (gone.length > 0) {
      await this.connection.guard((client) => client.hdel(this.keys.members, ...gone));
    }
    return alive.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** Leaves at once (a clean stop), so that the others take its accounts without waiting. */
  async leave(memberId: string): Promise<void> {
    await this.connection.guard((client) => client.hdel(this.keys.members, memberId));
  }

  async addAccount(accountId: string): Promise<void> {
    await this.connection.guard((client) => client.sadd(this.keys.accounts, accountId));
  }

  async hasAccount(accountId: string): Promise<boolean> {
    const member = await this.connection.guard((client) =>
      client.sismember(this.keys.accounts, accountId),
    );
    return member === 1;
  }

  async accounts(): Promise<string[]> {
    const ids = await this.connection.guard((client) => client.smembers(this.keys.accounts));
    return ids.sort();
  }
}

function parseEntry(text: string): { url: string; until: number } | null {
  try {
    const value = JSON.parse(text) as { url?: unknown; until?: unknown };
    if (typeof value.url !== 'string' || typeof value.until !== 'number') return null;
    return { url: value.url, until: value.until };
  } catch {
    return null;
  }
}
