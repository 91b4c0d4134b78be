/**
 * Which accounts this routing process owns on a shared store, through leases (store/leases.ts).
 * The leases held are renewed from a worker thread (store/leaseKeeper.ts), so a long turn of work
 * here does not let them lapse. Every beat (a third of the lease time) the process notes it is
 * alive, hands over the accounts that now belong on another process (placement.ts: when a process
 * joins) and takes the accounts that belong here and that nobody holds (when a process left or
 * died, its leases lapse first). A lease whose renewal was refused, or not confirmed for a lease
 * time, is given up at once: the account leaves this process, and a commit made under it would be
 * refused anyway (fencing).
 */
import type { Logger } from 'pino';
import { ProtocolError } from '../../protocol';
import type { HeldLease, LeaseKeeper } from '../store/leaseKeeper';
import type { Leases } from '../store/leases';
import type { Member, Registry } from '../store/registry';
import type { RedisConnection } from '../store/redisConnection';
import { readAccount } from '../store/redisLog';
import { StoreUnavailableError } from '../store/sharedLog';
import type { AccountRecord } from '../store/store';
import type { StoreHealth } from '../service';
import type { Partition } from './partition';
import type { Partitions, Placement, Purpose } from './partitions';
import { ownerOf, placeAccounts } from './placement';

export interface OwnershipOptions {
  readonly connection: RedisConnection;
  readonly prefix: string;
  readonly registry: Registry;
  readonly leases: Leases;
  /** Renews the leases held, off the main event loop. */
  readonly keeper: LeaseKeeper;
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
  readonly held: HeldLease;
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
  /** Where each account belongs, as placed at the last beat (placement.ts). */
  private placement = new Map<string, Member>();
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
    await this.options.keeper.start((held) => {
      if (this.owned.get(held.accountId)?.held === held) {
        this.lost(held.accountId, 'its lease lapsed or moved on');
      }
    });
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
    const belongs = this.belongsOf(accountId);
    if (belongs !== null && belongs.id !== me.id && purpose !== 'forwarded') {
      return { elsewhere: belongs.url };
    }
    const taken = await this.claim(accountId);
    if (taken === null) throw unavailable(`account ${accountId} is being taken; try again`);
    return { here: taken };
  }

  /**
   * The partition, while its lease is sure to hold: one whose renewal was not confirmed for a
   * lease time (the process was paused, its main thread hung past the stall limit, Redis was
   * away) may have moved on, so the account leaves this process rather than answer from state
   * that may be stale (writes would be fenced anyway; reads would not). The renewals are the
   * worker's: a main thread that was only busy finds them recent.
   */
  local(accountId: string): Partition | undefined {
    const owned = this.owned.get(accountId);
    if (owned === undefined) return undefined;
    const { keeper, leases } = this.options;
    if (Date.now() - keeper.renewedAt(owned.held) >= leases.ttlMs) {
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
    await this.options.keeper.stop();
  }

  /** The account's lease lapsed or was refused: it leaves this process at once. */
  lost(accountId: string, why: string): void {
    const owned = this.owned.get(accountId);
    if (owned === undefined) return;
    this.owned.delete(accountId);
    this.options.keeper.drop(owned.held);
    void owned.partition.stop();
    this.options.log.warn({ account: accountId, why }, 'account lost');
    void this.options.left(accountId, why);
    // If it is still ours in Redis (it only lapsed here), free it for whoever takes it next.
    void this.options.leases.release(accountId, owned.held.lease).catch(() => {});
  }

  private async beat(): Promise<void> {
    const { registry, leases } = this.options;
    const me = this.me;
    if (me === null) return;
    this.members = await registry.beat(me, leases.ttlMs);
    this.elsewhere.clear();
    const accountIds = await registry.accounts();
    this.placement = placeAccounts(accountIds, this.members);
    for (const accountId of [...this.owned.keys()]) {
      // Given up if its lease may have lapsed (renewals unconfirmed: Redis unreachable).
      if (this.local(accountId) === undefined) continue;
      const belongs = this.belongsOf(accountId);
      if (belongs !== null && belongs.id !== me.id) {
        await this.handOver(accountId, `it belongs on ${belongs.id}`);
      }
    }
    for (const accountId of accountIds) {
      if (this.stopped) return;
      if (this.owned.has(accountId)) continue;
      if (this.belongsOf(accountId)?.id === me.id) await this.claim(accountId);
    }
  }

  /**
   * The process an account belongs on: as placed at the last beat among the members alive, else
   * (an account created since, a member gone) by rendezvous over the members alive now.
   */
  private belongsOf(accountId: string): Member | null {
    const placed = this.placement.get(accountId);
    if (placed !== undefined && this.members.some((member) => member.id === placed.id)) {
      return placed;
    }
    return ownerOf(accountId, this.members);
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
    const { leases, keeper, id, open, log } = this.options;
    const takenAt = Date.now();
    const lease = await leases.acquire(accountId, id);
    if (lease === null) return null;
    // Renewed from now on: loading a large account may take longer than a lease.
    let held: HeldLease;
    try {
      held = keeper.hold(accountId, lease, takenAt);
    } catch (err) {
      await leases.release(accountId, lease).catch(() => {});
      throw err;
    }
    const giveUp = async () => {
      keeper.drop(held);
      await leases.release(accountId, lease).catch(() => {});
    };
    let partition: Partition;
    try {
      partition = await open(accountId, lease);
    } catch (err) {
      await giveUp();
      throw err;
    }
    if (this.stopped || Date.now() - keeper.renewedAt(held) >= leases.ttlMs) {
      // Stopping, or the lease lapsed or may have while the account loaded.
      await partition.stop();
      await giveUp();
      return null;
    }
    this.owned.set(accountId, { partition, held });
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
    this.options.keeper.drop(owned.held);
    await this.options.leases.release(accountId, owned.held.lease).catch(() => {});
    this.options.log.info({ account: accountId, why }, 'account handed over');
  }
}
