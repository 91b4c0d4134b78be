/**
 * The case connector's rules as the package declares them: the ContactPad Case Rule and
 * ContactPad Setting custom metadata records in force-app (customMetadata/*.md-meta.xml), read
 * here so the workbench routes its Cases by the same records the Apex reads in an org. A rule
 * takes a Case when it is active, names a service, and each condition (origin, record type, owner
 * queue) is blank or equals the Case's, ignoring case; the first by Sort Order (blank last), then
 * developer name, wins: as ContactPadCaseConfig.cls.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export const CUSTOM_METADATA_DIR = resolve(
  __dirname,
  '..',
  '..',
  'force-app',
  'main',
  'default',
  'customMetadata',
);

export interface CaseRule {
  /** The record's developer name (its file name after the type). */
  readonly name: string;
  readonly active: boolean;
  readonly origin: string | null;
  readonly recordType: string | null;
  readonly ownerQueue: string | null;
  readonly serviceId: string | null;
  /** 0-9 (blank: 0). */
  readonly priority: number;
  readonly sortOrder: number | null;
}

/** What a rule looks at on a Case (developer names; null when the Case has none). */
export interface CaseFacts {
  readonly origin: string | null;
  readonly recordType: string | null;
  readonly ownerQueue: string | null;
}

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: true });

/** The `values` of a CustomMetadata record file: field -> text (null for xsi:nil or none). */
export function metadataValues(xml: string): Map<string, string | null> {
  const parsed = parser.parse(xml) as {
    CustomMetadata?: { values?: unknown };
  };
  const values = parsed.CustomMetadata?.values;
  const list = (Array.isArray(values) ? values : values === undefined ? [] : [values]) as {
    field?: unknown;
    value?: unknown;
  }[];
  return new Map(
    list.map((entry) => {
      const value = entry.value;
      const text =
        typeof value === 'string'
          ? value
          : typeof value === 'object' && value !== null && '#text' in value
            ? String((value as Record<string, unknown>)['#text'])
            : null;
      return [String(entry.field), text === null || text.trim() === '' ? null : text.trim()];
    }),
  );
}

const numberOf = (text: string | null | undefined): number | null => {
  const value = text === null || text === undefined ? NaN : Number(text);
  return Number.isFinite(value) ? value : null;
};

/** One rule from its record's values. */
export function ruleOf(name: string, values: ReadonlyMap<string, string | null>): CaseRule {
  const priority = numberOf(values.get('Priority__c'));
  return {
    name,
    active: values.get('Active__c') === 'true',
    origin: values.get('Origin__c') ?? null,
    recordType: values.get('Record_Type__c') ?? null,
    ownerQueue: values.get('Owner_Queue__c') ?? null,
    serviceId: values.get('Service_Id__c') ?? null,
    priority: priority === null ? 0 : Math.max(0, Math.min(9, Math.trunc(priority))),
    sortOrder: numberOf(values.get('Sort_Order__c')),
  };
}

/** The records of one custom metadata type in a folder, by developer name. */
function recordsOf(dir: string, type: string): Map<string, Map<string, string | null>> {
  const prefix = `${type}.`;
  return new Map(
    readdirSync(dir)
      .filter((file) => file.startsWith(prefix) && file.endsWith('.md-meta.xml'))
      .map((file) => [
        file.slice(prefix.length, -'.md-meta.xml'.length),
        metadataValues(readFileSync(join(dir, file), 'utf8')),
      ]),
  );
}

/** Every ContactPad Case Rule the package ships. */
export function loadCaseRules(dir: string = CUSTOM_METADATA_DIR): CaseRule[] {
  return [...recordsOf(dir, 'ContactPad_Case_Rule')].map(([name, values]) => ruleOf(name, values));
}

/** The Default setting's Case Status on Release (null: unchanged). */
export function loadStatusOnRelease(dir: string = CUSTOM_METADATA_DIR): string | null {
  return (
    recordsOf(dir, 'ContactPad_Setting').get('Default')?.get('Case_Status_On_Release__c') ?? null
  );
}

/**
 * The package ships its rules off, so a new org sends nothing before its admin has entered the
 * connector credential; the workbench stands in for an org whose admin turned these on.
 */
export const WORKBENCH_ACTIVE_RULES: readonly string[] = ['Web_Support'];

/** The rules with those named turned on, as an admin does in Setup. */
export function activated(rules: readonly CaseRule[], names: readonly string[]): CaseRule[] {
  return rules.map((rule) => (names.includes(rule.name) ? { ...rule, active: true } : rule));
}

/** The rules that may take a Case, in the order they are tried. */
export function activeRules(rules: readonly CaseRule[]): CaseRule[] {
  return rules
    .filter((rule) => rule.active && rule.serviceId !== null)
    .sort((a, b) => {
      if (a.sortOrder !== b.sortOrder) {
        if (a.sortOrder === null) return 1;
        if (b.sortOrder === null) return -1;
        return a.sortOrder - b.sortOrder;
      }
      return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    });
}

const condition = (wanted: string | null, actual: string | null): boolean =>
  wanted === null ||
  wanted.trim() === '' ||
  (actual !== null && wanted.trim().toLowerCase() === actual.trim().toLowerCase());

/** Whether one rule's conditions hold for a Case. */
export const matches = (rule: CaseRule, facts: CaseFacts): boolean =>
  condition(rule.origin, facts.origin) &&
  condition(rule.recordType, facts.recordType) &&
  condition(rule.ownerQueue, facts.ownerQueue);

/** The rule that takes a Case, or null. */
export function ruleFor(rules: readonly CaseRule[], facts: CaseFacts): CaseRule | null {
  return activeRules(rules).find((rule) => matches(rule, facts)) ?? null;
}
