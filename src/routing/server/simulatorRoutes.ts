/**
 * The simulator API's route table: customers arriving and leaving, releases that fail, outside
 * numbers answering, bounded load; each row over the narrow SimulatorControl port.
 */
import * as m from '../../protocol/messages';
import { HttpError } from '../../http/errors';
import type { Route } from '../../http/routeTable';
import { param } from '../../http/routeTable';
import { bodies, validated } from './adminBodies';
import type { AdminCall, AdminHandler } from './adminRoutes';
import { created, keyed, ok } from './adminRoutes';
import type { SimulatorControl } from './routingAdmin';

/** The simulator rows of the table, over `simulator`. */
export function simulatorRoutes(simulator: SimulatorControl): Route<AdminHandler>[] {
  const account = (call: AdminCall) => param(call.params, 'accountId');
  const id = (call: AdminCall) => param(call.params, 'id');
  return [
    {
      method: 'POST',
      path: '/simulator/accounts/:accountId/interactions',
      handler: keyed(async (call) => {
        const body = validated(
          bodies.arrival,
          withArrivalDefaults(await call.body()),
          'interaction',
        );
        return created(await simulator.arrive(account(call), body));
      }),
    },
    {
      method: 'POST',
      path: '/simulator/accounts/:accountId/interactions/:id/leave',
      handler: keyed(async (call) => {
        await simulator.customerLeaves(account(call), id(call));
        return ok({ left: id(call) });
      }),
    },
    {
      method: 'POST',
      path: '/simulator/accounts/:accountId/interactions/:id/fail-release',
      handler: keyed(async (call) => {
        const body = validated(bodies.fault, await call.body(), 'fault');
        await simulator.failNextRelease(account(call), id(call), body.fault);
        return ok({ interactionId: id(call), fault: body.fault });
      }),
    },
    {
      method: 'GET',
      path: '/simulator/accounts/:accountId/calls/:id',
      handler: keyed((call) => ok(found(simulator.call(account(call), id(call)), 'call'))),
    },
    {
      method: 'POST',
      path: '/simulator/accounts/:accountId/calls/:id/answer',
      handler: keyed(async (call) => {
        await simulator.answerCall(account(call), id(call));
        return ok({ answered: id(call) });
      }),
    },
    {
      method: 'PUT',
      path: '/simulator/numbers/:number',
      handler: keyed(async (call) => {
        const number = validated(m.phoneNumber, param(call.params, 'number'), 'number');
        const body = validated(bodies.number, await call.body(), 'number');
        simulator.setNumber(number, body);
        return ok({ number, ...body });
      }),
    },
    {
      method: 'POST',
      path: '/simulator/accounts/:accountId/load',
      handler: keyed(async (call) => {
        const body = validated(bodies.load, await call.body(), 'load');
        return created(await simulator.startLoad({ accountId: account(call), ...body }));
      }),
    },
    {
      method: 'GET',
      path: '/simulator/loads/:id',
      handler: keyed((call) => ok(found(simulator.load(id(call)), 'load'))),
    },
    {
      method: 'DELETE',
      path: '/simulator/loads/:id',
      handler: keyed((call) => ok(found(simulator.stopLoad(id(call)), 'load'))),
    },
  ];
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new HttpError(404, 'not-found', `no such ${what}`);
  return value;
}

/** Fills what a quick simulator call leaves out: no record, search keys from the customer. */
export function withArrivalDefaults(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const given = body as Record<string, unknown>;
  const customer: Record<string, unknown> = {
    name: null,
    phone: null,
    email: null,
    ...(given['customer'] as object | undefined),
  };
  const keys = [customer['phone'], customer['email']].filter(
    (key): key is string => typeof key === 'string',
  );
  return {
    record: null,
    searchKeys: keys,
    subject: null,
    priority: 5,
    skills: [],
    ...given,
    customer,
  };
}
