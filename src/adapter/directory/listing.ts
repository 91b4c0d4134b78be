/**
 * B5/B6: the Consult and Transfer listings of the directory dialog. A listing is one search of the
 * directory seen through the rules of its mode: which entries are listed, which can be chosen and
 * why not, and whether the query is a telephone number to dial.
 */
import type { DirectoryEntry } from '../../protocol';
import type { Directory } from './directory';
import { entryKey } from './entryKey';
import { recognisePhoneNumber } from '../../protocol/phoneNumbers';
import { PRESENCE_LABELS, TRANSFER_NOTES, canConsult, consultReason } from './presence';
import type { SearchResult } from './searchResult';
import type { SelectableList } from './selection';

export type ListingMode = 'consult' | 'transfer';

/** What a listing offers: the mode and the kinds of target besides agents. */
export interface ListingOptions {
  readonly mode: ListingMode;
  /** Services are listed (consult: always; transfer: with the transfer-to-service feature). */
  readonly services: boolean;
  /** A typed telephone number can be dialled (consult: yes; transfer of non-live work: never). */
  readonly numbers: boolean;
  /** The agent the listing is for: listed, but never a target of their own consult or transfer. */
  readonly self?: string | null;
}

/** One row as the dialog renders it. */
export interface ListingRow {
  readonly entry: DirectoryEntry;
  readonly key: string;
  readonly selectable: boolean;
  /** Why the row cannot be chosen, or null. */
  readonly reason: string | null;
  /** The agent the listing is for. */
  readonly self: boolean;
  /** The agent's presence label ("Logged in"), or null for a service. */
  readonly presence: string | null;
  /** B6: when a transfer to this agent is handled, or null (consult, or a service). */
  readonly note: string | null;
}

export class Listing implements SelectableList {
  constructor(
    readonly options: ListingOptions,
    /** The query as typed. */
    readonly query: string,
    /** The telephone number the query is, in protocol form, when it can be dialled; else null. */
    readonly number: string | null,
    readonly results: SearchResult,
  ) {}

  /** How many rows. */
  get length(): number {
    return this.results.length;
  }

  /** B5: "No matches found" shows (expected when a number was typed). */
  get noMatches(): boolean {
    return this.results.length === 0;
  }

  /** B5: the row whose unique whole name was typed, when it can be chosen; else null. */
  get autoSelected(): number | null {
    const index = this.results.autoSelected;
    return index !== null && this.isSelectable(index) ? index : null;
  }

  /** The row at an index, or undefined past the end. */
  at(index: number): ListingRow | undefined {
    const entry = this.results.at(index);
    return entry === undefined ? undefined : this.row(entry);
  }

  /** The rows from index `from` up to, not including, `to`. */
  slice(from: number, to: number): ListingRow[] {
    return this.results.slice(from, to).map((entry) => this.row(entry));
  }

  /** Whether the row at an index can be chosen. */
  isSelectable(index: number): boolean {
    const entry = this.results.at(index);
    return entry !== undefined && this.canChoose(entry);
  }

  private isSelf(entry: DirectoryEntry): boolean {
    return entry.type === 'agent' && entry.id === (this.options.self ?? null);
  }

  private canChoose(entry: DirectoryEntry): boolean {
    return !this.isSelf(entry) && (this.options.mode === 'transfer' || canConsult(entry));
  }

  /** The key of the row at an index, or null past the end. */
  keyAt(index: number): string | null {
    const entry = this.results.at(index);
    return entry === undefined ? null : entryKey(entry);
  }

  /** The index of the row with this key, or -1. */
  indexOfKey(key: string): number {
    return this.results.indexOfKey(key);
  }

  private row(entry: DirectoryEntry): ListingRow {
    const consult = this.options.mode === 'consult';
    const agent = entry.type === 'agent';
    const self = this.isSelf(entry);
    return {
      entry,
      key: entryKey(entry),
      selectable: this.canChoose(entry),
      reason: self ? SELF_REASON : consult ? consultReason(entry) : null,
      self,
      presence: agent ? PRESENCE_LABELS[entry.presence] : null,
      note: agent && !consult && !self ? TRANSFER_NOTES[entry.presence] : null,
    };
  }
}

/** Lists the directory for a query; pass the previous listing so the search can narrow from it. */
export function listDirectory(
  directory: Directory,
  query: string,
  options: ListingOptions,
  previous: Listing | null = null,
): Listing {
  const number = options.numbers ? recognisePhoneNumber(query) : null;
  if (number !== null) {
    // B5: a number is dialled, not looked up; the list says "No matches found".
    return new Listing(options, query, number, directory.none(options));
  }
  const results = directory.search(query, options, previous?.results ?? null);
  return new Listing(options, query, null, results);
}

/** B5: the Consult listing: agents (Available now or Interruptible can be chosen), services, numbers. */
export function consultListing(
  directory: Directory,
  query: string,
  previous: Listing | null = null,
): Listing {
  return listDirectory(directory, query, CONSULT, previous);
}

/** B6: the Transfer listing: every agent, services with the feature, never a number. */
export function transferListing(
  directory: Directory,
  query: string,
  features: { readonly transferToService: boolean },
  previous: Listing | null = null,
): Listing {
  const options = features.transferToService ? TRANSFER_WITH_SERVICES : TRANSFER_AGENTS_ONLY;
  return listDirectory(directory, query, options, previous);
}

const SELF_REASON = 'You cannot consult or transfer to yourself';

const CONSULT: ListingOptions = { mode: 'consult', services: true, numbers: true };
const TRANSFER_WITH_SERVICES: ListingOptions = { mode: 'transfer', services: true, numbers: false };
const TRANSFER_AGENTS_ONLY: ListingOptions = { mode: 'transfer', services: false, numbers: false };
