import type { Member } from '../store/registry';
import { ownerOf, placeAccounts } from './placement';

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

describe('placeAccounts (bounded loads)', () => {
  const members = (count: number) => Array.from({ length: count }, (_, n) => member(`p${n + 1}`));
  const loads = (placed: Map<string, Member>) => {
    const counts = new Map<string, number>();
    for (const owner of placed.values()) counts.set(owner.id, (counts.get(owner.id) ?? 0) + 1);
    return [...counts.values()].sort((a, b) => b - a);
  };

  it('gives no member more than its fair share rounded up, where rendezvous alone is lumpy', () => {
    const eight = Array.from({ length: 8 }, (_, n) => `account-${n}`);
    // Over many sets of processes, rendezvous alone gives some process 3 or more of 8 accounts.
    let lumpy = 0;
    for (let run = 0; run < 50; run++) {
      const four = ['a', 'b', 'c', 'd'].map((id) => member(`${id}-${run}`));
      const alone = new Map(eight.map((account) => [account, ownerOf(account, four)!]));
      if ((loads(alone)[0] ?? 0) > 2) lumpy++;
      expect(loads(placeAccounts(eight, four))).toEqual([2, 2, 2, 2]);
    }
    expect(lumpy).toBeGreaterThan(10);
    const three = loads(placeAccounts(accounts, members(3)));
    expect(three[0]).toBeLessThanOrEqual(Math.ceil(accounts.length / 3));
    expect(three.reduce((sum, count) => sum + count, 0)).toBe(accounts.length);
    expect(loads(placeAccounts(eight.slice(0, 3), members(4)))).toEqual([1, 1, 1]);
  });

  it('places every account once, the same whatever order accounts and members come in', () => {
    const four = members(4);
    const placed = placeAccounts(accounts, four);
    expect([...placed.keys()].sort()).toEqual([...accounts].sort());
    const again = placeAccounts([...accounts].reverse(), [...four].reverse());
    for (const account of accounts) expect(again.get(account)?.id).toBe(placed.get(account)?.id);
    expect(placeAccounts(accounts, []).size).toBe(0);
  });

  it('keeps most accounts where they were when a member joins or leaves', () => {
    const before = placeAccounts(accounts, members(4));
    const joined = placeAccounts(accounts, members(5));
    const left = placeAccounts(
      accounts,
      members(4).filter((m) => m.id !== 'p2'),
    );
    const moved = (after: Map<string, Member>) =>
      accounts.filter((account) => after.get(account)?.id !== before.get(account)?.id).length;
    // The least that can move: a fifth of them to the new member, a quarter from the one gone.
    expect(moved(joined)).toBeLessThan(accounts.length * 0.4);
    expect(moved(left)).toBeLessThan(accounts.length * 0.45);
    for (const account of accounts) {
      if (before.get(account)?.id === 'p2') expect(left.get(account)?.id).not.toBe('p2');
    }
  });
});
