/**
 * Supervisor sessions' way to their figures: the engine's effects say which agents changed
 * (events to them, directory entries) and that an account changed at all; the account's figures
 * are then read from the routing state (never kept in this process but for what was last sent, to
 * send only what differs), at most once per batch interval per account, and go to every
 * supervisor session of the account as one `supervisor.changed` of whole entries. Like the
 * directory's batches (directoryFanout.ts): however many changes an interval holds, a supervisor
 * gets one frame; the interval is short (by default the changes of one turn of work go together),
 * so the figures follow the engine within milliseconds.
 */
import type { Effect } from '../engine/effects';
import type { SupervisorFigures } from '../engine/supervision';
import type { Session } from './session';
import type { SessionHub } from './sessions';
import { supervisorChanges, supervisorSnapshot } from './supervisorFrames';

/** Reads the account's figures: every service, the agents named (null: every agent). */
export type FiguresReader = (
  accountId: string,
  agentIds: readonly string[] | null,
) => Promise<SupervisorFigures>;

interface Pending {
  readonly agents: Set<string>;
  readonly removedAgents: Set<string>;
  readonly removedServices: Set<string>;
}

/** What the account's supervisors were last sent, as text per id, to send only what differs. */
interface Sent {
  /** The Away reasons as text. */
  awayReasons: string;
  readonly services: Map<string, string>;
  readonly agents: Map<string, string>;
}

export class SupervisorFanout {
  private readonly watching = new Map<string, Set<Session>>();
  private readonly pending = new Map<string, Pending>();
  private readonly sent = new Map<string, Sent>();
  private readonly reading = new Set<string>();
  private cancel: (() => void) | null = null;

  constructor(
    private readonly hub: SessionHub,
    private readonly read: FiguresReader,
    /** Runs `run` after the batch interval; returns a cancel function. */
    private readonly schedule: (run: () => void) => () => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** A fresh session: its snapshot (figures read before any later change) and its changes from now. */
  opened(session: Session, figures: SupervisorFigures): void {
    let sessions = this.watching.get(session.accountId);
    if (sessions === undefined) this.watching.set(session.accountId, (sessions = new Set()));
    sessions.add(session);
    // What the account's other sessions were sent stays the base of their next changes.
    if (!this.sent.has(session.accountId)) {
      this.remember(session.accountId, figures);
    }
    this.sendTo([session], this.snapshotOf(figures));
  }

  /** The figures as snapshot events (for a fresh session or a resync). */
  snapshotOf(figures: SupervisorFigures): ReturnType<typeof supervisorSnapshot> {
    return supervisorSnapshot(figures.at, figures.awayReasons, figures.services, figures.agents);
  }

  /** Effects the engine produced: notes what changed in the accounts supervisors watch. */
  deliver(effects: readonly Effect[]): void {
    for (const effect of effects) {
      if (!this.watching.has(effect.accountId)) continue;
      const pending = this.pendingOf(effect.accountId);
      if (effect.kind === 'event') pending.agents.add(effect.agentId);
      else if (effect.kind === 'directory') {
        for (const entry of effect.upserted)
          if (entry.type === 'agent') pending.agents.add(entry.id);
        for (const ref of effect.removed) {
          if (ref.type === 'agent') pending.removedAgents.add(ref.id);
          else pending.removedServices.add(ref.id);
        }
      }
    }
    if (this.pending.size > 0) this.cancel ??= this.schedule(() => this.flush());
  }

  /** Sends each watched account's changes since the last frame. */
  flush(): void {
    this.cancel = null;
    for (const accountId of [...this.pending.keys()]) {
      if (this.reading.has(accountId)) continue;
      const pending = this.pending.get(accountId) as Pending;
      this.pending.delete(accountId);
      this.reading.add(accountId);
      this.read(accountId, [...pending.agents])
        .then((figures) => this.send(accountId, figures, pending))
        .catch((err: unknown) => this.onError(err))
        .finally(() => {
          this.reading.delete(accountId);
          if (this.pending.has(accountId)) this.cancel ??= this.schedule(() => this.flush());
        });
    }
  }

  /** Forgets the account (its sessions were closed: it moved, or its state was reloaded). */
  forget(accountId: string): void {
    this.watching.delete(accountId);
    this.pending.delete(accountId);
    this.sent.delete(accountId);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private send(accountId: string, figures: SupervisorFigures, pending: Pending): void {
    const sessions = this.held(accountId);
    if (sessions.length === 0) return;
    const sent = this.sent.get(accountId) as Sent;
    const services = changedOf(figures.services, sent.services);
    const present = new Set(figures.services.map((service) => service.id));
    const removedServices = [...sent.services.keys()].filter((id) => !present.has(id));
    for (const id of pending.removedServices) if (!present.has(id)) removedServices.push(id);
    const agents = changedOf(figures.agents, sent.agents);
    const removedAgents = [...new Set([...figures.missingAgents, ...pending.removedAgents])].filter(
      (id) => !figures.agents.some((agent) => agent.id === id),
    );
    for (const id of removedServices) sent.services.delete(id);
    for (const id of removedAgents) sent.agents.delete(id);
    const reasonsText = JSON.stringify(figures.awayReasons);
    const awayReasons = reasonsText === sent.awayReasons ? null : figures.awayReasons;
    sent.awayReasons = reasonsText;
    const count = services.length + agents.length + removedServices.length + removedAgents.length;
    if (count === 0 && awayReasons === null) return;
    const bodies = supervisorChanges(
      figures.at,
      awayReasons,
      services,
      agents,
      [...new Set(removedServices)],
      removedAgents,
    );
    this.sendTo(sessions, bodies);
  }

  /** The account's sessions still held (the others are let go). */
  private held(accountId: string): Session[] {
    const sessions = this.watching.get(accountId);
    if (sessions === undefined) return [];
    for (const session of sessions) if (!this.hub.has(session.id)) sessions.delete(session);
    if (sessions.size === 0) this.forget(accountId);
    return [...sessions];
  }

  private sendTo(sessions: readonly Session[], bodies: ReturnType<typeof supervisorChanges>): void {
    for (const session of sessions) for (const body of bodies) this.hub.sendEvent(session, body);
  }

  private remember(accountId: string, figures: SupervisorFigures): void {
    const sent: Sent = {
      awayReasons: JSON.stringify(figures.awayReasons),
      services: new Map(figures.services.map((service) => [service.id, JSON.stringify(service)])),
      agents: new Map(figures.agents.map((agent) => [agent.id, JSON.stringify(agent)])),
    };
    this.sent.set(accountId, sent);
  }

  private pendingOf(accountId: string): Pending {
    let pending = this.pending.get(accountId);
    if (pending === undefined) {
      pending = { agents: new Set(), removedAgents: new Set(), removedServices: new Set() };
      this.pending.set(accountId, pending);
    }
    return pending;
  }
}

/** The entries whose text differs from what was sent, noted as sent now. */
function changedOf<T extends { readonly id: string }>(
  entries: readonly T[],
  sent: Map<string, string>,
): T[] {
  const changed: T[] = [];
  for (const entry of entries) {
    const text = JSON.stringify(entry);
    if (sent.get(entry.id) === text) continue;
    sent.set(entry.id, text);
    changed.push(entry);
  }
  return changed;
}
