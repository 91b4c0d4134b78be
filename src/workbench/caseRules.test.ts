/**
 * The case rules read from the package's custom metadata records, and matched as the Apex does
 * (ContactPadCaseSenderTest asks the same of ContactPadCaseConfig).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseRule } from './caseRules';
import {
  activated,
  activeRules,
  loadCaseRules,
  loadStatusOnRelease,
  matches,
  ruleFor,
  WORKBENCH_ACTIVE_RULES,
} from './caseRules';

const rule = (change: Partial<CaseRule>): CaseRule => ({
  name: 'R',
  active: true,
  origin: null,
  recordType: null,
  ownerQueue: null,
  serviceId: 'support',
  priority: 7,
  sortOrder: null,
  ...change,
});

const record = (values: [string, string | null, string][]) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
    <label>x</label>
    <protected>false</protected>
${values
  .map(([field, value, type]) =>
    value === null
      ? `    <values><field>${field}</field><value xsi:nil="true"/></values>`
      : `    <values><field>${field}</field><value xsi:type="${type}">${value}</value></values>`,
  )
  .join('\n')}
</CustomMetadata>`;

describe('workbench case rules', () => {
  it('reads the rule the package ships, off until an admin turns it on: web cases to Support', () => {
    const shipped = loadCaseRules();
    expect(shipped).toEqual([
      rule({ name: 'Web_Support', active: false, origin: 'Web', priority: 5, sortOrder: 10 }),
    ]);
    expect(ruleFor(shipped, { origin: 'Web', recordType: null, ownerQueue: null })).toBeNull();
    const workbench = activated(shipped, WORKBENCH_ACTIVE_RULES);
    expect(ruleFor(workbench, { origin: 'Web', recordType: null, ownerQueue: null })?.name).toBe(
      'Web_Support',
    );
    expect(loadStatusOnRelease()).toBeNull();
  });

  it('reads every field of a record, nil and blank as none, priority kept within 0-9', () => {
    const dir = mkdtempSync(join(tmpdir(), 'case-rules-'));
    try {
      writeFileSync(
        join(dir, 'ContactPad_Case_Rule.Queued.md-meta.xml'),
        record([
          ['Active__c', 'true', 'xsd:boolean'],
          ['Origin__c', null, ''],
          ['Owner_Queue__c', 'Tier_2', 'xsd:string'],
          ['Priority__c', '12', 'xsd:double'],
          ['Record_Type__c', ' ', 'xsd:string'],
          ['Service_Id__c', 'billing', 'xsd:string'],
        ]),
      );
      writeFileSync(
        join(dir, 'ContactPad_Setting.Default.md-meta.xml'),
        record([['Case_Status_On_Release__c', 'Closed', 'xsd:string']]),
      );
      writeFileSync(join(dir, 'Other_Type.X.md-meta.xml'), record([]));
      expect(loadCaseRules(dir)).toEqual([
        rule({ name: 'Queued', ownerQueue: 'Tier_2', serviceId: 'billing', priority: 9 }),
      ]);
      expect(loadStatusOnRelease(dir)).toBe('Closed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('tries the active rules with a service by sort order (blank last), then name', () => {
    const rules = [
      rule({ name: 'B', sortOrder: null }),
      rule({ name: 'Off', active: false, sortOrder: 0 }),
      rule({ name: 'NoService', serviceId: null, sortOrder: 0 }),
      rule({ name: 'C', sortOrder: 5 }),
      rule({ name: 'A', sortOrder: null }),
      rule({ name: 'D', sortOrder: 1 }),
    ];
    expect(activeRules(rules).map((r) => r.name)).toEqual(['D', 'C', 'A', 'B']);
  });

  it('matches origin, record type and owner queue; blank is anything, case is ignored', () => {
    const facts = { origin: 'Web', recordType: 'Complaint', ownerQueue: 'Tier_2' };
    expect(matches(rule({}), facts)).toBe(true);
    expect(matches(rule({ origin: 'web' }), facts)).toBe(true);
    expect(matches(rule({ origin: 'Email' }), facts)).toBe(false);
    expect(matches(rule({ recordType: 'complaint' }), facts)).toBe(true);
    expect(matches(rule({ recordType: 'Query' }), facts)).toBe(false);
    expect(matches(rule({ recordType: 'Query' }), { ...facts, recordType: null })).toBe(false);
    expect(matches(rule({ ownerQueue: 'TIER_2' }), facts)).toBe(true);
    expect(matches(rule({ ownerQueue: 'Tier_1' }), { ...facts, ownerQueue: null })).toBe(false);
    const first = rule({ name: 'Queue', ownerQueue: 'Tier_2', sortOrder: 1 });
    const second = rule({ name: 'Origin', origin: 'Web', sortOrder: 2 });
    expect(ruleFor([second, first], facts)?.name).toBe('Queue');
    expect(ruleFor([second, first], { ...facts, ownerQueue: null })?.name).toBe('Origin');
    expect(ruleFor([rule({ active: false })], facts)).toBeNull();
  });
});
