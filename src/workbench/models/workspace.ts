/**
 * The console's workspace tabs: Home, a tab per record (opened or focused by the Workspace API and
 * Open CTI stand-ins; one tab per record, whatever the id's length), and search pages for searches
 * that found no record or several. Records and their Tasks are pushed by the server; a record not
 * yet pushed is read once.
 */
import { Observable } from './observable';
import type { RequestJson } from './observable';
import type { WorkbenchRecord } from './updates';

export const HOME_TAB = 'tab-home';

/** A record a search found (GET /workbench/api/search). */
export interface SearchMatch {
  readonly id: string;
  readonly name: string;
  readonly objectType: string;
}

export interface Tab {
  readonly id: string;
  readonly title: string;
  readonly recordId: string | null;
  /** The search term of a search page. */
  readonly search: string | null;
  readonly matches: readonly SearchMatch[];
}

/** What the Workspace API's tab infos carry. */
export interface TabInfo {
  readonly tabId: string;
  readonly recordId: string | undefined;
  readonly title: string;
  readonly focused: boolean;
  readonly isSubtab: boolean;
  readonly subtabs: TabInfo[];
  readonly url: string;
  readonly pageReference: { type: string; attributes: Record<string, unknown> };
}

/** What the console tells the Open CTI stand-in when a tab takes the focus. */
export interface Navigation {
  readonly url: string;
  readonly recordId: string;
  readonly recordName: string;
  readonly objectType: string;
}

export interface WorkspaceState {
  readonly tabs: readonly Tab[];
  readonly focused: string;
  readonly records: readonly WorkbenchRecord[];
  /** Phone numbers are click-to-dial links (the bridge turned it on). */
  readonly clickToDial: boolean;
}

const sameRecord = (a: string, b: string) => a.slice(0, 15) === b.slice(0, 15);

export class WorkspaceModel extends Observable<WorkspaceState> {
  private counter = 0;
  /** Tabs being opened, by 15-character id: a second open of the same record waits for the first. */
  private readonly opening = new Map<string, Promise<string>>();

  constructor(
    private readonly request: RequestJson,
    private readonly onNavigated: (navigation: Navigation) => void = () => {},
  ) {
    super({
      tabs: [{ id: HOME_TAB, title: 'Home', recordId: null, search: null, matches: [] }],
      focused: HOME_TAB,
      records: [],
      clickToDial: false,
    });
  }

  allTabIds(): string[] {
    return this.state.tabs.map((tab) => tab.id);
  }

  /** The record shown on a tab, if it is a record's. */
  recordOf(tab: Tab): WorkbenchRecord | undefined {
    const id = tab.recordId;
    return id === null ? undefined : this.state.records.find((r) => sameRecord(r.id, id));
  }

  /** The records and their Tasks, as pushed. */
  receivedRecords(records: readonly WorkbenchRecord[]): void {
    this.set({ records });
  }

  setClickToDial(clickToDial: boolean): boolean {
    this.set({ clickToDial });
    return true;
  }

  private tab(tabId: string): Tab {
    const tab = this.state.tabs.find((t) => t.id === tabId);
    if (tab === undefined) throw new Error(`no tab ${tabId}`);
    return tab;
  }

  /** Opens the record's tab (or finds it); focuses it when asked, or when it is the first. */
  async openRecord(recordId: string, focus: boolean): Promise<string> {
    const open = this.state.tabs.find(
      (t) => t.recordId !== null && sameRecord(t.recordId, recordId),
    );
    if (open !== undefined) {
      if (focus) this.focus(open.id);
      return open.id;
    }
    const key = recordId.slice(0, 15);
    const pending = this.opening.get(key);
    if (pending !== undefined) {
      const tabId = await pending;
      if (focus) this.focus(tabId);
      return tabId;
    }
    const created = this.addRecordTab(recordId, focus);
    this.opening.set(key, created);
    try {
      return await created;
    } finally {
      this.opening.delete(key);
    }
  }

  private async addRecordTab(recordId: string, focus: boolean): Promise<string> {
    let record = this.state.records.find((r) => sameRecord(r.id, recordId));
    if (record === undefined) {
      record = (await this.request(
        `/workbench/api/records/${encodeURIComponent(recordId)}`,
      )) as WorkbenchRecord;
      const known = record;
      this.set({ records: [...this.state.records.filter((r) => r.id !== known.id), known] });
    }
    const tab: Tab = {
      id: `tab-${++this.counter}`,
      title: record.name,
      recordId: record.id,
      search: null,
      matches: [],
    };
    const first = this.state.tabs.length === 1;
    this.set({ tabs: [...this.state.tabs, tab] });
    if (focus || first) this.focus(tab.id);
    return tab.id;
  }

  /** The search page a softphone pops when a search finds no record or several. */
  openSearch(term: string, matches: readonly SearchMatch[]): string {
    const open = this.state.tabs.find((t) => t.search === term);
    if (open !== undefined) {
      this.focus(open.id);
      return open.id;
    }
    const tab: Tab = {
      id: `tab-${++this.counter}`,
      title: `Search: ${term}`,
      recordId: null,
      search: term,
      matches,
    };
    this.set({ tabs: [...this.state.tabs, tab] });
    this.focus(tab.id);
    return tab.id;
  }

  /** Focuses a tab (throws for an unknown one) and tells the softphone where the agent is. */
  focus(tabId: string): boolean {
    const tab = this.tab(tabId);
    this.set({ focused: tabId });
    const record = this.recordOf(tab);
    this.onNavigated({
      url: `/lightning/r/${record?.objectType ?? 'home'}/${tab.recordId ?? ''}/view`,
      recordId: tab.recordId ?? '',
      recordName: record?.name ?? '',
      objectType: record?.objectType ?? '',
    });
    return true;
  }

  /** Closes a tab (never Home); Home takes the focus if it had it. */
  close(tabId: string): boolean {
    if (tabId === HOME_TAB || !this.state.tabs.some((t) => t.id === tabId)) return false;
    this.set({ tabs: this.state.tabs.filter((t) => t.id !== tabId) });
    if (this.state.focused === tabId) this.focus(HOME_TAB);
    return true;
  }

  setLabel(tabId: string, title: string): boolean {
    this.tab(tabId);
    this.set({ tabs: this.state.tabs.map((t) => (t.id === tabId ? { ...t, title } : t)) });
    return true;
  }

  tabInfo(tabId: string): TabInfo {
    const tab = this.tab(tabId);
    const record = this.recordOf(tab);
    return {
      tabId: tab.id,
      recordId: tab.recordId ?? undefined,
      title: tab.title,
      focused: tab.id === this.state.focused,
      isSubtab: false,
      subtabs: [],
      url: `/lightning/r/${record?.objectType ?? 'home'}/${tab.recordId ?? ''}/view`,
      pageReference: record
        ? {
            type: 'standard__recordPage',
            attributes: {
              recordId: tab.recordId,
              objectApiName: record.objectType,
              actionName: 'view',
            },
          }
        : { type: 'standard__namedPage', attributes: { pageName: 'home' } },
    };
  }
}
