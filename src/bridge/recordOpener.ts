/**
 * How ContactPad opens the record of an interaction and logs a call, whichever way is available:
 * through the Open CTI bridge (BridgeRecordOpener) or the Workspace API and Apex
 * (WorkspaceRecordOpener). chooseRecordOpener picks between them at run time.
 */
import type { CallType, FromContactPadOf } from './messages';
import type { Interaction, PendingLog } from '../protocol/messages';

/** A call to log: the `log` message's content without its envelope. */
export type CallLog = Omit<FromContactPadOf<'log'>, 'v' | 'type' | 'requestId'>;

/** Which implementation did the work. */
export type OpenerKind = 'bridge' | 'workspace';

/** The record tab ContactPad asked for is open and focused. */
export interface OpenedRecord {
  readonly via: OpenerKind;
  /** The record opened; null when a search was popped and did not name one record. */
  readonly recordId: string | null;
  /** The console tab, when the Workspace API says (Open CTI does not). */
  readonly tabId: string | null;
}

/** The call log is saved. */
export interface SavedLog {
  readonly via: OpenerKind;
  /** The Task's id, when the saver says. */
  readonly taskId: string | null;
}

/** What ContactPad uses to open records and save call logs; rejections are BridgeErrors. */
export interface RecordOpener {
  /** Opens or focuses the tab of the interaction's record (B4); resolves once it is shown. */
  open(interaction: Interaction): Promise<OpenedRecord>;
  /** Saves a call log as a completed Task (B7, "Logging the call"). */
  log(call: CallLog): Promise<SavedLog>;
}

/** The Open CTI call type of an interaction: a consult leg is internal, else its direction. */
export function callTypeOf(interaction: Interaction): CallType {
  if (interaction.consultId !== null) return 'internal';
  return interaction.direction;
}

/** Whether an interaction has a record to open or something to search on (a consult call has neither). */
export function hasRecordToOpen(interaction: Interaction): boolean {
  return interaction.record !== null || interaction.searchKeys.length > 0;
}

/** Key prefixes of the records a Task names as WhoId (contacts and leads); the rest are WhatId. */
const WHO_PREFIXES = ['003', '00Q'];

/**
 * The Task for a pending log (B7, Logging the call): call type, duration from assignment to release,
 * the date of the release in the agent's time zone. The subject is the caller's, in the agent's
 * language. `openedRecordId`: the record a search popped for an interaction that had none, so the
 * Task still lands on it.
 */
export function callLogOf(
  pending: PendingLog,
  subject: string,
  disposition: string | null,
  notes: string,
  openedRecordId: string | null = null,
): CallLog {
  const released = new Date(pending.releasedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const found = pending.record === null ? openedRecordId : null;
  const who = found !== null && WHO_PREFIXES.includes(found.slice(0, 3));
  return {
    interactionId: pending.interactionId,
    subject: subject.slice(0, 255),
    callType: pending.direction,
    durationSeconds: Math.max(0, Math.round((pending.releasedAt - pending.assignedAt) / 1000)),
    disposition,
    notes,
    record: pending.record,
    whoId: found !== null && who ? found : null,
    whatId: found !== null && !who ? found : null,
    activityDate: `${released.getFullYear()}-${pad(released.getMonth() + 1)}-${pad(released.getDate())}`,
  };
}

/** A fresh request id: random where the platform offers it, unique within this page anyway. */
export function requestIdFactory(prefix = 'cp'): () => string {
  let count = 0;
  const session = randomPart();
  return () => {
    count += 1;
    return `${prefix}-${session}-${count}`;
  };
}

function randomPart(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (crypto !== undefined && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID().slice(0, 8);
  }
  return Math.floor(Math.random() * 0xffffffff).toString(16);
}
