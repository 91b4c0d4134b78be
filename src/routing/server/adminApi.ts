/**
 * The admin and simulator HTTP API (JSON). Every route but /health needs the admin key as
 * `Authorization: Bearer <key>`; /health says only up or down without it. Bodies are validated with
 * the protocol's schemas; a bad request or request target gets a typed error
 * (`{ "error": { "code", "message", "field" } }`) and changes nothing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode, Settings } from '../../protocol';
import { ProtocolError, settings as settingsSchema } from '../../protocol';
import * as m from '../../protocol/messages';
import type { Purpose } from '../partitions/partitions';
import type { RoutingService } from '../service';
import type { RoutingMetrics } from './metrics';
import {
  AdminError,
  authorised,
  pathSegments,
  readBody,
  send,
  withoutCredentials,
} from './adminHttp';
import { bodies, validated } from './adminBodies';
import { FORWARDED_HEADER, forwardHttp } from './forward';

const STATUS: Partial<Record<ErrorCode, number>> = {
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  'not-allowed': 409,
  'feature-disabled': 409,
  'target-unavailable': 409,
  'has-work': 409,
  unavailable: 503,
  internal: 500,
};

interface Request {
  readonly method: string;
  readonly parts: readonly string[];
  body(): Promise<unknown>;
}

/** Answers one HTTP request; never rejects. */
export async function handleHttp(
  request: IncomingMessage,
  response: ServerResponse,
  routing: RoutingService,
  adminKey: string,
  metrics: RoutingMetrics,
): Promise<void> {
  try {
    let body: Promise<unknown> | undefined;
    const req: Request = {
      method: request.method ?? 'GET',
      parts: pathSegments(request.url),
      body: () => (body ??= readBody(request)),
    };
    const admin = authorised(request, adminKey);
    const owner = admin ? await ownerElsewhere(req, routing, request.headers) : null;
    if (owner !== null) {
      const forwarded = await forwardHttp(
        owner,
        { method: req.method, path: request.url ?? '/', authorization: `Bearer ${adminKey}` },
        await req.body(),
      );
      send(response, forwarded.status, forwarded.body);
      return;
    }
    if (admin && req.method === 'GET' && req.parts.join('/') === 'metrics') {
      const { contentType, text } = await metrics.scrape();
      response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(text);
      return;
    }
    const result = await answer(req, routing, admin);
    send(response, result.status, result.body);
  } catch (caught) {
    const failure = toAdminError(caught);
    if (failure.status === 500) routing.log.error({ err: caught }, 'admin request failed');
    send(response, failure.status, {
      error: { code: failure.code, message: failure.message, field: failure.field },
    });
  }
}

/**
 * The process that owns the account a request is about, when another one does (forward.ts); null
 * when it is served here or concerns no account.
 */
async function ownerElsewhere(
  req: Request,
  routing: RoutingService,
  headers: IncomingMessage['headers'],
): Promise<string | null> {
  const [area, accounts, id] = req.parts;
  if ((area !== 'admin' && area !== 'simulator') || accounts !== 'accounts') return null;
  let accountId = id;
  let purpose: Purpose = headers[FORWARDED_HEADER] === '1' ? 'forwarded' : 'use';
  if (accountId === undefined && area === 'admin' && req.method === 'POST') {
    // A bad body is answered here (400), like any other.
    const body = validated(bodies.account, await req.body(), 'account');
    accountId = body.id;
    if (purpose === 'use') purpose = 'create';
  }
  return accountId === undefined ? null : routing.ownerElsewhere(accountId, purpose);
}

function toAdminError(caught: unknown): AdminError {
  if (caught instanceof AdminError) return caught;
  if (caught instanceof ProtocolError) {
    return new AdminError(STATUS[caught.code] ?? 400, caught.code, caught.message, caught.field);
  }
  return new AdminError(500, 'internal', 'the routing service failed; nothing was changed');
}

interface Result {
  readonly status: number;
  readonly body: unknown;
}

const ok = (body: unknown): Result => ({ status: 200, body });
const created = (body: unknown): Result => ({ status: 201, body });

/** Routes open without the admin key come first (each decides what it shows); the rest need it. */
async function answer(req: Request, routing: RoutingService, admin: boolean): Promise<Result> {
  const [first, ...more] = req.parts;
  if (first === 'health' && more.length === 0) return health(routing, admin);
  if (!admin) throw new AdminError(401, 'unauthorised', 'the admin key is missing or wrong');
  return route(req, routing);
}

/** Up or down for anyone (e.g. a load balancer); the figures only with the admin key. */
function health(routing: RoutingService, admin: boolean): Result {
  const store = routing.storeHealth();
  const status = store.reachable ? 200 : 503;
  if (!admin) return { status, body: { status: store.reachable ? 'up' : 'down' } };
  return {
    status,
    body: {
      status: store.reachable ? 'ok' : 'store-unreachable',
      store: { ...store, where: withoutCredentials(store.where) },
      uptimeSeconds: Math.round((Date.now() - routing.startedAt) / 1000),
      sessions: routing.hub.size,
      connected: routing.hub.connected().length,
      decisions: routing.decisions,
      refusedCommits: routing.refusedCommits,
      partitions: routing.partitions.all().length,
    },
  };
}

async function route(req: Request, routing: RoutingService): Promise<Result> {
  const { method, parts } = req;
  const [area, ...rest] = parts;
  const path = rest.join('/');
  const sim = routing.simulator;
  const match = (verb: string, pattern: RegExp) => (method === verb ? pattern.exec(path) : null);
  let hit: RegExpExecArray | null;

  if (area === 'admin') {
    if ((hit = match('GET', /^accounts$/))) return ok(await routing.accounts());
    if ((hit = match('POST', /^accounts$/))) {
      const body = validated(bodies.account, await req.body(), 'account');
      return created(
        await routing.run(
          body.id,
          (e) => e.createAccount(body.id, body.name, body.settings ?? undefined),
          undefined,
          'create',
        ),
      );
    }
    if ((hit = match('GET', /^accounts\/([^/]+)$/))) return ok(await routing.account(at(hit, 1)));
    if ((hit = match('GET', /^accounts\/([^/]+)\/settings$/)))
      return ok((await routing.account(at(hit, 1))).settings);
    if ((hit = match('PUT', /^accounts\/([^/]+)\/settings$/))) {
      const body = validated(settingsSchema, await req.body(), 'settings');
      return ok(await routing.run(at(hit, 1), (e) => e.updateSettings(at(hit, 1), body)));
    }
    if ((hit = match('PATCH', /^accounts\/([^/]+)\/settings$/))) {
      const accountId = at(hit, 1);
      const merged = mergeSettings((await routing.account(accountId)).settings, await req.body());
      const body = validated(settingsSchema, merged, 'settings');
      return ok(await routing.run(accountId, (e) => e.updateSettings(accountId, body)));
    }
    if ((hit = match('GET', /^accounts\/([^/]+)\/services$/)))
      return ok(await routing.services(at(hit, 1)));
    if ((hit = match('POST', /^accounts\/([^/]+)\/services$/))) {
      const body = validated(bodies.service, await req.body(), 'service');
      return created(
        await routing.run(at(hit, 1), (e) => e.createService(at(hit, 1), body.id, body.name)),
      );
    }
    if ((hit = match('GET', /^accounts\/([^/]+)\/agents$/)))
      return ok(await routing.agents(at(hit, 1)));
    if ((hit = match('POST', /^accounts\/([^/]+)\/agents$/))) {
      const body = validated(bodies.agent, await req.body(), 'agent');
      const accountId = at(hit, 1);
      await routing.run(accountId, (e) =>
        e.createAgent(accountId, {
          id: body.id,
          name: body.name,
          services: body.services,
          weights: withoutNulls(body.weights),
          state: body.state ?? 'logged-out',
        }),
      );
      return created(await routing.agent(accountId, body.id));
    }
    if ((hit = match('GET', /^accounts\/([^/]+)\/agents\/([^/]+)$/)))
      return ok(await routing.agent(at(hit, 1), at(hit, 2)));
    if ((hit = match('PATCH', /^accounts\/([^/]+)\/agents\/([^/]+)$/))) {
      const body = validated(bodies.agentChange, await req.body(), 'agent');
      const [accountId, agentId] = [at(hit, 1), at(hit, 2)];
      await routing.run(accountId, (e) =>
        e.updateAgent(accountId, agentId, {
          ...(body.name === null ? {} : { name: body.name }),
          ...(body.services === null ? {} : { services: body.services }),
          ...(body.weights === null ? {} : { weights: withoutNulls(body.weights) }),
        }),
      );
      return ok(await routing.agent(accountId, agentId));
    }
    if ((hit = match('POST', /^accounts\/([^/]+)\/agents\/([^/]+)\/token$/))) {
      const raw = await req.body();
      const body = validated(bodies.token, raw === undefined ? { ttlSeconds: null } : raw, 'token');
      const max = routing.tokens.maxTtlSeconds;
      if (body.ttlSeconds !== null && body.ttlSeconds > max) {
        throw new AdminError(
          400,
          'bad-field',
          `token.ttlSeconds: expected at most ${max} (the longest token lifetime of this service)`,
          'ttlSeconds',
        );
      }
      const [accountId, agentId] = [at(hit, 1), at(hit, 2)];
      await routing.agent(accountId, agentId);
      return created(await routing.issueToken(accountId, agentId, body.ttlSeconds ?? undefined));
    }
    if ((hit = match('GET', /^accounts\/([^/]+)\/interactions$/)))
      return ok(await routing.interactions(at(hit, 1)));
    if ((hit = match('GET', /^accounts\/([^/]+)\/queues$/))) {
      const accountId = at(hit, 1);
      const services = await routing.services(accountId);
      return ok(
        await routing.run(accountId, (e) =>
          services.map((service) => ({
            serviceId: service.id,
            name: service.name,
            waiting: e.queue(accountId, service.id),
          })),
        ),
      );
    }
    if ((hit = match('GET', /^accounts\/([^/]+)\/directory$/)))
      return ok(await routing.run(at(hit, 1), (e) => e.directory(at(hit, 1))));
  }

  if (area === 'simulator') {
    if ((hit = match('POST', /^accounts\/([^/]+)\/interactions$/))) {
      const body = validated(bodies.arrival, withArrivalDefaults(await req.body()), 'interaction');
      return created(await sim.arrive(at(hit, 1), body));
    }
    if ((hit = match('POST', /^accounts\/([^/]+)\/interactions\/([^/]+)\/leave$/))) {
      await sim.customerLeaves(at(hit, 1), at(hit, 2));
      return ok({ left: at(hit, 2) });
    }
    if ((hit = match('POST', /^accounts\/([^/]+)\/interactions\/([^/]+)\/fail-release$/))) {
      const body = validated(bodies.fault, await req.body(), 'fault');
      await sim.failNextRelease(at(hit, 1), at(hit, 2), body.fault);
      return ok({ interactionId: at(hit, 2), fault: body.fault });
    }
    if ((hit = match('GET', /^accounts\/([^/]+)\/calls\/([^/]+)$/))) {
      return ok(found(sim.telephony.call(at(hit, 1), at(hit, 2)), 'call'));
    }
    if ((hit = match('POST', /^accounts\/([^/]+)\/calls\/([^/]+)\/answer$/))) {
      await sim.answer(at(hit, 1), at(hit, 2));
      return ok({ answered: at(hit, 2) });
    }
    if ((hit = match('PUT', /^numbers\/([^/]+)$/))) {
      const number = validated(m.phoneNumber, at(hit, 1), 'number');
      const body = validated(bodies.number, await req.body(), 'number');
      sim.setNumber(number, body);
      return ok({ number, ...body });
    }
    if ((hit = match('POST', /^accounts\/([^/]+)\/load$/))) {
      const accountId = at(hit, 1);
      const body = validated(bodies.load, await req.body(), 'load');
      await routing.run(accountId, (e) => {
        for (const serviceId of body.serviceIds) e.queue(accountId, serviceId);
      });
      return created(sim.startLoad({ accountId, ...body }));
    }
    if ((hit = match('GET', /^loads\/([^/]+)$/))) return ok(found(sim.load(at(hit, 1)), 'load'));
    if ((hit = match('DELETE', /^loads\/([^/]+)$/)))
      return ok(found(sim.stopLoad(at(hit, 1)), 'load'));
  }
  throw new AdminError(404, 'no-route', `no route ${method} /${parts.join('/')}`);
}

function at(hit: RegExpExecArray | null, index: number): string {
  return (hit as RegExpExecArray)[index] as string;
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new AdminError(404, 'not-found', `no such ${what}`);
  return value;
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

/** A PATCH body merged over the current settings; features and weights merge one level down. */
function mergeSettings(current: Settings, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const change = patch as Record<string, unknown>;
  const merge = (key: 'features' | 'weights') => {
    const value = change[key];
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? { ...current[key], ...value }
      : (value ?? current[key]);
  };
  return { ...current, ...change, features: merge('features'), weights: merge('weights') };
}

/** Fills what a quick simulator call leaves out: no record, search keys from the customer. */
function withArrivalDefaults(body: unknown): unknown {
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
  return { record: null, searchKeys: keys, subject: null, priority: 5, ...given, customer };
}
