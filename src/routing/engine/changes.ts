/**
 * What changed during one engine operation, kept until the operation settles: which agents to
 * reindex and send, which queues to try again, which directory entries to send. Only EngineCore
 * holds one; everything else marks changes through its methods.
 */
import type { AgentRecord, TimerRecord } from '../store/store';

export class Changes {
  /** Agents whose views and presence to send when the operation settles. */
  private readonly touchedAgents = new Marked<AgentRecord>();
  /** Agents changed since they were last reindexed. */
  private readonly staleAgents = new Marked<AgentRecord>();
  /** Agents whose personal queue (B6) to try again. */
  private readonly personalQueues = new Marked<string>();
  /** Services whose queues to route again. */
  private readonly serviceQueues = new Marked<string>();
  /** Services whose directory entry (the waiting count) to send. */
  private readonly serviceEntries = new Marked<string>();
  /** Timers to start if their interaction still waits then (`EngineCore.startTimerIfStillWaiting`). */
  private readonly waitingTimers = new Marked<TimerRecord>();

  /** The agent changed: reindex it and send its view. The latest record of an agent wins. */
  agentChanged(agent: AgentRecord): void {
    this.touchedAgents.set(agent.id, agent);
    this.staleAgents.set(agent.id, agent);
  }

  /** The agent was just reindexed: not again unless it changes again. */
  agentReindexed(agent: AgentRecord): void {
    this.staleAgents.deleteIf(agent.id, agent);
  }

  /** The agent may now take work waiting for them personally. */
  recheckPersonalQueue(agentId: string): void {
    this.personalQueues.set(agentId, agentId);
  }

  /** The service may now route work: something waits there, or one of its agents became free. */
  recheckServiceQueue(serviceId: string): void {
    this.serviceQueues.set(serviceId, serviceId);
  }

  /** The service's waiting count changed (or the service is new). */
  serviceEntryChanged(serviceId: string): void {
    this.serviceEntries.set(serviceId, serviceId);
  }

  /** The timer is to start when the operation settles if its work still waits (replaces one). */
  timerIfStillWaiting(timer: TimerRecord): void {
    this.waitingTimers.set(timer.id, timer);
  }

  /** The timer is not to start after all. */
  noTimer(id: string): void {
    this.waitingTimers.delete(id);
  }

  /** Whether any queue is still to be tried. */
  hasQueuesToRecheck(): boolean {
    return this.personalQueues.size > 0 || this.serviceQueues.size > 0;
  }

  takeStaleAgents(): readonly AgentRecord[] {
    return this.staleAgents.take();
  }

  takePersonalQueues(): readonly string[] {
    return this.personalQueues.take();
  }

  takeServiceQueues(): readonly string[] {
    return this.serviceQueues.take();
  }

  takeTouchedAgents(): readonly AgentRecord[] {
    return this.touchedAgents.take();
  }

  takeServiceEntries(): readonly string[] {
    return this.serviceEntries.take();
  }

  takeWaitingTimers(): readonly TimerRecord[] {
    return this.waitingTimers.take();
  }
}

/** What an empty `Marked` gives (most often, many times an operation): always the same. */
const NONE: readonly never[] = Object.freeze([]);

/** Past this many items a `Marked` finds keys through a map rather than by looking at each. */
const FEW = 16;

/**
 * Items by key in the order their keys were first marked (as a Map keeps them), the latest item of
 * a key kept. An operation marks a few and they are taken many times, mostly empty: plain arrays
 * for the few, a map of positions only once there are many.
 */
class Marked<T> {
  /** The keys marked, in order; null where one was unmarked since. */
  private keys: (string | null)[] = [];
  private items: T[] = [];
  private positions: Map<string, number> | null = null;
  private marked = 0;

  get size(): number {
    return this.marked;
  }

  set(key: string, item: T): void {
    const at = this.indexOf(key);
    if (at >= 0) {
      this.items[at] = item;
      return;
    }
    this.keys.push(key);
    this.items.push(item);
    this.marked++;
    if (this.positions !== null) this.positions.set(key, this.keys.length - 1);
    else if (this.keys.length > FEW) {
      this.positions = new Map();
      this.keys.forEach((k, i) => {
        if (k !== null) this.positions?.set(k, i);
      });
    }
  }

  /** Unmarks the key if `item` is what it holds. */
  deleteIf(key: string, item: T): void {
    const at = this.indexOf(key);
    if (at >= 0 && this.items[at] === item) this.unmark(key, at);
  }

  /** Unmarks the key. */
  delete(key: string): void {
    const at = this.indexOf(key);
    if (at >= 0) this.unmark(key, at);
  }

  /** The items in order, leaving none. */
  take(): readonly T[] {
    if (this.keys.length === 0) return NONE;
    this.positions = null;
    if (this.marked === 0) {
      // All unmarked again (a timer stopped in the operation that started it): nothing to hand.
      this.keys.length = 0;
      this.items.length = 0;
      return NONE;
    }
    const { keys, items } = this;
    this.keys = [];
    this.items = [];
    const all = this.marked === keys.length;
    this.marked = 0;
    return all ? items : items.filter((_, i) => keys[i] !== null);
  }

  private unmark(key: string, at: number): void {
    this.keys[at] = null;
    this.positions?.delete(key);
    this.marked--;
  }

  private indexOf(key: string): number {
    if (this.positions !== null) return this.positions.get(key) ?? -1;
    return this.keys.indexOf(key);
  }
}
