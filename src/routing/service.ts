/**
 * The routing service assembled: engine and store, agent sessions over WebSocket, the admin and
 * simulator HTTP API, token issuing and the timer loop, on one HTTP server. `startRoutingService`
 * is what `npm run routing`, the tests and the benchmarks start.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Agent, Command, DirectoryEntry, Interaction, Presence, Snapshot } from '../protocol';
import { CLOSE_CODES, ProtocolError } from '../protocol';
import type { CommandResult, Engine } from './engine/engine';
import { Engine as RoutingEngine } from './engine/engine';
import { handleHttp } from './server/adminApi';
import type { ConnectionOptions, Routing } from './server/agentConnection';
import { DEFAULT_CONNECTION_OPTIONS } from './server/agentConnection';
import type { SessionLimits } from './server/sessions';
import { DEFAULT_SESSION_LIMITS, SessionHub } from './server/sessions';
import type { AgentIdentity, IssuedToken } from './server/tokens';
import { TokenIssuer } from './server/tokens';
import type { AgentSockets } from './server/wsBinding';
import { AGENT_PATH, bindAgentSockets } from './server/wsBinding';
import { Simulator } from './simulator/simulator';
import { MemoryStore } from './store/memoryStore';
import type {
  AccountRecord,
  AgentRecord,
  InteractionRecord,
  ServiceRecord,
  Store,
} from './store/store';

/** An agent as the admin API lists it: the agent's view plus configuration and presence. */
export type AgentListing = Agent & {
  readonly services: string[];
  readonly weightOverrides: AgentRecord['weights'];
  readonly presence: Presence | null;
  readonly interactionIds: string[];
};

export type InteractionListing = Interaction & {
  readonly place: InteractionRecord['place'];
  readonly agentIds: string[];
};

export interface ServiceOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly adminKey: string;
  readonly signingKey: Uint8Array;
  readonly tokenTtlSeconds: number;
  readonly logger: Logger;
  readonly connection?: ConnectionOptions;
  readonly sessions?: SessionLimits;
  readonly store?: Store;
}

/** The running service: where it listens, and the parts tests and scripts drive directly. */
export interface RunningService {
  readonly url: string;
  readonly agentUrl: string;
  readonly port: number;
  readonly routing: RoutingService;
  stop(): Promise<void>;
}

/** Applies engine operations and sends their effects; the one place effects leave the engine. */
export class RoutingService implements Routing {
  readonly engine: Engine;
  readonly hub: SessionHub;
  readonly simulator: Simulator;
  readonly tokens: TokenIssuer;
  readonly startedAt = Date.now();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDueAt = Infinity;
  private stopped = false;

  constructor(
    private readonly store: Store,
    signingKey: Uint8Array,
    tokenTtlSeconds: number,
    readonly log: Logger,
    sessionLimits: SessionLimits,
  ) {
    let counter = 0;
    const prefix = randomUUID().slice(0, 8);
    this.engine = new RoutingEngine(
      store,
      { now: () => Date.now() },
      (kind) => `${kind}-${prefix}-${++counter}`,
    );
    this.hub = new SessionHub(
      () => `s-${randomUUID()}`,
      () => Date.now(),
      sessionLimits,
    );
    this.simulator = new Simulator((operation) => this.run(operation));
    this.tokens = new TokenIssuer(signingKey, tokenTtlSeconds);
  }

  /** Runs one engine operation, then sends what it produced and re-arms the timer loop. */
  run<T>(operation: (engine: Engine) => T): T {
    try {
      return operation(this.engine);
    } finally {
      const effects = this.engine.takeEffects();
      this.hub.deliver(effects);
      this.simulator.observe(effects);
      this.arm();
    }
  }

  verify(token: string): Promise<AgentIdentity | null> {
    return this.tokens.verify(token);
  }

  issueToken(accountId: string, agentId: string, ttlSeconds?: number): Promise<IssuedToken> {
    return this.tokens.issue({ accountId, agentId }, ttlSeconds);
  }

  snapshot(identity: AgentIdentity): Snapshot {
    return this.engine.snapshot(identity.accountId, identity.agentId);
  }

  directory(accountId: string): DirectoryEntry[] {
    return this.engine.directory(accountId);
  }

  command(identity: AgentIdentity, command: Command): CommandResult {
    return this.run((engine) => engine.command(identity.accountId, identity.agentId, command));
  }

  now(): number {
    return Date.now();
  }

  // Read-only views for the admin API.

  accounts(): AccountRecord[] {
    return [...this.store.accounts()];
  }

  account(accountId: string): AccountRecord {
    const account = this.store.account(accountId);
    if (account === undefined)
      throw new ProtocolError('not-found', `no account ${accountId}`, null, 'accountId');
    return account;
  }

  services(accountId: string): ServiceRecord[] {
    this.account(accountId);
    return [...this.store.services(accountId)];
  }

  agents(accountId: string): AgentListing[] {
    this.account(accountId);
    return this.store.agents(accountId).map((agent) => this.agent(accountId, agent.id));
  }

  agent(accountId: string, agentId: string): AgentListing {
    const record = this.store.agent(accountId, agentId);
    if (record === undefined)
      throw new ProtocolError('not-found', `no agent ${agentId}`, null, 'agentId');
    const { agent, interactions } = this.engine.snapshot(accountId, agentId);
    return {
      ...agent,
      services: [...record.services],
      weightOverrides: { ...record.weights },
      presence: record.lastPresence,
      interactionIds: interactions.map((interaction) => interaction.id),
    };
  }

  interactions(accountId: string): InteractionListing[] {
    this.account(accountId);
    return this.store.interactions(accountId).map((record) => ({
      ...record.interaction,
      place: record.place,
      agentIds: [...record.agentIds],
    }));
  }

  /**
   * Forgets sessions nobody resumed in time. An agent left with no session at all can receive
   * nothing, so they stop getting work: Logged out, or Away while they still hold interactions.
   */
  sweep(): void {
    for (const { accountId, agentId } of this.hub.sweep()) {
      const identity = { accountId, agentId };
      for (const state of ['logged-out', 'away'] as const) {
        try {
          this.command(identity, { v: 1, type: 'presence.set', id: `sweep-${state}`, state });
          this.log.info(
            { account: accountId, agent: agentId, state },
            'agent left without a session',
          );
          break;
        } catch {
          // has-work: try Away; logging the call: leave the agent as they are.
        }
      }
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.simulator.stop();
  }

  /** Sleeps until the engine's next timer is due, then fires it. */
  private arm(): void {
    if (this.stopped) return;
    const dueAt = this.engine.nextDueAt();
    if (dueAt === undefined || dueAt >= this.timerDueAt) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerDueAt = dueAt;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.timerDueAt = Infinity;
        try {
          this.run((engine) => engine.tick());
        } catch (err) {
          this.log.error({ err }, 'timer failed');
        }
      },
      Math.max(0, dueAt - Date.now()),
    );
  }
}

export async function startRoutingService(options: ServiceOptions): Promise<RunningService> {
  const log = options.logger;
  const routing = new RoutingService(
    options.store ?? new MemoryStore(),
    options.signingKey,
    options.tokenTtlSeconds,
    log,
    options.sessions ?? DEFAULT_SESSION_LIMITS,
  );
  const server: Server = createServer((request, response) => {
    handleHttp(request, response, routing, options.adminKey).catch((err: unknown) => {
      log.error({ err }, 'admin request failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: { code: 'internal', message: 'the routing service failed' } }),
      );
    });
  });
  const sockets: AgentSockets = bindAgentSockets(
    server,
    routing.hub,
    routing,
    log,
    options.connection ?? DEFAULT_CONNECTION_OPTIONS,
  );
  const retentionMs = (options.sessions ?? DEFAULT_SESSION_LIMITS).retentionMs;
  const sweeper = setInterval(
    () => routing.sweep(),
    Math.max(50, Math.min(10_000, retentionMs / 2)),
  );
  sweeper.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  log.info({ url }, 'routing service listening');

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      log.info('routing service stopping');
      clearInterval(sweeper);
      routing.stop();
      // Stop accepting, tell every agent why, then close.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of sockets.connections) {
        connection.close(CLOSE_CODES.shuttingDown, 'the routing service is shutting down');
      }
      sockets.close();
      server.closeAllConnections();
      await closed;
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
