/**
 * Folding of names and queries for search: case, accents and a few letters that Unicode does not
 * decompose, so "jose" finds "José" and "zoe" finds "Zoë". Folded text is what gets compared.
 */

/** Letters with no Unicode decomposition that readers still treat as a plain letter or two. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
  ĸ: 'k',
  ſ: 's',
  ŋ: 'n',
};
const SPECIAL = /[ßøæœłđðþıħŧŀĸſŋ]/g;
// Apostrophes join ("O'Brien" folds to "obrien"); every other run of punctuation is one space.
const APOSTROPHES = /['’‘ʼ`]/g;
const MARKS = /\p{M}/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;
const PLAIN = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** The folded form of a name or query: lower case, no accents, words separated by one space. */
export function foldName(text: string): string {
  const lower = text.toLowerCase();
  // Most names are plain already: skip the Unicode work for them.
  if (PLAIN.test(lower)) return lower;
  return text
    .replace(APOSTROPHES, '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(SPECIAL, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(SEPARATORS, ' ')
    .trim();
}
