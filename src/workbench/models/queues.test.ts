import type { ServiceQueue } from './updates';
import { QueuesModel, overflowText, waitedText } from './queues';

const queue = (
  serviceId: string,
  name: string,
  overflow: ServiceQueue['overflow'],
  waiting: ServiceQueue['waiting'] = [],
): ServiceQueue => ({ serviceId, name, overflow, callbacks: { afterSeconds: null }, waiting });

const NEVER = { serviceId: null, afterSeconds: 60 };

describe('QueuesModel', () => {
  test('each service says where it overflows and lists its waiting work with its wait', () => {
    let now = 10_000;
    const model = new QueuesModel(() => now);
    const chat = { id: 'i-1', channel: 'chat' as const, who: 'Ada Lopez', enqueuedAt: 3_000 };
    model.received([
      queue('support', 'Support', { serviceId: 'billing', afterSeconds: 5 }, [chat]),
      queue('billing', 'Billing', NEVER),
    ]);
    expect(model.state.queues).toEqual([
      {
        serviceId: 'support',
        name: 'Support',
        label: 'Waiting at Support',
        overflow: 'Overflows to Billing after 5 s',
        waiting: [{ id: 'i-1', channel: 'chat', text: 'chat · Ada Lopez · waited 7 s' }],
        summary: '1 waiting',
      },
      {
        serviceId: 'billing',
        name: 'Billing',
        label: 'Waiting at Billing',
        overflow: 'Never overflows',
        waiting: [],
        summary: 'Nothing waiting',
      },
    ]);

    // It overflowed: Billing lists it, and it keeps its age.
    now = 12_000;
    model.received([
      queue('support', 'Support', { serviceId: 'billing', afterSeconds: 5 }),
      queue('billing', 'Billing', NEVER, [chat]),
    ]);
    expect(model.state.queues[0]?.waiting).toEqual([]);
    expect(model.state.queues[1]?.waiting[0]?.text).toBe('chat · Ada Lopez · waited 9 s');
  });

  test('a tick counts the wait again; with nothing waiting it changes nothing', () => {
    let now = 0;
    const model = new QueuesModel(() => now);
    const seen: unknown[] = [];
    model.subscribe((state) => seen.push(state));
    model.received([queue('billing', 'Billing', NEVER)]);
    model.tick();
    expect(seen).toHaveLength(2); // the first state, the push; no tick
    model.received([
      queue('billing', 'Billing', NEVER, [
        { id: 'i-2', channel: 'email', who: 'unknown', enqueuedAt: 0 },
      ]),
    ]);
    now = 61_000;
    model.tick();
    expect(model.state.queues[0]?.waiting[0]?.text).toBe('email · unknown · waited 1 min 1 s');
  });

  test('waits and overflows in words', () => {
    expect(waitedText(-5)).toBe('0 s');
    expect(waitedText(59_999)).toBe('59 s');
    expect(waitedText(125_000)).toBe('2 min 5 s');
    // A service not (or no longer) listed is named by its id.
    expect(overflowText(queue('sales', 'Sales', { serviceId: 'gone', afterSeconds: 9 }), [])).toBe(
      'Overflows to gone after 9 s',
    );
  });
});
