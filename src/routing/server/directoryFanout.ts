/**
 * The directory's way to its subscribers: changes merge per account (directoryBatches.ts) and
 * leave at most once per interval, a few dozen subscribers at a time, so other work (an agent's
 * command) waits for one chunk at most, not for a thousand sends; the next batch is not due until
 * the last chunk is out and the interval has passed again. The whole directory, for a new
 * subscriber, is read and made into text once per account until it changes.
 */
import type { DirectoryEntry, DirectoryRef } from '../../protocol';
import type { EventBody } from '../engine/effects';
import { DirectoryBatches } from './directoryBatches';
import { directoryChanges, directorySnapshot, EventTexts } from './eventFrames';
import type { Session } from './session';

/** Subscribers sent a batch in one go, before other work gets a turn. */
const CHUNK = 32;

/** What the fan-out needs of the session hub. */
export interface FanoutTarget {
  /** The account's sessions held here (subscribed or not). */
  sessionsOf(accountId: string): Iterable<Session>;
  /** Whether the session is still held. */
  holds(session: Session): boolean;
  /** Numbers and sends events to a session; `texts` shares their text between sessions. */
  send(session: Session, bodies: readonly EventBody[], texts: EventTexts): void;
}

/** Events prepared once for all the sessions they go to. */
export interface SharedEvents {
  readonly bodies: readonly EventBody[];
  readonly texts: EventTexts;
}

interface Delivery extends SharedEvents {
  readonly session: Session;
}

export class DirectoryFanout {
  private readonly batches = new DirectoryBatches();
  /** Each account's directory as last sent whole, until it changes. */
  private readonly snapshots = new Map<string, SharedEvents>();
  private cancel: (() => void) | null = null;

  constructor(
    private readonly target: FanoutTarget,
    private readonly batchMs: number,
    private readonly schedule: (run: () => void, ms: number) => () => void,
  ) {}

  /** The account's directory changed; `watched`: some session of the account is held here. */
  changed(
    accountId: string,
    upserted: readonly DirectoryEntry[],
    removed: readonly DirectoryRef[],
    watched: boolean,
  ): void {
    this.snapshots.delete(accountId);
    if (!watched) return;
    this.batches.add(accountId, upserted, removed);
    this.cancel ??= this.schedule(() => this.flush(), this.batchMs);
  }

  /** The whole directory, in parts; `entries` is read only when no copy is current. */
  snapshot(accountId: string, entries: () => readonly DirectoryEntry[]): SharedEvents {
    let snapshot = this.snapshots.get(accountId);
    if (snapshot === undefined) {
      snapshot = { bodies: directorySnapshot(entries()), texts: new EventTexts() };
      this.snapshots.set(accountId, snapshot);
    }
    return snapshot;
  }

  /** Sends each subscriber the changes gathered since the last batch: one batch each. */
  flush(): void {
    this.stop();
    const deliveries: Delivery[] = [];
    for (const accountId of this.batches.accounts()) {
      const batch = this.batches.take(accountId);
      if (batch === null) continue;
      const bodies = directoryChanges(batch.upserted, batch.removed);
      const texts = new EventTexts();
      for (const session of this.target.sessionsOf(accountId)) {
        if (session.directory) deliveries.push({ session, bodies, texts });
      }
    }
    this.sendChunk(deliveries, 0);
  }

  /** Stops the timer (the service is stopping). */
  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private sendChunk(deliveries: readonly Delivery[], from: number): void {
    this.cancel = null;
    const end = Math.min(deliveries.length, from + CHUNK);
    for (let i = from; i < end; i++) {
      const { session, bodies, texts } = deliveries[i] as Delivery;
      // Still here and still subscribed (either may have changed since the batch was cut).
      if (session.directory && this.target.holds(session)) this.target.send(session, bodies, texts);
    }
    if (end < deliveries.length) {
      this.cancel = this.schedule(() => this.sendChunk(deliveries, end), 0);
    } else if (this.batches.accounts().length > 0) {
      this.cancel = this.schedule(() => this.flush(), this.batchMs);
    }
  }
}
