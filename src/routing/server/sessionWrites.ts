/**
 * What a session sends, kept in the journal when there is one (sessionJournal.ts) and sent in
 * order. A commit's events leave at once and are written behind them: should this process die
 * first, the one that takes the session over numbers them again from the log (`missedBy`). Any
 * other frame (an answer, the welcome, a directory part, a resync), which no log holds, leaves
 * once it is written, and every frame after it waits behind it.
 */
import type { Frame, SeqlessEvent } from './eventFrames';
import { frameText } from './eventFrames';
import type { Session } from './session';
import type { SessionJournal } from './sessionJournal';

export class SessionWrites {
  constructor(
    private readonly journal: SessionJournal | null,
    private readonly onJournalError: (err: unknown) => void,
  ) {}

  /**
   * A frame without seq (an answer, a welcome), after the frames before it; with `commandId`, a
   * first answer, kept before it leaves so that the command repeated on another process is
   * answered again rather than applied.
   */
  answer(session: Session, text: string, commandId: string | null): void {
    const journal = this.journal;
    if (journal === null) {
      session.socket?.send(text);
      return;
    }
    const kept =
      commandId !== null && session.durable
        ? journal
            .answer(session.id, commandId, text)
            .catch((err: unknown) => this.failed(session, err))
        : Promise.resolve();
    this.sendOnceKept(session, kept, () => session.socket?.send(text));
  }

  /**
   * Numbered events (none: the session alone is written), kept with the session's seq and log
   * version. `committed`: a commit's events for the session's agent, which the log holds.
   */
  events(session: Session, events: readonly SeqlessEvent[], committed = false): void {
    const send = () => {
      for (const event of events) {
        session.buffer.push(event);
        session.socket?.send(frameText(event));
      }
    };
    const journal = this.journal;
    if (journal === null) {
      send();
      return;
    }
    const written = session.durable
      ? journal
          .append(
            {
              id: session.id,
              accountId: session.accountId,
              agentId: session.agentId,
              seq: session.seq,
              logVersion: session.logVersion,
              directory: session.directory,
            },
            events.map((event): Frame => ({ seq: event.seq, text: frameText(event) })),
          )
          .catch((err: unknown) => this.failed(session, err))
      : Promise.resolve();
    if (committed && session.held === 0) {
      send();
      session.outbox = session.outbox.then(() => written);
    } else {
      this.sendOnceKept(session, written, send);
    }
  }

  /** Sends once `kept` is written and what came before has left; what follows waits behind it. */
  private sendOnceKept(session: Session, kept: Promise<void>, send: () => void): void {
    session.held += 1;
    session.outbox = session.outbox
      .then(() => kept)
      .then(() => {
        session.held -= 1;
        send();
      });
  }

  /** A write failed: the stored copy stops here (it can only be refused from now on). */
  private failed(session: Session, err: unknown): void {
    session.durable = false;
    this.onJournalError(err);
  }
}
