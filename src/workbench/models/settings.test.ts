import { settings as settingsSchema } from '../../protocol';
import type { Settings } from '../../protocol';
import { settingsFixture } from '../../protocol/fixtures';
import { SettingsModel, problemOf } from './settings';

const SETTINGS: Settings = settingsFixture({
  consultTimeoutSeconds: 30,
  wrapSeconds: 10,
  features: {
    multiInteraction: true,
    crossMediaConsult: true,
    transferToService: false,
    callLogging: true,
    recording: false,
  },
  weights: { live: 100, 'semi-live': 20, 'non-live': 10 },
});

const fake = (answer: (path: string, init?: { method?: string; body?: string }) => unknown) => {
  const calls: { path: string; method?: string; body?: unknown }[] = [];
  const request = async (path: string, init?: { method?: string; body?: string }) => {
    calls.push({
      path,
      ...(init?.method === undefined ? {} : { method: init.method }),
      ...(init?.body === undefined ? {} : { body: JSON.parse(init.body) }),
    });
    return answer(path, init);
  };
  return { request, calls };
};

describe('SettingsModel', () => {
  test('limits and lists come from the protocol schema (the live weight from 51)', () => {
    const model = new SettingsModel(fake(() => null).request);
    const live = model.state.weights.find((f) => f.id === 'wb-weight-live');
    expect(live).toMatchObject({ label: 'Live weight', min: 51, max: 100 });
    expect(live?.min).toBe(settingsSchema.fields.weights.fields.live.min);
    expect(model.state.weights.map((f) => f.id)).toEqual([
      'wb-weight-live',
      'wb-weight-semi-live',
      'wb-weight-non-live',
    ]);
    const timeout = model.state.times.find((f) => f.id === 'wb-consult-timeout');
    const { min, max } = settingsSchema.fields.consultTimeoutSeconds;
    expect(timeout).toMatchObject({ min, max });
    expect(model.state.features.map((f) => f.key)).toEqual(
      Object.keys(settingsSchema.fields.features.fields),
    );
    expect(model.state.down).toMatchObject({ min: 0, max: 60 });
  });

  test('pushed settings fill the form; a field being edited keeps what was typed', () => {
    const model = new SettingsModel(fake(() => null).request);
    model.received(SETTINGS);
    model.edit('wb-wrap', '3');
    model.edit('wb-feature-callLogging', false);
    model.received({ ...SETTINGS, wrapSeconds: 99, consultTimeoutSeconds: 45 });
    expect(model.state.times.map((f) => f.value)).toEqual(['45', '3', '0']);
    expect(model.state.features.find((f) => f.key === 'callLogging')?.checked).toBe(false);
  });

  test('apply sends the form as one patch and shows the answer, edits forgotten', async () => {
    const { request, calls } = fake(() => ({ ...SETTINGS, wrapSeconds: 3 }));
    const model = new SettingsModel(request);
    model.received(SETTINGS);
    model.edit('wb-wrap', '3');
    await model.apply();
    expect(calls).toEqual([
      {
        path: '/workbench/api/settings',
        method: 'PATCH',
        body: {
          consultTimeoutSeconds: 30,
          wrapSeconds: 3,
          wrapExtensionSeconds: SETTINGS.wrapExtensionSeconds,
          awayReasons: SETTINGS.awayReasons,
          features: SETTINGS.features,
          weights: SETTINGS.weights,
          offers: {
            kinds: SETTINGS.offers.kinds,
            timeoutSeconds: SETTINGS.offers.timeoutSeconds,
            declineReasons: SETTINGS.offers.declineReasons,
          },
        },
      },
    ]);
    expect(model.state.status).toBe('Settings applied: connected ContactPads have them now.');
    model.received({ ...SETTINGS, wrapSeconds: 7 });
    expect(model.state.times[1]?.value).toBe('7');
  });

  test('a value out of the schema limits is refused before anything is sent', async () => {
    const { request, calls } = fake(() => SETTINGS);
    const model = new SettingsModel(request);
    model.received(SETTINGS);
    model.edit('wb-weight-live', '1');
    await model.apply();
    expect(calls).toEqual([]);
    expect(model.state.status).toBe('Settings refused: Live weight must be from 51 to 100.');
    model.edit('wb-wrap', 'soon');
    expect(problemOf(model.state.times[1]!)).toBe('Wrap time (seconds) must be a whole number.');
  });

  test('offers and reasons: the kinds offered, the offer timeout, lists typed with commas', async () => {
    const { request, calls } = fake((_, init) => JSON.parse(init?.body ?? 'null'));
    const model = new SettingsModel(request);
    model.received(settingsFixture({ awayReasons: ['Lunch'] }));
    expect(model.state.offered.map((f) => [f.id, f.checked])).toEqual([
      ['wb-offer-live', false],
      ['wb-offer-semi-live', false],
      ['wb-offer-non-live', false],
    ]);
    expect(model.state.reasons[0]).toMatchObject({ id: 'wb-away-reasons', value: 'Lunch' });
    const { min, max } = settingsSchema.fields.offers.fields.timeoutSeconds;
    expect(model.state.offerTimeout).toMatchObject({ min, max, value: '20' });
    model.edit('wb-offer-semi-live', true);
    model.edit('wb-offer-timeout', '30');
    model.edit('wb-away-reasons', ' Lunch , Training,, ');
    model.edit('wb-decline-reasons', 'Wrong skill');
    await model.apply();
    expect(calls[0]?.body).toMatchObject({
      awayReasons: ['Lunch', 'Training'],
      offers: { kinds: ['semi-live'], timeoutSeconds: 30, declineReasons: ['Wrong skill'] },
    });
    model.edit('wb-decline-reasons', 'x'.repeat(300));
    await model.apply();
    expect(calls).toHaveLength(1);
    expect(model.state.status).toMatch(/^Settings refused: Reasons for declining .* is over 200/);
  });

  test('a refusal of the server is said, the form kept', async () => {
    const model = new SettingsModel(
      fake(() => {
        throw new Error('weights.live: must be at least 51');
      }).request,
    );
    model.received(SETTINGS);
    model.edit('wb-wrap', '4');
    await model.apply();
    expect(model.state.status).toBe('Settings refused: weights.live: must be at least 51');
    expect(model.state.times[1]?.value).toBe('4');
  });

  test('restart asks for the seconds down, within the workbench limit', async () => {
    const { request, calls } = fake(() => ({ restarted: true }));
    const model = new SettingsModel(request);
    model.edit('wb-down', '6');
    await model.restart();
    expect(calls).toEqual([
      { path: '/workbench/api/routing/restart', method: 'POST', body: { downMs: 6000 } },
    ]);
    expect(model.state.status).toBe('The routing service restarted (empty, demo account seeded).');
    model.edit('wb-down', '61');
    await model.restart();
    expect(calls).toHaveLength(1);
    expect(model.state.status).toBe('Restart refused: Down for (seconds) must be from 0 to 60.');
  });
});
