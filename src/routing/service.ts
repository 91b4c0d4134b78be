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
import { Engine as RoutingEngine } from './engine/engine';
import type { Routing, RoutingView } from './server/agentConnection';
import type { SessionJournal } from './server/sessionJournal';
import type { CommittedEffects, SessionLimits } from './server/session';
import { SessionHub } from './server/sessions';
import type { AgentIdentity, IssuedToken } from './server/tokens';
import type { TokenIssuer } from './server/tokens';
import { Simulator } from './simulator/simulator';
import type { Runner, RunnerHooks } from './runner';
import { DirectRunner, ReplicatedRunner } from './runner';
import type { SharedLog } from './store/sharedLog';
import type {
  AccountRecord,
  AgentRecord,
  InteractionRecord,
  ServiceRecord,
  Store,
} from './store/store';
import type { TrackedStore } from './store/trackedStore';

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
  readonly store: Store;
  readonly shared: {
    readonly tracked: TrackedStore;
    readonly log: SharedLog;
    readonly version: number;
    readonly recent: readonly CommittedEffects[];
    readonly journal: SessionJournal;
  } | null;
}

/** Health of the store, for `/health`. */
export interface StoreHealth {
  readonly kind: 'memory' | 'redis';
  readonly reachable: boolean;
  readonly where: string;
  readonly version: number | null;
}

/**
 * Applies engine operations and sends their effects; the one place effects leave the engine.
 * Every read and change of routing state goes through `run`, so that it sees committed state.
 */
export class RoutingService implements Routing {
  readonly engine: Engine;
  readonly hub: SessionHub;
  readonly simulator: Simulator;
  readonly tokens: TokenIssuer;
  readonly startedAt = Date.now();
  /** This process, in the shared log, the session journal and logs. */
  readonly origin: string;
  private readonly store: Store;
  private readonly retentionMs: number;
  private readonly runner: Runner;
  private readonly sharedLog: SharedLog | null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDueAt = Infinity;
  private stopped = false;

  constructor(
    parts: StoreParts,
    tokens: TokenIssuer,
    readonly log: Logger,
    sessionLimits: SessionLimits,
  ) {
    this.retentionMs = sessionLimits.retentionMs;
    let counter = 0;
    this.origin = parts.origin;
    this.store = parts.store;
    this.engine = new RoutingEngine(
      parts.store,
      { now: () => Date.now() },
      (kind) => `${kind}-${this.origin.slice(8)}-${++counter}`,
    );
    this.hub = new SessionHub({
      newId: () => `s-${randomUUID()}`,
      now: () => Date.now(),
      limits: sessionLimits,
      journal: parts.shared?.journal ?? null,
      onJournalError: (err) =>
        this.log.error({ err }, 'a session could not be stored; it cannot move now'),
      version: () => this.version,
    });
    this.simulator = new Simulator((operation) => this.run(operation));
    this.tokens = tokens;
    const hooks: RunnerHooks = {
      deliver: (effects, own, version) => {
        this.hub.deliver(effects, version);
        if (own) this.simulator.observe(effects);
      },
      changed: () => this.arm(),
      reloaded: () => {
        // Events were missed: every session starts afresh with a snapshot.
        for (const session of this.hub.connected()) {
          session.socket?.close(CLOSE_CODES.shuttingDown, 'the routing state was reloaded');
        }
        this.hub.forgetAll();
      },
    };
    this.sharedLog = parts.shared?.log ?? null;
    this.runner =
      parts.shared === null
        ? new DirectRunner(this.engine, hooks)
        : new ReplicatedRunner(
            this.engine,
            parts.shared.tracked,
            parts.shared.log,
            parts.shared.version,
            parts.shared.recent,
            this.origin,
            hooks,
            (err, what) => this.log.error({ err }, what),
          );
    this.sharedLog?.onReachable((reachable) => {
      if (reachable)
        this.log.info({ store: this.sharedLog?.description }, 'routing store reachable');
      else this.log.error({ store: this.sharedLog?.description }, 'routing store unreachable');
    });
  }

  /**
   * Runs one engine operation on committed state; once its changes are kept, sends what it
   * produced, runs `after` (before any other operation) and settles.
   */
  run<T>(operation: (engine: Engine) => T, after?: (value: T) => void): Promise<T> {
    return this.runner.run(operation, after);
  }

  verify(token: string): Promise<AgentIdentity | null> {
    return this.tokens.verify(token);
  }

  issueToken(accountId: string, agentId: string, ttlSeconds?: number): Promise<IssuedToken> {
    return this.tokens.issue({ accountId, agentId }, ttlSeconds);
  }

  /** The version of the state this process holds (0 with the in-memory store). */
  get version(): number {
    return this.runner.at;
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
    await this.run(
      () => undefined,
      () => {
        const known = this.runner.committedSince(stored.logVersion);
        if (this.hub.adopt(stored, known, () => this.engine.directory(stored.accountId))) {
          this.log.info({ session: sessionId, agent: stored.agentId }, 'session taken over');
        }
      },
    );
  }

  snapshot(identity: AgentIdentity, then: (snapshot: Snapshot) => void): Promise<void> {
    return this.run(
      (engine) => engine.snapshot(identity.accountId, identity.agentId),
      (snapshot) => then(snapshot),
    ).then(() => undefined);
  }

  command(
    identity: AgentIdentity,
    command: Command,
    after?: (result: CommandResult, view: RoutingView) => void,
  ): Promise<CommandResult> {
    return this.run(
      (engine) => engine.command(identity.accountId, identity.agentId, command),
      after === undefined ? undefined : (result) => after(result, this.view),
    );
  }

  now(): number {
    return Date.now();
  }

  /** Reads of committed state, for `after` callbacks. */
  private readonly view: RoutingView = {
    snapshot: (identity) => this.engine.snapshot(identity.accountId, identity.agentId),
    directory: (accountId) => this.engine.directory(accountId),
  };

  storeHealth(): StoreHealth {
    if (this.sharedLog === null)
      return { kind: 'memory', reachable: true, where: 'memory', version: null };
    return {
      kind: 'redis',
      reachable: this.sharedLog.reachable,
      where: this.sharedLog.description,
      version: this.runner.at,
    };
  }

  // Read-only views for the admin API.

  accounts(): Promise<AccountRecord[]> {
    return this.run(() => [...this.store.accounts()]);
  }

  account(accountId: string): Promise<AccountRecord> {
    return this.run(() => this.accountNow(accountId));
  }

  services(accountId: string): Promise<ServiceRecord[]> {
    return this.run(() => this.servicesNow(accountId));
  }

  agents(accountId: string): Promise<AgentListing[]> {
    return this.run(() => {
      this.accountNow(accountId);
      return this.store.agents(accountId).map((agent) => this.agentNow(accountId, agent.id));
    });
  }

  agent(accountId: string, agentId: string): Promise<AgentListing> {
    return this.run(() => this.agentNow(accountId, agentId));
  }

  interactions(accountId: string): Promise<InteractionListing[]> {
    return this.run(() => {
      this.accountNow(accountId);
      return this.store.interactions(accountId).map((record) => ({
        ...record.interaction,
        place: record.place,
        agentIds: [...record.agentIds],
      }));
    });
  }

  private accountNow(accountId: string): AccountRecord {
    const account = this.store.account(accountId);
    if (account === undefined)
      throw new ProtocolError('not-found', `no account ${accountId}`, null, 'accountId');
    return account;
  }

  private servicesNow(accountId: string): ServiceRecord[] {
    this.accountNow(accountId);
    return [...this.store.services(accountId)];
  }

  private agentNow(accountId: string, agentId: string): AgentListing {
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

  /**
   * Forgets sessions nobody resumed in time. An agent left with no session at all can receive
   * nothing, so they stop getting work: Logged out, or Away while they still hold interactions.
   * With a shared store "no session" means on no process: each process notes the agents it holds a
   * socket for, and an agent nobody noted for the retention time is let go by whichever looks first.
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
          { v: 1, type: 'presence.set', id: `sweep-${state}`, state },
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

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.simulator.stop();
    this.runner.stop();
    this.hub.stop();
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
        this.run((engine) => engine.tick()).catch((err: unknown) => {
          this.log.error({ err }, 'timer failed');
          // Try again shortly (e.g. the store was unreachable).
          if (!this.stopped) this.timer = setTimeout(() => this.arm(), 1000);
        });
      },
      Math.max(0, dueAt - Date.now()),
    );
  }
}
