/**
 * Where an account is served: by a partition on this process, or by another routing process (its
 * URL, to forward to). With the in-memory store every account is here, in one partition; on a
 * shared store, ownership.ts decides.
 */
import type { StoreHealth } from '../service';
import type { AccountRecord } from '../store/store';
import type { Partition } from './partition';

export type Placement =
  | { readonly here: Partition; readonly elsewhere?: undefined }
  | { readonly elsewhere: string; readonly here?: undefined };

/**
 * Why an account is looked up: `use` an existing one; `create` one (it is added to the accounts
 * and placed); `forwarded`: another process sent the request here, so take the account if free.
 */
export type Purpose = 'use' | 'create' | 'forwarded';

export interface Partitions {
  /**
   * Where `accountId` is served now; ProtocolError `not-found` when there is no such account,
   * `unavailable` when nobody can serve it now.
   */
  locate(accountId: string, purpose?: Purpose): Promise<Placement>;
  /** The partition serving `accountId` on this process, if any. */
  local(accountId: string): Partition | undefined;
  /** The partitions on this process. */
  all(): readonly Partition[];
  /** Every account, wherever it is served, in id order. */
  accounts(): Promise<AccountRecord[]>;
  /** The account's lease was refused under this process: it leaves this process at once. */
  lost(accountId: string, why: string): void;
  health(): StoreHealth;
  stop(): Promise<void>;
}

/** The in-memory store: one partition, here, for every account. */
export class OnePartition implements Partitions {
  constructor(private readonly partition: Partition) {}

  locate(): Promise<Placement> {
    return Promise.resolve({ here: this.partition });
  }

  local(): Partition {
    return this.partition;
  }

  all(): readonly Partition[] {
    return [this.partition];
  }

  accounts(): Promise<AccountRecord[]> {
    return this.partition.run(() => [...this.partition.store.accounts()]);
  }

  lost(): void {}

  health(): StoreHealth {
    return { kind: 'memory', reachable: true, where: 'memory' };
  }

  stop(): Promise<void> {
    return this.partition.stop();
  }
}
