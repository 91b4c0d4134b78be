import { Directory } from 'c/contactPadCore';
import { DirectoryModel } from '../directoryModel';
import { ROW_HEIGHT, VISIBLE_ROWS, scrollToShow, windowAt } from '../virtualWindow';

const agent = (id, name, presence = 'available-now') => ({ type: 'agent', id, name, presence });
const service = (id, name, consultable = true) => ({
  type: 'service',
  id,
  name,
  waiting: 0,
  consultable,
});

function model(mode = 'consult') {
  const m = new DirectoryModel();
  m.directory = new Directory([
    agent('a-ann', 'Ann Able'),
    agent('a-bob', 'Bob Baker', 'logged-out'),
    agent('a-cy', 'Cy Cole'),
    service('s-help', 'Help', false),
    service('s-sales', 'Sales'),
  ]);
  m.mode = mode;
  m.kind = 'live';
  m.relist(false);
  return m;
}

function nameOf(m, selection) {
  if (selection.index === null) return null;
  return m.listing.at(selection.index).entry.name;
}

describe('c-contact-pad-directory DirectoryModel', () => {
  it('highlights with the arrows, selects nothing until Return', () => {
    const m = model();
    expect(m.move('next')).toBe(true);
    expect(nameOf(m, m.active)).toBe('Ann Able');
    m.move('next');
    expect(nameOf(m, m.active)).toBe('Cy Cole');
    expect(m.chosen.index).toBeNull();
    expect(m.target()).toBeNull();
  });

  it('Return selects the highlighted row, then connects it', () => {
    const m = model();
    m.move('next');
    expect(m.enter()).toBeNull();
    expect(nameOf(m, m.chosen)).toBe('Ann Able');
    expect(m.enter()).toEqual({ type: 'agent', id: 'a-ann' });
  });

  it('Return on another highlighted row selects that one, not connects', () => {
    const m = model();
    m.move('next');
    m.enter();
    m.move('next');
    expect(m.enter()).toBeNull();
    expect(nameOf(m, m.chosen)).toBe('Cy Cole');
  });

  it('skips a service nobody can take a consult in; a transfer may go there', () => {
    const m = model();
    m.move('last');
    expect(nameOf(m, m.active)).toBe('Sales');
    m.move('previous');
    expect(nameOf(m, m.active)).toBe('Cy Cole');
    const t = model('transfer');
    t.features = { transferToService: true };
    t.relist(false);
    t.move('last');
    t.move('previous');
    expect(nameOf(t, t.active)).toBe('Help');
  });

  it('a click selects a row that can be chosen, nothing else', () => {
    const m = model();
    m.click(1);
    expect(m.chosen.index).toBeNull();
    m.click(2);
    expect(nameOf(m, m.chosen)).toBe('Cy Cole');
    expect(m.target()).toEqual({ type: 'agent', id: 'a-cy' });
  });

  it('a number typed connects the number; a unique whole name is selected by itself', () => {
    const m = model();
    expect(m.setQuery('+44 20 7946 0000')).toBe(true);
    expect(m.setQuery('+44 20 7946 0000')).toBe(false);
    expect(m.noMatches).toBe(true);
    expect(m.enter()).toEqual({ type: 'number', number: '+442079460000' });
    m.setQuery('Cy Cole');
    expect(nameOf(m, m.chosen)).toBe('Cy Cole');
    expect(m.enter()).toEqual({ type: 'agent', id: 'a-cy' });
  });
});

describe('c-contact-pad-directory virtual window', () => {
  it('shows at least ten rows and scrolls the least to show a row in full', () => {
    expect(VISIBLE_ROWS).toBeGreaterThanOrEqual(10);
    expect(scrollToShow(3, 0)).toBeNull();
    expect(scrollToShow(VISIBLE_ROWS, 0)).toBe(ROW_HEIGHT);
    expect(scrollToShow(2, 5 * ROW_HEIGHT)).toBe(2 * ROW_HEIGHT);
    expect(windowAt(0, 3)).toEqual({ from: 0, to: 3 });
    const { from, to } = windowAt(100 * ROW_HEIGHT, 1000);
    expect(from).toBeLessThan(100);
    expect(to).toBeGreaterThanOrEqual(100 + VISIBLE_ROWS);
  });
});
