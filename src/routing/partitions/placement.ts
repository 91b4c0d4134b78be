/**
 * Which routing process an account belongs on: rendezvous (highest random weight) hashing over
 * the processes alive. Every process computes the same answer from the same members, and when a
 * process joins or leaves only the accounts that go to or come from it move.
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
