/**
 * Adapter benchmark, in one run (about a minute):
 *  (a) directory search over 50,000 entries, keystroke by keystroke, against fuse.js and match-sorter;
 *  (b) protocol events applied per second to the adapter store (parse + validate + apply);
 *  (c) the generated LWC module's size, minified and gzipped;
 *  (d) the heap the directory of (a) holds.
 * Last line: one JSON object.   npm run bench:adapter
 */
import { transform } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Event, EventBody } from '../../src/protocol';
import { parse } from '../../src/protocol';
import { AdapterStore } from '../../src/adapter/store';
import {
  agentFixture,
  consultFixture,
  interactionFixture,
  snapshotFixture,
} from '../../src/protocol/fixtures';
import { absolute, BUNDLES } from '../build/bundles';
import { benchDirectory } from './directory';

/** (b) A realistic stream of events as frames: interactions come, change and go. */
function eventFrames(count: number): string[] {
  const frames: string[] = [];
  for (let seq = 1; frames.length < count; seq++) {
    const id = `i-${seq % 50}`;
    const n = seq % 10;
    let event: EventBody;
    if (n === 0)
      event = {
        type: 'interaction.added',
        interaction: interactionFixture({ id, version: 1 }),
      } as const;
    else if (n < 7)
      event = {
        type: 'interaction.changed',
        interaction: interactionFixture({ id, version: n, state: n % 2 ? 'held' : 'active' }),
      } as const;
    else if (n === 7)
      event = { type: 'agent.changed', agent: agentFixture({ capacityUsed: seq % 100 }) } as const;
    else if (n === 8)
      event = {
        type: 'consult.changed',
        consult: consultFixture({ id: `k-${seq % 7}`, interactionId: id }),
      } as const;
    else event = { type: 'interaction.removed', interactionId: id, reason: 'released' } as const;
    frames.push(JSON.stringify({ v: 1, seq, ...event }));
  }
  return frames;
}

function eventsPerSecond(): number {
  const frames = eventFrames(100_000);
  let best = 0;
  for (let round = 0; round < 5; round++) {
    const store = new AdapterStore();
    store.load(snapshotFixture());
    const start = process.hrtime.bigint();
    for (const frame of frames) {
      const parsed = parse(frame, 'server');
      if (!parsed.ok || parsed.message.type === 'ack') throw new Error('bad frame');
      store.apply(parsed.message as Event);
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    best = Math.max(best, frames.length / seconds);
  }
  return Math.round(best);
}

async function moduleSize() {
  const core = BUNDLES.find((bundle) => bundle.name === 'contactPadCore');
  if (core === undefined) throw new Error('no contactPadCore bundle');
  const source = readFileSync(absolute(core.file), 'utf8');
  const { code } = await transform(source, { minify: true, format: 'esm', target: 'es2020' });
  return {
    bytes: source.length,
    minifiedBytes: code.length,
    gzipBytes: gzipSync(code, { level: 9 }).length,
  };
}

async function main() {
  const directory = await benchDirectory();
  const events = eventsPerSecond();
  console.log(
    `(b) events applied: ${events.toLocaleString('en')} per second (parse, validate, apply)`,
  );
  const size = await moduleSize();
  console.log(
    `(c) c/contactPadCore: ${size.bytes} bytes, ${size.minifiedBytes} minified, ${size.gzipBytes} gzipped`,
  );
  console.log(
    JSON.stringify({
      ...directory,
      eventsPerSec: events,
      moduleBytes: size.bytes,
      moduleMinifiedBytes: size.minifiedBytes,
      moduleGzipBytes: size.gzipBytes,
    }),
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
