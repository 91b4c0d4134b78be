/**
 * What the connector API needs of the routing service (serviceConnectors.ts implements it): the
 * admin's side (connector credentials: create, list, rotate, revoke) and the connector's side
 * (interactions created and updated under a connector token). Values come in validated; a token
 * that does not authenticate is a typed 401, one that is out of scope a typed 403, and neither
 * changes anything.
 */
import type { Interaction } from '../../protocol';
import type { Arrival } from '../engine/engine';
import type { ConnectorSpec } from '../engine/connectors';
import type { ConnectorRecord, OutcomeRecord } from '../store/store';

/** A connector as the admin sees it: never its secret nor its hash. */
export type ConnectorView = Omit<ConnectorRecord, 'secretHash' | 'webhook'> & {
  /** Where its events are pushed (the signing secret is shown once, when it is set). */
  readonly webhook: { readonly url: string } | null;
};

/** A webhook set: the connector and the signing secret, shown once. */
export interface IssuedWebhook {
  readonly connector: ConnectorView;
  readonly signingSecret: string;
}

/** A connector with its token, shown once: on creation and on rotation. */
export interface IssuedConnector {
  readonly connector: ConnectorView;
  readonly token: string;
}

/** The admin API's side: connector credentials per account. */
export interface ConnectorAdmin {
  connectors(accountId: string): Promise<ConnectorView[]>;
  /** `conflict` for a taken id, `not-found` for an unknown service, `not-allowed` past the limit. */
  createConnector(accountId: string, spec: ConnectorSpec): Promise<IssuedConnector>;
  /** A new token; the old one stops working at once. */
  rotateConnector(accountId: string, connectorId: string): Promise<IssuedConnector>;
  /** Pushes the connector's events after this moment to `url`, signed with a new secret. */
  setWebhook(accountId: string, connectorId: string, url: string): Promise<IssuedWebhook>;
  /** The connector reads the feed instead. */
  removeWebhook(accountId: string, connectorId: string): Promise<ConnectorView>;
  /** The token stops working at once. */
  revokeConnector(accountId: string, connectorId: string): Promise<void>;
}

/** What a create by external id answers: the interaction, and whether this call made it. */
export interface Created {
  readonly interaction: Interaction;
  readonly created: boolean;
}

/** How a channel ends an interaction: the customer left, or the channel closed it. */
export type EndReason = 'customer-left' | 'ended';

/** What an end answers: `ended` false when the interaction had already ended. */
export interface Ended {
  readonly externalId: string;
  readonly interactionId: string;
  readonly ended: boolean;
}

/** One outcome event as a connector reads it; `id` deduplicates a delivery seen twice. */
export interface OutcomeEvent {
  readonly id: string;
  readonly seq: number;
  readonly type: OutcomeRecord['type'];
  readonly externalId: string;
  readonly interactionId: string;
  readonly agentId: string | null;
  readonly at: number;
}

/** A page of the feed; `gap`: events after the cursor were forgotten (past the bound). */
export interface Feed {
  readonly events: OutcomeEvent[];
  readonly cursor: number;
  readonly gap: boolean;
}

/** The connector's side: every call carries the bearer token as presented. */
export interface ConnectorIngress {
  /** Throws the typed 401 when the token does not authenticate for the account. */
  authenticate(accountId: string, token: string): Promise<void>;
  /**
   * Creates the interaction the channel knows as `externalId`, or answers the one a request with
   * the same fingerprint made; a different request under the same id is a typed 409.
   */
  create(
    accountId: string,
    token: string,
    externalId: string,
    fingerprint: string,
    arrival: Arrival,
  ): Promise<Created>;
  /** The connector's outcome events after the cursor (`seq`; 0: from the oldest kept). */
  events(accountId: string, token: string, after: number, limit: number): Promise<Feed>;
  /** The customer left or the channel ended it; again, it answers `ended: false`. */
  end(accountId: string, token: string, externalId: string, reason: EndReason): Promise<Ended>;
}

export type ConnectorPort = ConnectorAdmin & ConnectorIngress;
