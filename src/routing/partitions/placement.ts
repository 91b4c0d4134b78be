/**
 * Which routing process an account belongs on: rendezvous (highest random weight) hashing over
 * the processes alive, with bounded loads. Every process computes the same answer from the same
 * accounts and members. Alone, rendezvous hashing moves only the accounts that go to or come from
 * a process that joins or leaves, but over few accounts it is lumpy (8 accounts on 4 processes
 * often split 4/2/1/1, or leave one process idle); `placeAccounts` caps each process at its fair
 * share, rounded up, so the busiest holds as few accounts as can be, and an account goes to the
 * next process in its own order when its first choice is full.
 */
import { createHash } from 'node:crypto';
import type { Member } from '../store/registry';

function weight(memberId: string, accountId: string): bigint {
  const digest = createHash('sha256').update(`${memberId}\u0000${accountId}`).digest();
  return digest.readBigUInt64BE(0);
}

/** The member `accountId` belongs on; null when there is none. */
export function ownerOf(accountId: string, members: readonly Member[]): Member | null {
  let best: Member | null = null;
  let bestWeight = -1n;
  for (const member of members) {
    const w = weight(member.id, accountId);
    if (w > bestWeight || (w === bestWeight && best !== null && member.id < best.id)) {
      best = member;
      bestWeight = w;
    }
  }
  return best;
}

/**
 * Where each account belongs: every member takes at most ceil(accounts / members) of them. Accounts
 * are placed in id order, each on the member of highest weight for it that still has room.
 */
export function placeAccounts(
  accountIds: readonly string[],
  members: readonly Member[],
): Map<string, Member> {
  const placed = new Map<string, Member>();
  if (members.length === 0) return placed;
  const ids = [...new Set(accountIds)].sort();
  const room = Math.ceil(ids.length / members.length);
  const held = new Map<string, number>();
  for (const accountId of ids) {
    const ranked = members
      .map((member) => ({ member, weight: weight(member.id, accountId) }))
      .sort((a, b) =>
        a.weight === b.weight
          ? a.member.id.localeCompare(b.member.id)
          : a.weight > b.weight
            ? -1
            : 1,
      );
    const chosen = ranked.find(({ member }) => (held.get(member.id) ?? 0) < room)?.member;
    if (chosen === undefined) continue; // cannot happen: the members have room for all
    held.set(chosen.id, (held.get(chosen.id) ?? 0) + 1);
    placed.set(accountId, chosen);
  }
  return placed;
}
