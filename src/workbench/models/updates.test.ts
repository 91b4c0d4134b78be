import { eventFrame, listenForUpdates } from './updates';

class FakeSource {
  readonly listeners = new Map<string, (event: { data: unknown }) => void>();
  closed = false;
  addEventListener(type: string, listener: (event: { data: unknown }) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown) {
    this.listeners.get(type)?.({ data });
  }
}

describe('listenForUpdates', () => {
  test('each topic reaches its handler; frames that are not JSON are dropped; stopping closes', () => {
    const source = new FakeSource();
    const got: unknown[] = [];
    const stop = listenForUpdates(source, {
      routing: (value) => got.push(value),
      calls: (value) => got.push(value),
    });
    expect([...source.listeners.keys()]).toEqual(['calls', 'routing']);
    source.emit('routing', '{"up":false}');
    source.emit('calls', 'not json');
    source.emit('calls', 42);
    stop();
    source.emit('routing', '{"up":true}');
    expect(got).toEqual([{ up: false }]);
    expect(source.closed).toBe(true);
  });

  test('a frame is the topic and its value on one data line', () => {
    expect(eventFrame('routing', { up: true })).toBe('event: routing\ndata: {"up":true}\n\n');
  });
});
