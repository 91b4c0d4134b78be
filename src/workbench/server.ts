/**
 * The workbench server: the routing service (in memory, demo account seeded) plus a small HTTP
 * server for the page that stands in for the Salesforce console. It serves the built page
 * (dist/workbench, `npm run build:workbench`), SLDS under /slds/, the bridge static resource under
 * /resource/, and the workbench API under /workbench/api/: agents for the picker, a session
 * (routing address and token) for an agent, fixture records with their Tasks, Task saving, record
 * search, the customer simulator (arrivals, customers leaving, failing releases, outside numbers
 * answering or ignoring consults) and the admin panel (system settings, a routing service restart),
 * all proxied to the routing service with the admin key, which the page never sees. It answers
 * only its own page (requestGuard.ts): any other Host, Origin or cross-site request is refused.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import pino from 'pino';
import type { Channel } from '../protocol';
import { DEMO_ACCOUNT, demoAgents, seedDemo } from '../routing/demo';
import type { RunningService } from '../routing/start';
import type { ShiftOptions } from '../routing/simulator/shifts';
import { startRoutingService } from '../routing/start';
import { pathSegments } from '../http/target';
import {
  CHANNELS,
  HttpError,
  UNKNOWN_CUSTOMER,
  arrivalOf,
  num,
  readBody,
  record,
  sendJson,
  taskOf,
  unknownArrivalOf,
} from './apiBodies';
import { CUSTOMERS, RecordStore } from './fixtures';
import { ownHosts, refusal } from './requestGuard';
import { StaticFiles } from './staticFiles';

const ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_DIST_DIR = join(ROOT, 'dist', 'workbench');
const SLDS_DIR = join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');
const RESOURCE_DIR = join(ROOT, 'force-app', 'main', 'default', 'staticresources');

/** The demo account's agents, the ones the page's agent picker lists. */
const DEMO_AGENT_IDS = demoAgents().map((agent) => agent.id);

/** The demo agents people sign in as; the others are colleagues in the directory only. */
export const SIGN_IN_AGENTS = DEMO_AGENT_IDS.slice(0, 4);

export interface WorkbenchOptions {
  readonly host?: string;
  /** The routing service's port (0: a free one). */
  readonly routingPort?: number;
  /** The page's port (0: a free one). */
  readonly port?: number;
  readonly distDir?: string;
  readonly logger?: Logger;
  readonly tokenTtlSeconds?: number;
  /**
   * The simulated colleagues' shifts (logging in and out, breaks), so presences in the directory
   * change by themselves; off when absent (tests consult colleagues where they left them).
   */
  readonly colleagueShifts?: ShiftOptions | null;
}

export interface RunningWorkbench {
  /** The page: open it with ?agent=<id>. */
  readonly url: string;
  /** The routing service now running (a new one after `restartRouting`). */
  readonly routing: RunningService;
  readonly records: RecordStore;
  /**
   * Stops the routing service, waits `downMs` (at most 60 s), and starts a fresh one (in memory:
   * the demo account seeded again) on the same port with the same keys, so agent tokens still hold.
   */
  restartRouting(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The longest a restart keeps the routing service down. */
export const MAX_ROUTING_DOWN_MS = 60_000;

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<RunningWorkbench> {
  const host = options.host ?? '127.0.0.1';
  const distDir = resolve(options.distDir ?? DEFAULT_DIST_DIR);
  const logger = options.logger ?? pino({ level: process.env['LOG_LEVEL'] ?? 'warn' });
  const adminKey = randomBytes(24).toString('hex');
  const signingKey = randomBytes(32);
  const startRouting = async (port: number): Promise<RunningService> => {
    const service = await startRoutingService({
      host,
      port,
      adminKey,
      signingKey,
      tokenTtlSeconds: options.tokenTtlSeconds ?? 600,
      logger,
    });
    const colleagues = DEMO_AGENT_IDS.filter((id) => !SIGN_IN_AGENTS.includes(id));
    await service.routing.run(DEMO_ACCOUNT, (engine) => {
      seedDemo(engine);
      // The 36 colleagues who fill the directory have no page open: they serve no queue, so
      // customer work goes to the people signed in; the simulator drives them, so they answer
      // consults and work what is transferred to them.
      for (const id of colleagues) engine.updateAgent(DEMO_ACCOUNT, id, { services: [] });
    });
    service.routing.simulator.drive(DEMO_ACCOUNT, colleagues, options.colleagueShifts ?? null);
    return service;
  };
  let routing = await startRouting(options.routingPort ?? 0);
  const routingPort = routing.port;
  /** Set while the routing service is down for a restart. */
  let restarting: Promise<void> | null = null;
  let stopped = false;

  const restartRouting = (downMs = 0): Promise<void> => {
    if (stopped) return Promise.reject(new Error('the workbench is stopped'));
    restarting ??= (async () => {
      try {
        await routing.stop();
        const wait = Math.max(0, Math.min(MAX_ROUTING_DOWN_MS, downMs));
        if (wait > 0) await new Promise((done) => setTimeout(done, wait));
        if (stopped) return;
        // The port was just freed; a socket in TIME_WAIT does not block a listening socket.
        routing = await startRouting(routingPort);
        logger.info({ port: routingPort }, 'routing service restarted');
      } finally {
        restarting = null;
      }
    })();
    return restarting;
  };
  const records = new RecordStore();
  const files = new StaticFiles();

  const routingApi = async (method: string, path: string, body?: unknown) => {
    if (restarting !== null) {
      throw new HttpError(503, 'unavailable', 'the routing service is restarting');
    }
    const response = await fetch(`${routing.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = (await response.json().catch(() => null)) as unknown;
    return { status: response.status, body: answer };
  };

  const api = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    const method = request.method ?? 'GET';
    const target = request.url ?? '/';
    const params = new URLSearchParams(
      target.includes('?') ? target.slice(target.indexOf('?')) : '',
    );
    // A session (a token signed with the same key) is still issued while the service is down, so
    // ContactPad keeps retrying the routing address itself.
    if (restarting !== null && path !== 'routing' && path !== 'session') {
      throw new HttpError(503, 'unavailable', 'the routing service is restarting');
    }
    if (method === 'GET' && path === 'agents') {
      // The picker's agents: the demo's, and the one named by ?agent= (an account may hold tens of
      // thousands of directory entries; the picker needs none of them).
      const wanted = new Set(DEMO_AGENT_IDS);
      const named = params.get('agent');
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
      const agents = found.flat();
      return sendJson(
        response,
        200,
        agents.map((agent) => ({
          id: agent.id,
          name: agent.name,
          state: agent.state,
          presence: agent.presence,
          services: agent.services,
          signIn: SIGN_IN_AGENTS.includes(agent.id),
        })),
      );
    }
    if (method === 'GET' && path === 'services') {
      return sendJson(response, 200, await routing.routing.services(DEMO_ACCOUNT));
    }
    if (method === 'GET' && path === 'session') {
      const agentId = params.get('agent') ?? '';
      await routing.routing.agent(DEMO_ACCOUNT, agentId); // not-found for an unknown agent
      const issued = await routing.routing.issueToken(DEMO_ACCOUNT, agentId);
      return sendJson(response, 200, {
        routingUrl: routing.agentUrl,
        token: issued.token,
        expiresAt: issued.expiresAt,
        agentId,
        accountId: DEMO_ACCOUNT,
      });
    }
    if (method === 'GET' && path === 'records') {
      return sendJson(
        response,
        200,
        records.records.map((r) => ({ ...r, tasks: records.tasksOf(r.id) })),
      );
    }
    const recordMatch = /^records\/([A-Za-z0-9]{15,18})$/.exec(path);
    if (method === 'GET' && recordMatch !== null) {
      const found = records.record(recordMatch[1] as string);
      if (found === undefined) throw new HttpError(404, 'not-found', 'no such record');
      return sendJson(response, 200, { ...found, tasks: records.tasksOf(found.id) });
    }
    if (method === 'GET' && path === 'search') {
      const matches = records.search(params.get('q') ?? '');
      return sendJson(
        response,
        200,
        matches.map((r) => ({ id: r.id, name: r.name, objectType: r.objectType })),
      );
    }
    if (method === 'GET' && path === 'tasks') return sendJson(response, 200, records.allTasks());
    if (method === 'POST' && path === 'tasks') {
      const task = records.add(taskOf(await readBody(request)));
      return sendJson(response, 201, { id: task.Id });
    }
    if (method === 'GET' && path === 'customers') return sendJson(response, 200, CUSTOMERS);
    if (method === 'GET' && path === 'interactions') {
      const answer = await routingApi('GET', `/admin/accounts/${DEMO_ACCOUNT}/interactions`);
      return sendJson(response, answer.status, answer.body);
    }
    if (method === 'POST' && path === 'simulate/arrive') {
      const body = record(await readBody(request));
      const channel = body['channel'] as Channel;
      const customer = CUSTOMERS.find((c) => c.key === body['customer']) ?? CUSTOMERS[0];
      const serviceId = typeof body['serviceId'] === 'string' ? body['serviceId'] : '';
      if (!CHANNELS.includes(channel)) throw new HttpError(400, 'bad-request', 'unknown channel');
      const answer = await routingApi(
        'POST',
        `/simulator/accounts/${DEMO_ACCOUNT}/interactions`,
        body['customer'] === UNKNOWN_CUSTOMER.key
          ? unknownArrivalOf(channel, serviceId)
          : arrivalOf(channel, serviceId, customer),
      );
      return sendJson(response, answer.status, answer.body);
    }
    const leaveMatch = /^simulate\/interactions\/([A-Za-z0-9_.:-]{1,64})\/leave$/.exec(path);
    if (method === 'POST' && leaveMatch !== null) {
      const answer = await routingApi(
        'POST',
        `/simulator/accounts/${DEMO_ACCOUNT}/interactions/${leaveMatch[1]}/leave`,
        {},
      );
      return sendJson(response, answer.status, answer.body);
    }
    const failMatch = /^simulate\/interactions\/([A-Za-z0-9_.:-]{1,64})\/fail-release$/.exec(path);
    if (method === 'POST' && failMatch !== null) {
      const fault = record(await readBody(request))['fault'];
      if (fault !== 'error' && fault !== 'hang') {
        throw new HttpError(400, 'bad-request', 'fault must be "error" or "hang"');
      }
      const answer = await routingApi(
        'POST',
        `/simulator/accounts/${DEMO_ACCOUNT}/interactions/${failMatch[1]}/fail-release`,
        { fault },
      );
      return sendJson(response, answer.status, answer.body);
    }
    if (method === 'GET' && path === 'simulate/calls') {
      // Consults ringing an outside number, for the page to answer.
      if (restarting !== null) return sendJson(response, 200, []);
      // Only an agent with an interaction can have started a consult: look at those alone, not at
      // every agent of the account.
      const interactions = await routing.routing.interactions(DEMO_ACCOUNT);
      const busy = new Set(interactions.flatMap((i) => i.agentIds));
      const consults = await routing.routing.run(DEMO_ACCOUNT, (engine) =>
        [...busy].flatMap((agentId) =>
          engine.snapshot(DEMO_ACCOUNT, agentId).consults.map((consult) => ({ agentId, consult })),
        ),
      );
      const calls = [];
      for (const { agentId, consult } of consults) {
        if (
          consult.state === 'ringing' &&
          consult.target.type === 'number' &&
          consult.initiatorId === agentId
        ) {
          calls.push({
            ref: consult.id,
            number: consult.target.number,
            from: consult.initiatorName,
            ringingUntil: consult.ringingUntil,
          });
        }
      }
      return sendJson(response, 200, calls);
    }
    const answerMatch = /^simulate\/calls\/([A-Za-z0-9_.:-]{1,64})\/answer$/.exec(path);
    if (method === 'POST' && answerMatch !== null) {
      const answer = await routingApi(
        'POST',
        `/simulator/accounts/${DEMO_ACCOUNT}/calls/${answerMatch[1]}/answer`,
        {},
      );
      return sendJson(response, answer.status, answer.body);
    }
    const numberMatch = /^simulate\/numbers\/(\+?[0-9]{3,20})$/.exec(path);
    if (method === 'PUT' && numberMatch !== null) {
      const body = record(await readBody(request));
      const answer = await routingApi(
        'PUT',
        `/simulator/numbers/${encodeURIComponent(numberMatch[1] as string)}`,
        { answer: body['answer'], afterMs: body['afterMs'] ?? 2000 },
      );
      return sendJson(response, answer.status, answer.body);
    }
    if ((method === 'GET' || method === 'PATCH') && path === 'settings') {
      const answer = await routingApi(
        method,
        `/admin/accounts/${DEMO_ACCOUNT}/settings`,
        method === 'PATCH' ? await readBody(request) : undefined,
      );
      return sendJson(response, answer.status, answer.body);
    }
    if (method === 'POST' && path === 'routing/restart') {
      const downMs = num(record(await readBody(request))['downMs']) ?? 0;
      await restartRouting(downMs);
      return sendJson(response, 200, { restarted: true, url: routing.url });
    }
    if (method === 'GET' && path === 'routing') {
      return sendJson(response, 200, { up: restarting === null, url: routing.url });
    }
    throw new HttpError(404, 'no-route', `no workbench route ${method} /workbench/api/${path}`);
  };

  /** The Host values this server answers to, known once it listens. */
  let hosts: ReadonlySet<string> = new Set();
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    // Before anything is read or changed: only the workbench's own page may drive it.
    const refused = refusal(request, hosts);
    if (refused !== null) throw new HttpError(refused.status, refused.code, refused.message);
    let path: string;
    try {
      path = `/${pathSegments(request.url).join('/')}`;
    } catch (err) {
      throw new HttpError(400, 'bad-url', (err as Error).message);
    }
    if (path.startsWith('/workbench/api/')) {
      return api(request, response, path.slice('/workbench/api/'.length));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new HttpError(405, 'method', 'only GET here');
    }
    if (
      path.startsWith('/slds/') &&
      files.serve(request, response, SLDS_DIR, path.slice('/slds/'.length))
    )
      return;
    if (path === '/resource/ContactPadBridge.js') {
      if (files.serve(request, response, RESOURCE_DIR, 'ContactPadBridge.js')) return;
    }
    if (path === '/favicon.ico') {
      response.writeHead(204);
      response.end();
      return;
    }
    if (path === '/' || path === '/index.html') {
      if (files.serve(request, response, distDir, 'index.html')) return;
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('The workbench page is not built: run `npm run build:workbench`.\n');
      return;
    }
    if (files.serve(request, response, distDir, path.slice(1))) return;
    throw new HttpError(404, 'not-found', `nothing at ${path}`);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((err: unknown) => {
      const status =
        err instanceof HttpError
          ? err.status
          : (err as { code?: string })?.code === 'not-found'
            ? 404
            : 500;
      const code =
        err instanceof HttpError ? err.code : ((err as { code?: string })?.code ?? 'internal');
      if (status === 500) logger.error({ err }, 'workbench request failed');
      if (!response.headersSent) {
        sendJson(response, status, {
          error: { code, message: err instanceof Error ? err.message : String(err) },
        });
      } else {
        response.end();
      }
    });
  });
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (err) {
    stopped = true;
    await routing.stop();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  hosts = ownHosts(host, port);
  const shownHost = host.includes(':') ? `[${host}]` : host;

  let stopping: Promise<void> | null = null;
  return {
    url: `http://${shownHost}:${port}/`,
    get routing() {
      return routing;
    },
    records,
    restartRouting,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        await (restarting ?? Promise.resolve()).catch(() => {});
        await Promise.all([closed, routing.stop()]);
      })();
      return stopping;
    },
  };
}
