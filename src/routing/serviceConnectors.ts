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
  Feed,
  IssuedConnector,
  IssuedWebhook,
} from './server/connectorPort';
import { newConnectorSecret, parseConnectorToken, secretMatches } from './server/connectorTokens';
import type { RoutingService } from './service';
import { newSigningSecret } from './server/webhookSignature';
import type { ConnectorRecord } from './store/store';
import { eventOf } from './webhooks';

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

  async setWebhook(accountId: string, connectorId: string, url: string): Promise<IssuedWebhook> {
    const signingSecret = newSigningSecret();
    const record = await this.routing.run(accountId, (engine) =>
      engine.connectorBook().setWebhook(accountId, connectorId, { url, secret: signingSecret }),
    );
    return { connector: viewOf(record), signingSecret };
  }

  async removeWebhook(accountId: string, connectorId: string): Promise<ConnectorView> {
    const record = await this.routing.run(accountId, (engine) =>
      engine.connectorBook().setWebhook(accountId, connectorId, null),
    );
    return viewOf(record);
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

  events(accountId: string, token: string, after: number, limit: number): Promise<Feed> {
    return this.as(accountId, token, (engine, connector) => {
      const page = engine.connectorBook().feed(accountId, connector.id, after, limit);
      return { ...page, events: page.events.map(eventOf) };
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
      const waiting = book.isWaiting(known);
      engine.customerLeaves(accountId, interactionId);
      if (waiting) book.endedWaiting(known);
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
    let outcome: { readonly value: T } | { readonly refused: HttpError };
    try {
      outcome = await this.routing.run(accountId, (engine) => {
        const connector = engine.connectorBook().find(accountId, presented.connectorId);
        try {
          if (connector === undefined || !secretMatches(presented.secret, connector.secretHash)) {
            throw unauthenticated();
          }
          return { value: operation(engine, connector) };
        } catch (err) {
          // Refused before anything changed: answered as a value, so the runner has nothing to
          // undo (it treats anything thrown but a ProtocolError as a change half made).
          if (err instanceof HttpError) return { refused: err };
          throw err;
        }
      });
    } catch (err) {
      // An account that is not here (or not at all) says no more than a wrong token.
      if (isNotFoundAccount(err, accountId)) throw unauthenticated();
      throw err;
    }
    if ('refused' in outcome) throw outcome.refused;
    return outcome.value;
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
  const { id, name, channels, services, createdAt, rotatedAt, webhook } = record;
  const hook = webhook === undefined ? null : { url: webhook.url };
  return { id, name, channels, services, createdAt, rotatedAt, webhook: hook };
}
