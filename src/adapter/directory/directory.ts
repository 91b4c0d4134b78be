/**
 * The directory of agents and services (B5, B6), kept up to date from `directory.snapshot` parts
 * and `directory.changed` events, and searched as the agent types. Framework-free: it runs inside
 * a Lightning Web Component.
 *
 * Each entry lives in a numbered slot; the alphabetical order is an array of slots. A presence or
 * waiting-count change touches only its slot; a new, renamed or removed entry merges into the
 * order in linear time. Results keep the arrays they were built from, so the arrays are copied
 * before the first change after a search (copy on write), never changed under a result.
 */
import type { DirectoryEntry } from '../../protocol';
import type { EntryRef } from './entryKey';
import { entryKey } from './entryKey';
import { foldName } from './fold';
import { GramIndex } from './gramIndex';
import { mergeOrder } from './order';
import type { SearchIndex } from './search';
import { SERVICE_KIND, searchDirectory } from './search';
import { SearchResult } from './searchResult';

const AGENT_KIND = 1;
const NO_SLOTS = new Int32Array(0);

/** What a search lists besides agents. */
export interface SearchOptions {
  /** Whether services are listed (B6: transfer to a service is a feature). */
  readonly services: boolean;
}

export class Directory {
  private readonly slots = new Map<string, number>();
  private readonly free: number[] = [];
  private entries: (DirectoryEntry | undefined)[] = [];
  private folded: string[] = [];
  private kinds = new Uint8Array(0);
  private order: Int32Array = NO_SLOTS;
  private grams = new GramIndex();
  private scratch = { candidates: NO_SLOTS, two: NO_SLOTS, three: NO_SLOTS };
  /** Whether a result holds `entries` and `folded`, so the next change must copy them. */
  private shared = false;
  /** Entries of the `directory.snapshot` parts received so far. */
  private parts: DirectoryEntry[] | null = null;

  /** Starts with these entries, if any. */
  constructor(entries: Iterable<DirectoryEntry> = []) {
    this.apply([...entries]);
  }

  /** How many entries the directory holds. */
  get size(): number {
    return this.slots.size;
  }

  /** The entry with this type and id, if present. */
  get(ref: EntryRef): DirectoryEntry | undefined {
    const slot = this.slots.get(entryKey(ref));
    return slot === undefined ? undefined : this.entries[slot];
  }

  /** Every entry, in alphabetical order. */
  all(): DirectoryEntry[] {
    return Array.from(this.order, (slot) => this.entries[slot] as DirectoryEntry);
  }

  /** Applies a `directory.changed`: removals first, then upserts (add or replace by type and id). */
  apply(upserted: readonly DirectoryEntry[], removed: readonly EntryRef[] = []): void {
    if (upserted.length === 0 && removed.length === 0) return;
    this.unshare();
    const stale = new Set<number>();
    const fresh = new Set<number>();
    for (const ref of removed) {
      const key = entryKey(ref);
      const slot = this.slots.get(key);
      if (slot === undefined) continue;
      this.slots.delete(key);
      this.grams.remove(slot, this.folded[slot] ?? '');
      this.entries[slot] = undefined;
      this.folded[slot] = '';
      this.kinds[slot] = 0;
      stale.add(slot);
      fresh.delete(slot);
      this.free.push(slot);
    }
    for (const entry of upserted) {
      const key = entryKey(entry);
      const known = this.slots.get(key);
      const name = foldName(entry.name);
      if (known !== undefined) {
        this.entries[known] = entry;
        if (this.folded[known] === name) continue;
        this.grams.remove(known, this.folded[known] ?? '');
        this.grams.add(known, name);
        this.folded[known] = name;
        stale.add(known);
        fresh.add(known);
        continue;
      }
      const slot = this.free.pop() ?? this.entries.length;
      this.slots.set(key, slot);
      this.entries[slot] = entry;
      this.folded[slot] = name;
      this.reserve(slot);
      this.kinds[slot] = entry.type === 'service' ? SERVICE_KIND : AGENT_KIND;
      this.grams.add(slot, name);
      fresh.add(slot);
    }
    if (stale.size > 0 || fresh.size > 0) {
      const keys = { folded: this.folded, entries: this.entries };
      this.order = mergeOrder(keys, this.order, stale, fresh);
    }
  }

  /** Replaces every entry with a complete directory. */
  replace(entries: Iterable<DirectoryEntry>): void {
    this.slots.clear();
    this.free.length = 0;
    this.entries = [];
    this.folded = [];
    this.kinds = new Uint8Array(0);
    this.order = NO_SLOTS;
    this.grams = new GramIndex();
    this.shared = false;
    this.apply([...entries]);
  }

  /** Applies one `directory.snapshot` part; the directory is replaced when the last one arrives. */
  applySnapshotPart(part: number, parts: number, entries: readonly DirectoryEntry[]): void {
    if (part === 0) this.parts = [];
    if (this.parts === null) return; // a part without its beginning: wait for the next part 0
    this.parts.push(...entries);
    if (part === parts - 1) {
      const complete = this.parts;
      this.parts = null;
      this.replace(complete);
    }
  }

  /** B5/B6: the entries matching a query, ranked; pass the previous result to narrow from it. */
  search(
    query: string,
    options: SearchOptions,
    previous: SearchResult | null = null,
  ): SearchResult {
    const size = this.order.length;
    if (this.scratch.two.length < size) {
      const buffer = (): Int32Array<ArrayBuffer> => new Int32Array(size);
      this.scratch = { candidates: buffer(), two: buffer(), three: buffer() };
    }
    this.shared = true;
    return searchDirectory(this.index(), foldName(query), options.services, previous);
  }

  /** A result that lists nothing, in place of a search (B5: a telephone number was typed). */
  none(options: SearchOptions): SearchResult {
    this.shared = true;
    const nothing = [NO_SLOTS, NO_SLOTS, NO_SLOTS, NO_SLOTS] as const;
    return new SearchResult('', options.services, this.index(), nothing, false);
  }

  /** Approximate bytes of the search index's bitsets (the rest is ordinary objects). */
  get indexBytes(): number {
    return this.grams.bytes + this.order.byteLength + this.kinds.byteLength;
  }

  private index(): SearchIndex {
    const slots = this.slots;
    return {
      order: this.order,
      folded: this.folded,
      entries: this.entries,
      kinds: this.kinds,
      grams: this.grams,
      scratch: this.scratch,
      slotOf: (key) => slots.get(key),
    };
  }

  private unshare(): void {
    if (!this.shared) return;
    this.entries = this.entries.slice();
    this.folded = this.folded.slice();
    this.shared = false;
  }

  private reserve(slot: number): void {
    if (slot < this.kinds.length) return;
    const kinds = new Uint8Array(Math.max(64, slot + 1, this.kinds.length * 2));
    kinds.set(this.kinds);
    this.kinds = kinds;
  }
}
