/**
 * Records written by an earlier version of the routing service, read with the fields added since
 * at the values that keep their behaviour: a call not muted, not recorded, in no conference and
 * not offered; an account that does not record calls and offers nothing; an agent who answered. Every record read from Redis passes through here, so the
 * engine only ever sees records of the current shape.
 */
import type { Interaction } from '../../protocol';
import type { AccountRecord, AgentRecord, InteractionRecord, ServiceRecord } from './store';

/** The fields an interaction record gained, each optional as an older record has it. */
type NewInteractionFields = 'muted' | 'recording' | 'conference' | 'offerEndsAt';
type OlderInteraction = Omit<InteractionRecord, 'conference' | 'declinedBy' | 'interaction'> &
  Partial<Pick<InteractionRecord, 'conference' | 'declinedBy'>> & {
    readonly interaction: Omit<Interaction, NewInteractionFields> &
      Partial<Pick<Interaction, NewInteractionFields>>;
  };

export function upgradeInteraction(record: OlderInteraction): InteractionRecord {
  const { interaction } = record;
  return {
    ...record,
    conference: record.conference ?? null,
    declinedBy: record.declinedBy ?? [],
    interaction: {
      ...interaction,
      muted: interaction.muted ?? false,
      recording: interaction.recording ?? 'off',
      conference: interaction.conference ?? null,
      offerEndsAt: interaction.offerEndsAt ?? null,
    },
  };
}

type NewSettings = 'offers' | 'awayReasons' | 'wrapExtensionSeconds';
type OlderAccount = Omit<AccountRecord, 'settings'> & {
  readonly settings: Omit<AccountRecord['settings'], 'features' | NewSettings> &
    Partial<Pick<AccountRecord['settings'], NewSettings>> & {
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
      offers: settings.offers ?? {
        kinds: [],
        timeoutSeconds: 20,
        reofferAfterSeconds: 60,
        declineReasons: [],
      },
      awayReasons: settings.awayReasons ?? [],
      wrapExtensionSeconds: settings.wrapExtensionSeconds ?? 0,
    },
  };
}

type NewAgentFields = 'noAnswer' | 'awayReason' | 'next';

export function upgradeAgent(
  record: Omit<AgentRecord, NewAgentFields> & Partial<Pick<AgentRecord, NewAgentFields>>,
): AgentRecord {
  return {
    ...record,
    noAnswer: record.noAnswer ?? false,
    awayReason: record.awayReason ?? null,
    next: record.next ?? null,
  };
}

/**
 * A service of a version before skills, overflow and opening hours requires no skills, never
 * overflows and is always open. (Skills on accounts, agents and interactions, and the services an
 * interaction overflowed from, are optional fields: absent, there are none, as older records had.)
 */
export function upgradeService(record: ServiceRecord): ServiceRecord {
  return {
    ...record,
    skills: record.skills ?? { requirements: [], relaxSeconds: 0 },
    overflow: record.overflow ?? { serviceId: null, afterSeconds: 60 },
    hours: record.hours ?? null,
  };
}
