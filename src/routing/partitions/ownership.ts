/**
 * Which accounts this routing process owns on a shared store, through leases (store/leases.ts).
 * Every beat (a third of the lease time) the process notes it is alive, renews the leases it
 * holds, hands over the accounts that now belong on another process (placement.ts: when a process
 * joins) and takes the accounts that belong here and that nobody holds (when a process left or
 * died, its leases lapse first). A lease that cannot be renewed is given up at once: the account
 * leaves this process, and a commit made under it would be refused anyway (fencing).
 */
import type { Logger } from 'pino';
import { ProtocolError } from '../../protocol';
import type { Leases } from '../store/leases';
import type { Member, Registry } from '../store/registry';
import type { RedisConnection } from '../store/redisConnection';
import { readAccount } from '../store/redisLog';
import { StoreUnavailableError } from '../store/sharedLog';
import type { AccountRecord } from '../store/store';
import type { StoreHealth } from '../service';
import type { Partition } from './partition';
import type { Partitions, Placement, Purpose } from './partitions';
import { ownerOf } from './placement';

export interface OwnershipOptions {
  readonly connection: RedisConnection;
  readonly prefix: string;
  readonly registry: Registry;
  readonly leases: Leases;
  /** This process (its URL is known once it listens: `start`). */
  readonly id: string;
  /** Loads the account whose lease this process just took. */
  readonly open: (accountId: string, lease: string) => Promise<Partition>;
  /**
   * An account left this process (handed over, or its lease lapsed): its sessions here close,
   * once what they had to keep is kept.
   */
  readonly left: (accountId: string, why: string) => Promise<void>;
  readonly log: Logger;
}

interface Owned {
  readonly partition: Partition;
  readonly lease: string;
  renewedAt: number;
}

const unavailable = (why: string) => new ProtocolError('unavailable', why);

export class Ownership implements Partitions {
  private readonly owned = new Map<string, Owned>();
  private readonly claiming = new Map<string, Promise<Partition | null>>();
  private members: Member[] = [];
  /**
   * Accounts last seen held by another process alive, with its URL: a forwarded request finds its
   * owner without asking Redis twice. Forgotten at every beat (a third of a lease), so a request
   * follows a moved account within a beat; until then the old owner answers `unavailable`.
   */
  private readonly elsewhere = new Map<string, string>();
  private me: Member | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private beating: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: OwnershipOptions) {}

  /**
   * Joins once listening at `url`: the first beat (taking the accounts that belong here), then
   * one per third of a lease.
   */
  async start(url: string): Promise<void> {
    this.me = { id: this.options.id, url };
    await this.beat();
    this.timer = setInterval(() => {
      this.beating ??= this.beat()
        .catch((err: unknown) => this.options.log.warn({ err }, 'ownership beat failed'))
        .finally(() => (this.beating = null));
    }, this.options.leases.ttlMs / 3);
    this.timer.unref();
  }

  async locate(accountId: string, purpose: Purpose = 'use'): Promise<Placement> {
    try {
      return await this.place(accountId, purpose);
    } catch (err) {
      if (err instanceof StoreUnavailableError) throw unavailable(err.message);
      throw err;
    }
  }

  private async place(accountId: string, purpose: Purpose): Promise<Placement> {
    const me = this.me;
    if (this.stopped || me === null) throw unavailable('the routing service is not serving now');
    const here = this.local(accountId) ?? (await this.claiming.get(accountId));
    if (here) return { here };
    const known = this.elsewhere.get(accountId);
    if (known !== undefined && purpose !== 'forwarded') return { elsewhere: known };
    const { registry, leases } = this.options;
    if (purpose === 'create') await registry.addAccount(accountId);
    else if (!(await registry.hasAccount(accountId))) {
      throw new ProtocolError('not-found', `no account ${accountId}`, null, 'accountId');
    }
    const holder = await leases.holder(accountId);
    if (holder !== null && holder !== me.id) {
      const member = this.members.find((candidate) => candidate.id === holder);
      if (member !== undefined) {
        this.elsewhere.set(accountId, member.url);
        return { elsewhere: member.url };
      }
      throw unavailable(`account ${accountId} is moving between processes; try again`);
    }
    // Nobody holds it (a process joined, stopped or died): it goes where it belongs among the
    // processes alive now, which takes it on the spot; here when it belongs here or was sent here.
    this.members = await registry.alive();
    const belongs = ownerOf(accountId, this.members);
    if (belongs !== null && belongs.id !== me.id && purpose !== 'forwarded') {
      return { elsewhere: belongs.url };
    }
    const taken = await this.claim(accountId);
    if (taken === null) throw unavailable(`account ${accountId} is being taken; try again`);
    return { here: taken };
  }

  /**
   * The partition, while its lease is sure to hold: one not renewed for a lease time (e.g. the
   * process was paused) may have moved on, so the account leaves this process rather than answer
   * from state that may be stale (writes would be fenced anyway; reads would not).
   */
  local(accountId: string): Partition | undefined {
    const owned = this.owned.get(accountId);
    if (owned === undefined) return undefined;
    if (Date.now() - owned.renewedAt >= this.options.leases.ttlMs) {
      this.lost(accountId, 'its lease was not renewed in time');
      return undefined;
    }
    return owned.partition;
  }

  all(): readonly Partition[] {
    return [...this.owned.values()].map((owned) => owned.partition);
  }

  async accounts(): Promise<AccountRecord[]> {
    const { registry, connection, prefix } = this.options;
    const records = await Promise.all(
      (await registry.accounts()).map(
        (accountId) =>
          this.local(accountId)?.store.account(accountId) ??
          readAccount(connection, prefix, accountId),
      ),
    );
    return records.filter((record) => record !== undefined && record !== null);
  }

  health(): StoreHealth {
    const { connection } = this.options;
    return {
      kind: 'redis',
      reachable: connection.reachable,
      where: connection.description,
    };
  }

  /** Leaves: gives every lease up, so that the other processes take the accounts at once. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    await this.beating;
    await Promise.allSettled([...this.claiming.values()]);
    await Promise.allSettled([
      ...[...this.owned.keys()].map((accountId) => this.handOver(accountId, 'stopping')),
      this.options.registry.leave(this.options.id),
    ]);
  }

  /** The account's lease lapsed or was refused: it leaves this process at once. */
  lost(accountId: string, why: string): void {
    const owned = this.owned.get(accountId);
    if (owned === undefined) return;
    this.owned.delete(accountId);
    void owned.partition.stop();
    this.options.log.warn({ account: accountId, why }, 'account lost');
    void this.options.left(accountId, why);
    // If it is still ours in Redis (it only lapsed here), free it for whoever takes it next.
    void this.options.leases.release(accountId, owned.lease).catch(() => {});
  }

  private async beat(): Promise<void> {
    const { registry, leases } = this.options;
    const me = this.me;
    if (me === null) return;
    this.members = await registry.beat(me, leases.ttlMs);
    this.elsewhere.clear();
    for (const [accountId, owned] of [...this.owned]) {
      const belongs = ownerOf(accountId, this.members);
      if (belongs !== null && belongs.id !== me.id) {
        await this.handOver(accountId, `it belongs on ${belongs.id}`);
        continue;
      }
      const startedAt = Date.now();
      try {
        if (await leases.renew(accountId, owned.lease)) owned.renewedAt = startedAt;
        else this.lost(accountId, 'its lease lapsed');
      } catch {
        // Unreachable: keep it until the lease would have lapsed.
        if (startedAt - owned.renewedAt >= leases.ttlMs) this.lost(accountId, 'no lease renewal');
      }
    }
    for (const accountId of await registry.accounts()) {
      if (this.stopped) return;
      if (this.owned.has(accountId)) continue;
      if (ownerOf(accountId, this.members)?.id === me.id) await this.claim(accountId);
    }
  }

  private claim(accountId: string): Promise<Partition | null> {
    let pending = this.claiming.get(accountId);
    if (pending === undefined) {
      pending = this.take(accountId).finally(() => this.claiming.delete(accountId));
      this.claiming.set(accountId, pending);
    }
    return pending;
  }

  private async take(accountId: string): Promise<Partition | null> {
    const { leases, id, open, log } = this.options;
    const takenAt = Date.now();
    const lease = await leases.acquire(accountId, id);
    if (lease === null) return null;
    let partition: Partition;
    try {
      partition = await open(accountId, lease);
    } catch (err) {
      await leases.release(accountId, lease).catch(() => {});
      throw err;
    }
    if (this.stopped) {
      await partition.stop();
      await leases.release(accountId, lease).catch(() => {});
      return null;
    }
    this.owned.set(accountId, { partition, lease, renewedAt: takenAt });
    log.info({ account: accountId, lease }, 'account taken');
    return partition;
  }

  private async handOver(accountId: string, why: string): Promise<void> {
    const owned = this.owned.get(accountId);
    if (owned === undefined) return;
    this.owned.delete(accountId);
    // What is under way commits first (its events reach the sessions), then the sessions close.
    await owned.partition.stop();
    await this.options.left(accountId, why);
    // Whatever was still committing is refused from here on: the lease is gone.
    await this.options.leases.release(accountId, owned.lease).catch(() => {});
    this.options.log.info({ account: accountId, why }, 'account handed over');
  }
}
