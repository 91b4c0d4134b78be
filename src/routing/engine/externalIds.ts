/**
 * Connector idempotency (CONNECTORS.md): what a connector created under the channel's external id,
 * kept in the store so that a repeat answers the same interaction, on either store and across a
 * restart. Bounded per account: past MAX_EXTERNAL_IDS the oldest record is forgotten (a ranked set
 * in creation order says which).
 */
import type { Interaction } from '../../protocol';
import type { ExternalRecord } from '../store/store';
import type { EngineCore } from './core';

/** Idempotency records one account keeps; the oldest go first. */
export const MAX_EXTERNAL_IDS = 10_000;

/** The ranked set of an account's records, oldest first (member: JSON [connectorId, externalId]). */
const externalsKey = (accountId: string) => `x:${accountId}`;

export function findExternal(
  core: EngineCore,
  accountId: string,
  connectorId: string,
  externalId: string,
): ExternalRecord | undefined {
  return core.store.external(accountId, connectorId, externalId);
}

/**
 * The index by interaction: a record under this connector id (no connector's, as ids start with a
 * letter or digit) and the interaction's id, pointing at its owner.
 */
const BY_INTERACTION = '#interaction';

/** The connector and external id an interaction was created under, if a connector made it. */
export function ownerOf(
  core: EngineCore,
  accountId: string,
  interactionId: string,
): { readonly connectorId: string; readonly externalId: string } | undefined {
  return core.store.external(accountId, BY_INTERACTION, interactionId)?.owner;
}

/** Keeps a new record (and its entry in the index), forgetting the account's oldest past the bound. */
export function rememberExternal(core: EngineCore, record: ExternalRecord): void {
  const { store } = core;
  const { accountId, connectorId, externalId, interaction } = record;
  const set = externalsKey(accountId);
  store.saveExternal(record);
  store.saveExternal({
    ...record,
    connectorId: BY_INTERACTION,
    externalId: interaction.id,
    owner: { connectorId, externalId },
  });
  store.rankAdd(set, JSON.stringify([connectorId, externalId]), [store.nextOrder()]);
  while (store.rankSize(set) > MAX_EXTERNAL_IDS) {
    const oldest = store.rankFirst(set);
    if (oldest === undefined) break;
    store.rankRemove(set, oldest);
    const [owner, id] = JSON.parse(oldest) as [string, string];
    const gone = store.external(accountId, owner, id);
    store.deleteExternal(accountId, owner, id);
    if (gone !== undefined) store.deleteExternal(accountId, BY_INTERACTION, gone.interaction.id);
  }
}

/** The interaction a record names as it is now, or as it was created once it has ended. */
export function currentOf(core: EngineCore, record: ExternalRecord): Interaction {
  const live = core.store.interaction(record.interaction.id);
  return live !== undefined && live.accountId === record.accountId
    ? live.interaction
    : record.interaction;
}

/** Whether the interaction a record names still exists. */
export function isLive(core: EngineCore, record: ExternalRecord): boolean {
  return core.store.interaction(record.interaction.id) !== undefined;
}
