/**
 * What changed during one engine operation, kept until the operation settles: which agents to
 * reindex and send, which queues to try again, which directory entries to send. Only EngineCore
 * holds one; everything else marks changes through its methods.
 */
import type { AgentRecord } from '../store/store';

export class Changes {
  /** Agents whose views and presence to send when the operation settles. */
  private readonly touchedAgents = new Map<string, AgentRecord>();
  /** Agents changed since they were last reindexed. */
  private readonly staleAgents = new Map<string, AgentRecord>();
  /** Agents whose personal queue (B6) to try again. */
  private readonly personalQueues = new Set<string>();
  /** Services whose queues to route again. */
  private readonly serviceQueues = new Set<string>();
  /** Services whose directory entry (the waiting count) to send. */
  private readonly serviceEntries = new Set<string>();

  /** The agent changed: reindex it and send its view. The latest record of an agent wins. */
  agentChanged(agent: AgentRecord): void {
    this.touchedAgents.set(agent.id, agent);
    this.staleAgents.set(agent.id, agent);
  }

  /** The agent was just reindexed: not again unless it changes again. */
  agentReindexed(agent: AgentRecord): void {
    if (this.staleAgents.get(agent.id) === agent) this.staleAgents.delete(agent.id);
  }

  /** The agent may now take work waiting for them personally. */
  recheckPersonalQueue(agentId: string): void {
    this.personalQueues.add(agentId);
  }

  /** The service may now route work: something waits there, or one of its agents became free. */
  recheckServiceQueue(serviceId: string): void {
    this.serviceQueues.add(serviceId);
  }

  /** The service's waiting count changed (or the service is new). */
  serviceEntryChanged(serviceId: string): void {
    this.serviceEntries.add(serviceId);
  }

  /** Whether any queue is still to be tried. */
  hasQueuesToRecheck(): boolean {
    return this.personalQueues.size > 0 || this.serviceQueues.size > 0;
  }

  takeStaleAgents(): AgentRecord[] {
    return take(this.staleAgents);
  }

  takePersonalQueues(): string[] {
    return take(this.personalQueues);
  }

  takeServiceQueues(): string[] {
    return take(this.serviceQueues);
  }

  takeTouchedAgents(): AgentRecord[] {
    return take(this.touchedAgents);
  }

  takeServiceEntries(): string[] {
    return take(this.serviceEntries);
  }
}

/** The items in insertion order, leaving the collection empty. */
function take<T>(items: Map<string, T> | Set<T>): T[] {
  // Most are empty when taken, many times an operation: no copy then.
  if (items.size === 0) return [];
  const taken: T[] = [];
  for (const item of items.values()) taken.push(item);
  items.clear();
  return taken;
}
