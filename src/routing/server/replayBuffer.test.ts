import { ReplayBuffer } from './replayBuffer';

const frame = (seq: number, size = 10) => ({ seq, text: 'x'.repeat(size) });

describe('ReplayBuffer', () => {
  it('keeps at most maxEvents events, the newest', () => {
    const buffer = new ReplayBuffer(3, 1_000_000);
    for (let seq = 1; seq <= 5; seq++) buffer.push(frame(seq));
    expect(buffer.length).toBe(3);
    expect(buffer.oldestSeq).toBe(3);
    expect(buffer.after(3)).toHaveLength(2);
  });

  it('keeps at most maxBytes of text, dropping the oldest first', () => {
    const buffer = new ReplayBuffer(1000, 100);
    for (let seq = 1; seq <= 50; seq++) buffer.push(frame(seq, 30));
    expect(buffer.bytes).toBeLessThanOrEqual(100);
    expect(buffer.length).toBe(3);
    expect(buffer.oldestSeq).toBe(48);
  });

  it('always keeps the newest event, even one larger than the byte limit', () => {
    const buffer = new ReplayBuffer(1000, 100);
    buffer.push(frame(1, 10));
    buffer.push(frame(2, 500));
    expect(buffer.length).toBe(1);
    expect(buffer.oldestSeq).toBe(2);
    expect(buffer.after(1)).toEqual(['x'.repeat(500)]);
  });

  it('answers the events after a seq in order, across compactions', () => {
    const buffer = new ReplayBuffer(10, 1_000_000);
    for (let seq = 1; seq <= 500; seq++) buffer.push({ seq, text: String(seq) });
    expect(buffer.after(495)).toEqual(['496', '497', '498', '499', '500']);
    expect(buffer.oldestSeq).toBe(491);
  });

  it('starts from stored frames under the same limits', () => {
    const buffer = new ReplayBuffer(2, 1000, [frame(1), frame(2), frame(3)]);
    expect(buffer.oldestSeq).toBe(2);
    expect(new ReplayBuffer(2, 1000).oldestSeq).toBeNull();
  });
});
