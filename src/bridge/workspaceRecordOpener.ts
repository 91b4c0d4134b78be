/**
 * RecordOpener without a bridge: opens (or focuses) the record's console tab through
 * `lightning/platformWorkspaceApi` and saves logs through an injected function (an Apex method).
 * The platform functions are injected so this file stays free of LWC imports.
 */
import { BridgeError, asBridgeError } from './errors';
import type { CallLog, OpenedRecord, RecordOpener, SavedLog } from './recordOpener';
import { callTypeOf } from './recordOpener';
import type { CallType } from './messages';
import type { Interaction, RecordRef } from '../protocol/messages';

/** The part of a Workspace API tabInfo the opener reads. */
export interface TabInfo {
  readonly tabId?: string;
  readonly recordId?: string;
}

/** The functions of `lightning/platformWorkspaceApi` the opener uses (API 59.0+, console apps only). */
export interface WorkspaceApi {
  /** Opens a record tab, or focuses it when already open; resolves with the tab id. */
  openTab(args: { readonly recordId: string; readonly focus: boolean }): Promise<unknown>;
  /** The focused tab; the one to use from a utility item, which has no enclosing tab. */
  getFocusedTabInfo(): Promise<unknown>;
}

export interface WorkspaceRecordOpenerOptions {
  /** Saves a call log as a Task (for example an @AuraEnabled Apex method); resolves with its id. */
  readonly saveLog: (call: CallLog) => Promise<string | null>;
  /**
   * Finds the record for an interaction without one (for example an Apex SOSL search on its
   * keys). The Workspace API has no documented search page to open, so without this function an
   * interaction with no record is rejected with `no-record`.
   */
  readonly findRecord?: (
    searchKeys: readonly string[],
    callType: CallType,
  ) => Promise<RecordRef | null>;
}

// 15- and 18-character ids of one record share their first 15 characters.
const sameRecord = (a: string, b: string): boolean => a.slice(0, 15) === b.slice(0, 15);

const stringField = (value: unknown, key: string): string | null => {
  if (typeof value !== 'object' || value === null) return null;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field !== '' ? field : null;
};

/** Opens records through the Workspace API and saves logs through an injected saver. */
export class WorkspaceRecordOpener implements RecordOpener {
  private readonly workspace: WorkspaceApi;
  private readonly options: WorkspaceRecordOpenerOptions;

  constructor(workspace: WorkspaceApi, options: WorkspaceRecordOpenerOptions) {
    this.workspace = workspace;
    this.options = options;
  }

  /** Opens or focuses the record's tab; rejects with `no-record` or `workspace-failed`. */
  async open(interaction: Interaction): Promise<OpenedRecord> {
    const record = interaction.record ?? (await this.find(interaction));
    if (record === null) {
      throw new BridgeError('no-record', `interaction ${interaction.id} has no record to open`);
    }
    const focused = await this.focusedTab();
    if (focused !== null && focused.recordId !== null && sameRecord(focused.recordId, record.id)) {
      return { via: 'workspace', recordId: record.id, tabId: focused.tabId };
    }
    let tabId: unknown;
    try {
      tabId = await this.workspace.openTab({ recordId: record.id, focus: true });
    } catch (error) {
      throw asBridgeError('workspace-failed', `openTab(${record.id}) failed`, error);
    }
    return {
      via: 'workspace',
      recordId: record.id,
      tabId: typeof tabId === 'string' && tabId !== '' ? tabId : null,
    };
  }

  /** Saves the call log through the injected saver; rejects with `save-failed`. */
  async log(call: CallLog): Promise<SavedLog> {
    try {
      const taskId = await this.options.saveLog(call);
      return { via: 'workspace', taskId };
    } catch (error) {
      throw asBridgeError('save-failed', 'saving the call log failed', error);
    }
  }

  private async find(interaction: Interaction): Promise<RecordRef | null> {
    const findRecord = this.options.findRecord;
    if (findRecord === undefined || interaction.searchKeys.length === 0) return null;
    try {
      return await findRecord(interaction.searchKeys, callTypeOf(interaction));
    } catch (error) {
      throw asBridgeError('workspace-failed', 'searching for the record failed', error);
    }
  }

  // Skips openTab when the record is already in front; any failure just means "not known".
  private async focusedTab(): Promise<{ tabId: string | null; recordId: string | null } | null> {
    try {
      const info = await this.workspace.getFocusedTabInfo();
      return { tabId: stringField(info, 'tabId'), recordId: stringField(info, 'recordId') };
    } catch {
      return null;
    }
  }
}
