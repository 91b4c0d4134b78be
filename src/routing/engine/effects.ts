/** What the engine asks the server to send after a change. */
import type { DirectoryEntry, Event } from '../../protocol';

type WithoutEnvelope<T> = T extends unknown ? Omit<T, 'v' | 'seq'> : never;

/** An event as the engine produces it; the server adds `v` and the session's `seq`. */
export type EventBody = WithoutEnvelope<Event>;

export type Effect =
  /** To every session of one agent. */
  | {
      readonly kind: 'event';
      readonly accountId: string;
      readonly agentId: string;
      readonly event: EventBody;
    }
  /** To every session of the account that subscribed to the directory. */
  | {
      readonly kind: 'directory';
      readonly accountId: string;
      readonly upserted: readonly DirectoryEntry[];
      readonly removed: readonly string[];
    };
