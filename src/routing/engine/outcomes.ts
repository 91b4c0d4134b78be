/**
 * Outcome events of the interactions connectors created (CONNECTORS.md): read from the engine's
 * effects as they are taken, and kept in the store in the same unit of work as the change that
 * made them, so the feed neither loses nor invents one across a restart on Redis. Each account
 * keeps its last MAX_OUTCOMES events; the cursor is an event's `seq`.
 */
import type { Effect } from './effects';
import type { OutcomeRecord, Store } from '../store/store';
import type { EngineCore } from './core';
import { ownerOf } from './externalIds';

/** Outcome events one account keeps; the oldest go first. */
export const MAX_OUTCOMES = 10_000;

/** Events one read of the feed answers at most. */
export const MAX_FEED_PAGE = 500;

export type OutcomeType = OutcomeRecord['type'];

/** The account's events in feed order (member: the seq). */
const outcomesKey = (accountId: string) => `o:${accountId}`;

/**
 * A number that changes whenever the account gains an outcome event (0: it never had one): webhook
 * delivery reads it after each commit to tell whether there is anything new to send.
 */
export function outcomesMark(store: Pick<Store, 'rankLastAdded'>, accountId: string): number {
  return store.rankLastAdded(outcomesKey(accountId));
}

/** The outcome an effect means, if any: work given to an agent, or leaving them. */
function outcomeOf(effect: Effect): { type: OutcomeType; interactionId: string } | null {
  if (effect.kind !== 'event') return null;
  const { event } = effect;
  if (event.type === 'interaction.added') {
    return { type: 'assigned', interactionId: event.interaction.id };
  }
  if (event.type !== 'interaction.removed') return null;
  switch (event.reason) {
    case 'released':
    case 'abandoned':
    case 'transferred':
    case 'ended':
      return { type: event.reason, interactionId: event.interactionId };
    case 'declined':
    case 'missed':
      // The offer goes to another agent: its assignment is the outcome.
      return null;
  }
}

/** Keeps the outcome events among `effects` of interactions a connector created. */
export function recordOutcomes(core: EngineCore, effects: readonly Effect[]): void {
  for (const effect of effects) {
    const outcome = outcomeOf(effect);
    if (outcome === null || effect.kind !== 'event') continue;
    const owner = ownerOf(core, effect.accountId, outcome.interactionId);
    if (owner === undefined) continue;
    append(core, {
      accountId: effect.accountId,
      seq: core.store.nextOrder(),
      type: outcome.type,
      connectorId: owner.connectorId,
      externalId: owner.externalId,
      interactionId: outcome.interactionId,
      agentId: effect.agentId,
      at: core.clock.now(),
    });
  }
}

/**
 * Keeps an outcome no effect tells of: `ended` for an interaction the channel ended while it
 * waited (no agent held it: `agentId` null), `logged` when the agent submitted its call log.
 */
export function recordOutcome(
  core: EngineCore,
  accountId: string,
  interactionId: string,
  type: 'ended' | 'logged',
  agentId: string | null,
): void {
  const owner = ownerOf(core, accountId, interactionId);
  if (owner === undefined) return;
  append(core, {
    accountId,
    seq: core.store.nextOrder(),
    type,
    ...owner,
    interactionId,
    agentId,
    at: core.clock.now(),
  });
}

function append(core: EngineCore, record: OutcomeRecord): void {
  const { store } = core;
  const set = outcomesKey(record.accountId);
  store.saveOutcome(record);
  store.rankAdd(set, String(record.seq), [record.seq]);
  while (store.rankSize(set) > MAX_OUTCOMES) {
    const oldest = store.rankFirst(set);
    if (oldest === undefined) break;
    store.rankRemove(set, oldest);
    store.deleteOutcome(record.accountId, Number(oldest));
  }
}

/** A page of the feed: events after the cursor, and the cursor to ask from next. */
export interface FeedPage {
  readonly events: OutcomeRecord[];
  readonly cursor: number;
  /** Events after the cursor were forgotten (past MAX_OUTCOMES) before this read. */
  readonly gap: boolean;
}

/** The connector's events after `after` (its seq; 0: from the oldest kept), `limit` at most. */
export function feed(
  core: EngineCore,
  accountId: string,
  connectorId: string,
  after: number,
  limit: number,
): FeedPage {
  const set = outcomesKey(accountId);
  const events: OutcomeRecord[] = [];
  let cursor = after;
  let oldest: number | undefined;
  for (const [, rank] of core.store.rankWalk(set)) {
    const seq = rank[0] as number;
    oldest ??= seq;
    if (seq <= after) continue;
    const record = core.store.outcome(accountId, seq);
    if (record === undefined) continue;
    cursor = seq;
    if (record.connectorId !== connectorId) continue;
    events.push(record);
    if (events.length >= limit) break;
  }
  // A full feed whose oldest event is past the cursor has forgotten some the cursor had not seen.
  const gap =
    after > 0 && oldest !== undefined && oldest > after && core.store.rankSize(set) >= MAX_OUTCOMES;
  return { events, cursor, gap };
}
