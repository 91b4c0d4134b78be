/** The directory of the Consult/Transfer dialog (B5, B6): store, search, listings, selection. */
export { Directory } from './directory';
export type { SearchOptions } from './directory';
export { entryKey } from './entryKey';
export type { EntryRef } from './entryKey';
export { foldName } from './fold';
export { consultListing, listDirectory, Listing, transferListing } from './listing';
export type { ListingMode, ListingOptions, ListingRow } from './listing';
export { recognisePhoneNumber } from '../../protocol/phoneNumbers';
export { canConsult, consultReason, PRESENCE_LABELS, TRANSFER_NOTES } from './presence';
export type { Rank } from './rank';
export { SearchResult } from './searchResult';
export {
  NO_SELECTION,
  reconcileSelection,
  selectFirst,
  selectIndex,
  selectLast,
  selectNext,
  selectPrevious,
} from './selection';
export type { SelectableList, Selection } from './selection';
