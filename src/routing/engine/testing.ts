/**
 * Test helpers for the routing engine: a harness with a fake clock, deterministic ids and an
 * in-memory store. Every effect the engine emits passes through `take`, which checks it against
 * the protocol (as a server frame with `v` and `seq` added); an `afterEach` hook drains and checks
 * whatever a test left unread.
 */
import type {
  Agent,
  AgentState,
  Command,
  DirectoryEntry,
  Interaction,
  Presence,
  ProtocolError,
  Settings,
  Snapshot,
} from '../../protocol';
import { validate } from '../../protocol';
import { MemoryStore } from '../store/memoryStore';
import type { Effect, EventBody } from './effects';
import type { AgentSpec, Arrival, CommandResult } from './engine';
import { DEFAULT_SETTINGS, Engine } from './engine';
import { FakeClock } from './fakeClock';

type WithoutEnvelope<T> = T extends unknown ? Omit<T, 'v' | 'id'> : never;
/** A command as a test writes it: the harness adds `v` and a fresh `id`. */
export type CommandBody = WithoutEnvelope<Command>;

export const ACCOUNT = 'acme';

/** Settings built from the defaults: features and weights merge, the rest replaces. */
export interface SettingsChange {
  readonly consultTimeoutSeconds?: number;
  readonly wrapSeconds?: number;
  readonly releaseTimeoutSeconds?: number;
  readonly features?: Partial<Settings['features']>;
  readonly weights?: Partial<Settings['weights']>;
  readonly offers?: Partial<Settings['offers']>;
  readonly awayReasons?: readonly string[];
  readonly wrapExtensionSeconds?: number;
}

export function settingsWith(change: SettingsChange = {}, base: Settings = DEFAULT_SETTINGS) {
  return {
    ...base,
    consultTimeoutSeconds: change.consultTimeoutSeconds ?? base.consultTimeoutSeconds,
    wrapSeconds: change.wrapSeconds ?? base.wrapSeconds,
    releaseTimeoutSeconds: change.releaseTimeoutSeconds ?? base.releaseTimeoutSeconds,
    features: { ...base.features, ...change.features },
    weights: { ...base.weights, ...change.weights },
    offers: { ...base.offers, ...change.offers },
    awayReasons: [...(change.awayReasons ?? base.awayReasons)],
    wrapExtensionSeconds: change.wrapExtensionSeconds ?? base.wrapExtensionSeconds,
  } satisfies Settings;
}

/** Throws unless the event body, framed as the server would send it, is a valid server message. */
export function assertValidEvent(event: EventBody): void {
  const frame = { v: 1, seq: 1, ...event };
  const result = validate(frame, 'server');
  if (!result.ok) {
    throw new Error(
      `invalid ${event.type} event: ${result.error.message}\n${JSON.stringify(frame, null, 2)}`,
    );
  }
}

export function assertValidEffect(effect: Effect): void {
  switch (effect.kind) {
    case 'event':
      assertValidEvent(effect.event);
      return;
    case 'directory':
      assertValidEvent({
        type: 'directory.changed',
        upserted: [...effect.upserted],
        removed: [...effect.removed],
      });
      return;
    case 'digits': {
      // The digits are what a `digits.send` command may carry.
      const { interactionId, digits } = effect;
      const frame = { v: 1, id: 'c', type: 'digits.send', interactionId, version: 1, digits };
      const result = validate(frame, 'client');
      if (!result.ok) throw new Error(`invalid digits effect: ${result.error.message}`);
    }
  }
}

const harnesses: Harness[] = [];

afterEach(() => {
  const open = harnesses.splice(0);
  for (const harness of open) harness.take();
});

/** Creates a harness; its remaining effects are checked after the test. */
export function harness(settings: SettingsChange = {}): Harness {
  const created = new Harness(settingsWith(settings));
  harnesses.push(created);
  return created;
}

export class Harness {
  readonly clock = new FakeClock();
  readonly store = new MemoryStore();
  readonly engine: Engine;
  /** Every effect taken so far, in order. */
  readonly log: Effect[] = [];
  private idCount = 0;
  private commandIds = 0;

  constructor(settings: Settings, accountId = ACCOUNT) {
    this.engine = new Engine(this.store, this.clock, (prefix) => `${prefix}${++this.idCount}`);
    this.engine.createAccount(accountId, 'Acme', settings);
  }

  /** Takes the effects emitted since the last call, each checked against the protocol. */
  take(): Effect[] {
    const effects = this.engine.takeEffects();
    for (const effect of effects) assertValidEffect(effect);
    this.log.push(...effects);
    return effects;
  }

  /** The events addressed to one agent since the last `take` (takes every effect). */
  events(agentId: string): EventBody[] {
    return eventsFor(this.take(), agentId);
  }

  /** The directory upserts since the last `take` (takes every effect). */
  upserts(): DirectoryEntry[] {
    return this.take().flatMap((effect) => (effect.kind === 'directory' ? effect.upserted : []));
  }

  service(id: string, name = id.toUpperCase(), accountId = ACCOUNT): void {
    this.engine.createService(accountId, id, name);
  }

  agent(spec: Partial<AgentSpec> & { id: string }, accountId = ACCOUNT): void {
    this.engine.createAgent(accountId, {
      name: spec.id.charAt(0).toUpperCase() + spec.id.slice(1),
      services: [],
      ...spec,
    });
  }

  /** A customer contact on a channel at a service. */
  arrive(serviceId: string, channel: Arrival['channel'], more: Partial<Arrival> = {}) {
    return this.engine.arrive(ACCOUNT, {
      channel,
      serviceId,
      customer: { name: 'Customer', phone: '+4420700900', email: null },
      record: { id: '0015g00000AbCdEAAZ', objectType: 'Account' },
      searchKeys: ['+4420700900'],
      subject: null,
      priority: 0,
      ...more,
    });
  }

  /** Runs a command (validated as a client frame first) and returns its result. */
  cmd(agentId: string, body: CommandBody, accountId = ACCOUNT): CommandResult {
    const command = { v: 1, id: `c${++this.commandIds}`, ...body } as Command;
    const parsed = validate(command, 'client');
    if (!parsed.ok) throw new Error(`test bug, invalid command: ${parsed.error.message}`);
    return this.engine.command(accountId, agentId, command);
  }

  /** Runs a command that must fail; returns the error after checking nothing changed. */
  reject(agentId: string, body: CommandBody, accountId = ACCOUNT): ProtocolError {
    this.take();
    const before = this.state();
    let caught: unknown = null;
    try {
      this.cmd(agentId, body, accountId);
    } catch (thrown) {
      caught = thrown;
    }
    if (caught === null) throw new Error(`${body.type} was expected to fail`);
    if (!(caught instanceof Error) || caught.name !== 'ProtocolError') throw caught;
    expect(this.state()).toEqual(before);
    expect(this.engine.takeEffects()).toEqual([]);
    return caught as ProtocolError;
  }

  /** Everything observable: every agent's snapshot, the directory, the queues and the timers. */
  state(): unknown {
    const agents = this.store.agents(ACCOUNT).map((agent) => this.snapshot(agent.id));
    const queues = this.store
      .services(ACCOUNT)
      .map((service) => this.engine.queue(ACCOUNT, service.id));
    return structuredClone({
      agents,
      queues,
      directory: this.engine.directory(ACCOUNT),
      nextDueAt: this.engine.nextDueAt(),
    });
  }

  /** The agent's snapshot, checked against the protocol. */
  snapshot(agentId: string, accountId = ACCOUNT): Snapshot {
    const snapshot = this.engine.snapshot(accountId, agentId);
    assertValidEvent({ type: 'snapshot', snapshot });
    return snapshot;
  }

  me(agentId: string): Agent {
    return this.snapshot(agentId).agent;
  }

  stateOf(agentId: string): AgentState {
    return this.me(agentId).state;
  }

  /** The interactions the agent holds, as their snapshot lists them. */
  list(agentId: string): readonly Interaction[] {
    return this.snapshot(agentId).interactions;
  }

  ids(agentId: string): string[] {
    return this.list(agentId).map((interaction) => interaction.id);
  }

  /** The agent's current view of one interaction (throws if they do not hold it). */
  view(agentId: string, interactionId: string): Interaction {
    const found = this.list(agentId).find((interaction) => interaction.id === interactionId);
    if (found === undefined) throw new Error(`${agentId} does not hold ${interactionId}`);
    return found;
  }

  presence(agentId: string): Presence {
    const entry = this.engine
      .directory(ACCOUNT)
      .find((item) => item.type === 'agent' && item.id === agentId);
    if (entry?.type !== 'agent') throw new Error(`no agent ${agentId} in the directory`);
    return entry.presence;
  }

  /** Runs a command on an interaction at the version the agent sees now. */
  on(
    agentId: string,
    type: 'release' | 'abandon' | 'hold' | 'retrieve',
    interactionId: string,
  ): CommandResult {
    const { version } = this.view(agentId, interactionId);
    return this.cmd(agentId, { type, interactionId, version });
  }

  release(agentId: string, interactionId: string): CommandResult {
    return this.on(agentId, 'release', interactionId);
  }

  transfer(agentId: string, interactionId: string, target: TargetBody): CommandResult {
    const { version } = this.view(agentId, interactionId);
    return this.cmd(agentId, { type: 'transfer', interactionId, version, target });
  }

  consult(agentId: string, interactionId: string, target: TargetBody): string {
    const { version } = this.view(agentId, interactionId);
    const { consultId } = this.cmd(agentId, {
      type: 'consult.start',
      interactionId,
      version,
      target,
    });
    if (consultId === null) throw new Error('consult.start gave no consult id');
    return consultId;
  }

  presenceSet(
    agentId: string,
    state: 'ready' | 'away' | 'logged-out',
    reason: string | null = null,
  ): void {
    this.cmd(agentId, { type: 'presence.set', state, reason });
  }

  /** Moves the clock and fires the timers that fell due. */
  advance(seconds: number): void {
    this.clock.advance(seconds * 1000);
    this.engine.tick();
  }
}

export type TargetBody = Extract<CommandBody, { type: 'transfer' }>['target'];

export const toAgent = (id: string): TargetBody => ({ type: 'agent', id });
export const toService = (id: string): TargetBody => ({ type: 'service', id });
export const toNumber = (number: string): TargetBody => ({ type: 'number', number });

export function eventsFor(effects: readonly Effect[], agentId: string): EventBody[] {
  return effects.flatMap((effect) =>
    effect.kind === 'event' && effect.agentId === agentId ? [effect.event] : [],
  );
}

/** The types of events, in order. */
/** The item at `pick` (wrapping round), or undefined when there is none: random walks pick with it. */
export function pickOf<T>(items: readonly T[], pick: number): T | undefined {
  return items.length === 0 ? undefined : items[pick % items.length];
}

export const types = (events: readonly EventBody[]) => events.map((event) => event.type);

/** Expects a thrown ProtocolError with this code. */
export function expectCode(run: () => unknown, code: ProtocolError['code']): ProtocolError {
  let caught: unknown = null;
  try {
    run();
  } catch (thrown) {
    caught = thrown;
  }
  expect(caught).toMatchObject({ name: 'ProtocolError', code });
  return caught as ProtocolError;
}
