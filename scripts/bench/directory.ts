/**
 * Directory benchmark (B5/B6 search as the agent types): 50,000 entries with names from many
 * cultures, 1,000 queries of 1-12 characters typed one key at a time, each keystroke one Consult
 * listing search (narrowing from the previous one) plus reading the first visible rows. The same
 * keystrokes go to fuse.js and match-sorter over the same names (their ordinary API; fewer
 * keystrokes when they are slow). Also the directory's heap. Prints figures, then one JSON line.
 *
 *   npx tsx scripts/bench/directory.ts        (about 30 s, most of it in the peers)
 */
import Fuse from 'fuse.js';
import { matchSorter } from 'match-sorter';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Directory, consultListing } from '../../src/adapter/directory';
import type { Listing } from '../../src/adapter/directory';
import type { DirectoryEntry, Presence } from '../../src/protocol';

const ENTRIES = 50_000;
const SERVICES = 400;
const QUERIES = 1000;
const VISIBLE_ROWS = 12;
/** Keystrokes timed for each peer library: they take tens of milliseconds each at this size. */
const PEER_KEYSTROKES = 200;
const PEER_BUDGET_MS = 10_000;

const FIRST_NAMES = [
  ...['José', 'María', 'Lucía', 'Mateo', 'Tomás', 'Sofía', 'Martín', 'Ana', 'Anabel', 'Joaquín'],
  ...['João', 'Conceição', 'Gonçalo', 'Inês', 'Zoë', 'Chloé', 'François', 'Hélène', 'Noël'],
  ...['Renée', 'Amélie', 'Björn', 'Åsa', 'Søren', 'Ægir', 'Jürgen', 'Käthe', 'Günther'],
  ...['Łukasz', 'Małgorzata', 'Grzegorz', 'Wojciech', 'Dvořák', 'Jiří', 'Zoltán', 'Ildikó'],
  ...['Ayşe', 'Mehmet', 'Çağrı', 'Gökhan', 'Nguyễn', 'Thị', 'Wei', 'Xiù', 'Hiroshi', 'Aiko'],
  ...['Ōta', 'Olúwaseun', 'Chidi', 'Kwame', 'Amara', 'Sipho', 'Thandiwe', 'Priya', 'Anand'],
  ...['Fatima', 'Ahmed', 'Youssef', 'Leïla', 'Olga', 'Dmitri', 'Siobhán', 'Seán', 'Aoife'],
  ...['Heiðrún', 'Þór', 'Kalani', 'Leilani', 'Liam', 'Emma', 'Noah', 'Olivia', 'Ava', 'Mia'],
  ...['Charlotte', 'Amelia', 'Harper', 'Evelyn', 'Abigail', 'Emily', 'Elizabeth', 'Ella'],
  ...['Grace', 'Victoria', 'Riley', 'Aria', 'Lily', 'Zoey', 'Penelope', 'Nora', 'Leah', 'Claire'],
  ...['Eleanor', 'Stella', 'Violet', 'Jean-Luc', 'Anne-Marie', 'Zoe', 'Jose', 'Ann', 'Anna'],
];
const LAST_NAMES = [
  ...['García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez'],
  ...['Ramírez', 'Torres', 'Flores', 'Müller', 'Schäfer', 'Straße', 'Østergaard', 'Ångström'],
  ...['Svensson', 'Björnsdóttir', 'Nakamura', 'Tanaka', 'Satō', 'Okafor', 'Ndlovu', 'Mensah'],
  ...['Papadopoulos', 'Kowalski', 'Dąbrowski', 'Wiśniewski', 'Woźniak', 'Kozłowski', 'Novák'],
  ...['Ivanova', 'Haddad', 'Khan', 'Singh', 'Patel', 'Kim', 'Nguyen', 'Çelik', 'Yılmaz'],
  ...['Şahin', 'Öztürk', 'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis'],
  ...['Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'White'],
  ...['Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright'],
  ...["O'Brien", "D'Angelo", 'van der Berg', 'de la Cruz', 'Ó Súilleabháin', 'Mac Giolla'],
  ...['Fæhn', 'Lefèvre', 'Dupont', 'Girard', 'Rossi', 'Bianchi', 'Esposito', 'Ricci', 'Costa'],
];
const SERVICE_WORDS = [
  ...['Billing', 'Support', 'Sales', 'Returns', 'Accounts', 'Claims', 'Renewals', 'Onboarding'],
  ...['Facturación', 'Réclamations', 'Kundenservice', 'Assistência', 'Ventes', 'Técnico'],
];
const SERVICE_QUALIFIERS = ['EMEA', 'APAC', 'Tier 2', 'Québec', 'München', 'São Paulo', 'VIP'];
const PRESENCE_CYCLE: readonly Presence[] = [
  'available-now',
  'interruptible',
  'logged-in',
  'logged-out',
  'logged-out',
];

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)] as T;
}

/** Agents with one or two first names and one or two last names, and a few hundred services. */
export function generateEntries(count: number, seed = 1): DirectoryEntry[] {
  const next = random(seed);
  const entries: DirectoryEntry[] = [];
  for (let i = 0; i < count - SERVICES; i++) {
    let name = pick(next, FIRST_NAMES);
    if (next() < 0.2) name += ` ${pick(next, FIRST_NAMES)}`;
    name += ` ${pick(next, LAST_NAMES)}`;
    if (next() < 0.15) name += `-${pick(next, LAST_NAMES)}`;
    const presence = pick(next, PRESENCE_CYCLE);
    entries.push({ type: 'agent', id: `agent-${i}`, name, presence });
  }
  for (let i = 0; i < SERVICES; i++) {
    const name = `${pick(next, SERVICE_WORDS)} ${pick(next, SERVICE_QUALIFIERS)} ${i % 37}`;
    entries.push({
      type: 'service',
      id: `service-${i}`,
      name,
      waiting: i % 9,
      consultable: i % 5 !== 0,
    });
  }
  return entries;
}

/** Queries as agents type them: a piece of a real name, sometimes without its accents or case. */
export function generateQueries(entries: readonly DirectoryEntry[], count: number, seed = 2) {
  const next = random(seed);
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = pick(next, entries).name;
    const starts = [0, ...[...name.matchAll(/[\s-](?=\S)/g)].map((m) => (m.index ?? 0) + 1)];
    const roll = next();
    const start =
      roll < 0.45
        ? 0
        : roll < 0.8
          ? pick(next, starts)
          : Math.floor(next() * Math.max(1, name.length - 2));
    const length = 1 + Math.floor(next() * 12);
    let query = name.slice(start, start + length);
    const style = next();
    if (style < 0.3) query = query.normalize('NFD').replace(/\p{M}/gu, '');
    if (style > 0.7) query = query.toLowerCase();
    queries.push(query.length > 0 ? query : name.charAt(0));
  }
  return queries;
}

/** Every keystroke of typing each query from its first character. */
function keystrokesOf(queries: readonly string[]): string[] {
  return queries.flatMap((query) => Array.from(query, (_, i) => query.slice(0, i + 1)));
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;
}

function round(value: number, digits = 3): number {
  return Number(value.toFixed(digits));
}

/** Times each keystroke; a new query starts from nothing, as when the dialog opens. */
function timeKeystrokes(
  queries: readonly string[],
  search: (text: string, first: boolean) => void,
) {
  const times: number[] = [];
  for (const query of queries) {
    for (let i = 1; i <= query.length; i++) {
      const started = performance.now();
      search(query.slice(0, i), i === 1);
      times.push(performance.now() - started);
    }
  }
  return times.sort((a, b) => a - b);
}

/** Times each keystroke in turn, within the peers' time budget; unsorted. */
function timeEach(keystrokes: readonly string[], search: (text: string) => unknown): number[] {
  const times: number[] = [];
  const deadline = performance.now() + PEER_BUDGET_MS;
  for (const text of keystrokes.slice(0, PEER_KEYSTROKES)) {
    const started = performance.now();
    search(text);
    times.push(performance.now() - started);
    if (performance.now() > deadline) break;
  }
  return times;
}

function timePeer(keystrokes: readonly string[], search: (text: string) => unknown): number[] {
  return timeEach(keystrokes, search).sort((a, b) => a - b);
}

/** The heap in MB after a full collection. */
function heapMb(collect: () => void): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function garbageCollector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Runs the whole benchmark once and returns its figures. */
export async function benchDirectory() {
  const collect = garbageCollector();
  const empty = heapMb(collect);
  const entries = generateEntries(ENTRIES);
  const before = heapMb(collect);
  const entriesHeapMb = before - empty;
  const names = entries.map((entry) => entry.name);
  const directory = new Directory(entries);
  directory.search('a', { services: true });
  const directoryHeapMb = heapMb(collect) - before;

  const queries = generateQueries(entries, QUERIES);
  const keystrokes = keystrokesOf(queries);
  let shown = 0;
  const view = (listing: Listing): void => {
    shown += listing.slice(0, VISIBLE_ROWS).length;
  };
  // Warm up on other queries, as the dialog would be after its first few keystrokes.
  const ours = directory;
  let previous: Listing | null = null;
  for (const warm of [generateQueries(entries, 200, 3), queries]) {
    timeKeystrokes(warm, (text, first) => {
      previous = consultListing(ours, text, first ? null : previous);
      view(previous);
    });
  }
  const times = timeKeystrokes(queries, (text, first) => {
    previous = consultListing(ours, text, first ? null : previous);
    view(previous);
  });

  // Ours on exactly the keystrokes the peers get, timed before they fill the heap.
  let again: Listing | null = null;
  const oursOnPeerKeystrokes = timeEach(keystrokes.slice(0, PEER_KEYSTROKES), (text) => {
    again = consultListing(ours, text, text.length === 1 ? null : again);
    view(again);
  });

  const fuse = new Fuse(names, { ignoreDiacritics: true });
  const fuseTimes = timePeer(keystrokes, (text) => fuse.search(text).slice(0, VISIBLE_ROWS));
  const matchSorterTimes = timePeer(keystrokes, (text) =>
    matchSorter(names, text).slice(0, VISIBLE_ROWS),
  );

  const peerCount = Math.min(fuseTimes.length, matchSorterTimes.length);
  const sameTimes = oursOnPeerKeystrokes.slice(0, peerCount).sort((a, b) => a - b);
  const searchP99Ms = percentile(times, 99);
  const fuseP99Ms = percentile(fuseTimes, 99);
  const matchSorterP99Ms = percentile(matchSorterTimes, 99);
  return {
    entries: ENTRIES,
    queries: QUERIES,
    keystrokes: times.length,
    searchP50Ms: round(percentile(times, 50)),
    searchP99Ms: round(searchP99Ms),
    searchMaxMs: round(times[times.length - 1] ?? NaN),
    peerKeystrokes: peerCount,
    searchP99SameKeystrokesMs: round(percentile(sameTimes, 99)),
    fuseP50Ms: round(percentile(fuseTimes, 50)),
    fuseP99Ms: round(fuseP99Ms),
    matchSorterP50Ms: round(percentile(matchSorterTimes, 50)),
    matchSorterP99Ms: round(matchSorterP99Ms),
    fuseRatio: round(fuseP99Ms / searchP99Ms, 1),
    matchSorterRatio: round(matchSorterP99Ms / searchP99Ms, 1),
    directoryHeapMb: round(directoryHeapMb, 1),
    entriesHeapMb: round(entriesHeapMb, 1),
    rowsRead: shown,
  };
}

async function main(): Promise<void> {
  const result = await benchDirectory();
  console.log(
    `${result.entries} entries, ${result.queries} queries, ${result.keystrokes} keystrokes`,
  );
  console.log(
    `ContactPad directory: p50 ${result.searchP50Ms} ms, p99 ${result.searchP99Ms} ms, max ${result.searchMaxMs} ms per keystroke (consult listing + ${VISIBLE_ROWS} visible rows)`,
  );
  console.log(
    `fuse.js: p50 ${result.fuseP50Ms} ms, p99 ${result.fuseP99Ms} ms (first ${result.peerKeystrokes} keystrokes only: slow) -> ${result.fuseRatio}x our p99`,
  );
  console.log(
    `match-sorter: p50 ${result.matchSorterP50Ms} ms, p99 ${result.matchSorterP99Ms} ms (same ${result.peerKeystrokes} keystrokes) -> ${result.matchSorterRatio}x our p99`,
  );
  console.log(
    `ContactPad directory on those same ${result.peerKeystrokes} keystrokes: p99 ${result.searchP99SameKeystrokesMs} ms`,
  );
  console.log(
    `directory heap: ${result.directoryHeapMb} MB (the ${result.entries} entry objects, shared with the adapter store, ${result.entriesHeapMb} MB more)`,
  );
  console.log(JSON.stringify(result));
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
