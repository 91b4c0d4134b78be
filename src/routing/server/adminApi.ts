/**
 * The admin and simulator HTTP API (JSON). Its errors carry the protocol's codes and its own:
 * `unauthorised`, `no-route`, `bad-url`. Every route but /health needs the admin key as
 * `Authorization: Bearer <key>`; /health says only up or down without it. A request about an
 * account another process serves is forwarded to it (forward.ts). Routes are one table
 * (adminRoutes.ts, simulatorRoutes.ts) over the narrow AdminPort; a bad request or request target
 * gets a typed error (`{ "error": { "code", "message", "field" } }`) and changes nothing.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ErrorCode } from '../../protocol';
import { ProtocolError } from '../../protocol';
import { answering, sendJson, sendText } from '../../http/answer';
import { parseJson, readText } from '../../http/body';
import { HttpError } from '../../http/errors';
import type { Route } from '../../http/routeTable';
import { RouteTable } from '../../http/routeTable';
import { pathSegments, queryOf } from '../../http/target';
import type { Purpose } from '../partitions/partitions';
import { bodies, validated } from './adminBodies';
import type { AdminAnswer, AdminCall, AdminHandler } from './adminRoutes';
import { adminRoutes, keyed } from './adminRoutes';
import type { HttpForwarder } from './forward';
import type { RoutingMetrics } from './metrics';
import type { AdminPort, RoutingAdmin } from './routingAdmin';
import { simulatorRoutes } from './simulatorRoutes';
import type { ConnectorPort } from './connectorPort';
import { connectorAdminRoutes, connectorRoutes } from './connectorRoutes';
import { bearerOf } from './connectorTokens';
import { hoursRoutes } from './hoursRoutes';
import { overflowRoutes } from './overflowRoutes';
import { skillRoutes } from './skillRoutes';

/** The status each protocol error code is answered with (400 when not listed). */
const STATUS: Partial<Record<ErrorCode, number>> = {
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'not-allowed': 409,
  'feature-disabled': 409,
  'target-unavailable': 409,
  'has-work': 409,
  'service-closed': 409,
  unavailable: 503,
  internal: 500,
};

export interface AdminApiOptions {
  readonly port: AdminPort;
  readonly adminKey: string;
  /** What `/metrics` answers with. */
  readonly metrics: Pick<RoutingMetrics, 'scrape'>;
  readonly log: Logger;
  /** The connector API (connectorRoutes.ts); absent, it has no rows. */
  readonly connectors?: ConnectorPort;
  /** Whether webhooks may point at loopback, private and link-local addresses (default: no). */
  readonly allowPrivateWebhooks?: boolean;
  /** Passes requests for accounts served by another routing process on to it. */
  readonly forwarder: Pick<HttpForwarder, 'forward' | 'mark'>;
}

/** The request listener of the admin and simulator API; it never rejects. */
export function adminApi(options: AdminApiOptions): RequestListener {
  const { port, adminKey, metrics, log } = options;
  const table = new RouteTable<AdminHandler>(
    routesOf(port, metrics, options.connectors, options.allowPrivateWebhooks ?? false),
    {
      // A method a path does not take is no route either (the API has always answered so).
      noRoute: (method, path) => new HttpError(404, 'no-route', `no route ${method} ${path}`),
    },
  );
  const forwarder = options.forwarder;
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    let text: Promise<string> | undefined;
    let body: Promise<unknown> | undefined;
    const method = request.method ?? 'GET';
    const parts = pathSegments(request.url);
    const readRaw = () => (text ??= readText(request));
    const readBody = () => (body ??= readRaw().then((raw) => parseJson(raw)));
    const admin = authorised(request, adminKey);
    const forwarded = forwarder.mark.carriedBy(request.headers);
    const owner = await ownerElsewhere(method, parts, port, admin, forwarded, readBody);
    if (owner !== null) {
      // A connector's own token goes with its request: the owner checks it.
      const authorization = admin ? `Bearer ${adminKey}` : (request.headers.authorization ?? '');
      await forwarder.forward(
        owner,
        { method, path: request.url ?? '/', authorization },
        await readRaw(),
        response,
      );
      return;
    }
    let handler: AdminHandler;
    let call: AdminCall;
    try {
      const match = table.find(method, parts);
      handler = match.handler;
      call = {
        params: match.params,
        admin,
        bearer: bearerOf(request.headers.authorization),
        query: queryOf(request.url),
        body: readBody,
      };
    } catch (error) {
      // Without the key, nothing but the open routes exists.
      if (!admin) throw unauthorised();
      throw error;
    }
    if (!handler.open && !admin) throw unauthorised();
    answer(response, await handler.handle(call));
  };
  return answering(handle, {
    toError,
    withField: true,
    failed: (err) => log.error({ err }, 'admin request failed'),
  });
}

function routesOf(
  port: AdminPort,
  metrics: AdminApiOptions['metrics'],
  connectors: ConnectorPort | undefined,
  allowPrivateWebhooks: boolean,
): Route<AdminHandler>[] {
  return [
    // Any method, as it always has been: a load balancer's probe may HEAD or POST it.
    { method: '*', path: '/health', handler: { open: true, handle: (call) => health(port, call) } },
    {
      method: 'GET',
      path: '/metrics',
      handler: keyed(async () => {
        const { contentType, text } = await metrics.scrape();
        return { status: 200, text, contentType };
      }),
    },
    ...adminRoutes(port),
    ...simulatorRoutes(port),
    ...skillRoutes(port),
    ...overflowRoutes(port),
    ...hoursRoutes(port),
    ...(connectors === undefined
      ? []
      : [
          ...connectorAdminRoutes(connectors, allowPrivateWebhooks),
          ...connectorRoutes(connectors),
        ]),
  ];
}

function answer(response: ServerResponse, result: AdminAnswer): void {
  if ('text' in result) sendText(response, result.status, result.contentType, result.text);
  else sendJson(response, result.status, result.body);
}

const unauthorised = () => new HttpError(401, 'unauthorised', 'the admin key is missing or wrong');

/** Whether the request carries the admin key as `Authorization: Bearer <key>` (constant time). */
export function authorised(request: IncomingMessage, adminKey: string): boolean {
  const header = request.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(adminKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The process that owns the account a request is about, when another one does (forward.ts); null
 * when it is served here or concerns no account. Admin and simulator requests are forwarded with
 * the admin key only; connector requests whatever they carry, as the owner checks their token.
 */
async function ownerElsewhere(
  method: string,
  parts: readonly string[],
  routing: RoutingAdmin,
  admin: boolean,
  forwarded: boolean,
  readBody: () => Promise<unknown>,
): Promise<string | null> {
  const [area, accounts, id] = parts;
  const forwardable = area === 'connector' || (admin && (area === 'admin' || area === 'simulator'));
  if (!forwardable || accounts !== 'accounts') return null;
  let accountId = id;
  let purpose: Purpose = forwarded ? 'forwarded' : 'use';
  if (accountId === undefined && area === 'admin' && method === 'POST') {
    // A bad body is answered here (400), like any other.
    const body = validated(bodies.account, await readBody(), 'account');
    accountId = body.id;
    if (purpose === 'use') purpose = 'create';
  }
  if (accountId === undefined) return null;
  if (area !== 'connector') return routing.ownerElsewhere(accountId, purpose);
  // A connector learns nothing of an account its token is not for: served here, it is refused
  // as unauthorised whether the account exists or not.
  return routing.ownerElsewhere(accountId, purpose).catch((err: unknown) => {
    if (err instanceof ProtocolError && err.code === 'not-found') return null;
    throw err;
  });
}

/** Up or down for anyone (e.g. a load balancer); the figures only with the admin key. */
function health(routing: RoutingAdmin, call: AdminCall): AdminAnswer {
  const figures = routing.figures();
  const reachable = figures.store.reachable;
  const status = reachable ? 200 : 503;
  if (!call.admin) return { status, body: { status: reachable ? 'up' : 'down' } };
  return { status, body: { status: reachable ? 'ok' : 'store-unreachable', ...figures } };
}

function toError(caught: unknown): HttpError {
  if (caught instanceof HttpError) return caught;
  if (caught instanceof ProtocolError) {
    return new HttpError(STATUS[caught.code] ?? 400, caught.code, caught.message, {
      field: caught.field,
    });
  }
  return new HttpError(500, 'internal', 'the routing service failed; nothing was changed');
}
