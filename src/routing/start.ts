/**
 * Starts the routing service: opens the store, builds the RoutingService, binds the HTTP API and
 * the agent WebSocket to one HTTP server, and stops it all cleanly. `startRoutingService` is what
 * `npm run routing`, the tests and the benchmarks start.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { CLOSE_CODES } from '../protocol';
import { adminApi } from './server/adminApi';
import type { AdmissionLimits } from './server/admission';
import { DEFAULT_ADMISSION_LIMITS } from './server/admission';
import type { ConnectionOptions } from './server/agentSocket';
import { DEFAULT_CONNECTION_OPTIONS } from './server/agentSocket';
import { RoutingMetrics } from './server/metrics';
import type { SessionLimits } from './server/session';
import { DEFAULT_SESSION_LIMITS } from './server/session';
import { DEFAULT_TOKEN_MAX_TTL_SECONDS, TokenIssuer } from './server/tokens';
import type { AgentSockets } from './server/wsBinding';
import { AGENT_PATH, bindAgentSockets } from './server/wsBinding';
import { RoutingService } from './service';
import { ServiceAdmin } from './serviceAdmin';
import { ServiceConnectors } from './serviceConnectors';
import type { WebhookOptions } from './webhooks';
import { DEFAULT_WEBHOOK_OPTIONS, WebhookDelivery } from './webhooks';
import { DEFAULT_LEASE_MS, openStore } from './partitions/open';
import { DEFAULT_STALL_MS } from './store/leaseKeeper';
import { ForwardedMark, HttpForwarder } from './server/forward';
import { PeerOpenings } from './server/peerOpenings';

export interface ServiceOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly adminKey: string;
  readonly signingKey: Uint8Array;
  /** Webhook delivery's timing (DEFAULT_WEBHOOK_OPTIONS when absent). */
  readonly webhooks?: WebhookOptions;
  /**
   * Whether webhooks may point at loopback, private and link-local addresses (default: no;
   * ROUTING_WEBHOOK_ALLOW_PRIVATE, server/webhookTargets.ts).
   */
  readonly allowPrivateWebhooks?: boolean;
  readonly tokenTtlSeconds: number;
  /** The longest token lifetime issued or accepted (default DEFAULT_TOKEN_MAX_TTL_SECONDS). */
  readonly tokenMaxTtlSeconds?: number;
  readonly logger: Logger;
  readonly connection?: ConnectionOptions;
  readonly sessions?: SessionLimits;
  /** Caps on connections not yet welcomed. */
  readonly admission?: AdmissionLimits;
  /**
   * Where routing state lives: `memory` (the default), a `redis://` URL or a Redis Cluster,
   * `redis-cluster://host:port,...` (partitions/open.ts).
   */
  readonly store?: string;
  /** Key prefix in Redis, so that several routing services (or tests) can share one. */
  readonly storePrefix?: string;
  /** How long an account's lease lasts unless renewed (shared stores; DEFAULT_LEASE_MS). */
  readonly leaseMs?: number;
  /**
   * How long the main thread may show no life before its leases are left to lapse (shared
   * stores; DEFAULT_STALL_MS, store/leaseKeeper.ts).
   */
  readonly stallMs?: number;
  /**
   * Where the other routing processes reach this one (shared stores); default: the URL it
   * listens at, which must then be reachable from them.
   */
  readonly advertiseUrl?: string;
}

/** The running service: where it listens, and the parts tests and scripts drive directly. */
export interface RunningService {
  readonly url: string;
  readonly agentUrl: string;
  readonly port: number;
  readonly routing: RoutingService;
  stop(): Promise<void>;
}

export async function startRoutingService(options: ServiceOptions): Promise<RunningService> {
  const log = options.logger;
  // Before the store opens: a lifetime above the maximum is refused with nothing to close.
  const tokens = new TokenIssuer(
    options.signingKey,
    options.tokenTtlSeconds,
    Date.now,
    options.tokenMaxTtlSeconds ?? DEFAULT_TOKEN_MAX_TTL_SECONDS,
  );
  const sessionLimits = options.sessions ?? DEFAULT_SESSION_LIMITS;
  const opened = await openStore({
    store: options.store ?? 'memory',
    prefix: options.storePrefix ?? 'contactpad',
    leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS,
    stallMs: options.stallMs ?? DEFAULT_STALL_MS,
    sessions: sessionLimits,
    log,
  });
  const routing = new RoutingService(opened.parts, tokens, log, sessionLimits);
  const metrics = new RoutingMetrics({
    sessions: () => routing.hub.size,
    connectedSessions: () => routing.hub.connected().length,
    pendingConnections: () => sockets.pending(),
    bufferedBytes: () => sockets.bufferedBytes(),
    decisions: () => routing.decisions,
    waiting: async () => {
      const counts = await Promise.all(
        routing.partitions.all().map((partition) => partition.run((engine) => engine.waiting())),
      );
      return counts.flat();
    },
  });
  const forwarder = new HttpForwarder(new ForwardedMark(options.signingKey));
  const admissionLimits = options.admission ?? DEFAULT_ADMISSION_LIMITS;
  // The admin API sees the service through its narrow port only (server/routingAdmin.ts).
  const server: Server = createServer(
    adminApi({
      port: new ServiceAdmin(routing),
      connectors: new ServiceConnectors(routing),
      allowPrivateWebhooks: options.allowPrivateWebhooks ?? false,
      adminKey: options.adminKey,
      metrics,
      log,
      forwarder,
    }),
  );
  const sockets: AgentSockets = bindAgentSockets(server, {
    hub: routing.hub,
    routing,
    supervisors: routing.supervisors,
    log,
    options: options.connection ?? DEFAULT_CONNECTION_OPTIONS,
    admission: admissionLimits,
    metrics,
    passing: {
      mark: forwarder.mark,
      // Half the owner's cap per address (the processes share their limits): the rest is left
      // for the clients that share this process's address.
      openings: new PeerOpenings(Math.max(1, Math.floor(admissionLimits.pendingPerAddress / 2))),
    },
  });
  const retentionMs = sessionLimits.retentionMs;
  const sweeper = setInterval(
    () => void routing.sweep(),
    Math.max(50, Math.min(10_000, retentionMs / 2)),
  );
  sweeper.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await routing.stop();
    await opened.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  try {
    await opened.start(options.advertiseUrl ?? url);
  } catch (err) {
    server.close();
    server.closeAllConnections();
    await routing.stop();
    await opened.close();
    throw err;
  }
  // Connectors' outcome events pushed to their webhooks (webhooks.ts).
  const webhooks = new WebhookDelivery(
    routing,
    log,
    options.webhooks ?? DEFAULT_WEBHOOK_OPTIONS,
    options.allowPrivateWebhooks ?? false,
  );
  webhooks.start();
  log.info({ url, store: routing.storeHealth().where }, 'routing service listening');

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      log.info('routing service stopping');
      clearInterval(sweeper);
      await webhooks.stop();
      // Accounts are handed over first, so that other processes take them while this one closes.
      await routing.stop();
      // Stop accepting, tell every agent why, then close.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of sockets.connections()) {
        connection.close(CLOSE_CODES.shuttingDown, 'the routing service is shutting down');
      }
      sockets.close();
      server.closeAllConnections();
      forwarder.close();
      await closed;
      await opened.close();
      log.info('routing service stopped');
    })();
    return stopping;
  };

  return { url, agentUrl: `ws://${host}:${port}${AGENT_PATH}`, port, routing, stop };
}

/** A random admin key or signing key. */
export function randomKey(bytes = 32): Uint8Array {
  return randomBytes(bytes);
}
