import type { TimerRecord } from './store';
import { MemoryStore } from './memoryStore';

const timer = (id: string, dueAt: number, accountId = 'a'): TimerRecord => ({
  id,
  accountId,
  kind: 'wrap-end',
  ref: id,
  dueAt,
});

describe('MemoryStore timers', () => {
  it('has no timers at first', () => {
    const store = new MemoryStore();
    expect(store.nextDueAt()).toBeUndefined();
    expect(store.dueTimers(Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('lists the due timers earliest first, and leaves them until deleted', () => {
    const store = new MemoryStore();
    store.saveTimer(timer('late', 300));
    store.saveTimer(timer('early', 100));
    store.saveTimer(timer('middle', 200));
    expect(store.nextDueAt()).toBe(100);
    expect(store.dueTimers(99)).toEqual([]);
    expect(store.dueTimers(200).map((t) => t.id)).toEqual(['early', 'middle']);
    // Listing does not consume them.
    expect(store.dueTimers(200).map((t) => t.id)).toEqual(['early', 'middle']);
    expect(store.dueTimers(1000, 1).map((t) => t.id)).toEqual(['early']);
    store.deleteTimer('early');
    expect(store.nextDueAt()).toBe(200);
    expect(store.dueTimers(1000).map((t) => t.id)).toEqual(['middle', 'late']);
  });

  it('saving a timer with the same id replaces it', () => {
    const store = new MemoryStore();
    store.saveTimer(timer('t', 100));
    store.saveTimer(timer('u', 150));
    store.saveTimer(timer('t', 500));
    expect(store.nextDueAt()).toBe(150);
    expect(store.dueTimers(200).map((t) => t.id)).toEqual(['u']);
    expect(store.dueTimers(500)).toEqual([timer('u', 150), timer('t', 500)]);
  });

  it('deleting an unknown timer does nothing', () => {
    const store = new MemoryStore();
    store.saveTimer(timer('t', 100));
    store.deleteTimer('nope');
    expect(store.dueTimers(100)).toHaveLength(1);
  });
});

describe('MemoryStore records and ranked sets', () => {
  it('keeps records per account', () => {
    const store = new MemoryStore();
    store.saveService({ accountId: 'a', id: 's', name: 'S' });
    store.saveService({ accountId: 'b', id: 's', name: 'Other S' });
    expect(store.service('a', 's')?.name).toBe('S');
    expect(store.service('b', 's')?.name).toBe('Other S');
    expect(store.services('a')).toHaveLength(1);
    expect(store.services('c')).toEqual([]);
    expect(store.agents('a')).toEqual([]);
    expect(store.interactions('a')).toEqual([]);
  });

  it('ranked sets come and go', () => {
    const store = new MemoryStore();
    expect(store.rankFirst('q')).toBeUndefined();
    expect(store.rankSize('q')).toBe(0);
    store.rankAdd('q', 'x', [2]);
    store.rankAdd('q', 'y', [1]);
    expect(store.rankFirst('q')).toBe('y');
    expect(store.rankMembers('q', 10)).toEqual(['y', 'x']);
    store.rankRemove('q', 'y');
    store.rankRemove('q', 'x');
    store.rankRemove('q', 'x');
    store.rankRemove('nope', 'x');
    expect(store.rankSize('q')).toBe(0);
    expect(store.rankMembers('q', 10)).toEqual([]);
  });

  it('counts arrival order', () => {
    const store = new MemoryStore();
    expect(store.nextOrder()).toBe(1);
    expect(store.nextOrder()).toBe(2);
  });
});
