/**
 * The admin API's rows for opening hours, over the narrow HoursAdmin port: a service's time zone,
 * weekly opening times and holidays, and whether arrivals while it is closed are refused or
 * overflowed. Bodies are validated here; a refused change changes nothing.
 */
import type { Route } from '../../http/routeTable';
import { param } from '../../http/routeTable';
import { bodies, validated } from './adminBodies';
import type { AdminCall, AdminHandler } from './adminRoutes';
import { keyed, ok } from './adminRoutes';
import type { HoursAdmin } from './routingAdmin';

/** The opening hours rows of the table, over `routing`. */
export function hoursRoutes(routing: HoursAdmin): Route<AdminHandler>[] {
  const account = (call: AdminCall) => param(call.params, 'accountId');
  const service = (call: AdminCall) => param(call.params, 'serviceId');
  const path = '/admin/accounts/:accountId/services/:serviceId/hours';
  return [
    {
      method: 'GET',
      path,
      handler: keyed(async (call) => ok(await routing.serviceHours(account(call), service(call)))),
    },
    {
      method: 'PUT',
      path,
      handler: keyed(async (call) => {
        const body = validated(bodies.serviceHours, await call.body(), 'serviceHours');
        return ok(await routing.setServiceHours(account(call), service(call), body));
      }),
    },
  ];
}
