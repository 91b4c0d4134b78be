/**
 * The workbench server: the routing service (in memory, demo account seeded) plus a small HTTP
 * server for the page that stands in for the Salesforce console. It serves the built page
 * (dist/workbench, `npm run build:workbench`), SLDS under /slds/, the bridge static resource under
 * /resource/, and the workbench API under /workbench/api/ (api.ts): agents for the picker, a session
 * (routing address and token) for an agent, fixture records with their Tasks, Task saving, record
 * search, the customer simulator (arrivals, customers leaving, failing releases, outside numbers
 * answering or ignoring consults) and the admin panel (system settings, a routing service restart),
 * all proxied to the routing service with the admin key, which the page never sees. It answers
 * only its own page (requestGuard.ts): any other Host, Origin or cross-site request is refused.
 * The API's rows and the page's are one route table (src/http), answered through `answering`.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import pino from 'pino';
import { answering } from '../http/answer';
import { readJson } from '../http/body';
import { HttpError } from '../http/errors';
import type { Route } from '../http/routeTable';
import { RouteTable } from '../http/routeTable';
import { pathSegments, queryOf } from '../http/target';
import { DEMO_ACCOUNT, demoAgents, seedDemo } from '../routing/demo';
import type { RunningService } from '../routing/start';
import type { ShiftOptions } from '../routing/simulator/shifts';
import { startRoutingService } from '../routing/start';
import { apiRoutes } from './api';
import { caseRoutes } from './caseApi';
import { CaseDesk } from './cases';
import { record } from './apiBodies';
import { RecordStore } from './fixtures';
import { LiveView } from './liveView';
import { MAX_ROUTING_DOWN_SECONDS } from './models/limits';
import { ownHosts, refusal } from './requestGuard';
import type { WorkbenchCall, WorkbenchHandler } from './routes';
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
  /** The Salesforce Cases side of the case connector (rules, sends, owner, status on release). */
  readonly cases: CaseDesk;
  /**
   * Stops the routing service, waits `downMs` (at most 60 s), and starts a fresh one (in memory:
   * the demo account seeded again) on the same port with the same keys, so agent tokens still hold.
   */
  restartRouting(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The longest a restart keeps the routing service down. */
export const MAX_ROUTING_DOWN_MS = MAX_ROUTING_DOWN_SECONDS * 1000;

export async function startWorkbench(options: WorkbenchOptions = {}): Promise<RunningWorkbench> {
  const host = options.host ?? '127.0.0.1';
  const distDir = resolve(options.distDir ?? DEFAULT_DIST_DIR);
  const logger = options.logger ?? pino({ level: process.env['LOG_LEVEL'] ?? 'warn' });
  const adminKey = randomBytes(24).toString('hex');
  const records = new RecordStore();
  /** Set while the routing service is down for a restart. */
  let restarting: Promise<void> | null = null;
  // What the page shows, pushed on every change (read only while a page listens).
  const live = new LiveView({
    routing: () => routing,
    restarting: () => restarting !== null,
    records,
  });
  const signingKey = randomBytes(32);
  const startRouting = async (port: number): Promise<RunningService> => {
    const service = await startRoutingService({
      host,
      port,
      adminKey,
      signingKey,
      tokenTtlSeconds: options.tokenTtlSeconds ?? 600,
      logger,
      // The workbench's connectors' receivers run on this machine.
      allowPrivateWebhooks: true,
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
    service.routing.observe(() => live.changed());
    return service;
  };
  let routing = await startRouting(options.routingPort ?? 0);
  const routingPort = routing.port;
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
        live.changed();
      }
    })();
    live.changed();
    return restarting;
  };

  const cases = new CaseDesk({ records, routing: () => routing, adminKey });
  const table = new RouteTable<WorkbenchHandler>(
    [
      ...caseRoutes(cases, () => routing),
      ...apiRoutes({
        routing: () => routing,
        restarting: () => restarting !== null,
        restartRouting,
        adminKey,
        records,
        agentIds: DEMO_AGENT_IDS,
        signInAgentIds: SIGN_IN_AGENTS,
        live,
      }),
      ...pageRoutes(new StaticFiles(), distDir),
    ],
    {
      noRoute: (_method, path) => new HttpError(404, 'not-found', `nothing at ${path}`),
      wrongMethod: (_method, _path, allow) =>
        new HttpError(405, 'method', 'only GET here', { allow }),
    },
  );

  /** The Host values this server answers to, known once it listens. */
  let hosts: ReadonlySet<string> = new Set();
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    // Before anything is read or changed: only the workbench's own page may drive it.
    const refused = refusal(request, hosts);
    if (refused !== null) throw new HttpError(refused.status, refused.code, refused.message);
    const segments = pathSegments(request.url);
    const { handler, params } = table.find(request.method ?? 'GET', segments);
    if (handler.needsRouting && restarting !== null) {
      throw new HttpError(503, 'unavailable', 'the routing service is restarting');
    }
    const rawBody = async () =>
      ((await readJson(request, { invalidCode: 'bad-request' })) ?? {}) as unknown;
    const call: WorkbenchCall = {
      request,
      response,
      params,
      path: `/${segments.join('/')}`,
      query: queryOf(request.url),
      rawBody,
      body: async () => record(await rawBody()),
    };
    await handler.handle(call);
    // A request that may have changed something: the pages hear what did.
    if (request.method !== 'GET' && request.method !== 'HEAD') live.changed();
  };

  const server: Server = createServer(
    answering(handle, {
      toError,
      withField: false,
      failed: (err) => logger.error({ err }, 'workbench request failed'),
    }),
  );
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
    cases,
    restartRouting,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        live.close();
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        await (restarting ?? Promise.resolve()).catch(() => {});
        await Promise.all([closed, routing.stop()]);
      })();
      return stopping;
    },
  };
}

/** The page's rows: SLDS, the bridge, the built page and its files; GET and HEAD only. */
function pageRoutes(files: StaticFiles, distDir: string): Route<WorkbenchHandler>[] {
  const page = (handle: WorkbenchHandler['handle']): WorkbenchHandler => ({
    needsRouting: false,
    handle,
  });
  /** A file of the built page, else 404. */
  const built = (call: WorkbenchCall) => {
    if (files.serve(call.request, call.response, distDir, call.path.slice(1))) return;
    throw new HttpError(404, 'not-found', `nothing at ${call.path}`);
  };
  const index = page((call) => {
    if (files.serve(call.request, call.response, distDir, 'index.html')) return;
    call.response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    call.response.end('The workbench page is not built: run `npm run build:workbench`.\n');
  });
  const methods = ['GET', 'HEAD'] as const;
  return [
    {
      method: methods,
      path: '/slds/*',
      handler: page((call) => {
        const name = call.params['*'] ?? '';
        if (!files.serve(call.request, call.response, SLDS_DIR, name)) built(call);
      }),
    },
    {
      method: methods,
      path: '/resource/ContactPadBridge.js',
      handler: page((call) => {
        if (!files.serve(call.request, call.response, RESOURCE_DIR, 'ContactPadBridge.js')) {
          built(call);
        }
      }),
    },
    {
      method: methods,
      path: '/favicon.ico',
      handler: page((call) => {
        call.response.writeHead(204);
        call.response.end();
      }),
    },
    { method: methods, path: '/', handler: index },
    { method: methods, path: '/index.html', handler: index },
    { method: methods, path: '/*', handler: page(built) },
  ];
}

/** Typed errors as they are; a routing read's `not-found` as a 404; anything else a 500. */
function toError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const code = (err as { code?: string } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  return new HttpError(code === 'not-found' ? 404 : 500, code ?? 'internal', message);
}
