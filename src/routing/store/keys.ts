/**
 * Every Redis key the routing service writes, in one place. An account's keys share a hash tag,
 * `{a:<account>}`, so that on a Redis Cluster an account lives in one slot: its commit script and
 * transactions touch one node, and accounts never contend with each other. A session's keys share
 * `{s:<session>}` for the same reason.
 */

export interface AccountKeys {
  /** The version of the account's last commit. */
  readonly version: string;
  /** A hash of every record, rank and timer of the account (changes.ts keys) to its JSON. */
  readonly state: string;
  /** A stream of the account's commits, entry id `<version>-1`. */
  readonly log: string;
  /** Who owns the account now, `<process>:<fence>`, expiring unless renewed (leases.ts). */
  readonly lease: string;
  /** The fencing counter: each lease taken gets the next number. */
  readonly fence: string;
  /**
   * Written just before a WAIT that confirms commits sent on another connection, so that the WAIT
   * counts from a write after them (redisLog.ts `confirm`); holds when that was.
   */
  readonly confirm: string;
}

export function accountKeys(prefix: string, accountId: string): AccountKeys {
  const tag = `${prefix}:{a:${accountId}}`;
  return {
    version: `${tag}:version`,
    state: `${tag}:state`,
    log: `${tag}:log`,
    lease: `${tag}:lease`,
    fence: `${tag}:fence`,
    confirm: `${tag}:confirm`,
  };
}

/** A stored session: its hash, its last event frames and its last answers. */
export function sessionKeys(prefix: string, sessionId: string) {
  const tag = `${prefix}:session:{s:${sessionId}}`;
  return { session: tag, events: `${tag}:events`, answers: `${tag}:answers` } as const;
}

export function serviceKeys(prefix: string) {
  return {
    /** A set of every account's id. */
    accounts: `${prefix}:accounts`,
    /** A hash of each routing process to where it listens and until when it is alive. */
    members: `${prefix}:members`,
    /** A hash of `<account>\0<agent>` to when a process last held a socket of theirs. */
    agentsSeen: `${prefix}:agents-seen`,
  } as const;
}
