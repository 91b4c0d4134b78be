/**
 * Records written by an earlier version of the routing service, read with the fields added since
 * at the values that keep their behaviour: a call not muted, not recorded and in no conference; an
 * account that does not record calls. Every record read from Redis passes through here, so the
 * engine only ever sees records of the current shape.
 */
import type { Interaction } from '../../protocol';
import type { AccountRecord, InteractionRecord } from './store';

/** The fields an interaction record gained, each optional as an older record has it. */
type OlderInteraction = Omit<InteractionRecord, 'conference' | 'interaction'> & {
  readonly conference?: InteractionRecord['conference'];
  readonly interaction: Omit<Interaction, 'muted' | 'recording' | 'conference'> &
    Partial<Pick<Interaction, 'muted' | 'recording' | 'conference'>>;
};

export function upgradeInteraction(record: OlderInteraction): InteractionRecord {
  const { interaction } = record;
  return {
    ...record,
    conference: record.conference ?? null,
    interaction: {
      ...interaction,
      muted: interaction.muted ?? false,
      recording: interaction.recording ?? 'off',
      conference: interaction.conference ?? null,
    },
  };
}

type OlderAccount = Omit<AccountRecord, 'settings'> & {
  readonly settings: Omit<AccountRecord['settings'], 'features'> & {
    readonly features: Omit<AccountRecord['settings']['features'], 'recording'> & {
      readonly recording?: boolean;
    };
  };
};

export function upgradeAccount(record: OlderAccount): AccountRecord {
  const { settings } = record;
  return {
    ...record,
    settings: {
      ...settings,
      features: { ...settings.features, recording: settings.features.recording ?? false },
    },
  };
}
