/**
 * The workbench API's supervisor row: `GET /workbench/api/supervisor/session?supervisor=<id>`,
 * the stand-in behind ContactPadSupervisorController.getSupervisorSession. The person the page is
 * signed in as is the supervisor (in an org, the running user); the routing service's admin API
 * issues the supervisor token (`POST /admin/accounts/:a/supervisors/:id/token`), so the page never
 * holds the admin key. Answers `{ routingUrl, token, expiresAt }`, routingUrl being the
 * supervisor WebSocket of the routing service now running.
 */
import { supervisorUrl } from '../adapter/supervisor';
import { id as idSchema } from '../protocol';
import { compile } from '../protocol/schema';
import { HttpError } from '../http/errors';
import type { Route } from '../http/routeTable';
import { DEMO_ACCOUNT } from '../routing/demo';
import type { RoutingApi, WorkbenchApiParts } from './api';
import type { WorkbenchHandler } from './routes';
import { json } from './routes';

/** How long a workbench supervisor token lasts; the page asks again for each new connection. */
export const SUPERVISOR_TOKEN_SECONDS = 3600;

const checkId = compile(idSchema);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The rows of the supervisor part of the workbench API. */
export function supervisorRoutes(
  parts: WorkbenchApiParts,
  routingApi: RoutingApi,
): Route<WorkbenchHandler>[] {
  return [
    {
      method: 'GET',
      path: '/workbench/api/supervisor/session',
      handler: json(async (call) => {
        const supervisorId = call.query.get('supervisor');
        if (checkId(supervisorId) !== null) {
          throw new HttpError(400, 'bad-request', 'supervisor must be an agent id of the demo');
        }
        const id = String(supervisorId);
        // The workbench's people are the demo's agents: the name comes from there.
        const person = await parts.routing().routing.agent(DEMO_ACCOUNT, id);
        const [status, answer] = await routingApi(
          'POST',
          `/admin/accounts/${DEMO_ACCOUNT}/supervisors/${encodeURIComponent(id)}/token`,
          { name: person.name, ttlSeconds: SUPERVISOR_TOKEN_SECONDS },
        );
        if (status !== 200 && status !== 201) return [status, answer];
        if (!isRecord(answer) || typeof answer['token'] !== 'string') {
          throw new HttpError(502, 'bad-gateway', 'the routing service answered without a token');
        }
        return [
          200,
          {
            routingUrl: supervisorUrl(parts.routing().url),
            token: answer['token'],
            expiresAt: answer['expiresAt'] ?? null,
          },
        ];
      }),
    },
  ];
}
