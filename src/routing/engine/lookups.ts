/**
 * Finding the records a request names, or refusing it with the typed error the client expects
 * (not-found, or conflict when a command saw an older version).
 */
import type {
  AccountRecord,
  AgentRecord,
  InteractionRecord,
  ServiceRecord,
  Store,
} from '../store/store';
import { error } from './errors';

export function account(store: Store, accountId: string): AccountRecord {
  const found = store.account(accountId);
  if (found === undefined) throw error('not-found', `no account ${accountId}`);
  return found;
}

export function agent(store: Store, accountId: string, agentId: string): AgentRecord {
  account(store, accountId);
  const found = store.agent(accountId, agentId);
  if (found === undefined) throw error('not-found', `no agent ${agentId}`);
  return found;
}

/** The field at fault is the command's `target.id` when a message type is named. */
export function service(
  store: Store,
  accountId: string,
  serviceId: string,
  messageType: string | null = null,
): ServiceRecord {
  const found = store.service(accountId, serviceId);
  if (found === undefined) {
    throw error(
      'not-found',
      `no service ${serviceId}`,
      messageType,
      messageType === null ? 'serviceId' : 'target.id',
    );
  }
  return found;
}

/** Another agent of the same account, named as a command's target. */
export function targetAgent(
  store: Store,
  from: AgentRecord,
  targetId: string,
  messageType: string,
): AgentRecord {
  const target = store.agent(from.accountId, targetId);
  if (target === undefined)
    throw error('not-found', `no agent ${targetId}`, messageType, 'target.id');
  if (target.id === from.id)
    throw error('not-allowed', 'you cannot do that with yourself', messageType, 'target.id');
  return target;
}

export function interactionOf(
  store: Store,
  accountId: string,
  interactionId: string,
): InteractionRecord {
  account(store, accountId);
  const record = store.interaction(interactionId);
  if (record === undefined || record.accountId !== accountId) {
    throw error(
      'not-found',
      `no interaction ${interactionId}`,
      null,
      'interactionId',
      interactionId,
    );
  }
  return record;
}

/** The agent's own interaction at the version the command saw (else not-found or conflict). */
export function mine(
  store: Store,
  holder: AgentRecord,
  command: { type: string; interactionId: string; version: number },
): InteractionRecord {
  const record = store.interaction(command.interactionId);
  if (
    record === undefined ||
    record.accountId !== holder.accountId ||
    !record.agentIds.includes(holder.id)
  ) {
    throw error(
      'not-found',
      `no interaction ${command.interactionId}`,
      command.type,
      'interactionId',
      command.interactionId,
    );
  }
  if (record.interaction.version !== command.version) {
    throw error(
      'conflict',
      `${command.type}: interaction ${command.interactionId} is at version ${record.interaction.version}, the command names ${command.version}`,
      command.type,
      'version',
      command.interactionId,
      record.interaction.version,
    );
  }
  return record;
}
