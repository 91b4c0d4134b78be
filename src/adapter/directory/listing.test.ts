import { Directory } from './directory';
import { consultListing, listDirectory, transferListing } from './listing';
import { agent, service } from './testing';

function directory(): Directory {
  return new Directory([
    agent('Ann Available', 'available-now'),
    agent('Ivo Interruptible', 'interruptible'),
    agent('Liz Loggedin', 'logged-in'),
    agent('Otto Loggedout', 'logged-out'),
    service('Billing', 4),
    service('Room 101', 0),
  ]);
}

describe('consultListing (B5)', () => {
  it('lists agents and services; only Available now and Interruptible agents can be chosen', () => {
    const listing = consultListing(directory(), '');
    const rows = listing.slice(0, listing.length);
    expect(rows.map((row) => [row.entry.name, row.selectable])).toEqual([
      ['Ann Available', true],
      ['Billing', true],
      ['Ivo Interruptible', true],
      ['Liz Loggedin', false],
      ['Otto Loggedout', false],
      ['Room 101', true],
    ]);
    expect(rows[3]?.reason).toMatch(
      /^Logged in: only agents who are Available now or Interruptible/,
    );
    expect(rows[4]?.reason).toMatch(/^Logged out: /);
    expect(rows[0]).toMatchObject({ reason: null, presence: 'Available now', note: null });
    expect(rows[1]).toMatchObject({ reason: null, presence: null, key: 'service:s-Billing' });
    expect([0, 3, 5].map((i) => listing.isSelectable(i))).toEqual([true, false, true]);
    expect(listing.number).toBeNull();
  });

  it('offers a service only while someone in it can take a consult; transfer to it stays', () => {
    const dir = new Directory([
      service('Billing', 4),
      service('Support', 0, 's-Support', false),
      agent('Ann Available'),
    ]);
    const consult = consultListing(dir, '');
    expect(consult.slice(0, consult.length).map((row) => [row.entry.name, row.selectable])).toEqual(
      [
        ['Ann Available', true],
        ['Billing', true],
        ['Support', false],
      ],
    );
    expect(consult.at(2)?.reason).toBe('Nobody in this service can take a consult now');
    expect(consultListing(dir, 'support').autoSelected).toBeNull();
    const transfer = transferListing(dir, '', { transferToService: true });
    expect(transfer.isSelectable(2)).toBe(true);
    expect(transfer.at(2)?.reason).toBeNull();
  });

  it('offers a typed telephone number to dial, and then lists no matches', () => {
    const listing = consultListing(directory(), '+44 20 7123 4567');
    expect(listing.number).toBe('+442071234567');
    expect(listing.length).toBe(0);
    expect(listing.noMatches).toBe(true);
    expect(listing.autoSelected).toBeNull();
  });

  it('searches names that only contain digits among letters', () => {
    const listing = consultListing(directory(), 'Room 101');
    expect(listing.number).toBeNull();
    expect(listing.at(0)?.entry.name).toBe('Room 101');
    expect(listing.autoSelected).toBe(0);
  });

  it('does not auto-select a whole name that cannot be consulted', () => {
    expect(consultListing(directory(), 'liz loggedin').autoSelected).toBeNull();
    expect(consultListing(directory(), 'ann available').autoSelected).toBe(0);
  });

  it('narrows from the previous listing, but never from a number', () => {
    const dir = directory();
    const number = consultListing(dir, '10');
    expect(number.number).toBe('10');
    const next = consultListing(dir, '10 ', number);
    expect(next.number).toBe('10');
    const word = consultListing(dir, 'o', null);
    expect(
      consultListing(dir, 'ot', word)
        .slice(0, 9)
        .map((row) => row.entry.name),
    ).toEqual(['Otto Loggedout']);
  });
});

describe('transferListing (B6)', () => {
  it('lists every agent, all choosable, with presence and when they can handle it', () => {
    const listing = transferListing(directory(), '', { transferToService: false });
    const rows = listing.slice(0, listing.length);
    expect(rows.map((row) => row.entry.name)).toEqual([
      'Ann Available',
      'Ivo Interruptible',
      'Liz Loggedin',
      'Otto Loggedout',
    ]);
    expect(rows.every((row) => row.selectable && row.reason === null)).toBe(true);
    expect(rows.map((row) => [row.presence, row.note])).toEqual([
      ['Available now', 'Can handle it now'],
      ['Interruptible', 'Can handle it when they become available'],
      ['Logged in', 'Can handle it when they become available'],
      ['Logged out', 'Can handle it when they next log in'],
    ]);
  });

  it('lists services, alphabetically among the agents, with the transfer-to-service feature', () => {
    const listing = transferListing(directory(), '', { transferToService: true });
    expect(listing.slice(0, 9).map((row) => row.entry.name)).toEqual([
      'Ann Available',
      'Billing',
      'Ivo Interruptible',
      'Liz Loggedin',
      'Otto Loggedout',
      'Room 101',
    ]);
  });

  it('never offers a number: a typed number is only a query', () => {
    const listing = transferListing(directory(), '101', { transferToService: true });
    expect(listing.number).toBeNull();
    expect(listing.slice(0, 9).map((row) => row.entry.name)).toEqual(['Room 101']);
    const none = transferListing(directory(), '(415) 555-0100', { transferToService: true });
    expect(none.number).toBeNull();
    expect(none.noMatches).toBe(true);
  });

  it('auto-selects a unique whole name, whatever the presence', () => {
    const listing = transferListing(directory(), 'Otto Loggedout', { transferToService: false });
    expect(listing.autoSelected).toBe(0);
    expect(listing.keyAt(0)).toBe('agent:a-OttoLoggedout');
  });
});

describe('the agent the listing is for', () => {
  it('is listed but can be neither consulted nor given a transfer, nor chosen by typing the name', () => {
    for (const mode of ['consult', 'transfer'] as const) {
      const listing = listDirectory(directory(), 'Ann Available', {
        mode,
        services: true,
        numbers: mode === 'consult',
        self: 'a-AnnAvailable',
      });
      expect(listing.at(0)).toMatchObject({
        selectable: false,
        self: true,
        note: null,
        reason: 'You cannot consult or transfer to yourself',
      });
      expect(listing.isSelectable(0)).toBe(false);
      expect(listing.autoSelected).toBeNull();
    }
    const others = consultListing(directory(), 'Ivo Interruptible');
    expect(others.at(0)).toMatchObject({ selectable: true, self: false });
  });
});
