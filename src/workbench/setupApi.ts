/**
 * The workbench API's Setup rows (`/workbench/api/setup/...`), behind the stand-ins of
 * ContactPadSetupController (platform/setupApex.js): services, agents and system settings through
 * the routing service's admin API with its admin key (as the Apex goes through the Named
 * Credential), and the org's Users searched in the workbench's fixture users. Bodies are checked
 * here with the protocol's schemas: bad input is a typed 400 naming the field and changes nothing;
 * a refusal of the routing service comes back as it answered it.
 */
import { HttpError } from '../http/errors';
import type { Route } from '../http/routeTable';
import { param } from '../http/routeTable';
import * as m from '../protocol/messages';
import type { ObjectSchema, Schema, StringSchema } from '../protocol/schema';
import { object, str } from '../protocol/schema';
import { DEMO_ACCOUNT } from '../routing/demo';
import { bodies, validated } from '../routing/server/adminBodies';
import type { RoutingApi } from './api';
import { fixtureUsers, searchUsers } from './fixtures';
import type { WorkbenchHandler } from './routes';
import { json, jsonAlways } from './routes';

const SETUP = '/workbench/api/setup';
/** Ids the page may name in a path (the protocol's id). */
const ID = '([A-Za-z0-9][A-Za-z0-9._:-]{0,63})';
/** The longest term a user search takes (as the Apex's). */
export const MAX_USER_TERM = 80;

const serviceName: ObjectSchema<{ readonly name: StringSchema }> = object({ name: m.name });

const schemas = {
  serviceName,
  agent: object({
    id: m.id,
    name: m.name,
    services: bodies.agent.fields.services,
    weights: bodies.agent.fields.weights,
  }),
  term: str(0, MAX_USER_TERM),
};

/**
 * A new service's id from its name: lower case letters and digits joined by "-", made unique
 * among `taken` with "-2", "-3"...
 */
export function serviceIdFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '') || 'service';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

type Answer = readonly [number, unknown];

interface AgentBody {
  readonly id: string;
  readonly name: string;
  readonly services: readonly string[];
  readonly weights: Readonly<Record<string, number | null>> | null;
}

/** A service body's name, trimmed (a typed 400 when the body is not `{ name }`). */
function nameIn(body: unknown): string {
  return validated(schemas.serviceName, body, 'service').name.trim();
}

/** What saveAgent sends (a typed 400 when the body is not one). */
function agentIn(body: unknown): AgentBody {
  const schema: Schema = schemas.agent;
  validated(schema, body, 'agent');
  return body as AgentBody;
}

const isList = (value: unknown): value is readonly unknown[] => Array.isArray(value);
const idsOf = (list: unknown): Set<string> =>
  new Set(
    (isList(list) ? list : []).map((item) => String((item as { id?: unknown } | null)?.id ?? '')),
  );

/** A removal the admin API answered 204: done, said as JSON. */
const removed = ([status, answer]: readonly [number, unknown], id: string) =>
  status === 204 ? ([200, { removed: id }] as const) : ([status, answer] as const);

/** The rows of the Setup part of the workbench API. */
export function setupRoutes(routingApi: RoutingApi): Route<WorkbenchHandler>[] {
  const users = fixtureUsers();
  const admin = (path: string) => `/admin/accounts/${DEMO_ACCOUNT}${path}`;
  const idIn = (params: Parameters<typeof param>[0]) => encodeURIComponent(param(params, 'id'));

  return [
    {
      method: 'GET',
      path: `${SETUP}/services`,
      handler: json(() => routingApi('GET', admin('/services'))),
    },
    {
      method: 'POST',
      path: `${SETUP}/services`,
      handler: json(async (call) => {
        const name = nameIn(await call.rawBody());
        const [status, services] = await routingApi('GET', admin('/services'));
        if (status !== 200) return [status, services];
        const id = serviceIdFor(name, idsOf(services));
        return routingApi('POST', admin('/services'), { id, name });
      }),
    },
    {
      method: 'PATCH',
      path: `${SETUP}/services/:id${ID}`,
      handler: json(async (call) => {
        const name = nameIn(await call.rawBody());
        return routingApi('PATCH', admin(`/services/${idIn(call.params)}`), { name });
      }),
    },
    {
      method: 'DELETE',
      path: `${SETUP}/services/:id${ID}`,
      handler: json(async (call) =>
        removed(
          await routingApi('DELETE', admin(`/services/${idIn(call.params)}`)),
          param(call.params, 'id'),
        ),
      ),
    },
    {
      method: 'GET',
      path: `${SETUP}/agents`,
      handler: json(() => routingApi('GET', admin('/agents'))),
    },
    {
      method: 'PUT',
      path: `${SETUP}/agents/:id${ID}`,
      // saveAgent: changes the agent, or creates them when the account has no such agent.
      handler: json(async (call): Promise<Answer> => {
        const agent = agentIn(await call.rawBody());
        if (agent.id !== param(call.params, 'id')) {
          throw new HttpError(400, 'bad-field', 'agent.id: expected the id in the path', {
            field: 'id',
          });
        }
        const path = admin(`/agents/${encodeURIComponent(agent.id)}`);
        const change = { name: agent.name, services: agent.services, weights: agent.weights };
        const [status, answer] = await routingApi('PATCH', path, change);
        if (status !== 404) return [status, answer];
        return routingApi('POST', admin('/agents'), { id: agent.id, ...change, state: null });
      }),
    },
    {
      method: 'DELETE',
      path: `${SETUP}/agents/:id${ID}`,
      handler: json(async (call) =>
        removed(
          await routingApi('DELETE', admin(`/agents/${idIn(call.params)}`)),
          param(call.params, 'id'),
        ),
      ),
    },
    {
      method: 'GET',
      path: `${SETUP}/users`,
      handler: jsonAlways((call) => {
        const term = validated(schemas.term, call.query.get('q') ?? '', 'q');
        return [
          200,
          searchUsers(users, term).map((user) => ({
            userId: user.userId,
            name: user.name,
            username: user.username,
            agentId: user.federationId ?? user.userId,
          })),
        ];
      }),
    },
    {
      method: 'GET',
      path: `${SETUP}/settings`,
      handler: json(() => routingApi('GET', admin('/settings'))),
    },
    {
      method: 'PUT',
      path: `${SETUP}/settings`,
      // The whole settings: the routing service checks them and applies all or nothing.
      handler: json(async (call) => routingApi('PUT', admin('/settings'), await call.rawBody())),
    },
  ];
}
