import { CHANNELS } from '../../protocol';
import { SimulatorModel, UNKNOWN_CUSTOMER_KEY } from './simulator';

const requests = () => {
  const calls: { path: string; method?: string | undefined; body?: unknown }[] = [];
  let fail: Error | null = null;
  return {
    calls,
    failWith: (error: Error) => (fail = error),
    request: async (path: string, init?: { method?: string; body?: string }) => {
      calls.push({
        path,
        method: init?.method,
        ...(init?.body === undefined ? {} : { body: JSON.parse(init.body) }),
      });
      if (fail !== null) throw fail;
      return { id: 'i-1' };
    },
  };
};

const SOURCES = {
  services: [
    { id: 'billing', name: 'Billing' },
    { id: 'support', name: 'Support' },
  ],
  customers: [{ key: 'maria', name: 'Maria Garcia' }],
  ownServices: ['support'],
};

describe('SimulatorModel', () => {
  test('a button per protocol channel; pickers marked with the agent’s own services', () => {
    const model = new SimulatorModel(requests().request);
    expect(model.state.channels.map((c) => c.value)).toEqual([...CHANNELS]);
    model.sources(SOURCES);
    expect(model.state.services).toEqual([
      { value: 'billing', label: 'Billing' },
      { value: 'support', label: 'Support (yours)' },
    ]);
    expect(model.state.service).toBe('support');
    expect(model.state.customers.map((c) => c.value)).toEqual(['maria', UNKNOWN_CUSTOMER_KEY]);
  });

  test('placing a contact posts the picks and says where it went', async () => {
    const fake = requests();
    const model = new SimulatorModel(fake.request);
    model.sources(SOURCES);
    model.pickCustomer(UNKNOWN_CUSTOMER_KEY);
    await model.place('voice');
    expect(fake.calls).toEqual([
      {
        path: '/workbench/api/simulate/arrive',
        method: 'POST',
        body: { channel: 'voice', serviceId: 'support', customer: UNKNOWN_CUSTOMER_KEY },
      },
    ]);
    expect(model.state.status).toBe('Call i-1 placed at Support (yours).');
    fake.failWith(new Error('unknown service'));
    await model.place('email');
    expect(model.state.status).toBe('E-mail failed: unknown service');
  });

  test('pushed contacts become rows; fail release, hang release and leave name the contact', async () => {
    const fake = requests();
    const model = new SimulatorModel(fake.request);
    model.received([{ id: 'i-7', channel: 'chat', who: 'John Smith', where: 'with ann-lee' }]);
    expect(model.state.contacts).toEqual([
      {
        id: 'i-7',
        channel: 'chat',
        text: 'chat · John Smith · with ann-lee',
        actions: [
          { key: 'error', label: 'Fail release', title: 'The next release of i-7 fails at once' },
          {
            key: 'hang',
            label: 'Hang release',
            title: 'The next release of i-7 hangs until the release timeout',
          },
          { key: 'leave', label: 'Leave', title: 'The customer leaves (i-7)' },
        ],
      },
    ]);
    await model.act('i-7', 'error');
    expect(model.state.status).toBe('The next release of i-7 will fail.');
    await model.act('i-7', 'hang');
    expect(model.state.status).toBe('The next release of i-7 will hang.');
    await model.act('i-7', 'leave');
    expect(fake.calls.map((c) => c.path)).toEqual([
      '/workbench/api/simulate/interactions/i-7/fail-release',
      '/workbench/api/simulate/interactions/i-7/fail-release',
      '/workbench/api/simulate/interactions/i-7/leave',
    ]);
    expect(fake.calls[1]?.body).toEqual({ fault: 'hang' });
  });
});
