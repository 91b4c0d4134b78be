import { interactionFixture } from '../../protocol/fixtures';
import { DEFAULT_SETTINGS } from '../engine/engine';
import { writeKey } from './changes';
import { MemoryStore } from './memoryStore';
import type { AccountRecord, InteractionRecord } from './store';
import { upgradeAccount, upgradeInteraction } from './upgrade';

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
