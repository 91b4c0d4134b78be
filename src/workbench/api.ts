/**
 * The workbench API (`/workbench/api/`): agents for the picker, a session for an agent, fixture
 * records and Tasks, the customer simulator and the admin panel. The simulator and admin rows are
 * proxied to the routing service with its admin key, which the page never sees.
 */
import type { Channel } from '../protocol';
import { CHANNELS } from '../protocol';
import { HttpError } from '../http/errors';
import type { Route } from '../http/routeTable';
import { param } from '../http/routeTable';
import { DEMO_ACCOUNT } from '../routing/demo';
import type { RunningService } from '../routing/start';
import { UNKNOWN_CUSTOMER, arrivalOf, num, taskOf, unknownArrivalOf } from './apiBodies';
import type { RecordStore } from './fixtures';
import { CUSTOMERS } from './fixtures';
import type { LiveView } from './liveView';
import { outsideCalls } from './liveView';
import type { WorkbenchHandler } from './routes';
import { setupRoutes } from './setupApi';
import { supervisorRoutes } from './supervisorApi';
import { json, jsonAlways } from './routes';

/** What the API works on: the routing service now running, the page's records. */
export interface WorkbenchApiParts extends RoutingApiParts {
  /** Whether the routing service is down for a restart. */
  restarting(): boolean;
  restartRouting(downMs: number): Promise<void>;
  readonly records: RecordStore;
  /** The demo agents the picker lists, and those of them people sign in as. */
  readonly agentIds: readonly string[];
  readonly signInAgentIds: readonly string[];
  /** The pushed view of the page (GET updates). */
  readonly live: LiveView;
}

const API = '/workbench/api';
/** Ids the page may name in a path: an interaction, a call. */
const ID = '([A-Za-z0-9_.:-]{1,64})';

/** A call to the routing service: the status and the JSON answer (or null). */
export type RoutingApi = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<readonly [number, unknown]>;

/** What a call to the routing service needs: the service now running, its admin key. */
export interface RoutingApiParts {
  /** The routing service now running (a new one after a restart). */
  routing(): RunningService;
  /** Whether the routing service is down for a restart (absent: never asked). */
  restarting?(): boolean;
  readonly adminKey: string;
}

/**
 * Calls the routing service now running with a bearer: its admin key unless another is given (the
 * case desk speaks with its connector token). 503 while it restarts.
 */
export function routingApiOf(parts: RoutingApiParts, bearer = parts.adminKey): RoutingApi {
  return async (method, path, body) => {
    if (parts.restarting?.() === true) {
      throw new HttpError(503, 'unavailable', 'the routing service is restarting');
    }
    const response = await fetch(`${parts.routing().url}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json().catch(() => null)) as unknown;
    return [response.status, answer] as const;
  };
}

/** The rows of the workbench API. */
export function apiRoutes(parts: WorkbenchApiParts): Route<WorkbenchHandler>[] {
  const { records } = parts;
  const routingApi = routingApiOf(parts);
  const account = (path: string) => `/admin/accounts/${DEMO_ACCOUNT}${path}`;
  const simulator = (path: string) => `/simulator/accounts/${DEMO_ACCOUNT}${path}`;

  return [
    { method: 'GET', path: `${API}/agents`, handler: json((call) => agents(parts, call.query)) },
    {
      method: 'GET',
      path: `${API}/services`,
      handler: json(async () => [200, await parts.routing().routing.services(DEMO_ACCOUNT)]),
    },
    {
      method: 'GET',
      path: `${API}/session`,
      // A session (a token signed with the same key) is still issued while the service is down,
      // so ContactPad keeps retrying the routing address itself.
      handler: jsonAlways(async (call) => {
        const routing = parts.routing();
        const agentId = call.query.get('agent') ?? '';
        await routing.routing.agent(DEMO_ACCOUNT, agentId); // not-found for an unknown agent
        const issued = await routing.routing.issueToken(DEMO_ACCOUNT, agentId);
        return [
          200,
          {
            routingUrl: routing.agentUrl,
            token: issued.token,
            expiresAt: issued.expiresAt,
            agentId,
            accountId: DEMO_ACCOUNT,
          },
        ];
      }),
    },
    {
      method: 'GET',
      path: `${API}/records`,
      handler: json(() => [
        200,
        records.records.map((r) => ({ ...r, tasks: records.tasksOf(r.id) })),
      ]),
    },
    {
      method: 'GET',
      path: `${API}/records/:id([A-Za-z0-9]{15,18})`,
      handler: json((call) => {
        const found = records.record(param(call.params, 'id'));
        if (found === undefined) throw new HttpError(404, 'not-found', 'no such record');
        return [200, { ...found, tasks: records.tasksOf(found.id) }];
      }),
    },
    {
      method: 'GET',
      path: `${API}/search`,
      handler: json((call) => [
        200,
        records
          .search(call.query.get('q') ?? '')
          .map((r) => ({ id: r.id, name: r.name, objectType: r.objectType })),
      ]),
    },
    { method: 'GET', path: `${API}/tasks`, handler: json(() => [200, records.allTasks()]) },
    {
      method: 'POST',
      path: `${API}/tasks`,
      handler: json(async (call) => [201, { id: records.add(taskOf(await call.body())).Id }]),
    },
    { method: 'GET', path: `${API}/customers`, handler: json(() => [200, CUSTOMERS]) },
    {
      method: 'GET',
      path: `${API}/interactions`,
      handler: json(() => routingApi('GET', account('/interactions'))),
    },
    {
      method: 'POST',
      path: `${API}/simulate/arrive`,
      handler: json(async (call) => {
        const body = await call.body();
        const channel = body['channel'] as Channel;
        const customer = CUSTOMERS.find((c) => c.key === body['customer']) ?? CUSTOMERS[0];
        const serviceId = typeof body['serviceId'] === 'string' ? body['serviceId'] : '';
        if (!(CHANNELS as readonly string[]).includes(channel))
          throw new HttpError(400, 'bad-request', 'unknown channel');
        return routingApi(
          'POST',
          simulator('/interactions'),
          body['customer'] === UNKNOWN_CUSTOMER.key
            ? unknownArrivalOf(channel, serviceId)
            : arrivalOf(channel, serviceId, customer),
        );
      }),
    },
    {
      method: 'POST',
      path: `${API}/simulate/interactions/:id${ID}/leave`,
      handler: json((call) =>
        routingApi('POST', simulator(`/interactions/${param(call.params, 'id')}/leave`), {}),
      ),
    },
    {
      method: 'POST',
      path: `${API}/simulate/interactions/:id${ID}/fail-release`,
      handler: json(async (call) => {
        const fault = (await call.body())['fault'];
        if (fault !== 'error' && fault !== 'hang') {
          throw new HttpError(400, 'bad-request', 'fault must be "error" or "hang"');
        }
        const id = param(call.params, 'id');
        return routingApi('POST', simulator(`/interactions/${id}/fail-release`), { fault });
      }),
    },
    {
      method: 'GET',
      path: `${API}/simulate/calls`,
      handler: json(async () => [200, await outsideCalls(parts.routing())]),
    },
    {
      method: 'POST',
      path: `${API}/simulate/calls/:ref${ID}/answer`,
      handler: json((call) =>
        routingApi('POST', simulator(`/calls/${param(call.params, 'ref')}/answer`), {}),
      ),
    },
    {
      method: 'PUT',
      path: `${API}/simulate/numbers/:number(\\+?[0-9]{3,20})`,
      handler: json(async (call) => {
        const body = await call.body();
        return routingApi(
          'PUT',
          `/simulator/numbers/${encodeURIComponent(param(call.params, 'number'))}`,
          { answer: body['answer'], afterMs: body['afterMs'] ?? 2000 },
        );
      }),
    },
    {
      method: 'GET',
      path: `${API}/settings`,
      handler: json(() => routingApi('GET', account('/settings'))),
    },
    {
      method: 'PATCH',
      path: `${API}/settings`,
      handler: json(async (call) =>
        routingApi('PATCH', account('/settings'), await call.rawBody()),
      ),
    },
    {
      method: 'GET',
      path: `${API}/services/:id${ID}/overflow`,
      handler: json((call) =>
        routingApi('GET', account(`/services/${param(call.params, 'id')}/overflow`)),
      ),
    },
    {
      method: 'PUT',
      path: `${API}/services/:id${ID}/overflow`,
      handler: json(async (call) =>
        routingApi(
          'PUT',
          account(`/services/${param(call.params, 'id')}/overflow`),
          await call.rawBody(),
        ),
      ),
    },
    {
      method: 'PUT',
      path: `${API}/services/:id${ID}/callbacks`,
      handler: json(async (call) =>
        routingApi(
          'PUT',
          account(`/services/${param(call.params, 'id')}/callbacks`),
          await call.rawBody(),
        ),
      ),
    },
    {
      method: 'POST',
      path: `${API}/routing/restart`,
      handler: json(async (call) => {
        await parts.restartRouting(num((await call.body())['downMs']) ?? 0);
        return [200, { restarted: true, url: parts.routing().url }];
      }),
    },
    {
      method: 'GET',
      path: `${API}/updates`,
      // Server-Sent Events: what the page shows, now and on every change (liveView.ts).
      handler: {
        needsRouting: false,
        handle: (call) => parts.live.listen(call.request, call.response),
      },
    },
    {
      method: 'GET',
      path: `${API}/routing`,
      handler: jsonAlways(() => [200, { up: !parts.restarting(), url: parts.routing().url }]),
    },
    ...supervisorRoutes(parts, routingApi),
    ...setupRoutes(routingApi),
    {
      // Any other path of the API, with any method: no such route (not a file, not a 405).
      method: '*',
      path: `${API}/*`,
      handler: json((call) => {
        const method = call.request.method ?? 'GET';
        throw new HttpError(404, 'no-route', `no workbench route ${method} ${call.path}`);
      }),
    },
  ];
}

/** The picker's agents: the demo's and the one named by ?agent=, never the whole account. */
async function agents(
  parts: WorkbenchApiParts,
  query: URLSearchParams,
): Promise<readonly [number, unknown]> {
  const routing = parts.routing();
  // An account may hold tens of thousands of directory entries; the picker needs none of them.
  const wanted = new Set(parts.agentIds);
  const named = query.get('agent');
  if (named !== null && named !== '') wanted.add(named);
  // Async, so a read that throws at once and one that rejects both leave the id out.
  const agentOf = async (id: string) => routing.routing.agent(DEMO_ACCOUNT, id);
  const found = await Promise.all(
    [...wanted].map((id) =>
      agentOf(id).then(
        (agent) => [agent],
        () => [], // not (or no longer) in the account
      ),
    ),
  );
  return [
    200,
    found.flat().map((agent) => ({
      id: agent.id,
      name: agent.name,
      state: agent.state,
      presence: agent.presence,
      services: agent.services,
      signIn: parts.signInAgentIds.includes(agent.id),
    })),
  ];
}
