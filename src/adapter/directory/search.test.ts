import { Directory } from './directory';
import { agent, service } from './testing';

const ALL = { services: true };

function names(directory: Directory, query: string, services = true): string[] {
  return directory
    .search(query, { services })
    .slice(0, Infinity)
    .map((entry) => entry.name);
}

describe('Directory search', () => {
  it('ranks whole name, name prefix, later-word prefix, then any substring', () => {
    const directory = new Directory([
      agent('Bob Annan'), // rank 2: later word starts with "ann"
      agent('Joanna Ruiz'), // rank 3
      agent('Ann'), // rank 0
      agent('Annabel Lee'), // rank 1
      agent('Carl Zhou'), // no match
      agent('Anne Marie'), // rank 1
      service('Channel Sales'), // rank 3
    ]);
    const result = directory.search('ann', ALL);
    expect(result.slice(0, 10).map((entry) => entry.name)).toEqual([
      'Ann',
      'Annabel Lee',
      'Anne Marie',
      'Bob Annan',
      'Channel Sales',
      'Joanna Ruiz',
    ]);
    expect([0, 1, 2, 3, 4, 5].map((i) => result.rankAt(i))).toEqual([0, 1, 1, 2, 3, 3]);
    expect(result.length).toBe(6);
    expect(result.at(6)).toBeUndefined();
  });

  it('is case- and accent-insensitive both ways', () => {
    const directory = new Directory([
      agent('José García'),
      agent('Zoë Straße'),
      agent('Jose Ruiz'),
    ]);
    expect(names(directory, 'jose')).toEqual(['José García', 'Jose Ruiz']);
    expect(names(directory, 'JOSÉ gar')).toEqual(['José García']);
    expect(names(directory, 'ZOE')).toEqual(['Zoë Straße']);
    expect(names(directory, 'strasse')).toEqual(['Zoë Straße']);
  });

  it('lists alphabetically within a rank by folded name, then id', () => {
    const directory = new Directory([
      agent('Émile Zola', 'available-now', 'z2'),
      agent('emile zola', 'available-now', 'z1'),
      agent('Eve Adams'),
      agent('Ángel Ruiz'),
      agent('Dan Öberg'),
    ]);
    expect(directory.all().map((entry) => entry.id)).toEqual([
      'a-ngelRuiz',
      'a-Danberg',
      'z1',
      'z2',
      'a-EveAdams',
    ]);
    expect(names(directory, '')).toEqual([
      'Ángel Ruiz',
      'Dan Öberg',
      'emile zola',
      'Émile Zola',
      'Eve Adams',
    ]);
  });

  it('auto-selects a whole name only when it is unique in the listing', () => {
    const directory = new Directory([agent('Ann Lee'), agent('Ann Leeds'), agent('Bo Ng')]);
    expect(directory.search('ann lee', ALL).autoSelected).toBe(0);
    expect(directory.search('ann le', ALL).autoSelected).toBeNull();
    directory.apply([agent('Ann Lee', 'logged-out', 'other-ann')]);
    expect(directory.search('ann lee', ALL).autoSelected).toBeNull();
  });

  it('leaves services out when asked, and counts uniqueness without them', () => {
    const directory = new Directory([service('Sales'), agent('Sales', 'available-now', 'sales')]);
    expect(directory.search('sales', ALL).autoSelected).toBeNull();
    const agentsOnly = directory.search('sales', { services: false });
    expect(agentsOnly.slice(0, 5).map((entry) => entry.type)).toEqual(['agent']);
    expect(agentsOnly.autoSelected).toBe(0);
  });

  it('finds an entry by key in a result', () => {
    const directory = new Directory([agent('Ann Lee'), agent('Joanna Ruiz'), agent('Bob Annan')]);
    const result = directory.search('ann', ALL);
    expect(result.indexOfKey('agent:a-JoannaRuiz')).toBe(2);
    expect(result.indexOfKey('agent:a-BobAnnan')).toBe(1);
    expect(result.indexOfKey('agent:a-AnnLee')).toBe(0);
    expect(result.indexOfKey('agent:nobody')).toBe(-1);
    expect(directory.search('ruiz', ALL).indexOfKey('agent:a-AnnLee')).toBe(-1);
  });

  it('reflects upserts and removals, keeping earlier results unchanged', () => {
    const directory = new Directory([agent('Ann Lee'), agent('Bob Stone'), service('Billing')]);
    const before = directory.search('b', ALL);
    directory.apply(
      [
        agent('Ann Lee', 'logged-out'),
        agent('Abby Ng'),
        agent('Bob Stone-Baker', 'logged-in', 'a-BobStone'),
      ],
      [{ type: 'service', id: 's-Billing' }],
    );
    const after = directory.search('b', ALL);
    expect(after.slice(0, 9).map((entry) => entry.name)).toEqual(['Bob Stone-Baker', 'Abby Ng']);
    expect(directory.get({ type: 'agent', id: 'a-AnnLee' })).toMatchObject({
      presence: 'logged-out',
    });
    expect(directory.get({ type: 'service', id: 's-Billing' })).toBeUndefined();
    expect(directory.size).toBe(3);
    expect(before.slice(0, 9).map((entry) => entry.name)).toEqual(['Billing', 'Bob Stone']);
    expect(before.indexOfKey('agent:a-BobStone')).toBe(1);
  });

  it('keeps agent and service ids apart', () => {
    const directory = new Directory([
      agent('Sales Desk', 'available-now', 'sales'),
      service('Sales', 3, 'sales'),
    ]);
    directory.apply([], [{ type: 'service', id: 'sales' }]);
    expect(names(directory, 'sales')).toEqual(['Sales Desk']);
  });

  it('narrows from the previous result to the same answer as a fresh search', () => {
    const directory = new Directory([
      agent('Ann Lee'),
      agent('Hannah Anner'),
      agent('Joann Annabel'),
      service('Annual Reviews'),
      agent('Zed'),
    ]);
    let previous = directory.search('a', ALL);
    for (const query of ['an', 'ann', 'anna', 'annab']) {
      const narrowed = directory.search(query, ALL, previous);
      const fresh = directory.search(query, ALL);
      expect(narrowed.slice(0, 99)).toEqual(fresh.slice(0, 99));
      previous = narrowed;
    }
  });

  it('loads snapshot parts and replaces the directory at the last one', () => {
    const directory = new Directory([agent('Old Timer')]);
    directory.applySnapshotPart(0, 2, [agent('Ann Lee')]);
    expect(names(directory, '')).toEqual(['Old Timer']);
    directory.applySnapshotPart(1, 2, [service('Billing')]);
    expect(names(directory, '')).toEqual(['Ann Lee', 'Billing']);
  });
});
