import { frameText } from './eventFrames';
import { ReplayBuffer } from './replayBuffer';

const event = (seq: number, size = 10) => ({
  seq,
  rest: `"type":"x","pad":"${'x'.repeat(size)}"}`,
});
const sizeOf = (size: number) => event(0, size).rest.length;

describe('ReplayBuffer', () => {
  it('keeps at most maxEvents events, the newest', () => {
    const buffer = new ReplayBuffer(3, 1_000_000);
    for (let seq = 1; seq <= 5; seq++) buffer.push(event(seq));
    expect(buffer.length).toBe(3);
    expect(buffer.oldestSeq).toBe(3);
    expect(buffer.after(3)).toEqual([frameText(event(4)), frameText(event(5))]);
  });

  it('keeps at most maxBytes of text, dropping the oldest first', () => {
    const buffer = new ReplayBuffer(1000, 3 * sizeOf(30));
    for (let seq = 1; seq <= 50; seq++) buffer.push(event(seq, 30));
    expect(buffer.bytes).toBeLessThanOrEqual(3 * sizeOf(30));
    expect(buffer.length).toBe(3);
    expect(buffer.oldestSeq).toBe(48);
  });

  it('always keeps the newest event, even one larger than the byte limit', () => {
    const buffer = new ReplayBuffer(1000, 100);
    buffer.push(event(1, 10));
    buffer.push(event(2, 500));
    expect(buffer.length).toBe(1);
    expect(buffer.oldestSeq).toBe(2);
    expect(buffer.after(1)).toEqual([frameText(event(2, 500))]);
  });

  it('answers the events after a seq in order, across compactions', () => {
    const buffer = new ReplayBuffer(10, 1_000_000);
    for (let seq = 1; seq <= 500; seq++) buffer.push(event(seq));
    expect(buffer.after(497)).toEqual([498, 499, 500].map((seq) => frameText(event(seq))));
    expect(buffer.oldestSeq).toBe(491);
  });

  it('starts from stored frames under the same limits', () => {
    const frames = [1, 2, 3].map((seq) => ({ seq, text: frameText(event(seq)) }));
    const buffer = new ReplayBuffer(2, 1000, frames);
    expect(buffer.oldestSeq).toBe(2);
    expect(buffer.after(0)).toEqual([frames[1]?.text, frames[2]?.text]);
    // None kept: the oldest a resume can be given is the first to come.
    expect(new ReplayBuffer(2, 1000).oldestSeq).toBe(1);
    expect(new ReplayBuffer(2, 1000, [], 5).oldestSeq).toBe(6);
  });

  it('starts afresh from an event that does not follow the last one kept', () => {
    const buffer = new ReplayBuffer(10, 1_000_000);
    for (let seq = 1; seq <= 3; seq++) buffer.push(event(seq));
    buffer.push(event(7));
    expect(buffer.oldestSeq).toBe(7);
    expect(buffer.after(0)).toEqual([frameText(event(7))]);
  });

  it('refuses a stored frame that is not an event frame of its seq', () => {
    expect(() => new ReplayBuffer(2, 1000, [{ seq: 2, text: frameText(event(3)) }])).toThrow(
      'not an event frame',
    );
  });
});
