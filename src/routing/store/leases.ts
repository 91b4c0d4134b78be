/**
 * Account leases on Redis: which routing process owns an account now. A lease is the value
 * `<process>:<fence>` of the account's lease key, set with an expiry and renewed by its holder;
 * each lease taken gets the next fence number, so a lease, once lapsed or released, is never
 * valid again: the commit script (redisLog.ts) checks the exact value. Scripts, so that each
 * check-and-set is atomic on the account's slot.
 */
import { accountKeys } from './keys';
import type { RedisConnection } from './redisConnection';

const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local lease = ARGV[1] .. ':' .. redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], lease, 'PX', ARGV[2])
return lease
`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** The process a lease value names. */
export const holderOf = (lease: string): string => lease.slice(0, lease.lastIndexOf(':'));

export class Leases {
  constructor(
    private readonly connection: RedisConnection,
    private readonly prefix: string,
    /** How long a lease lasts unless renewed. */
    readonly ttlMs: number,
  ) {}

  /** Takes the account's lease for `process` when nobody holds it; the lease, or null. */
  async acquire(accountId: string, process: string): Promise<string | null> {
    const keys = accountKeys(this.prefix, accountId);
    const lease = await this.connection.guard((client) =>
      client.eval(ACQUIRE, 2, keys.lease, keys.fence, process, String(this.ttlMs)),
    );
    return typeof lease === 'string' ? lease : null;
  }

  /** Extends a lease still held; false when it lapsed or moved on. */
  async renew(accountId: string, lease: string): Promise<boolean> {
    const renewed = await this.connection.guard((client) =>
      client.eval(RENEW, 1, accountKeys(this.prefix, accountId).lease, lease, String(this.ttlMs)),
    );
    return renewed === 1;
  }

  /** Gives a lease up, if still held, so that another process may take the account at once. */
  async release(accountId: string, lease: string): Promise<void> {
    await this.connection.guard((client) =>
      client.eval(RELEASE, 1, accountKeys(this.prefix, accountId).lease, lease),
    );
  }

  /** The process holding the account's lease now, if any. */
  async holder(accountId: string): Promise<string | null> {
    const lease = await this.connection.guard((client) =>
      client.get(accountKeys(this.prefix, accountId).lease),
    );
    return lease === null ? null : holderOf(lease);
  }
}
