/**
 * Directory changes gathered per account between two deliveries to subscribers: the latest state of
 * each entry wins (an upsert after a removal is an upsert, a removal after an upsert a removal), so
 * what a subscriber is sent costs one batch per interval, however many changes the interval held,
 * and applying it leaves the subscriber with the directory as it is now.
 */
import type { DirectoryEntry, DirectoryRef } from '../../protocol';

/** One account's pending changes, in the order entries first changed. */
export interface DirectoryBatch {
  readonly upserted: DirectoryEntry[];
  readonly removed: DirectoryRef[];
}

type Change = { readonly entry: DirectoryEntry } | { readonly removed: DirectoryRef };

const keyOf = (ref: DirectoryRef) => `${ref.type}:${ref.id}`;

export class DirectoryBatches {
  private readonly pending = new Map<string, Map<string, Change>>();

  /** Notes changes of one account; true when the account had nothing pending before. */
  add(
    accountId: string,
    upserted: readonly DirectoryEntry[],
    removed: readonly DirectoryRef[],
  ): boolean {
    let changes = this.pending.get(accountId);
    const first = changes === undefined;
    if (changes === undefined) this.pending.set(accountId, (changes = new Map()));
    for (const ref of removed) changes.set(keyOf(ref), { removed: { type: ref.type, id: ref.id } });
    for (const entry of upserted) changes.set(keyOf(entry), { entry });
    return first;
  }

  /** Takes what is pending for the account (null when nothing is). */
  take(accountId: string): DirectoryBatch | null {
    const changes = this.pending.get(accountId);
    if (changes === undefined) return null;
    this.pending.delete(accountId);
    const batch: DirectoryBatch = { upserted: [], removed: [] };
    for (const change of changes.values()) {
      if ('entry' in change) batch.upserted.push(change.entry);
      else batch.removed.push(change.removed);
    }
    return batch;
  }

  /** Accounts with changes waiting. */
  accounts(): string[] {
    return [...this.pending.keys()];
  }
}
