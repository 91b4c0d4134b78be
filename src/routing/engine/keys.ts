/**
 * Store keys of the engine's ranked sets and timers, and the order in which waiting work is
 * routed (priority, then age, then arrival).
 */
import type { Kind } from '../../protocol';
import { KINDS } from '../../protocol';
import type { InteractionRecord, TimerKind } from '../store/store';

/** The interactions of one kind waiting at a service. */
export const queueKey = (accountId: string, serviceId: string, kind: Kind) =>
  `q:${accountId}:${serviceId}:${kind}`;

/** The interactions transferred to one agent, waiting for them (B6). */
export const personalKey = (accountId: string, agentId: string) => `p:${accountId}:${agentId}`;

/** The agents of a service who can take one more interaction of a kind now, longest idle first. */
export const eligibleKey = (accountId: string, serviceId: string, kind: Kind) =>
  `e:${accountId}:${serviceId}:${kind}`;

/** A service's queue and eligible-index keys, one per kind. */
export interface ServiceKeySet {
  readonly queue: Readonly<Record<Kind, string>>;
  readonly eligible: Readonly<Record<Kind, string>>;
}

/**
 * The keys of services' queues and eligible indexes, each built once: routing reads them many
 * times per decision, and a key built again is a new string to hash for every lookup. One per
 * engine; it holds a few strings per service ever routed.
 */
export class ServiceKeys {
  private readonly byAccount = new Map<string, Map<string, ServiceKeySet>>();

  queue(accountId: string, serviceId: string, kind: Kind): string {
    return this.of(accountId, serviceId).queue[kind];
  }

  eligible(accountId: string, serviceId: string, kind: Kind): string {
    return this.of(accountId, serviceId).eligible[kind];
  }

  /** The service's keys of every kind (one lookup for a caller that reads several). */
  of(accountId: string, serviceId: string): ServiceKeySet {
    let services = this.byAccount.get(accountId);
    if (services === undefined) {
      services = new Map();
      this.byAccount.set(accountId, services);
    }
    let keys = services.get(serviceId);
    if (keys === undefined) {
      const each = (key: (kind: Kind) => string) =>
        Object.fromEntries(KINDS.map((kind) => [kind, key(kind)])) as Record<Kind, string>;
      keys = {
        queue: each((kind) => queueKey(accountId, serviceId, kind)),
        eligible: each((kind) => eligibleKey(accountId, serviceId, kind)),
      };
      services.set(serviceId, keys);
    }
    return keys;
  }
}

/** One timer per kind and subject: starting it again replaces it. */
export const timerId = (kind: TimerKind, ref: string) => `${kind}:${ref}`;

/** The rank of waiting work: highest priority first, then oldest, then first to arrive. */
export function queueRank(record: InteractionRecord): number[] {
  return [9 - record.interaction.priority, record.interaction.enqueuedAt, record.order];
}

/** Negative when `a` is routed before `b`. */
export function compareQueued(a: InteractionRecord, b: InteractionRecord): number {
  const ra = queueRank(a);
  const rb = queueRank(b);
  for (let i = 0; i < ra.length; i++) {
    const d = (ra[i] as number) - (rb[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}
