/**
 * Protocol benchmark: parse + validate throughput of routing protocol v1 frames against raw
 * JSON.parse of the same frames, in the same run. Frames are the PROTOCOL.md examples, weighted
 * like a busy agent session (mostly interaction and agent events, acks and heartbeats), with their
 * ids and sequence numbers varied. Prints figures, then one JSON line.
 *
 *   npm run bench:protocol            (about 10 s)
 *   BENCH_SECONDS=2 npm run bench:protocol
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '../../src/protocol/codec';
import { examplesOf } from '../../src/protocol/reference';

/** How often each type appears per 100 frames of a session. */
const WEIGHTS: Readonly<Record<string, number>> = {
  'interaction.changed': 22,
  'interaction.added': 6,
  'interaction.removed': 5,
  'agent.changed': 8,
  'consult.changed': 3,
  'directory.changed': 6,
  ack: 12,
  error: 1,
  ping: 8,
  pong: 8,
  release: 3,
  hold: 2,
  retrieve: 2,
  'consult.start': 2,
  transfer: 2,
  'presence.set': 2,
  'log.submit': 2,
  'settings.changed': 1,
  welcome: 1,
};

const FRAMES = 10_000;
const seconds = Number(process.env['BENCH_SECONDS'] ?? 8);

function buildFrames(): { from: 'client' | 'server'; text: string }[] {
  const document = readFileSync(join(__dirname, '..', '..', 'PROTOCOL.md'), 'utf8');
  const templates = examplesOf(document)
    .map((example) => ({
      from: example.from,
      value: JSON.parse(example.text) as Record<string, unknown>,
    }))
    .filter((example) => WEIGHTS[example.value['type'] as string] !== undefined);
  const deck = templates.flatMap((t) =>
    Array<typeof t>(WEIGHTS[t.value['type'] as string] ?? 0).fill(t),
  );
  const frames: { from: 'client' | 'server'; text: string }[] = [];
  for (let i = 0; i < FRAMES; i++) {
    const template = deck[(i * 7919) % deck.length] as (typeof deck)[number];
    const value = { ...template.value };
    if (typeof value['seq'] === 'number') value['seq'] = i + 1;
    if (typeof value['id'] === 'string') value['id'] = `c-${i}`;
    if (typeof value['nonce'] === 'number') value['nonce'] = i;
    frames.push({ from: template.from, text: JSON.stringify(value) });
  }
  return frames;
}

function timeLoop(
  frames: readonly { from: 'client' | 'server'; text: string }[],
  validate: boolean,
): number {
  const start = process.hrtime.bigint();
  let ok = 0;
  for (const frame of frames) {
    if (validate) {
      if (parse(frame.text, frame.from).ok) ok++;
    } else if (JSON.parse(frame.text) !== null) ok++;
  }
  if (ok !== frames.length) throw new Error(`only ${ok} of ${frames.length} frames were valid`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const frames = buildFrames();
const bytes = frames.reduce((sum, frame) => sum + frame.text.length, 0);
// Warm both paths, then alternate rounds so both see the same machine conditions.
for (let i = 0; i < 20; i++) {
  timeLoop(frames, true);
  timeLoop(frames, false);
}
let validated = 0;
let raw = 0;
let rounds = 0;
const deadline = Date.now() + seconds * 1000;
while (Date.now() < deadline) {
  validated += timeLoop(frames, true);
  raw += timeLoop(frames, false);
  rounds++;
}
const framesPerSec = Math.round((rounds * frames.length) / validated);
const jsonParseFramesPerSec = Math.round((rounds * frames.length) / raw);
const ratio = Number((validated / raw).toFixed(3));
console.log(
  `frames: ${frames.length} per round, mean ${Math.round(bytes / frames.length)} bytes, ${rounds} rounds`,
);
console.log(`parse + validate: ${framesPerSec.toLocaleString('en')} frames/s`);
console.log(`JSON.parse alone: ${jsonParseFramesPerSec.toLocaleString('en')} frames/s`);
console.log(`ratio (validation cost over JSON.parse, goal <= 2): ${ratio}`);
console.log(
  JSON.stringify({
    framesPerSec,
    jsonParseFramesPerSec,
    ratio,
    frames: frames.length,
    rounds,
    meanBytes: Math.round(bytes / frames.length),
  }),
);
