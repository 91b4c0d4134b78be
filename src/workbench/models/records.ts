/**
 * How the console shows fixture records: a record page (header, details with click-to-dial phone
 * numbers, the Tasks saved on it) and the home page's lists of records by object type.
 */
import type { Task } from '../fixtures';
import type { WorkbenchRecord } from './updates';

const OBJECT_ICONS: Readonly<Record<string, string>> = {
  Account: 'account',
  Contact: 'contact',
  Case: 'case',
};

/** A record's page as the record component renders it. */
export interface RecordView {
  readonly id: string;
  readonly name: string;
  readonly objectType: string;
  readonly iconName: string;
  readonly iconClass: string;
  readonly iconHref: string;
  readonly fields: readonly {
    readonly key: string;
    readonly label: string;
    readonly value: string;
    /** Set when the value is a click-to-dial link. */
    readonly dial: boolean;
    readonly tel: string;
  }[];
  readonly tasks: readonly {
    readonly id: string;
    readonly subject: string;
    readonly line: string;
    readonly description: string;
  }[];
  readonly activityTitle: string;
}

/** m:ss of a call's duration, or '' without one. */
export function formatDuration(seconds: number | null): string {
  if (typeof seconds !== 'number') return '';
  const m = Math.floor(seconds / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return `${m}:${s}`;
}

/** A Task's second line: date, type, duration, disposition, how it was saved. */
export function taskLine(task: Task): string {
  return [
    task.ActivityDate,
    task.CallType,
    formatDuration(task.CallDurationInSeconds),
    task.CallDisposition,
    task.source === 'opencti' ? 'saved by the bridge (saveLog)' : 'saved by Apex',
  ]
    .filter((part) => part)
    .join(' · ');
}

/** An SLDS sprite icon's address. */
export const iconHref = (sprite: string, name: string): string =>
  `/slds/icons/${sprite}-sprite/svg/symbols.svg#${name}`;

export function recordView(record: WorkbenchRecord, clickToDial: boolean): RecordView {
  const iconName = OBJECT_ICONS[record.objectType] ?? 'record';
  return {
    id: record.id,
    name: record.name,
    objectType: record.objectType,
    iconName,
    iconClass: `slds-icon_container slds-icon-standard-${iconName}`,
    iconHref: iconHref('standard', iconName),
    fields: record.fields.map((field, n) => ({
      key: `${n}`,
      label: field.label,
      value: field.value,
      dial: clickToDial && field.type === 'phone',
      tel: `tel:${field.value}`,
    })),
    tasks: record.tasks.map((task) => ({
      id: task.Id,
      subject: task.Subject,
      line: taskLine(task),
      description: task.Description,
    })),
    activityTitle: `Activity (${record.tasks.length})`,
  };
}

/** The home page's cards: records by object type, each with its count of Tasks. */
export function homeGroups(records: readonly WorkbenchRecord[]) {
  return (['Account', 'Contact', 'Case'] as const).map((objectType) => ({
    objectType,
    title: objectType === 'Case' ? 'Cases' : `${objectType}s`,
    records: records
      .filter((record) => record.objectType === objectType)
      .map((record) => ({
        id: record.id,
        name: record.name,
        href: `#${record.id}`,
        tasks: record.tasks.length > 0 ? ` (${record.tasks.length} tasks)` : '',
      })),
  }));
}
