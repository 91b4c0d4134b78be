import { interactionFixture } from '../../protocol/fixtures';
import { DEFAULT_SETTINGS } from '../engine/engine';
import { writeKey } from './changes';
import { MemoryStore } from './memoryStore';
import type { AccountRecord, InteractionRecord } from './store';
import { upgradeAccount, upgradeInteraction, upgradeService } from './upgrade';

const record: InteractionRecord = {
  accountId: 'acme',
  interaction: interactionFixture({ muted: true, recording: 'paused' }),
  place: { kind: 'assigned' },
  agentIds: ['ann'],
  order: 1,
  releaseFault: null,
  targetSide: null,
  conference: null,
  declinedBy: [],
};
const account: AccountRecord = { id: 'acme', name: 'Acme', settings: DEFAULT_SETTINGS };

/** The record as a version before muted, recording and conferences wrote it. */
function older(): unknown {
  const { muted, recording, conference, ...interaction } = record.interaction;
  void [muted, recording, conference];
  const { conference: none, ...rest } = record;
  void none;
  return { ...rest, interaction };
}

describe('records of an earlier version', () => {
  it('read with the new fields at the values that keep their behaviour', () => {
    expect(upgradeInteraction(older() as InteractionRecord)).toEqual({
      ...record,
      interaction: { ...record.interaction, muted: false, recording: 'off', conference: null },
    });
    const { recording, ...features } = DEFAULT_SETTINGS.features;
    void recording;
    const old = { ...account, settings: { ...DEFAULT_SETTINGS, features } } as AccountRecord;
    expect(upgradeAccount(old).settings.features.recording).toBe(false);
  });

  it('leaves current records as they are', () => {
    expect(upgradeInteraction(record)).toEqual(record);
    expect(upgradeAccount(account)).toEqual(account);
  });

  it('are upgraded as they are read from the shared log', () => {
    const store = new MemoryStore();
    writeKey(store, ['interaction', record.interaction.id], JSON.stringify(older()));
    expect(store.interaction(record.interaction.id)?.interaction).toMatchObject({
      muted: false,
      recording: 'off',
      conference: null,
    });
  });
});

describe('services of a version before skills, overflow and opening hours', () => {
  it('require no skills, never overflow and are always open; current ones stay as they are', () => {
    const older = { accountId: 'acme', id: 's', name: 'S' };
    const none = { requirements: [], relaxSeconds: 0 };
    expect(upgradeService(older)).toEqual({
      ...older,
      skills: none,
      overflow: { serviceId: null, afterSeconds: 60 },
      hours: null,
    });
    const current = {
      ...older,
      skills: { requirements: [{ skill: 'fr', level: 3, optional: true }], relaxSeconds: 9 },
      overflow: { serviceId: 't', afterSeconds: 30 },
      hours: { timeZone: 'UTC', weekly: [], holidays: [], whenClosed: 'refuse' as const },
    };
    expect(upgradeService(current)).toEqual(current);
    const store = new MemoryStore();
    writeKey(store, ['service', 'acme', 's'], JSON.stringify(older));
    expect(store.service('acme', 's')?.skills).toEqual(none);
  });
});
