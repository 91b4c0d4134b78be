/**
 * The admin API's rows for overflow, over the narrow OverflowAdmin port: where a service's waiting
 * work moves and after how long, and when a waiting call becomes a callback request. Bodies are
 * validated here; a refused change changes nothing.
 */
import type { Route } from '../../http/routeTable';
import { param } from '../../http/routeTable';
import { bodies, validated } from './adminBodies';
import type { AdminCall, AdminHandler } from './adminRoutes';
import { keyed, ok } from './adminRoutes';
import type { OverflowAdmin } from './routingAdmin';

/** The overflow rows of the table, over `routing`. */
export function overflowRoutes(routing: OverflowAdmin): Route<AdminHandler>[] {
  const account = (call: AdminCall) => param(call.params, 'accountId');
  const service = (call: AdminCall) => param(call.params, 'serviceId');
  const path = '/admin/accounts/:accountId/services/:serviceId/overflow';
  const callbacks = '/admin/accounts/:accountId/services/:serviceId/callbacks';
  return [
    {
      method: 'GET',
      path,
      handler: keyed(async (call) =>
        ok(await routing.serviceOverflow(account(call), service(call))),
      ),
    },
    {
      method: 'PUT',
      path,
      handler: keyed(async (call) => {
        const body = validated(bodies.serviceOverflow, await call.body(), 'serviceOverflow');
        return ok(await routing.setServiceOverflow(account(call), service(call), body));
      }),
    },
    {
      method: 'GET',
      path: callbacks,
      handler: keyed(async (call) =>
        ok(await routing.serviceCallbacks(account(call), service(call))),
      ),
    },
    {
      method: 'PUT',
      path: callbacks,
      handler: keyed(async (call) => {
        const body = validated(bodies.serviceCallbacks, await call.body(), 'serviceCallbacks');
        return ok(await routing.setServiceCallbacks(account(call), service(call), body));
      }),
    },
  ];
}
