/**
 * Channel connectors' credentials as the account keeps them (the connector API, CONNECTORS.md):
 * each has an id, a scope (channels and services) and the hash of its secret. Secrets are made
 * and hashed outside the engine, which stays deterministic; a refused change changes nothing.
 */
import type { Channel } from '../../protocol';
import type { Interaction } from '../../protocol';
import type { AccountRecord, ConnectorRecord, ExternalRecord } from '../store/store';
import type { EngineCore } from './core';
import { error } from './errors';
import * as externals from './externalIds';
import type { FeedPage } from './outcomes';
import * as outcomes from './outcomes';

/** Connector credentials one account may hold. */
export const MAX_CONNECTORS = 20;

/** What the admin gives for a new connector. */
export interface ConnectorSpec {
  readonly id: string;
  readonly name: string;
  readonly channels: readonly Channel[];
  readonly services: readonly string[];
}

/** The account's connectors, oldest first. */
export function connectorsOf(core: EngineCore, accountId: string): ConnectorRecord[] {
  return [...(core.account(accountId).connectors ?? [])];
}

/** The connector, or undefined (also when the account does not exist: nothing to tell apart). */
export function findConnector(
  core: EngineCore,
  accountId: string,
  connectorId: string,
): ConnectorRecord | undefined {
  return core.store.account(accountId)?.connectors?.find((item) => item.id === connectorId);
}

/** A new connector (`conflict` if its id is taken, `not-found` for a service the account lacks). */
export function createConnector(
  core: EngineCore,
  accountId: string,
  spec: ConnectorSpec,
  secretHash: string,
): ConnectorRecord {
  const account = core.account(accountId);
  const known = account.connectors ?? [];
  if (known.some((item) => item.id === spec.id)) {
    throw error('conflict', `connector ${spec.id} exists already`, null, 'id');
  }
  if (known.length >= MAX_CONNECTORS) {
    throw error('not-allowed', `an account has at most ${MAX_CONNECTORS} connectors`, null, 'id');
  }
  spec.services.forEach((serviceId, index) => {
    if (core.store.service(accountId, serviceId) === undefined) {
      throw error(
        'not-found',
        `no service ${serviceId} in this account`,
        null,
        `services.${index}`,
      );
    }
  });
  const now = core.clock.now();
  const record: ConnectorRecord = {
    id: spec.id,
    name: spec.name,
    channels: [...new Set(spec.channels)],
    services: [...new Set(spec.services)],
    secretHash,
    createdAt: now,
    rotatedAt: now,
  };
  save(core, account, [...known, record]);
  return record;
}

/** A new secret's hash for the connector: the old secret stops working at once. */
export function rotateConnector(
  core: EngineCore,
  accountId: string,
  connectorId: string,
  secretHash: string,
): ConnectorRecord {
  const account = core.account(accountId);
  const known = account.connectors ?? [];
  const current = known.find((item) => item.id === connectorId);
  if (current === undefined) throw error('not-found', `no connector ${connectorId}`, null, 'id');
  const rotated: ConnectorRecord = { ...current, secretHash, rotatedAt: core.clock.now() };
  save(
    core,
    account,
    known.map((item) => (item.id === connectorId ? rotated : item)),
  );
  return rotated;
}

/** Replaces one connector by what `change` makes of it (`not-found` when there is none). */
function changeConnector(
  core: EngineCore,
  accountId: string,
  connectorId: string,
  change: (current: ConnectorRecord) => ConnectorRecord,
): ConnectorRecord {
  const account = core.account(accountId);
  const known = account.connectors ?? [];
  const current = known.find((item) => item.id === connectorId);
  if (current === undefined) throw error('not-found', `no connector ${connectorId}`, null, 'id');
  const changed = change(current);
  save(
    core,
    account,
    known.map((item) => (item.id === connectorId ? changed : item)),
  );
  return changed;
}

/** Removes the connector: its secret stops working at once. */
export function revokeConnector(core: EngineCore, accountId: string, connectorId: string): void {
  const account = core.account(accountId);
  const known = account.connectors ?? [];
  if (!known.some((item) => item.id === connectorId)) {
    throw error('not-found', `no connector ${connectorId}`, null, 'id');
  }
  save(
    core,
    account,
    known.filter((item) => item.id !== connectorId),
  );
}

function save(core: EngineCore, account: AccountRecord, connectors: ConnectorRecord[]): void {
  account.connectors = connectors;
  core.store.saveAccount(account);
}

/** The functions above bound to one engine's core: what `Engine.connectorBook()` hands out. */
export class ConnectorBook {
  constructor(private readonly core: EngineCore) {}

  list(accountId: string): ConnectorRecord[] {
    return connectorsOf(this.core, accountId);
  }

  find(accountId: string, connectorId: string): ConnectorRecord | undefined {
    return findConnector(this.core, accountId, connectorId);
  }

  create(accountId: string, spec: ConnectorSpec, secretHash: string): ConnectorRecord {
    return createConnector(this.core, accountId, spec, secretHash);
  }

  rotate(accountId: string, connectorId: string, secretHash: string): ConnectorRecord {
    return rotateConnector(this.core, accountId, connectorId, secretHash);
  }

  revoke(accountId: string, connectorId: string): void {
    revokeConnector(this.core, accountId, connectorId);
  }

  /** What the connector created under the external id, if it is still remembered. */
  external(accountId: string, connectorId: string, externalId: string): ExternalRecord | undefined {
    return externals.findExternal(this.core, accountId, connectorId, externalId);
  }

  remember(record: ExternalRecord): void {
    externals.rememberExternal(this.core, record);
  }

  /** The record's interaction as it is now, or as created once it has ended. */
  current(record: ExternalRecord): Interaction {
    return externals.currentOf(this.core, record);
  }

  isLive(record: ExternalRecord): boolean {
    return externals.isLive(this.core, record);
  }

  /** Whether the record's interaction waits (at a service or for one agent): no agent holds it. */
  isWaiting(record: ExternalRecord): boolean {
    const live = this.core.store.interaction(record.interaction.id);
    return live !== undefined && live.place.kind !== 'assigned';
  }

  /** Keeps `ended` for a waiting interaction the channel ended (no effect tells of it). */
  endedWaiting(record: ExternalRecord): void {
    outcomes.recordOutcome(this.core, record.accountId, record.interaction.id, 'ended', null);
  }

  /**
   * Sets (or, with null, removes) the connector's webhook; delivery starts with the events after
   * this moment.
   */
  setWebhook(
    accountId: string,
    connectorId: string,
    webhook: { readonly url: string; readonly secret: string } | null,
  ): ConnectorRecord {
    return changeConnector(this.core, accountId, connectorId, (current) => {
      const { webhook: _old, ...rest } = current;
      return webhook === null
        ? rest
        : { ...rest, webhook: { ...webhook, deliveredSeq: this.core.store.nextOrder() } };
    });
  }

  /** The webhook delivered every event up to `seq`; the cursor never goes back. */
  delivered(accountId: string, connectorId: string, url: string, seq: number): void {
    const current = findConnector(this.core, accountId, connectorId);
    const hook = current?.webhook;
    // Changed or removed while the delivery was under way: the new one starts on its own.
    if (hook === undefined || hook.url !== url || hook.deliveredSeq >= seq) return;
    changeConnector(this.core, accountId, connectorId, (record) => ({
      ...record,
      webhook: { ...hook, deliveredSeq: seq },
    }));
  }

  /** The connector's outcome events after the cursor (outcomes.ts). */
  feed(accountId: string, connectorId: string, after: number, limit: number): FeedPage {
    return outcomes.feed(this.core, accountId, connectorId, after, limit);
  }
}
