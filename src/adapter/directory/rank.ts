/** How well a folded name matches a folded query; lower ranks are listed first. */

/** 0 whole name, 1 prefix of the name, 2 prefix of a later word, 3 anywhere else. */
export type Rank = 0 | 1 | 2 | 3;

/** The rank of a folded name for a folded query, or null when it does not match. */
export function rankOf(name: string, query: string): Rank | null {
  // Nothing typed lists everything as one alphabetical rank.
  if (query === '') return 1;
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  const at = name.indexOf(query);
  if (at < 0) return null;
  return name.charCodeAt(at - 1) === 32 || name.includes(` ${query}`, at) ? 2 : 3;
}
