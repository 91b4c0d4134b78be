/**
 * The connector port over the routing service: credentials kept hashed in the account record
 * (engine/connectors.ts), and each connector call authenticated, scope-checked and applied in one
 * operation on the account's partition, so a token revoked or rotated a moment before is refused.
 */
import { HttpError } from '../http/errors';
import type { ConnectorSpec } from './engine/connectors';
import type { Arrival, Engine } from './engine/engine';
import type {
  ConnectorPort,
  ConnectorView,
  Created,
  EndReason,
  Ended,
  IssuedConnector,
} from './server/connectorPort';
import { newConnectorSecret, parseConnectorToken, secretMatches } from './server/connectorTokens';
import type { RoutingService } from './service';
import type { ConnectorRecord } from './store/store';

const unauthenticated = () =>
  new HttpError(401, 'unauthorised', 'the connector token is missing, wrong, rotated or revoked');

const conflicting = (externalId: string) =>
  new HttpError(
    409,
    'idempotency-conflict',
    `external id ${externalId} was used for a different request`,
    { field: 'externalId' },
  );

const outOfScope = (what: string) =>
  new HttpError(403, 'forbidden', `this connector may not use ${what}`, { field: null });

export class ServiceConnectors implements ConnectorPort {
  constructor(private readonly routing: RoutingService) {}

  async connectors(accountId: string): Promise<ConnectorView[]> {
    const records = await this.routing.run(accountId, (engine) =>
      engine.connectorBook().list(accountId),
    );
    return records.map(viewOf);
  }

  async createConnector(accountId: string, spec: ConnectorSpec): Promise<IssuedConnector> {
    const { token, secretHash } = newConnectorSecret(spec.id);
    const record = await this.routing.run(accountId, (engine) =>
      engine.connectorBook().create(accountId, spec, secretHash),
    );
    return { connector: viewOf(record), token };
  }

  async rotateConnector(accountId: string, connectorId: string): Promise<IssuedConnector> {
    const { token, secretHash } = newConnectorSecret(connectorId);
    const record = await this.routing.run(accountId, (engine) =>
      engine.connectorBook().rotate(accountId, connectorId, secretHash),
    );
    return { connector: viewOf(record), token };
  }

  revokeConnector(accountId: string, connectorId: string): Promise<void> {
    return this.routing.run(accountId, (engine) =>
      engine.connectorBook().revoke(accountId, connectorId),
    );
  }

  async authenticate(accountId: string, token: string): Promise<void> {
    await this.as(accountId, token, () => undefined);
  }

  create(
    accountId: string,
    token: string,
    externalId: string,
    fingerprint: string,
    arrival: Arrival,
  ): Promise<Created> {
    return this.as(accountId, token, (engine, connector) => {
      if (!connector.channels.includes(arrival.channel)) {
        throw outOfScope(`channel ${arrival.channel}`);
      }
      if (!connector.services.includes(arrival.serviceId)) {
        throw outOfScope(`service ${arrival.serviceId}`);
      }
      const book = engine.connectorBook();
      const known = book.external(accountId, connector.id, externalId);
      if (known !== undefined) {
        if (known.fingerprint !== fingerprint) throw conflicting(externalId);
        return { interaction: book.current(known), created: false };
      }
      const interaction = engine.arrive(accountId, arrival);
      book.remember({ accountId, connectorId: connector.id, externalId, fingerprint, interaction });
      return { interaction, created: true };
    });
  }

  end(accountId: string, token: string, externalId: string, _reason: EndReason): Promise<Ended> {
    return this.as(accountId, token, (engine, connector) => {
      const book = engine.connectorBook();
      const known = book.external(accountId, connector.id, externalId);
      if (known === undefined) {
        throw new HttpError(404, 'not-found', `no interaction with external id ${externalId}`, {
          field: 'externalId',
        });
      }
      const interactionId = known.interaction.id;
      if (!book.isLive(known)) return { externalId, interactionId, ended: false };
      engine.customerLeaves(accountId, interactionId);
      return { externalId, interactionId, ended: true };
    });
  }

  /**
   * Runs `operation` as the connector the token names, checked on the partition's committed
   * state; 401 (nothing run) when it does not authenticate, also for an unknown account.
   */
  private async as<T>(
    accountId: string,
    token: string,
    operation: (engine: Engine, connector: ConnectorRecord) => T,
  ): Promise<T> {
    const presented = parseConnectorToken(token);
    if (presented === null) throw unauthenticated();
    try {
      return await this.routing.run(accountId, (engine) => {
        const connector = engine.connectorBook().find(accountId, presented.connectorId);
        if (connector === undefined || !secretMatches(presented.secret, connector.secretHash)) {
          throw unauthenticated();
        }
        return operation(engine, connector);
      });
    } catch (err) {
      // An account that is not here (or not at all) says no more than a wrong token.
      if (err instanceof HttpError) throw err;
      if (isNotFoundAccount(err, accountId)) throw unauthenticated();
      throw err;
    }
  }
}

function isNotFoundAccount(err: unknown, accountId: string): boolean {
  return (
    err instanceof Error &&
    (err as { code?: unknown }).code === 'not-found' &&
    err.message.includes(`account ${accountId}`)
  );
}

function viewOf(record: ConnectorRecord): ConnectorView {
  const { id, name, channels, services, createdAt, rotatedAt } = record;
  return { id, name, channels, services, createdAt, rotatedAt };
}
