import { MAX_OVERFLOW_SECONDS, serviceOverflow } from '../../protocol';
import { NEVER, OverflowModel } from './overflow';
import type { ServiceQueue } from './updates';

const QUEUES: ServiceQueue[] = [
  {
    serviceId: 'support',
    name: 'Support',
    overflow: { serviceId: null, afterSeconds: 60 },
    callbacks: { afterSeconds: null },
    waiting: [],
  },
  {
    serviceId: 'billing',
    name: 'Billing',
    overflow: { serviceId: 'support', afterSeconds: 30 },
    callbacks: { afterSeconds: 90 },
    waiting: [],
  },
];

const fake = (answer: (path: string, body: unknown) => unknown) => {
  const calls: { path: string; method?: string; body?: unknown }[] = [];
  const request = async (path: string, init?: { method?: string; body?: string }) => {
    const body = init?.body === undefined ? undefined : (JSON.parse(init.body) as unknown);
    calls.push({ path, ...(init?.method === undefined ? {} : { method: init.method }), body });
    return answer(path, body);
  };
  return { request, calls };
};

const picked = (choices: readonly { value: string; selected: boolean }[]) =>
  choices.find((c) => c.selected)?.value;

describe('OverflowModel', () => {
  test('the seconds are limited as the protocol schema says', () => {
    const model = new OverflowModel(fake(() => null).request);
    expect(model.state.after).toMatchObject({ min: 1, max: MAX_OVERFLOW_SECONDS });
    expect(model.state.after.max).toBe(serviceOverflow.fields.afterSeconds.max);
  });

  test('the form shows the picked service rule; the target is never the service itself', () => {
    const model = new OverflowModel(fake(() => null).request);
    model.received(QUEUES);
    expect(picked(model.state.services)).toBe('support');
    expect(model.state.targets.map((t) => t.value)).toEqual([NEVER, 'billing']);
    expect(picked(model.state.targets)).toBe(NEVER);
    expect(model.state.after.value).toBe('60');
    model.pickService('billing');
    expect(model.state.targets.map((t) => t.label)).toEqual(['Never (waits here)', 'Support']);
    expect(picked(model.state.targets)).toBe('support');
    expect(model.state.after.value).toBe('30');
  });

  test('a push does not overwrite what is being edited', () => {
    const model = new OverflowModel(fake(() => null).request);
    model.received(QUEUES);
    model.pickTarget('billing');
    model.editAfter('5');
    model.received(QUEUES);
    expect(picked(model.state.targets)).toBe('billing');
    expect(model.state.after.value).toBe('5');
  });

  test('bad seconds are refused before anything is sent, in words', async () => {
    const { request, calls } = fake(() => null);
    const model = new OverflowModel(request);
    model.received(QUEUES);
    model.pickTarget('billing');
    for (const [typed, said] of [
      ['0', 'Overflow after (seconds) must be from 1 to 86400.'],
      ['86401', 'Overflow after (seconds) must be from 1 to 86400.'],
      ['2.5', 'Overflow after (seconds) must be a whole number.'],
      ['', 'Overflow after (seconds) must be a whole number.'],
    ] as const) {
      model.editAfter(typed);
      await model.apply();
      expect(model.state.status).toBe(`Overflow refused: ${said}`);
    }
    expect(calls).toEqual([]);
  });

  test('apply sends the rule and says what it did; a refusal is shown as words', async () => {
    const { request, calls } = fake((_path, body) => body);
    const model = new OverflowModel(request);
    model.received(QUEUES);
    model.pickTarget('billing');
    model.editAfter('5');
    await model.apply();
    expect(calls).toEqual([
      {
        path: '/workbench/api/services/support/overflow',
        method: 'PUT',
        body: { serviceId: 'billing', afterSeconds: 5 },
      },
    ]);
    expect(model.state.status).toBe(
      "Overflow set: Support's waiting work moves to Billing after 5 s.",
    );

    model.pickTarget(NEVER);
    await model.apply();
    expect(calls[1]?.body).toEqual({ serviceId: null, afterSeconds: 5 });
    expect(model.state.status).toBe("Overflow set: Support's waiting work never overflows.");

    const refusing = new OverflowModel(async () => {
      throw new Error('no service billing in this account');
    });
    refusing.received(QUEUES);
    refusing.pickTarget('billing');
    await refusing.apply();
    expect(refusing.state.status).toBe('Overflow refused: no service billing in this account');
  });

  test('the callback time: shown per service, empty for never, checked before sending', async () => {
    const { request, calls } = fake((_path, body) => body);
    const model = new OverflowModel(request);
    model.received(QUEUES);
    expect(model.state.callbackAfter).toMatchObject({
      value: '',
      min: 1,
      max: MAX_OVERFLOW_SECONDS,
    });
    model.pickService('billing');
    expect(model.state.callbackAfter.value).toBe('90');
    model.editCallbackAfter('0');
    await model.applyCallbacks();
    expect(calls).toEqual([]);
    expect(model.state.status).toMatch(/^Callback time refused: .* must be from 1 to 86400\.$/);
    model.editCallbackAfter('45');
    await model.applyCallbacks();
    model.editCallbackAfter('');
    await model.applyCallbacks();
    expect(calls).toEqual([
      {
        path: '/workbench/api/services/billing/callbacks',
        method: 'PUT',
        body: { afterSeconds: 45 },
      },
      {
        path: '/workbench/api/services/billing/callbacks',
        method: 'PUT',
        body: { afterSeconds: null },
      },
    ]);
    expect(model.state.status).toBe("Callback time set: Billing's calls keep waiting.");
  });

  test('with no service there is nothing to set', async () => {
    const { request, calls } = fake(() => null);
    const model = new OverflowModel(request);
    await model.apply();
    expect(model.state.status).toBe('Overflow refused: No service to set.');
    expect(calls).toEqual([]);
  });
});
