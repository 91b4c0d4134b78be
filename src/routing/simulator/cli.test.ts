import { requestFor, UsageError } from './cli';

describe('simulator CLI', () => {
  it('turns arrive into a simulator request with the customer and record', () => {
    expect(
      requestFor([
        'arrive',
        '--service',
        'sales',
        '--channel',
        'voice',
        '--name',
        'John Smith',
        '--phone',
        '+14155550100',
        '--record',
        '003000000000001AAA:Contact',
      ]),
    ).toEqual({
      method: 'POST',
      path: '/simulator/accounts/demo/interactions',
      body: {
        channel: 'voice',
        serviceId: 'sales',
        customer: { name: 'John Smith', phone: '+14155550100', email: null },
        record: { id: '003000000000001AAA', objectType: 'Contact' },
        priority: 5,
      },
    });
  });

  it('builds load, number and fault requests', () => {
    expect(
      requestFor([
        'load',
        '--account',
        'acme',
        '--rate',
        '50',
        '--seconds',
        '30',
        '--services',
        'sales,support',
      ]),
    ).toEqual({
      method: 'POST',
      path: '/simulator/accounts/acme/load',
      body: {
        ratePerSecond: 50,
        durationSeconds: 30,
        serviceIds: ['sales', 'support'],
        channels: [],
      },
    });
    expect(requestFor(['number', '--number', '+442071234567', '--answer', 'never']).body).toEqual({
      answer: 'never',
      afterMs: 2000,
    });
    expect(requestFor(['fail-release', '--interaction', 'i-1', '--fault', 'hang']).path).toBe(
      '/simulator/accounts/demo/interactions/i-1/fail-release',
    );
  });

  it('refuses a missing command, an unknown one and missing options with a usage error', () => {
    expect(() => requestFor([])).toThrow(UsageError);
    expect(() => requestFor(['explode'])).toThrow(/unknown command/);
    expect(() => requestFor(['arrive', '--channel', 'chat'])).toThrow(/--service is required/);
    expect(() =>
      requestFor(['load', '--rate', 'fast', '--seconds', '1', '--services', 'a']),
    ).toThrow(/integer/);
    expect(() => requestFor(['arrive', '--bogus'])).toThrow();
  });
});
