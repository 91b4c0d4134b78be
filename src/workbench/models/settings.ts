/**
 * The admin panel's state: the account's system settings (B10) as the form shows them, their
 * limits and lists read from the protocol's schema, the fields edited since the last apply (a push
 * does not overwrite them), and the routing service restart.
 */
import type { Features, Kind, Offers, Settings } from '../../protocol';
import { KINDS, settings as settingsSchema } from '../../protocol';
import { MAX_ROUTING_DOWN_SECONDS } from './limits';
import type { RequestJson } from './observable';
import { Observable, messageOf } from './observable';

/** A number input of the form. */
export interface NumberField {
  /** The input's id, also how edit() names it. */
  readonly id: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly value: string;
}

/** A feature's checkbox. */
export interface FeatureField {
  readonly id: string;
  readonly key: keyof Features;
  readonly label: string;
  readonly checked: boolean;
}

/** Whether a kind's routed work is offered (Accept or Decline) rather than assigned. */
export interface OfferField {
  readonly id: string;
  readonly kind: Kind;
  readonly label: string;
  readonly checked: boolean;
}

/** A list of reasons, typed as one line separated by commas. */
export interface ReasonsField {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** The most reasons, and the longest one, the schema takes. */
  readonly maxItems: number;
  readonly maxLength: number;
}

/** A settings change: the offers merge one level down on the server, like features and weights. */
export type SettingsPatch = Omit<Partial<Settings>, 'offers'> & {
  readonly offers?: Partial<Offers>;
};

export interface SettingsState {
  /** Consult timeout and wrap time. */
  readonly times: readonly NumberField[];
  readonly features: readonly FeatureField[];
  /** One capacity weight per kind. */
  readonly weights: readonly NumberField[];
  /** The kinds offered, and how long an offer rings. */
  readonly offered: readonly OfferField[];
  readonly offerTimeout: NumberField;
  /** Away reasons, reasons for declining. */
  readonly reasons: readonly ReasonsField[];
  /** The restart's "Down for (seconds)". */
  readonly down: NumberField;
  readonly status: string;
}

type TimeKey = 'consultTimeoutSeconds' | 'wrapSeconds' | 'wrapExtensionSeconds';

const TIMES: readonly { key: TimeKey; id: string; label: string }[] = [
  { key: 'consultTimeoutSeconds', id: 'wb-consult-timeout', label: 'Consult timeout (seconds)' },
  { key: 'wrapSeconds', id: 'wb-wrap', label: 'Wrap time (seconds)' },
  { key: 'wrapExtensionSeconds', id: 'wb-wrap-extension', label: 'Wrap extension (seconds)' },
];

const OFFER_LABELS: Readonly<Record<Kind, string>> = {
  live: 'Offer calls and video',
  'semi-live': 'Offer chats',
  'non-live': 'Offer e-mails and cases',
};
const OFFER_TIMEOUT_ID = 'wb-offer-timeout';

type ReasonsKey = 'awayReasons' | 'declineReasons';
const REASONS: readonly { key: ReasonsKey; id: string; label: string }[] = [
  { key: 'awayReasons', id: 'wb-away-reasons', label: 'Away reasons (separated by commas)' },
  {
    key: 'declineReasons',
    id: 'wb-decline-reasons',
    label: 'Reasons for declining (separated by commas)',
  },
];
const reasonsSchema = (key: ReasonsKey) =>
  key === 'awayReasons'
    ? settingsSchema.fields.awayReasons
    : settingsSchema.fields.offers.fields.declineReasons;
const reasonsOf = (settings: Settings, key: ReasonsKey) =>
  key === 'awayReasons' ? settings.awayReasons : settings.offers.declineReasons;

/** The reasons typed in a field, each trimmed, empty ones left out. */
export function reasonsIn(field: ReasonsField): string[] {
  return field.value
    .split(',')
    .map((reason) => reason.trim())
    .filter((reason) => reason !== '');
}

/** Every feature the schema has needs a label here (the type says so). */
const FEATURE_LABELS: Readonly<Record<keyof Features, string>> = {
  multiInteraction: 'Multi-interaction routing',
  crossMediaConsult: 'Cross-media consult',
  transferToService: 'Transfer to service',
  callLogging: 'Call logging',
  recording: 'Call recording',
};

const WEIGHT_LABELS: Readonly<Record<Kind, string>> = {
  live: 'Live weight',
  'semi-live': 'Semi-live weight',
  'non-live': 'Non-live weight',
};

const FEATURE_KEYS = Object.keys(settingsSchema.fields.features.fields) as (keyof Features)[];
const DOWN_ID = 'wb-down';

const timeField = (key: TimeKey, id: string, label: string, value: string): NumberField => {
  const { min, max } = settingsSchema.fields[key];
  return { id, label, min, max, value };
};
const weightField = (kind: Kind, value: string): NumberField => {
  const { min, max } = settingsSchema.fields.weights.fields[kind];
  return { id: `wb-weight-${kind}`, label: WEIGHT_LABELS[kind], min, max, value };
};

/** The form as it shows `settings` (empty fields before any arrived). */
function formOf(settings: Settings | null): Omit<SettingsState, 'down' | 'status'> {
  return {
    times: TIMES.map(({ key, id, label }) =>
      timeField(key, id, label, settings === null ? '' : String(settings[key])),
    ),
    features: FEATURE_KEYS.map((key) => ({
      id: `wb-feature-${key}`,
      key,
      label: FEATURE_LABELS[key],
      checked: settings?.features[key] ?? false,
    })),
    weights: KINDS.map((kind) =>
      weightField(kind, settings === null ? '' : String(settings.weights[kind])),
    ),
    offered: KINDS.map((kind) => ({
      id: `wb-offer-${kind}`,
      kind,
      label: OFFER_LABELS[kind],
      checked: settings?.offers.kinds.includes(kind) ?? false,
    })),
    offerTimeout: {
      id: OFFER_TIMEOUT_ID,
      label: 'Offer timeout (seconds)',
      min: settingsSchema.fields.offers.fields.timeoutSeconds.min,
      max: settingsSchema.fields.offers.fields.timeoutSeconds.max,
      value: settings === null ? '' : String(settings.offers.timeoutSeconds),
    },
    reasons: REASONS.map(({ key, id, label }) => {
      const schema = reasonsSchema(key);
      return {
        id,
        label,
        value: settings === null ? '' : reasonsOf(settings, key).join(', '),
        maxItems: schema.max,
        maxLength: schema.of.max,
      };
    }),
  };
}

/** What is wrong with a reasons field, or null. */
export function reasonsProblemOf(field: ReasonsField): string | null {
  const reasons = reasonsIn(field);
  if (reasons.length > field.maxItems) return `${field.label}: at most ${field.maxItems}.`;
  const long = reasons.find((reason) => reason.length > field.maxLength);
  if (long !== undefined) {
    return `${field.label}: "${long.slice(0, 20)}…" is over ${field.maxLength} characters.`;
  }
  return null;
}

/** What is wrong with a number field's value, or null. */
export function problemOf(field: NumberField): string | null {
  const value = Number(field.value);
  if (field.value.trim() === '' || !Number.isInteger(value)) {
    return `${field.label} must be a whole number.`;
  }
  if (value < field.min || value > field.max) {
    return `${field.label} must be from ${field.min} to ${field.max}.`;
  }
  return null;
}

export class SettingsModel extends Observable<SettingsState> {
  /** Ids of the fields edited since the last apply. */
  private readonly edited = new Set<string>();

  constructor(private readonly request: RequestJson) {
    super({
      ...formOf(null),
      down: {
        id: DOWN_ID,
        label: 'Down for (seconds)',
        min: 0,
        max: MAX_ROUTING_DOWN_SECONDS,
        value: '3',
      },
      status: '',
    });
  }

  /** The account's settings as pushed or answered; fields being edited keep what was typed. */
  received(settings: Settings | null): void {
    if (settings === null) return;
    const next = formOf(settings);
    const keep = <F extends { id: string }>(fresh: readonly F[], now: readonly F[]) =>
      fresh.map((field) =>
        this.edited.has(field.id) ? (now.find((f) => f.id === field.id) ?? field) : field,
      );
    const now = this.state;
    this.set({
      times: keep(next.times, now.times),
      features: keep(next.features, now.features),
      weights: keep(next.weights, now.weights),
      offered: keep(next.offered, now.offered),
      offerTimeout: keep([next.offerTimeout], [now.offerTimeout])[0] ?? next.offerTimeout,
      reasons: keep(next.reasons, now.reasons),
    });
  }

  /** An input changed: a field's text or a box's tick, named by the input's id. */
  edit(id: string, value: string | boolean): void {
    const now = this.state;
    if (id === DOWN_ID) {
      this.set({ down: { ...now.down, value: String(value) } });
      return;
    }
    this.edited.add(id);
    this.set({
      times: now.times.map((f) => (f.id === id ? { ...f, value: String(value) } : f)),
      weights: now.weights.map((f) => (f.id === id ? { ...f, value: String(value) } : f)),
      features: now.features.map((f) => (f.id === id ? { ...f, checked: value === true } : f)),
      offered: now.offered.map((f) => (f.id === id ? { ...f, checked: value === true } : f)),
      offerTimeout:
        now.offerTimeout.id === id
          ? { ...now.offerTimeout, value: String(value) }
          : now.offerTimeout,
      reasons: now.reasons.map((f) => (f.id === id ? { ...f, value: String(value) } : f)),
    });
  }

  /** The change the form asks for (PATCH settings), or what is wrong with it. */
  patch(): { readonly patch: SettingsPatch } | { readonly problem: string } {
    const { times, features, weights, offered, offerTimeout, reasons } = this.state;
    for (const field of [...times, ...weights, offerTimeout]) {
      const problem = problemOf(field);
      if (problem !== null) return { problem };
    }
    for (const field of reasons) {
      const problem = reasonsProblemOf(field);
      if (problem !== null) return { problem };
    }
    const listed = (id: string) => {
      const field = reasons.find((f) => f.id === id);
      return field === undefined ? [] : reasonsIn(field);
    };
    const valueOf = (fields: readonly NumberField[], id: string) =>
      Number(fields.find((f) => f.id === id)?.value);
    return {
      patch: {
        consultTimeoutSeconds: valueOf(times, 'wb-consult-timeout'),
        wrapSeconds: valueOf(times, 'wb-wrap'),
        wrapExtensionSeconds: valueOf(times, 'wb-wrap-extension'),
        awayReasons: listed('wb-away-reasons'),
        offers: {
          kinds: offered.filter((f) => f.checked).map((f) => f.kind),
          timeoutSeconds: Number(offerTimeout.value),
          declineReasons: listed('wb-decline-reasons'),
        },
        features: Object.fromEntries(features.map((f) => [f.key, f.checked])) as Features,
        weights: Object.fromEntries(
          KINDS.map((kind) => [kind, valueOf(weights, `wb-weight-${kind}`)]),
        ) as Settings['weights'],
      },
    };
  }

  /** Applies the form to every connected ContactPad (PATCH settings); a bad field sends nothing. */
  async apply(): Promise<void> {
    const asked = this.patch();
    if ('problem' in asked) {
      this.set({ status: `Settings refused: ${asked.problem}` });
      return;
    }
    this.set({ status: 'Applying…' });
    try {
      const answer = (await this.request('/workbench/api/settings', {
        method: 'PATCH',
        body: JSON.stringify(asked.patch),
      })) as Settings;
      this.edited.clear();
      this.received(answer);
      this.set({ status: 'Settings applied: connected ContactPads have them now.' });
    } catch (error) {
      this.set({ status: `Settings refused: ${messageOf(error)}` });
    }
  }

  /** Stops the routing service for the "Down for" seconds and starts a fresh one. */
  async restart(): Promise<void> {
    const problem = problemOf(this.state.down);
    if (problem !== null) {
      this.set({ status: `Restart refused: ${problem}` });
      return;
    }
    this.set({ status: 'Restarting the routing service…' });
    try {
      await this.request('/workbench/api/routing/restart', {
        method: 'POST',
        body: JSON.stringify({ downMs: Number(this.state.down.value) * 1000 }),
      });
      this.set({ status: 'The routing service restarted (empty, demo account seeded).' });
    } catch (error) {
      this.set({ status: `Restart failed: ${messageOf(error)}` });
    }
  }
}
