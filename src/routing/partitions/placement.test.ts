import type { Member } from '../store/registry';
import { ownerOf } from './placement';

const member = (id: string): Member => ({ id, url: `http://127.0.0.1/${id}` });
const accounts = Array.from({ length: 400 }, (_, n) => `account-${n}`);

describe('ownerOf (rendezvous placement)', () => {
  it('is the same whatever order the members are listed in, and none without members', () => {
    const members = ['p1', 'p2', 'p3', 'p4'].map(member);
    for (const account of accounts.slice(0, 50)) {
      expect(ownerOf(account, members)).toEqual(ownerOf(account, [...members].reverse()));
    }
    expect(ownerOf('acme', [])).toBeNull();
  });

  it('spreads accounts over the members about evenly', () => {
    const members = ['p1', 'p2', 'p3', 'p4'].map(member);
    const counts = new Map<string, number>();
    for (const account of accounts) {
      const owner = ownerOf(account, members)!.id;
      counts.set(owner, (counts.get(owner) ?? 0) + 1);
    }
    for (const count of counts.values()) expect(count).toBeGreaterThan(60); // 100 each, on average
  });

  it('moves only the accounts that go to a joining member or come from a leaving one', () => {
    const three = ['p1', 'p2', 'p3'].map(member);
    const four = [...three, member('p4')];
    for (const account of accounts) {
      const before = ownerOf(account, three)!.id;
      const after = ownerOf(account, four)!.id;
      if (after !== 'p4') expect(after).toBe(before);
    }
    const two = three.filter((m) => m.id !== 'p2');
    for (const account of accounts) {
      const before = ownerOf(account, three)!.id;
      if (before !== 'p2') expect(ownerOf(account, two)!.id).toBe(before);
    }
  });
});
