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
import type { ConnectorRecord } from '../store/store';

/** A connector as the admin sees it: never its secret nor its hash. */
export type ConnectorView = Omit<ConnectorRecord, 'secretHash'>;

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
  /** The token stops working at once. */
  revokeConnector(accountId: string, connectorId: string): Promise<void>;
}

/** The connector's side: every call carries the bearer token as presented. */
export interface ConnectorIngress {
  /** Throws the typed 401 when the token does not authenticate for the account. */
  authenticate(accountId: string, token: string): Promise<void>;
  arrive(accountId: string, token: string, arrival: Arrival): Promise<Interaction>;
  /** The customer left or the channel ended it. */
  customerLeaves(accountId: string, token: string, interactionId: string): Promise<void>;
}

export type ConnectorPort = ConnectorAdmin & ConnectorIngress;
