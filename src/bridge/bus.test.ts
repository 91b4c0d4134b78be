import { openCtiBus, messageOfPayload } from './bus';
import { FakeOpenCti, flush } from './fakeOpenCti';
import type { Logger } from './logger';

const hello = { v: 1, type: 'hello', contactPadVersion: '0.1.0' } as const;

function setUp() {
  const openCti = new FakeOpenCti();
  const warnings: unknown[][] = [];
  const logger: Logger = { info: () => undefined, warn: (...args) => warnings.push(args) };
  return { openCti, warnings, bus: openCtiBus(openCti, 'ContactPad__c', logger) };
}

describe('openCtiBus', () => {
  it('publishes the message in the payload field `message` and hands subscribers the message', async () => {
    const { openCti, bus } = setUp();
    const received: unknown[] = [];
    bus.subscribe((m) => received.push(m));
    bus.publish(hello);
    await flush();
    expect(openCti.callsOf('publish')).toEqual([
      { method: 'publish', args: { channelName: 'ContactPad__c', message: { message: hello } } },
    ]);
    expect(received).toEqual([hello]);
  });

  it('logs a failed publish', async () => {
    const { openCti, bus, warnings } = setUp();
    openCti.fail('publish', [{ code: 'GENERIC_ERROR', description: 'x' }]);
    bus.publish(hello);
    await flush();
    expect(warnings[0]?.[0]).toMatch(/publishing hello failed/);
  });

  it('logs a failed subscribe', async () => {
    const { openCti, bus, warnings } = setUp();
    openCti.fail('subscribe', [{ code: 'GENERIC_ERROR', description: 'x' }]);
    bus.subscribe(() => undefined);
    await flush();
    expect(warnings[0]?.[0]).toMatch(/subscribing to ContactPad__c failed/);
  });

  it('releases a subscription whose handle arrives after unsubscribing', async () => {
    const { openCti, bus } = setUp();
    const received: unknown[] = [];
    const unsubscribe = bus.subscribe((m) => received.push(m));
    unsubscribe();
    await flush();
    expect(openCti.subscriptionCount).toBe(0);
    expect(openCti.callsOf('unsubscribe')).toEqual([
      { method: 'unsubscribe', args: { subscription: 1 } },
    ]);
    openCti.lms.publish('ContactPad__c', { message: hello });
    await flush();
    expect(received).toEqual([]);
  });

  it('reads the message out of a payload and passes anything else on', () => {
    expect(messageOfPayload({ message: 1 })).toBe(1);
    expect(messageOfPayload('x')).toBe('x');
    expect(messageOfPayload(null)).toBeNull();
  });
});
