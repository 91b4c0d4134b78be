/** Reads of committed state the routing service answers with (service.ts). */
import { ProtocolError } from '../protocol';
import type { Engine } from './engine/engine';
import type { Partition } from './partitions/partition';
import type { RoutingView } from './server/routing';
import type { AgentListing } from './service';
import type { AccountRecord, Store } from './store/store';

/** Reads of committed state, for `after` callbacks. */
export function viewOf(engine: Engine): RoutingView {
  return {
    snapshot: (identity) => engine.snapshot(identity.accountId, identity.agentId),
    directory: (accountId) => engine.directory(accountId),
    resync: (identity) => [
      { type: 'snapshot', snapshot: engine.snapshot(identity.accountId, identity.agentId) },
    ],
  };
}

export function accountIn(store: Store, accountId: string): AccountRecord {
  const account = store.account(accountId);
  if (account === undefined)
    throw new ProtocolError('not-found', `no account ${accountId}`, null, 'accountId');
  return account;
}

export function agentListing(
  partition: Partition,
  accountId: string,
  agentId: string,
): AgentListing {
  const record = partition.store.agent(accountId, agentId);
  if (record === undefined)
    throw new ProtocolError('not-found', `no agent ${agentId}`, null, 'agentId');
  const { agent, interactions } = partition.engine.snapshot(accountId, agentId);
  return {
    ...agent,
    services: [...record.services],
    weightOverrides: { ...record.weights },
    presence: record.lastPresence,
    interactionIds: interactions.map((interaction) => interaction.id),
  };
}
