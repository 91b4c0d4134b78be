/** The fast search against a naive reference, on random directories, changes and keystrokes. */
import type { DirectoryEntry } from '../../protocol';
import { Directory } from './directory';
import { entryKey } from './entryKey';
import { foldName } from './fold';
import type { SearchResult } from './searchResult';

const PIECES = [
  'an',
  'na',
  'Ann',
  'é',
  'ë',
  'ø',
  'ß',
  'zo',
  'Zoë',
  'a',
  'b',
  'e',
  ' ',
  ' ',
  '-',
  "'",
];
const PRESENCES = ['available-now', 'interruptible', 'logged-in', 'logged-out'] as const;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function makeName(next: () => number): string {
  let name = '';
  const length = 1 + Math.floor(next() * 6);
  for (let i = 0; i < length; i++) name += PIECES[Math.floor(next() * PIECES.length)];
  return /\S/.test(name) ? name : 'x';
}

function makeEntry(next: () => number, id: number): DirectoryEntry {
  const name = makeName(next);
  return next() < 0.15
    ? { type: 'service', id: `e${id}`, name, waiting: 0, consultable: true }
    : { type: 'agent', id: `e${id}`, name, presence: PRESENCES[id % 4] ?? 'logged-out' };
}

/** The reference: fold, filter, rank by slicing at every word start, sort the lot. */
function reference(
  entries: Iterable<DirectoryEntry>,
  query: string,
  services: boolean,
): DirectoryEntry[] {
  const q = foldName(query);
  const ranked: { entry: DirectoryEntry; name: string; rank: number }[] = [];
  for (const entry of entries) {
    if (!services && entry.type === 'service') continue;
    const name = foldName(entry.name);
    if (!name.includes(q)) continue;
    let rank = 3;
    if (name === q) rank = 0;
    else if (name.startsWith(q)) rank = 1;
    else {
      for (let i = 1; i < name.length; i++) {
        if (name[i - 1] === ' ' && name.slice(i).startsWith(q)) rank = 2;
      }
    }
    ranked.push({ entry, name, rank });
  }
  const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  ranked.sort(
    (a, b) =>
      a.rank - b.rank ||
      text(a.name, b.name) ||
      text(a.entry.id, b.entry.id) ||
      text(a.entry.type, b.entry.type),
  );
  return ranked.map((item) => item.entry);
}

function check(result: SearchResult, expected: DirectoryEntry[]): void {
  expect(result.length).toBe(expected.length);
  expect(result.slice(0, result.length).map(entryKey)).toEqual(expected.map(entryKey));
  const wholes = expected.filter((entry) => foldName(entry.name) === result.query).length;
  expect(result.autoSelected).toBe(wholes === 1 ? 0 : null);
  for (const index of [0, Math.floor(expected.length / 2), expected.length - 1]) {
    const entry = expected[index];
    if (entry !== undefined) expect(result.indexOfKey(entryKey(entry))).toBe(index);
  }
}

describe('Directory search against a naive reference', () => {
  it.each([1, 2, 3])('agrees on random directories, changes and typing (seed %i)', (seed) => {
    const next = random(seed);
    const live = new Map<string, DirectoryEntry>();
    let nextId = 0;
    const initial = Array.from({ length: 3000 }, () => makeEntry(next, nextId++));
    for (const entry of initial) live.set(entryKey(entry), entry);
    const directory = new Directory(initial);

    for (let round = 0; round < 25; round++) {
      // A directory.changed: new entries, renames, presence changes, removals.
      const upserted: DirectoryEntry[] = [];
      const removed: DirectoryEntry[] = [];
      const known = [...live.values()];
      for (let i = 0; i < 1 + Math.floor(next() * 40); i++) {
        const roll = next();
        const old = known[Math.floor(next() * known.length)];
        if (roll < 0.3 || old === undefined) upserted.push(makeEntry(next, nextId++));
        else if (roll < 0.55) upserted.push({ ...old, name: makeName(next) });
        else if (roll < 0.8 && old.type === 'agent') {
          upserted.push({ ...old, presence: PRESENCES[Math.floor(next() * 4)] ?? 'logged-in' });
        } else removed.push(old);
      }
      const removedKeys = new Set(removed.map(entryKey));
      const kept = upserted.filter((entry) => !removedKeys.has(entryKey(entry)));
      directory.apply(kept, removed);
      for (const entry of removed) live.delete(entryKey(entry));
      for (const entry of kept) live.set(entryKey(entry), entry);

      // An agent types a query one key at a time, each search narrowing from the previous one.
      const services = next() < 0.7;
      const source = known[Math.floor(next() * known.length)]?.name ?? 'ann';
      const start = Math.floor(next() * source.length);
      const typed = next() < 0.8 ? source.slice(start, start + 8) : makeName(next);
      let previous: SearchResult | null = null;
      for (let i = 0; i <= typed.length; i++) {
        const query = typed.slice(0, i);
        const result: SearchResult = directory.search(query, { services }, previous);
        check(result, reference(live.values(), query, services));
        previous = result;
      }
    }
    expect(directory.size).toBe(live.size);
  });
});
