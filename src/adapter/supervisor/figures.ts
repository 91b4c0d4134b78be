/**
 * What a supervisor sees, kept from the supervisor session's events: the account's services and
 * agents by id, a `supervisor.snapshot` (in parts) replacing them all once its last part is in,
 * and each `supervisor.changed` replacing the entries it carries (and the Away reasons when it
 * carries them) and dropping those it names gone.
 * Lists come out sorted by name (then id), made once per change.
 */
import type { AgentStats, Event, ServiceStats } from '../../protocol';

type SupervisorEvent = Extract<Event, { type: 'supervisor.snapshot' | 'supervisor.changed' }>;

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class SupervisorFigures {
  private services = new Map<string, ServiceStats>();
  private agents = new Map<string, AgentStats>();
  /** A snapshot being received: its parts so far. */
  private incoming: { services: ServiceStats[]; agents: AgentStats[]; next: number } | null = null;
  private sorted: { services: ServiceStats[]; agents: AgentStats[] } | null = null;
  /** When the figures were true (the last frame's `at`); null before the first snapshot. */
  at: number | null = null;
  /** The account's Away reasons; null before the first snapshot. */
  awayReasons: readonly string[] | null = null;

  /** Whether a whole snapshot has been received since `reset`. */
  get loaded(): boolean {
    return this.at !== null;
  }

  /** Applies one event; true when what the supervisor sees changed. */
  apply(event: Event): boolean {
    if (event.type === 'supervisor.snapshot') return this.snapshotPart(event);
    if (event.type !== 'supervisor.changed') return false;
    // Changes before the first whole snapshot have nothing to apply to: the snapshot follows.
    if (this.at === null) return false;
    for (const id of event.removedServices) this.services.delete(id);
    for (const id of event.removedAgents) this.agents.delete(id);
    for (const service of event.services) this.services.set(service.id, service);
    for (const agent of event.agents) this.agents.set(agent.id, agent);
    if (event.awayReasons !== null) this.awayReasons = event.awayReasons;
    this.at = event.at;
    this.sorted = null;
    return true;
  }

  /** A new session starts: a snapshot follows (what is shown stays until it is whole). */
  expectSnapshot(): void {
    this.incoming = null;
  }

  list(): { services: ServiceStats[]; agents: AgentStats[] } {
    this.sorted ??= {
      services: [...this.services.values()].sort(byName),
      agents: [...this.agents.values()].sort(byName),
    };
    return this.sorted;
  }

  private snapshotPart(event: Extract<SupervisorEvent, { type: 'supervisor.snapshot' }>): boolean {
    if (event.part === 0) this.incoming = { services: [], agents: [], next: 0 };
    const incoming = this.incoming;
    // A part out of order (never sent so by the service): wait for the next whole snapshot.
    if (incoming === null || incoming.next !== event.part) {
      this.incoming = null;
      return false;
    }
    incoming.services.push(...event.services);
    incoming.agents.push(...event.agents);
    incoming.next++;
    if (event.part < event.parts - 1) return false;
    this.services = new Map(incoming.services.map((service) => [service.id, service]));
    this.agents = new Map(incoming.agents.map((agent) => [agent.id, agent]));
    this.incoming = null;
    this.at = event.at;
    this.awayReasons = event.awayReasons;
    this.sorted = null;
    return true;
  }
}
