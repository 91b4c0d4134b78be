import type { Task } from '../fixtures';
import { RecordStore } from '../fixtures';
import { BridgeLogModel } from './bridgeLog';
import { formatDuration, homeGroups, recordView, taskLine } from './records';

const task: Task = {
  Id: '00T000000000001',
  Subject: 'Call',
  Status: 'Completed',
  TaskSubtype: 'Call',
  ActivityDate: '2026-12-01',
  CallType: 'Inbound',
  CallDurationInSeconds: 125,
  CallObject: 'i-1',
  CallDisposition: 'Resolved',
  Description: 'Asked about her router.',
  WhoId: null,
  WhatId: null,
  source: 'opencti',
  createdAt: 0,
};

describe('records', () => {
  test('a Task line: date, type, duration, disposition, how it was saved', () => {
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(null)).toBe('');
    expect(taskLine(task)).toBe(
      '2026-12-01 · Inbound · 2:05 · Resolved · saved by the bridge (saveLog)',
    );
    expect(taskLine({ ...task, CallDurationInSeconds: null, source: 'apex' })).toBe(
      '2026-12-01 · Inbound · Resolved · saved by Apex',
    );
  });

  test('phone fields are click-to-dial only while the bridge says so', () => {
    const contact = new RecordStore().records.find((r) => r.objectType === 'Contact')!;
    const phoneOf = (dial: boolean) =>
      recordView({ ...contact, tasks: [task] }, dial).fields.find(
        (f) => f.tel === `tel:${f.value}` && f.dial,
      );
    expect(phoneOf(false)).toBeUndefined();
    expect(phoneOf(true)?.value).toMatch(/^\+/);
    const view = recordView({ ...contact, tasks: [task] }, false);
    expect(view.activityTitle).toBe('Activity (1)');
    expect(view.iconClass).toBe('slds-icon_container slds-icon-standard-contact');
  });

  test('home lists records by object type with their Tasks counted', () => {
    const records = new RecordStore().records.map((r, n) => ({
      ...r,
      tasks: n === 0 ? [task] : [],
    }));
    const groups = homeGroups(records);
    expect(groups.map((g) => g.title)).toEqual(['Accounts', 'Contacts', 'Cases']);
    expect(groups.flatMap((g) => g.records)).toHaveLength(records.length);
    expect(groups.flatMap((g) => g.records).filter((r) => r.tasks === ' (1 tasks)')).toHaveLength(
      1,
    );
  });

  test('the bridge log keeps the newest 50 calls, newest first', () => {
    const log = new BridgeLogModel(() => new Date(0));
    for (let n = 0; n < 55; n += 1) log.log('screenPop', { n });
    expect(log.state.lines).toHaveLength(50);
    expect(log.state.lines[0]?.text).toMatch(/screenPop \{"n":54\}$/);
  });
});
