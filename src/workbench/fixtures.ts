/**
 * The workbench's Salesforce records: a few accounts, contacts and cases with fields, and the
 * Tasks saved on them (call logs from ContactPad through Apex, or from the bridge through Open
 * CTI's saveLog), and the org's Users the Setup page makes agents of. Ids have Salesforce's
 * 18-character form and key prefixes (001, 003, 500, 00T, 005).
 */
import { demoAgents } from '../routing/demo';

export type ObjectType = 'Account' | 'Contact' | 'Case';

export interface FixtureRecord {
  readonly id: string;
  readonly objectType: ObjectType;
  readonly name: string;
  /** Field label -> value, in display order. */
  readonly fields: readonly {
    readonly label: string;
    readonly value: string;
    readonly type?: 'phone' | 'email';
  }[];
  /** What searchAndScreenPop matches: telephone numbers and e-mail addresses. */
  readonly searchKeys: readonly string[];
}

export interface Task {
  readonly Id: string;
  readonly Subject: string;
  readonly Status: string;
  readonly TaskSubtype: string;
  readonly ActivityDate: string | null;
  readonly CallType: string | null;
  readonly CallDurationInSeconds: number | null;
  readonly CallObject: string | null;
  readonly CallDisposition: string | null;
  readonly Description: string;
  readonly WhoId: string | null;
  readonly WhatId: string | null;
  /** How it was saved: 'opencti' (the bridge's saveLog) or 'apex' (ContactPad's fallback). */
  readonly source: 'opencti' | 'apex';
  readonly createdAt: number;
}

const idOf = (prefix: string, n: number) => `${prefix}WB${String(n).padStart(10, '0')}AAA`;

export const ACCOUNT_IDS = [idOf('001', 1), idOf('001', 2), idOf('001', 3)] as const;
export const CONTACT_IDS = [idOf('003', 1), idOf('003', 2), idOf('003', 3)] as const;
export const CASE_IDS = [idOf('500', 1), idOf('500', 2), idOf('500', 3)] as const;

/** The simulator's customers: each is a fixture contact with a case of their own. */
export const CUSTOMERS = [
  {
    key: 'maria',
    name: 'Maria Garcia',
    phone: '+14155550101',
    email: 'maria.garcia@example.com',
    contactId: CONTACT_IDS[0],
    caseId: CASE_IDS[0],
  },
  {
    key: 'john',
    name: 'John Smith',
    phone: '+14155550102',
    email: 'john.smith@example.com',
    contactId: CONTACT_IDS[1],
    caseId: CASE_IDS[1],
  },
  {
    key: 'priya',
    name: 'Priya Shah',
    phone: '+14155550103',
    email: 'priya.shah@example.com',
    contactId: CONTACT_IDS[2],
    caseId: CASE_IDS[2],
  },
] as const;

export type Customer = (typeof CUSTOMERS)[number];

/** A Salesforce User of the workbench's org, as ContactPadSetupController.searchUsers finds it. */
export interface FixtureUser {
  readonly userId: string;
  readonly name: string;
  readonly username: string;
  /** What the session Apex uses as the agent id when set (else the User Id). */
  readonly federationId: string | null;
}

/** The most users one search answers (as the Apex's SOQL LIMIT). */
export const MAX_USER_MATCHES = 20;

/**
 * The org's Users: the demo's agents (Federation Id = their agent id) and a few people who are not
 * agents yet: one without a Federation Id (their agent id is their User Id), one whose Federation
 * Id is an e-mail address (not an id the routing service takes).
 */
export function fixtureUsers(): FixtureUser[] {
  const user = (n: number, name: string, federationId: string | null): FixtureUser => ({
    userId: idOf('005', n),
    name,
    username: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@contactpad.example`,
    federationId,
  });
  const others: [string, string | null][] = [
    ['Kim Novak', 'kim-novak'],
    ['Lars Berg', null],
    ['Mia Wong', 'mia-wong'],
    ['Nora Quinn', 'nora-quinn'],
    ['Omar Haddad', 'omar-haddad'],
    ['Rui Santos', 'rui.santos@contactpad.example'],
  ];
  return [
    ...demoAgents().map((agent, n) => user(n + 1, agent.name, agent.id)),
    ...others.map(([name, federationId], n) => user(100 + n, name, federationId)),
  ];
}

/**
 * Users whose name holds every word typed (case and accents aside), by name, at most
 * MAX_USER_MATCHES; nothing for a blank term.
 */
export function searchUsers(users: readonly FixtureUser[], term: string): FixtureUser[] {
  const fold = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
  const words = fold(term).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return users
    .filter((user) => words.every((word) => fold(user.name).includes(word)))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, MAX_USER_MATCHES);
}

export function fixtureRecords(): FixtureRecord[] {
  const accounts: [string, string, string, string, string][] = [
    ['Acme Corporation', 'Manufacturing', '+14155550100', 'San Francisco', 'Hot'],
    ['Globex Inc.', 'Energy', '+12125550100', 'New York', 'Warm'],
    ['Initech', 'Technology', '+15125550100', 'Austin', 'Cold'],
  ];
  const records: FixtureRecord[] = accounts.map(([name, industry, phone, city, rating], n) => ({
    id: ACCOUNT_IDS[n] as string,
    objectType: 'Account',
    name,
    fields: [
      { label: 'Account Name', value: name },
      { label: 'Phone', value: phone, type: 'phone' },
      { label: 'Industry', value: industry },
      { label: 'Billing City', value: city },
      { label: 'Rating', value: rating },
    ],
    searchKeys: [phone],
  }));
  const titles = ['Head of Operations', 'Finance Manager', 'IT Director'];
  CUSTOMERS.forEach((customer, n) => {
    records.push({
      id: customer.contactId,
      objectType: 'Contact',
      name: customer.name,
      fields: [
        { label: 'Name', value: customer.name },
        { label: 'Account Name', value: accounts[n]?.[0] ?? '' },
        { label: 'Title', value: titles[n] ?? '' },
        { label: 'Phone', value: customer.phone, type: 'phone' },
        { label: 'Email', value: customer.email, type: 'email' },
      ],
      searchKeys: [customer.phone, customer.email],
    });
  });
  const cases: [string, string, string, string][] = [
    ['00001001', 'Router does not start after the update', 'New', 'High'],
    ['00001002', 'Invoice charged twice in March', 'Working', 'Medium'],
    ['00001003', 'Return a damaged item', 'Escalated', 'Low'],
  ];
  cases.forEach(([number, subject, status, priority], n) => {
    const customer = CUSTOMERS[n];
    records.push({
      id: CASE_IDS[n] as string,
      objectType: 'Case',
      name: number,
      fields: [
        { label: 'Case Number', value: number },
        { label: 'Subject', value: subject },
        { label: 'Contact Name', value: customer?.name ?? '' },
        { label: 'Status', value: status },
        { label: 'Priority', value: priority },
        { label: CASE_OWNER, value: 'Support Queue' },
      ],
      searchKeys: [],
    });
  });
  return records;
}

/** The Case field that names its owner (a queue, or the User it was assigned to). */
export const CASE_OWNER = 'Case Owner';

/** The records and their Tasks, in memory; Cases may be added and their fields changed. */
export class RecordStore {
  private readonly list: FixtureRecord[] = fixtureRecords();
  private readonly tasks: Task[] = [];
  private counter = 0;
  private casesAdded = 0;

  get records(): readonly FixtureRecord[] {
    return this.list;
  }

  /** A new Case with these fields after its Case Number (the id and number are the store's). */
  addCase(fields: FixtureRecord['fields']): FixtureRecord {
    this.casesAdded += 1;
    const number = String(1003 + this.casesAdded).padStart(8, '0');
    const added: FixtureRecord = {
      id: idOf('500', 100 + this.casesAdded),
      objectType: 'Case',
      name: number,
      fields: [{ label: 'Case Number', value: number }, ...fields],
      searchKeys: [],
    };
    this.list.push(added);
    return added;
  }

  /** Sets one field of a record (added last when it has none); the record as it is now. */
  setField(id: string, label: string, value: string): FixtureRecord | undefined {
    const found = this.record(id);
    if (found === undefined) return undefined;
    const has = found.fields.some((field) => field.label === label);
    const changed: FixtureRecord = {
      ...found,
      fields: has
        ? found.fields.map((field) => (field.label === label ? { ...field, value } : field))
        : [...found.fields, { label, value }],
    };
    this.list[this.list.indexOf(found)] = changed;
    return changed;
  }

  record(id: string): FixtureRecord | undefined {
    const key = id.slice(0, 15);
    return this.records.find((record) => record.id.slice(0, 15) === key);
  }

  /** Records whose search keys or name contain the query (digits compared without formatting). */
  search(query: string): FixtureRecord[] {
    const text = query.trim().toLowerCase();
    if (text === '') return [];
    const digits = text.replace(/[^0-9]/g, '');
    return this.records.filter((record) =>
      record.searchKeys.some((key) => {
        const lower = key.toLowerCase();
        if (lower === text) return true;
        return digits.length >= 7 && lower.replace(/[^0-9]/g, '').endsWith(digits);
      }),
    );
  }

  tasksOf(recordId: string): Task[] {
    const key = recordId.slice(0, 15);
    return this.tasks.filter(
      (task) => task.WhoId?.slice(0, 15) === key || task.WhatId?.slice(0, 15) === key,
    );
  }

  allTasks(): Task[] {
    return [...this.tasks];
  }

  /** Stores a Task; returns it with its new id. */
  add(fields: Omit<Task, 'Id' | 'createdAt'>): Task {
    this.counter += 1;
    const task: Task = { ...fields, Id: idOf('00T', this.counter), createdAt: Date.now() };
    this.tasks.push(task);
    return task;
  }
}
