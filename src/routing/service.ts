/**
 * The routing service assembled: engine and store, agent sessions, the simulator, token issuing
 * and the timer loop. Every read and change of routing state goes through `RoutingService.run`.
 * start.ts binds it to an HTTP server (admin API and agent WebSocket).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Agent, Command, Interaction, Presence, Snapshot } from '../protocol';
import { CLOSE_CODES, ProtocolError } from '../protocol';
import type { CommandResult, Engine } from './engine/engine';
import type { Effect } from './engine/effects';
import type { Partition, PartitionHooks } from './partitions/partition';
import type { Partitions, Purpose } from './partitions/partitions';
import type { Routing, RoutingView } from './server/routing';
import type { SessionJournal } from './server/sessionJournal';
import type { SessionLimits } from './server/session';
import { SessionHub } from './server/sessions';
import { SupervisorSessions } from './server/supervisorSessions';
import { accountIn, agentListing, viewOf } from './serviceReads';
import { AGENT_PATH } from './server/wsBinding';
import type { AgentIdentity, IssuedToken, SupervisorIdentity } from './server/tokens';
import type { TokenIssuer } from './server/tokens';
import { Simulator } from './simulator/simulator';
import { ServiceConnectors } from './serviceConnectors';
import type { AccountRecord, AgentRecord, InteractionRecord, ServiceRecord } from './store/store';

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

/** Where the state is kept, as the service uses it. */
export interface StoreParts {
  /** This process, in the shared log, the session journal and logs. */
  readonly origin: string;
  /** Sessions kept for other processes (shared stores); null: in this process only. */
  readonly journal: SessionJournal | null;
  /** Where accounts are served, given what their partitions tell the service. */
  readonly partitions: (
    hooks: PartitionHooks,
    left: (accountId: string) => Promise<void>,
  ) => Partitions;
}

/** Health of the store, for `/health`. */
export interface StoreHealth {
  readonly kind: 'memory' | 'redis';
  readonly reachable: boolean;
  readonly where: string;
}

/**
 * Applies engine operations and sends their effects; the one place effects leave the engine.
 * Every read and change of routing state goes through `run`, on the partition that serves the
 * account, so that it sees committed state.
 */
export class RoutingService implements Routing {
  readonly hub: SessionHub;
  /** Supervisor sessions and the figures they are sent (server/supervisorSessions.ts). */
  readonly supervisors: SupervisorSessions;
  readonly simulator: Simulator;
  readonly tokens: TokenIssuer;
  readonly startedAt = Date.now();
  /** This process, in the shared log, the session journal and logs. */
  readonly origin: string;
  readonly partitions: Partitions;
  private readonly retentionMs: number;
  private readonly observers = new Set<(effects: readonly Effect[]) => void>();

  constructor(
    parts: StoreParts,
    tokens: TokenIssuer,
    readonly log: Logger,
    sessionLimits: SessionLimits,
  ) {
    this.retentionMs = sessionLimits.retentionMs;
    let counter = 0;
    this.origin = parts.origin;
    this.hub = new SessionHub({
      newId: () => `s-${randomUUID()}`,
      now: () => Date.now(),
      limits: sessionLimits,
      journal: parts.journal,
      onJournalError: (err) =>
        this.log.error({ err }, 'a session could not be stored; it cannot move now'),
      version: (accountId) => this.partitions.local(accountId)?.at ?? 0,
    });
    this.supervisors = new SupervisorSessions(this, sessionLimits, (err) =>
      this.log.error({ err }, 'supervisor figures could not be read'),
    );
    this.simulator = new Simulator((accountId, operation) => this.run(accountId, operation), {
      connectors: new ServiceConnectors(this),
      services: async (accountId) => (await this.services(accountId)).map((service) => service.id),
    });
    this.tokens = tokens;
    const hooks: PartitionHooks = {
      deliver: (effects, own, version) => {
        this.hub.deliver(effects, version);
        this.supervisors.deliver(effects);
        if (own) this.simulator.observe(effects);
        for (const observer of this.observers) {
          try {
            observer(effects);
          } catch (err) {
            this.log.error({ err }, 'an observer of the effects threw');
          }
        }
      },
      reloaded: (accountId) => {
        // Events were missed: the account's sessions start afresh with a snapshot.
        if (accountId !== null) {
          for (const sessions of [this.hub, this.supervisors]) {
            void sessions.forgetAccount(
              accountId,
              CLOSE_CODES.shuttingDown,
              'the routing state was reloaded',
            );
          }
        }
      },
      fenced: (accountId) =>
        this.partitions.lost(accountId, 'a commit was refused: its lease moved on'),
      newId: (kind) => `${kind}-${this.origin.slice(8)}-${++counter}`,
      log,
    };
    this.partitions = parts.partitions(hooks, async (accountId) => {
      // Its sessions resume on the process that serves it now (the journal keeps them).
      const reason = 'the account moved; reconnect';
      await this.supervisors.forgetAccount(accountId, CLOSE_CODES.shuttingDown, reason);
      await this.hub.forgetAccount(accountId, CLOSE_CODES.shuttingDown, reason);
    });
  }

  /**
   * Runs one engine operation on the committed state of the account's partition; once its changes
   * are kept, sends what it produced, runs `after` (before any other operation) and settles.
   * ProtocolError `unavailable` when another process serves the account (callers that can
   * forward look it up with `partitions.locate` first). `purpose` `create`: for a new account.
   */
  run<T>(
    accountId: string,
    operation: (engine: Engine) => T,
    after?: (value: T) => void,
    purpose: Purpose = 'use',
  ): Promise<T> {
    return this.on(accountId, purpose, (partition) => partition.run(operation, after));
  }

  /**
   * Uses the partition that serves the account here: at once when this process holds it (so that
   * operations keep their order), else once located; `unavailable` when another process serves it.
   */
  private on<T>(
    accountId: string,
    purpose: Purpose,
    use: (partition: Partition) => Promise<T>,
  ): Promise<T> {
    const here = this.partitions.local(accountId);
    if (here !== undefined) return use(here);
    return this.partitions.locate(accountId, purpose).then((placement) => {
      if (placement.here === undefined) {
        throw new ProtocolError('unavailable', `account ${accountId} is served by another process`);
      }
      return use(placement.here);
    });
  }

  /**
   * Hears every batch of effects this process delivers (the workbench pushes its page from them);
   * returns the function that stops it.
   */
  observe(observer: (effects: readonly Effect[]) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Reads the account's partition (its store and engine) on committed state. */
  private read<T>(accountId: string, read: (partition: Partition) => T): Promise<T> {
    return this.on(accountId, 'use', (partition) => partition.run(() => read(partition)));
  }

  /**
   * The base URL of the process that serves the account when it is not this one (forward.ts);
   * null when it is served here. A request already forwarded is not sent on: `unavailable`.
   */
  async ownerElsewhere(accountId: string, purpose: Purpose): Promise<string | null> {
    if (this.partitions.local(accountId) !== undefined) return null;
    const placement = await this.partitions.locate(accountId, purpose);
    if (placement.here !== undefined) return null;
    if (purpose === 'forwarded') {
      throw new ProtocolError('unavailable', `account ${accountId} is moving; try again`);
    }
    return placement.elsewhere;
  }

  verify(token: string): Promise<AgentIdentity | null> {
    return this.tokens.verify(token);
  }

  verifySupervisor(token: string): Promise<SupervisorIdentity | null> {
    return this.tokens.verifySupervisor(token);
  }

  issueToken(accountId: string, agentId: string, ttlSeconds?: number): Promise<IssuedToken> {
    return this.tokens.issue({ accountId, agentId }, ttlSeconds);
  }

  async recall(sessionId: string): Promise<void> {
    const journal = this.hub.journal;
    if (journal === null || this.hub.has(sessionId)) return;
    let stored;
    try {
      stored = await journal.load(sessionId);
    } catch (err) {
      this.log.warn({ err, session: sessionId }, 'a stored session could not be read');
      return;
    }
    if (stored === null) return;
    // Adopted before any later operation, so that no event of a later commit is missed.
    await this.on(stored.accountId, 'use', (partition) =>
      partition.run(
        () => undefined,
        () => {
          const known = partition.committedSince(stored.logVersion);
          if (this.hub.adopt(stored, known, () => partition.engine.directory(stored.accountId))) {
            this.log.info({ session: sessionId, agent: stored.agentId }, 'session taken over');
          }
        },
      ),
    );
  }

  async locate(accountId: string, forwarded: boolean): Promise<string | null> {
    const owner = await this.ownerElsewhere(accountId, forwarded ? 'forwarded' : 'use');
    return owner === null ? null : `${owner.replace(/^http/, 'ws')}${AGENT_PATH}`;
  }

  snapshot(identity: AgentIdentity, then: (snapshot: Snapshot) => void): Promise<void> {
    return this.run(
      identity.accountId,
      (engine) => engine.snapshot(identity.accountId, identity.agentId),
      (snapshot) => then(snapshot),
    ).then(() => undefined);
  }

  command(
    identity: AgentIdentity,
    command: Command,
    after?: (result: CommandResult, view: RoutingView) => void,
  ): Promise<CommandResult> {
    return this.on(identity.accountId, 'use', (partition) =>
      partition.run(
        (engine) => engine.command(identity.accountId, identity.agentId, command),
        // `after` reads the state the command left, on the engine that ran it.
        after === undefined ? undefined : (result) => after(result, viewOf(partition.engine)),
      ),
    );
  }

  now(): number {
    return Date.now();
  }

  storeHealth(): StoreHealth {
    return this.partitions.health();
  }

  /** Decisions made by this process's partitions since it started. */
  get decisions(): number {
    return this.partitions.all().reduce((sum, partition) => sum + partition.engine.decisions, 0);
  }

  /** Commits this process's partitions had refused because the version had moved on. */
  get refusedCommits(): number {
    return this.partitions.all().reduce((sum, partition) => sum + partition.refused, 0);
  }

  // Read-only views for the admin API.

  async accounts(): Promise<AccountRecord[]> {
    return this.partitions.accounts();
  }

  account(accountId: string): Promise<AccountRecord> {
    return this.read(accountId, ({ store }) => accountIn(store, accountId));
  }

  services(accountId: string): Promise<ServiceRecord[]> {
    return this.read(accountId, ({ store }) => {
      accountIn(store, accountId);
      return [...store.services(accountId)];
    });
  }

  agents(accountId: string): Promise<AgentListing[]> {
    return this.read(accountId, (partition) => {
      accountIn(partition.store, accountId);
      return partition.store
        .agents(accountId)
        .map((agent) => agentListing(partition, accountId, agent.id));
    });
  }

  agent(accountId: string, agentId: string): Promise<AgentListing> {
    return this.read(accountId, (partition) => agentListing(partition, accountId, agentId));
  }

  interactions(accountId: string): Promise<InteractionListing[]> {
    return this.read(accountId, ({ store }) => {
      accountIn(store, accountId);
      return store.interactions(accountId).map((record) => ({
        ...record.interaction,
        place: record.place,
        agentIds: [...record.agentIds],
      }));
    });
  }

  /**
   * Forgets sessions nobody resumed in time. An agent left with no session at all can receive
   * nothing, so they stop getting work: Logged out, or Away while they still hold interactions.
   * With a shared store "no session" means on no process: each process notes the agents it holds a
   * socket for, and an agent nobody noted for the retention time is let go by the process that
   * owns their account.
   */
  async sweep(): Promise<void> {
    const gone = this.hub.sweep();
    const journal = this.hub.journal;
    if (journal === null) {
      for (const agent of gone) await this.letGo(agent);
      return;
    }
    const here = this.hub.connected().map(({ accountId, agentId }) => ({ accountId, agentId }));
    try {
      await journal.seen(here);
      for (const agent of await journal.stale(Date.now() - this.retentionMs)) {
        if (this.hub.holds(agent.accountId, agent.agentId)) continue; // may still resume here
        if (this.partitions.local(agent.accountId) === undefined) continue; // its owner will
        await this.letGo(agent);
        await journal.unseen(agent);
      }
    } catch (err) {
      this.log.warn({ err }, 'sessions could not be swept now');
    }
  }

  private async letGo({ accountId, agentId }: AgentIdentity): Promise<void> {
    for (const state of ['logged-out', 'away'] as const) {
      try {
        await this.command(
          { accountId, agentId },
          { v: 1, type: 'presence.set', id: `sweep-${state}`, state, reason: null },
        );
        this.log.info(
          { account: accountId, agent: agentId, state },
          'agent left without a session',
        );
        return;
      } catch {
        // has-work: try Away; logging the call: leave the agent as they are.
      }
    }
  }

  async stop(): Promise<void> {
    this.simulator.stop();
    this.hub.stop();
    this.supervisors.stop();
    await this.partitions.stop();
  }
}
