/**
 * The simulator's customers as a channel: they arrive and leave through the connector ingress,
 * like any connector (CONNECTORS.md), never by a private way into the engine. The simulator holds
 * a connector credential of its own per account (`simulator`), made through the same admin code
 * path as any connector, scoped to every channel and every service of the account; it is made on
 * first use and made again (revoked and created) when the account has a service it does not
 * cover yet, or when the token it holds no longer works (rotated, revoked, or made by a process
 * that has since stopped). Each simulated contact gets an external id of its own.
 */
import { randomUUID } from 'node:crypto';
import { HttpError } from '../../http/errors';
import type { Interaction } from '../../protocol';
import { CHANNELS } from '../../protocol';
import type { Arrival } from '../engine/engine';
import { error } from '../engine/errors';
import type { ConnectorPort } from '../server/connectorPort';
import { fingerprintOf } from '../server/fingerprint';

/** The id and name of the simulator's own connector in every account it brings work to. */
export const SIMULATOR_CONNECTOR = { id: 'simulator', name: 'Simulator' } as const;

/** Interactions per account whose external id the simulator remembers, oldest forgotten first. */
export const MAX_REMEMBERED = 10_000;

/** What the simulator's customers need of the routing service. */
export interface CustomerChannel {
  readonly connectors: ConnectorPort;
  /** The ids of the account's services (`not-found` for an account that does not exist). */
  services(accountId: string): Promise<readonly string[]>;
}

interface Credential {
  readonly token: string;
  readonly services: ReadonlySet<string>;
}

export class SimulatedCustomers {
  private readonly credentials = new Map<string, Promise<Credential>>();
  /** Per account: the credential being made, so concurrent callers wait for one. */
  private readonly making = new Map<string, Promise<void>>();
  /** Per account: interaction id -> the external id it was created under (insertion ordered). */
  private readonly externalIds = new Map<string, Map<string, string>>();

  constructor(private readonly channel: CustomerChannel) {}

  /** A customer contact arrives: created through the connector ingress under a new external id. */
  async arrive(accountId: string, arrival: Arrival): Promise<Interaction> {
    const externalId = `sim-${randomUUID()}`;
    const fingerprint = fingerprintOf({ externalId, ...arrival });
    const create = (credential: Credential) =>
      this.channel.connectors.create(accountId, credential.token, externalId, fingerprint, arrival);
    let credential = await this.credential(accountId, arrival.serviceId);
    let result;
    try {
      result = await create(credential);
    } catch (err) {
      // A token that stopped working (rotated or revoked by an admin): a new one, once.
      if (!isStatus(err, 401)) throw err;
      credential = await this.credential(accountId, arrival.serviceId, credential);
      result = await create(credential);
    }
    this.remember(accountId, result.interaction.id, externalId);
    return result.interaction;
  }

  /**
   * The external id this simulator created the interaction under, or undefined (not the
   * simulator's, made by another process, or forgotten past the bound).
   */
  externalIdOf(accountId: string, interactionId: string): string | undefined {
    return this.externalIds.get(accountId)?.get(interactionId);
  }

  /** The customer left: the connector's end, by the external id. */
  async leave(accountId: string, externalId: string): Promise<void> {
    const credential = await this.credential(accountId, null);
    try {
      await this.channel.connectors.end(accountId, credential.token, externalId, 'customer-left');
    } catch (err) {
      if (!isStatus(err, 401)) throw err;
      const renewed = await this.credential(accountId, null, credential);
      await this.channel.connectors.end(accountId, renewed.token, externalId, 'customer-left');
    }
  }

  /** Forgets the credentials held (the service stops; the connector records stay in the store). */
  clear(): void {
    this.credentials.clear();
    this.making.clear();
    this.externalIds.clear();
  }

  /**
   * The account's credential; made (again) when there is none, it does not cover `serviceId`, or
   * it is `stale` (refused). One at a time per account, so concurrent callers make one.
   */
  private async credential(
    accountId: string,
    serviceId: string | null,
    stale: Credential | null = null,
  ): Promise<Credential> {
    const usable = async (): Promise<Credential | undefined> => {
      const held = await this.credentials.get(accountId)?.catch(() => undefined);
      if (held === undefined || held === stale) return undefined;
      return serviceId === null || held.services.has(serviceId) ? held : undefined;
    };
    const now = await usable();
    if (now !== undefined) return now;
    const turn = (this.making.get(accountId) ?? Promise.resolve()).then(async () => {
      const meanwhile = await usable();
      if (meanwhile !== undefined) return meanwhile;
      const made = this.make(accountId, serviceId);
      this.credentials.set(accountId, made);
      made.catch(() => {
        if (this.credentials.get(accountId) === made) this.credentials.delete(accountId);
      });
      return made;
    });
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.making.set(accountId, settled);
    void settled.then(() => {
      if (this.making.get(accountId) === settled) this.making.delete(accountId);
    });
    return turn;
  }

  /** The connector `simulator` for every channel and service of the account, with a new token. */
  private async make(accountId: string, serviceId: string | null): Promise<Credential> {
    const services = [...(await this.channel.services(accountId))];
    if (serviceId !== null && !services.includes(serviceId)) {
      throw error('not-found', `no service ${serviceId}`, null, 'serviceId');
    }
    const admin = this.channel.connectors;
    const spec = { ...SIMULATOR_CONNECTOR, channels: [...CHANNELS], services };
    const existing = (await admin.connectors(accountId)).find(
      (item) => item.id === SIMULATOR_CONNECTOR.id,
    );
    if (existing !== undefined) {
      const covered = existing.services.length === services.length;
      if (covered && services.every((id) => existing.services.includes(id))) {
        const { token } = await admin.rotateConnector(accountId, SIMULATOR_CONNECTOR.id);
        return { token, services: new Set(services) };
      }
      // The scope is fixed when a connector is made: made again with the account's services now.
      // Its external ids stay (they are kept by connector id), so earlier contacts still end.
      await admin.revokeConnector(accountId, SIMULATOR_CONNECTOR.id);
    }
    const { token } = await admin.createConnector(accountId, spec);
    return { token, services: new Set(services) };
  }

  private remember(accountId: string, interactionId: string, externalId: string): void {
    let known = this.externalIds.get(accountId);
    if (known === undefined) {
      known = new Map();
      this.externalIds.set(accountId, known);
    }
    known.set(interactionId, externalId);
    if (known.size > MAX_REMEMBERED) {
      const oldest = known.keys().next();
      if (oldest.done !== true) known.delete(oldest.value);
    }
  }
}

function isStatus(err: unknown, status: number): boolean {
  return err instanceof HttpError && err.status === status;
}
