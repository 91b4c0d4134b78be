/**
 * The connector API's route table (CONNECTORS.md): the admin's rows for connector credentials
 * (admin key), and the connector's own rows under `/connector`, reached with a connector token as
 * `Authorization: Bearer cpc_...` (never the admin key). Bodies are validated here, at the edge.
 */
import type { Route } from '../../http/routeTable';
import { param } from '../../http/routeTable';
import { bodies, validated } from './adminBodies';
import type { AdminCall, AdminHandler } from './adminRoutes';
import { created, keyed, ok } from './adminRoutes';
import type { ConnectorAdmin, ConnectorIngress } from './connectorPort';
import { withArrivalDefaults } from './simulatorRoutes';

const account = (call: AdminCall) => param(call.params, 'accountId');
const connector = (call: AdminCall) => param(call.params, 'connectorId');
const id = (call: AdminCall) => param(call.params, 'id');

/** The admin rows: list, create, rotate and revoke an account's connectors. */
export function connectorAdminRoutes(admin: ConnectorAdmin): Route<AdminHandler>[] {
  return [
    {
      method: 'GET',
      path: '/admin/accounts/:accountId/connectors',
      handler: keyed(async (call) => ok(await admin.connectors(account(call)))),
    },
    {
      method: 'POST',
      path: '/admin/accounts/:accountId/connectors',
      handler: keyed(async (call) => {
        const body = validated(bodies.connector, await call.body(), 'connector');
        return created(await admin.createConnector(account(call), body));
      }),
    },
    {
      method: 'POST',
      path: '/admin/accounts/:accountId/connectors/:connectorId/rotate',
      handler: keyed(async (call) =>
        ok(await admin.rotateConnector(account(call), connector(call))),
      ),
    },
    {
      method: 'DELETE',
      path: '/admin/accounts/:accountId/connectors/:connectorId',
      handler: keyed(async (call) => {
        await admin.revokeConnector(account(call), connector(call));
        return ok({ revoked: connector(call) });
      }),
    },
  ];
}

/** A row the connector reaches with its own token (checked by the port, not by the admin key). */
const withToken = (handle: AdminHandler['handle']): AdminHandler => ({ open: true, handle });

/** The connector's rows: interactions created and updated by a channel. */
export function connectorRoutes(ingress: ConnectorIngress): Route<AdminHandler>[] {
  return [
    {
      method: 'POST',
      path: '/connector/accounts/:accountId/interactions',
      handler: withToken(async (call) => {
        // Who asks is checked before what they send: a stranger learns nothing from a 400.
        await ingress.authenticate(account(call), call.bearer);
        const body = validated(
          bodies.arrival,
          withArrivalDefaults(await call.body()),
          'interaction',
        );
        return created(await ingress.arrive(account(call), call.bearer, body));
      }),
    },
    {
      method: 'POST',
      path: '/connector/accounts/:accountId/interactions/:id/leave',
      handler: withToken(async (call) => {
        await ingress.customerLeaves(account(call), call.bearer, id(call));
        return ok({ left: id(call) });
      }),
    },
  ];
}
