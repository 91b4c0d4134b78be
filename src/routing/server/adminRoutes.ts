/**
 * The admin API's route table: accounts, settings, services, agents, tokens and what an account
 * holds, each row a method, a path and a handler over the narrow RoutingAdmin port. Bodies are
 * validated here, at the edge (adminBodies.ts); the simulator's rows are in simulatorRoutes.ts.
 */
import type { Settings } from '../../protocol';
import { settings as settingsSchema } from '../../protocol';
import { HttpError } from '../../http/errors';
import type { Params, Route } from '../../http/routeTable';
import { param } from '../../http/routeTable';
import { bodies, validated } from './adminBodies';
import type { RoutingAdmin } from './routingAdmin';

/** One request as a handler sees it: its path parameters, its JSON body (read once, on demand). */
export interface AdminCall {
  readonly params: Params;
  /** Whether it carries the admin key (only open routes are reached without it). */
  readonly admin: boolean;
  /** The bearer token as presented ('' without one): the connector API checks its own. */
  readonly bearer: string;
  /** The request target's query (the connector feed's cursor). */
  readonly query: URLSearchParams;
  body(): Promise<unknown>;
}

/** An answer: JSON, or text of a type (metrics). */
export type AdminAnswer =
  | { readonly status: number; readonly body: unknown }
  | { readonly status: number; readonly text: string; readonly contentType: string };

export interface AdminHandler {
  /** Answered without the admin key (the handler decides what it shows). */
  readonly open: boolean;
  handle(call: AdminCall): Promise<AdminAnswer> | AdminAnswer;
}

/** A handler that needs the admin key. */
export const keyed = (handle: AdminHandler['handle']): AdminHandler => ({ open: false, handle });

export const ok = (body: unknown): AdminAnswer => ({ status: 200, body });
export const created = (body: unknown): AdminAnswer => ({ status: 201, body });
/** Done, nothing to say (a removal). */
export const NO_CONTENT: AdminAnswer = { status: 204, body: null };

/** The admin rows of the table, over `routing`. */
export function adminRoutes(routing: RoutingAdmin): Route<AdminHandler>[] {
  const account = (call: AdminCall) => param(call.params, 'accountId');
  const agent = (call: AdminCall) => param(call.params, 'agentId');
  const serviceOf = (call: AdminCall) => param(call.params, 'serviceId');
  /** A token lifetime asked for: none (the default), or at most the service's longest. */
  const ttlOf = (ttlSeconds: number | null, body: string): number | undefined => {
    const max = routing.maxTokenTtlSeconds;
    if (ttlSeconds !== null && ttlSeconds > max) {
      throw new HttpError(
        400,
        'bad-field',
        `${body}.ttlSeconds: expected at most ${max} (the longest token lifetime of this service)`,
        { field: 'ttlSeconds' },
      );
    }
    return ttlSeconds ?? undefined;
  };
  return [
    {
      method: 'GET',
      path: '/admin/accounts',
      handler: keyed(async () => ok(await routing.accounts())),
    },
    {
      method: 'POST',
      path: '/admin/accounts',
      handler: keyed(async (call) => {
        const body = validated(bodies.account, await call.body(), 'account');
        return created(await routing.createAccount(body.id, body.name, body.settings));
      }),
    },
    {
      method: 'GET',
      path: '/admin/accounts/:accountId',
      handler: keyed(async (call) => ok(await routing.account(account(call)))),
    },
    {
      method: 'GET',
      path: '/admin/accounts/:accountId/settings',
      handler: keyed(async (call) => ok((await routing.account(account(call))).settings)),
    },
    {
      method: 'PUT',
      path: '/admin/accounts/:accountId/settings',
      handler: keyed(async (call) => {
        const body = validated(settingsSchema, await call.body(), 'settings');
        return ok(await routing.updateSettings(account(call), body));
      }),
    },
    {
      method: 'PATCH',
      path: '/admin/accounts/:accountId/settings',
      handler: keyed(async (call) => {
        const current = (await routing.account(account(call))).settings;
        const body = validated(
          settingsSchema,
          mergeSettings(current, await call.body()),
          'settings',
        );
        return ok(await routing.updateSettings(account(call), body));
      }),
    },
    {
      method: 'GET',
      path: '/admin/accounts/:accountId/services',
      handler: keyed(async (call) => ok(await routing.services(account(call)))),
    },
    {
      method: 'POST',
      path: '/admin/accounts/:accountId/services',
      handler: keyed(async (call) => {
        const body = validated(bodies.service, await call.body(), 'service');
        return created(await routing.createService(account(call), body.id, body.name));
      }),
    },
    {
      method: 'PATCH',
      path: '/admin/accounts/:accountId/services/:serviceId',
      handler: keyed(async (call) => {
        const body = validated(bodies.serviceChange, await call.body(), 'service');
        const service = await routing.renameService(account(call), serviceOf(call), body.name);
        return ok({ id: service.id, name: service.name });
      }),
    },
    {
      method: 'DELETE',
      path: '/admin/accounts/:accountId/services/:serviceId',
      handler: keyed(async (call) => {
        await routing.removeService(account(call), serviceOf(call));
        return NO_CONTENT;
      }),
    },
    {
      method: 'GET',
      path: '/admin/accounts/:accountId/agents',
      handler: keyed(async (call) => ok(await routing.agents(account(call)))),
    },
    {
      method: 'POST',
      path: '/admin/accounts/:accountId/agents',
      handler: keyed(async (call) => {
        const body = validated(bodies.agent, await call.body(), 'agent');
        return created(
          await routing.createAgent(account(call), {
            id: body.id,
            name: body.name,
            services: body.services,
            weights: withoutNulls(body.weights),
            state: body.state ?? 'logged-out',
          }),
        );
      }),
    },
    {
      method: 'GET',
      path: '/admin/accounts/:accountId/agents/:agentId',
      handler: keyed(async (call) => ok(await routing.agent(account(call), agent(call)))),
    },
    {
      method: 'PATCH',
      path: '/admin/accounts/:accountId/agents/:agentId',
      handler: keyed(async (call) => {
        const body = validated(bodies.agentChange, await call.body(), 'agent');
        return ok(
          await routing.updateAgent(account(call), agent(call), {
            ...(body.name === null ? {} : { name: body.name }),
            ...(body.services === null ? {} : { services: body.services }),
            ...(body.weights === null ? {} : { weights: withoutNulls(body.weights) }),
          }),
        );
      }),
    },
    {
      method: 'DELETE',
      path: '/admin/accounts/:accountId/agents/:agentId',
      handler: keyed(async (call) => {
        await routing.removeAgent(account(call), agent(call));
        return NO_CONTENT;
      }),
    },
    {
      method: 'POST',
      path: '/admin/accounts/:accountId/agents/:agentId/token',
      handler: keyed(async (call) => {
        const raw = await call.body();
        const body = validated(
          bodies.token,
          raw === undefined ? { ttlSeconds: null } : raw,
          'token',
        );
        return created(
          await routing.issueToken(account(call), agent(call), ttlOf(body.ttlSeconds, 'token')),
        );
      }),
    },
    {
      method: 'POST',
      path: '/admin/accounts/:accountId/supervisors/:supervisorId/token',
      handler: keyed(async (call) => {
        const body = validated(bodies.supervisorToken, await call.body(), 'supervisorToken');
        const ttl = ttlOf(body.ttlSeconds, 'supervisorToken');
        const supervisorId = param(call.params, 'supervisorId');
        return created(
          await routing.issueSupervisorToken(account(call), supervisorId, body.name, ttl),
        );
      }),
    },
    {
      method: 'GET',
      path: '/admin/accounts/:accountId/interactions',
      handler: keyed(async (call) => ok(await routing.interactions(account(call)))),
    },
    {
      method: 'GET',
      path: '/admin/accounts/:accountId/queues',
      handler: keyed(async (call) => ok(await routing.queues(account(call)))),
    },
    {
      method: 'GET',
      path: '/admin/accounts/:accountId/directory',
      handler: keyed(async (call) => ok(await routing.directory(account(call)))),
    },
  ];
}

function withoutNulls<T extends Record<string, number | null>>(
  weights: T | null,
): Partial<Record<keyof T, number>> {
  const result: Partial<Record<keyof T, number>> = {};
  for (const [kind, value] of Object.entries(weights ?? {})) {
    if (value !== null) result[kind as keyof T] = value as number;
  }
  return result;
}

/** A PATCH body merged over the current settings; features, weights and offers merge one level down. */
export function mergeSettings(current: Settings, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const change = patch as Record<string, unknown>;
  const merge = (key: 'features' | 'weights' | 'offers') => {
    const value = change[key];
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? { ...current[key], ...value }
      : (value ?? current[key]);
  };
  return {
    ...current,
    ...change,
    features: merge('features'),
    weights: merge('weights'),
    offers: merge('offers'),
  };
}
