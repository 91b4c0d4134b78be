/**
 * The connector API's route table (CONNECTORS.md): the admin's rows for connector credentials
 * (admin key), and the connector's own rows under `/connector`, reached with a connector token as
 * `Authorization: Bearer cpc_...` (never the admin key). Bodies are validated here, at the edge.
 */
import { HttpError } from '../../http/errors';
import type { Route } from '../../http/routeTable';
import { MAX_FEED_PAGE } from '../engine/outcomes';
import { param } from '../../http/routeTable';
import { bodies, validated } from './adminBodies';
import type { AdminCall, AdminHandler } from './adminRoutes';
import { created, keyed, ok } from './adminRoutes';
import type { ConnectorAdmin, ConnectorIngress } from './connectorPort';
import { withArrivalDefaults } from './simulatorRoutes';
import { connectorBodies } from './connectorBodies';
import { fingerprintOf } from './fingerprint';
import { webhookUrl } from './webhookTargets';

const account = (call: AdminCall) => param(call.params, 'accountId');
const connector = (call: AdminCall) => param(call.params, 'connectorId');

/**
 * The admin rows: list, create, rotate and revoke an account's connectors, set their webhooks
 * (`allowPrivateWebhooks`: whether those may point at private addresses, webhookTargets.ts).
 */
export function connectorAdminRoutes(
  admin: ConnectorAdmin,
  allowPrivateWebhooks: boolean,
): Route<AdminHandler>[] {
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
      method: 'PUT',
      path: '/admin/accounts/:accountId/connectors/:connectorId/webhook',
      handler: keyed(async (call) => {
        const body = validated(connectorBodies.webhook, await call.body(), 'webhook');
        const url = webhookUrl(body.url, allowPrivateWebhooks);
        return ok(await admin.setWebhook(account(call), connector(call), url));
      }),
    },
    {
      method: 'DELETE',
      path: '/admin/accounts/:accountId/connectors/:connectorId/webhook',
      handler: keyed(async (call) => ok(await admin.removeWebhook(account(call), connector(call)))),
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

/** The connector's rows: interactions created and ended by a channel, by its external id. */
export function connectorRoutes(ingress: ConnectorIngress): Route<AdminHandler>[] {
  return [
    {
      method: 'POST',
      path: '/connector/accounts/:accountId/interactions',
      handler: withToken(async (call) => {
        // Who asks is checked before what they send (a stranger learns nothing from a 400): when
        // the body is refused, the token is checked first and its 401 wins. A body that passes is
        // checked with the token in the create itself, so a create costs one operation.
        let body;
        try {
          body = validated(connectorBodies.create, withDefaults(await call.body()), 'interaction');
        } catch (err) {
          await ingress.authenticate(account(call), call.bearer);
          throw err;
        }
        const { externalId, ...arrival } = body;
        const result = await ingress.create(
          account(call),
          call.bearer,
          externalId,
          fingerprintOf(body),
          arrival,
        );
        return result.created ? created(result.interaction) : ok(result.interaction);
      }),
    },
    {
      method: 'GET',
      path: '/connector/accounts/:accountId/events',
      handler: withToken(async (call) => {
        await ingress.authenticate(account(call), call.bearer);
        const after = counted(call.query, 'after', 0, Number.MAX_SAFE_INTEGER, 0);
        const limit = counted(call.query, 'limit', 1, MAX_FEED_PAGE, DEFAULT_FEED_PAGE);
        return ok(await ingress.events(account(call), call.bearer, after, limit));
      }),
    },
    {
      method: 'POST',
      path: '/connector/accounts/:accountId/interactions/end',
      handler: withToken(async (call) => {
        await ingress.authenticate(account(call), call.bearer);
        const body = validated(connectorBodies.end, await call.body(), 'end');
        return ok(await ingress.end(account(call), call.bearer, body.externalId, body.reason));
      }),
    },
  ];
}

/** Events a read of the feed answers when it names no limit. */
const DEFAULT_FEED_PAGE = 100;

/** A whole number from the query, within bounds; absent: the default; else a typed 400. */
function counted(
  query: URLSearchParams,
  name: string,
  min: number,
  max: number,
  absent: number,
): number {
  const given = query.get(name);
  if (given === null) return absent;
  const value = /^[0-9]{1,16}$/.test(given) ? Number(given) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new HttpError(400, 'bad-field', `${name}: expected a whole number ${min}-${max}`, {
      field: name,
    });
  }
  return value;
}

/** The arrival's defaults (as the simulator's) under the connector's external id. */
function withDefaults(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { externalId, ...rest } = body as Record<string, unknown>;
  const filled = withArrivalDefaults(rest) as Record<string, unknown>;
  return externalId === undefined ? filled : { externalId, ...filled };
}
