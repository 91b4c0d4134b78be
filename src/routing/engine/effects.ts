/** What the engine asks the server to send after a change. */
import type { DirectoryEntry, DirectoryRef, EventBody } from '../../protocol';

export type { EventBody };

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
      readonly removed: readonly DirectoryRef[];
    }
  /** Keypad digits for the telephone system to play on a live call (DTMF). */
  | {
      readonly kind: 'digits';
      readonly accountId: string;
      readonly interactionId: string;
      readonly digits: string;
    };
