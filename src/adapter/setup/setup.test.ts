import { settings as settingsSchema, weights as weightsSchema } from '../../protocol';
import { settingsFixture } from '../../protocol/fixtures';
import { SetupError, setupErrorOf } from './errors';
import {
  agentSave,
  isValidName,
  isValidWeight,
  readAgents,
  readService,
  readServices,
  readSettings,
  readUsers,
  settingsFailure,
  SETUP_LIMITS,
} from './setup';

const codeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as SetupError).code;
  }
  return 'none';
};

describe('Setup rules', () => {
  it('reads each limit off the protocol schema', () => {
    const fields = settingsSchema.fields;
    expect(SETUP_LIMITS.consultTimeoutSeconds).toEqual({
      min: fields.consultTimeoutSeconds.min,
      max: fields.consultTimeoutSeconds.max,
    });
    expect(SETUP_LIMITS.wrapSeconds.max).toBe(fields.wrapSeconds.max);
    expect(SETUP_LIMITS.weights.live.min).toBe(weightsSchema.fields.live.min);
    expect(SETUP_LIMITS.dispositions).toEqual({
      maxItems: fields.dispositions.max,
      maxLength: fields.dispositions.of.max,
    });
  });

  it('checks settings, names and weights as the routing service does', () => {
    expect(settingsFailure(settingsFixture())).toBeNull();
    expect(settingsFailure({ ...settingsFixture(), wrapSeconds: -1 })?.field).toBe('wrapSeconds');
    expect(
      settingsFailure({ ...settingsFixture(), weights: { ...settingsFixture().weights, live: 50 } })
        ?.field,
    ).toBe('weights.live');
    expect(isValidName('Billing')).toBe(true);
    expect(isValidName('   ')).toBe(false);
    expect(isValidName('x'.repeat(SETUP_LIMITS.name.maxLength + 1))).toBe(false);
    expect(isValidWeight('live', SETUP_LIMITS.weights.live.min - 1)).toBe(false);
    expect(isValidWeight('non-live', 1)).toBe(true);
  });

  it('reads services, agents, settings and users from JSON text or values', () => {
    expect(readServices('[{"id":"sales","name":"Sales"}]')).toEqual([
      { id: 'sales', name: 'Sales' },
    ]);
    expect(readService({ id: 'sales', name: 'Sales', extra: 1 })).toEqual({
      id: 'sales',
      name: 'Sales',
    });
    const [agent] = readAgents(
      JSON.stringify([
        {
          id: 'ann-lee',
          name: 'Ann Lee',
          services: ['sales'],
          weightOverrides: { live: 60 },
          presence: 'available-now',
          state: 'ready',
          capacityUsed: 0,
        },
      ]),
    );
    expect(agent).toEqual({
      id: 'ann-lee',
      name: 'Ann Lee',
      services: ['sales'],
      weightOverrides: { live: 60 },
      presence: 'available-now',
      state: 'ready',
    });
    expect(readSettings(JSON.stringify(settingsFixture()))).toEqual(settingsFixture());
    expect(
      readUsers([
        { userId: '005A', name: 'Kim Novak', username: 'kim@example.com', agentId: '005A' },
        { userId: '005B', name: 'Lars Berg', username: 'lars@example.com', agentId: 'lars berg' },
      ]).map((user) => user.agentIdValid),
    ).toEqual([true, false]);
  });

  it.each([
    ['not JSON', () => readServices('[{')],
    ['not a list', () => readServices('{}')],
    ['a service without a name', () => readServices('[{"id":"a"}]')],
    [
      'an agent with a bad weight',
      () => readAgents([{ id: 'a', name: 'A', services: [], weightOverrides: { live: 5 } }]),
    ],
    [
      'an agent with a service that is not an id',
      () => readAgents([{ id: 'a', name: 'A', services: [' '] }]),
    ],
    [
      'settings out of their limits',
      () => readSettings({ ...settingsFixture(), consultTimeoutSeconds: 1 }),
    ],
    ['a user without an agent id', () => readUsers([{ userId: '1', name: 'A', username: 'a' }])],
  ])('refuses %s as bad-answer', (_label, run) => {
    expect(codeOf(run)).toBe('bad-answer');
  });

  it('saves an agent with every kind’s weight (null: the account’s), services once each', () => {
    expect(agentSave({ id: 'a', name: 'A' }, ['x', 'x', 'y'], { live: null })).toEqual({
      id: 'a',
      name: 'A',
      services: ['x', 'y'],
      weights: { live: null, 'semi-live': null, 'non-live': null },
    });
    expect(agentSave({ id: 'a', name: 'A' }, [], { 'non-live': 20 }).weights).toEqual({
      live: null,
      'semi-live': null,
      'non-live': 20,
    });
  });
});

describe('setupErrorOf', () => {
  it('reads an Apex error worded code: words, with the field the admin API blamed', () => {
    const error = setupErrorOf(
      { body: { message: 'bad-field: settings.weights.live: expected an integer from 51 to 100' } },
      'failed',
    );
    expect([error.code, error.message, error.field]).toEqual([
      'bad-field',
      'expected an integer from 51 to 100',
      'weights.live',
    ]);
  });

  it('reads the workbench stand-in’s errorCode and a refusal in words', () => {
    const error = setupErrorOf(
      { body: { errorCode: 'service-in-use', message: '2 interactions wait at Billing' } },
      'failed',
    );
    expect([error.code, error.message, error.field]).toEqual([
      'service-in-use',
      '2 interactions wait at Billing',
      null,
    ]);
  });

  it('keeps a SetupError, and falls back for anything else', () => {
    const own = new SetupError('bad-answer', 'x');
    expect(setupErrorOf(own, 'failed')).toBe(own);
    expect(setupErrorOf(undefined, 'failed').code).toBe('failed');
    expect(setupErrorOf('offline', 'failed').message).toBe('offline');
    expect(setupErrorOf(new Error('boom'), 'failed').message).toBe('boom');
  });
});
