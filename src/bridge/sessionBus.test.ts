import type { Logger } from './logger';
import { sessionBus } from './sessionBus';
import type { BridgeLink } from './sessionBus';

const hello = { v: 1, type: 'hello', contactPadVersion: '0.1.0' } as const;

function setUp(send: BridgeLink['send'] = () => Promise.resolve()) {
  const warnings: unknown[][] = [];
  const logger: Logger = { info: () => undefined, warn: (...args) => warnings.push(args) };
  const listeners = new Set<(message: string) => void>();
  const sent: string[] = [];
  const link: BridgeLink = {
    send: (message) => {
      sent.push(message);
      return send(message);
    },
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const arrive = (text: string) => listeners.forEach((listener) => listener(text));
  return { bus: sessionBus(link, logger), sent, warnings, arrive, listeners };
}

describe('sessionBus', () => {
  it('sends each message as JSON text and hands listeners the parsed value', () => {
    const { bus, sent, arrive } = setUp();
    const received: unknown[] = [];
    bus.subscribe((message) => received.push(message));
    bus.publish(hello);
    expect(sent).toEqual([JSON.stringify(hello)]);
    arrive(JSON.stringify(hello));
    expect(received).toEqual([hello]);
  });

  it('passes text that is not JSON on for the receiver to reject', () => {
    const { bus, arrive } = setUp();
    const received: unknown[] = [];
    bus.subscribe((message) => received.push(message));
    arrive('{not json');
    expect(received).toEqual(['{not json']);
  });

  it('logs a send the session refused, and one that threw, without throwing', async () => {
    const { bus, warnings } = setUp(() => Promise.reject(new Error('not connected')));
    bus.publish(hello);
    await Promise.resolve();
    await Promise.resolve();
    expect(warnings[0]?.[0]).toMatch(/sending hello failed/);
    const throwing = setUp(() => {
      throw new Error('boom');
    });
    expect(() => throwing.bus.publish(hello)).not.toThrow();
  });

  it('unsubscribes', () => {
    const { bus, listeners } = setUp();
    const unsubscribe = bus.subscribe(() => undefined);
    expect(listeners.size).toBe(1);
    unsubscribe();
    expect(listeners.size).toBe(0);
  });
});
