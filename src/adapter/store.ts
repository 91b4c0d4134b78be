/**
 * The adapter's one source of truth: the agent, the account's settings, the interactions in
 * assignment order, the consults, the directory and which interaction is current. It applies
 * protocol events and says what changed, so the adapter can emit one LWC event per change.
 * Everything it hands out is the protocol's readonly values: components render them, never copy logic.
 */
import type {
  Agent,
  AgentState,
  Consult,
  Interaction,
  RemoveReason,
  Event,
  Settings,
  Snapshot,
} from '../protocol';
import { Directory } from './directory';

/** What applying something changed, in the order the adapter should announce it. */
export type Change =
  | { readonly type: 'reset' }
  | { readonly type: 'agent' }
  | { readonly type: 'settings' }
  | { readonly type: 'interaction-added'; readonly interactionId: string }
  | { readonly type: 'interaction-changed'; readonly interactionId: string }
  | {
      readonly type: 'interaction-removed';
      readonly interactionId: string;
      readonly reason: RemoveReason;
    }
  | { readonly type: 'consult'; readonly consultId: string }
  | { readonly type: 'directory' }
  | { readonly type: 'selection'; readonly interactionId: string | null }
  | { readonly type: 'lost' };

/**
 * What a refused resume cost: the interactions held before that the fresh session no longer has
 * (they ended while the adapter was away, and no event said so), and the agent's state before
 * and after. Kept until dismissed, so the agent learns of it.
 */
export interface LostReport {
  /** In the order they were listed. */
  readonly interactions: readonly Interaction[];
  readonly stateBefore: AgentState | null;
  readonly stateAfter: AgentState;
}

export class AdapterStore {
  agent: Agent | null = null;
  settings: Settings | null = null;
  private readonly interactionMap = new Map<string, Interaction>();
  private readonly consultMap = new Map<string, Consult>();
  /** Agents and services with presence, searchable (B5, B6); filled once subscribed. */
  readonly directory = new Directory();
  private current: string | null = null;
  private lostReport: LostReport | null = null;

  get interactions(): readonly Interaction[] {
    return [...this.interactionMap.values()];
  }

  interaction(id: string): Interaction | undefined {
    return this.interactionMap.get(id);
  }

  get consults(): readonly Consult[] {
    return [...this.consultMap.values()];
  }

  consult(id: string): Consult | undefined {
    return this.consultMap.get(id);
  }

  /** The consults about one interaction that this agent started, newest last. */
  consultsOf(interactionId: string): Consult[] {
    return this.consults.filter((consult) => consult.interactionId === interactionId);
  }

  get currentId(): string | null {
    return this.current;
  }

  /** What the last refused resume lost, until dismissed; null when nothing was. */
  get lost(): LostReport | null {
    return this.lostReport;
  }

  /**
   * A refused resume: the fresh session's snapshot replaces what was held, and what it lacks is
   * reported lost (added to a report not yet dismissed). Without held state it is a plain load.
   */
  loadFresh(snapshot: Snapshot): Change[] {
    const held =
      this.agent === null ? null : { before: this.interactions, state: this.agent.state };
    const changes = this.load(snapshot);
    if (held === null) return changes;
    const gone = (interaction: Interaction) => !this.interactionMap.has(interaction.id);
    const newlyLost = held.before.filter(gone);
    const stateAfter = snapshot.agent.state;
    if (newlyLost.length === 0 && held.state === stateAfter) return changes;
    // A report not yet dismissed grows: the agent has not read it yet.
    const earlier = this.lostReport?.interactions.filter(gone) ?? [];
    const known = new Set(earlier.map((interaction) => interaction.id));
    const interactions = [...earlier, ...newlyLost.filter((lost) => !known.has(lost.id))];
    const stateBefore = this.lostReport === null ? held.state : this.lostReport.stateBefore;
    this.lostReport = { interactions, stateBefore, stateAfter };
    return [...changes, { type: 'lost' }];
  }

  /** Forgets the lost report (the agent has read it). */
  dismissLost(): boolean {
    if (this.lostReport === null) return false;
    this.lostReport = null;
    return true;
  }

  /** Replaces everything with a snapshot (fresh welcome or `snapshot` event). */
  load(snapshot: Snapshot): Change[] {
    this.agent = snapshot.agent;
    this.settings = snapshot.settings;
    this.interactionMap.clear();
    for (const interaction of snapshot.interactions)
      this.interactionMap.set(interaction.id, interaction);
    this.consultMap.clear();
    for (const consult of snapshot.consults) this.consultMap.set(consult.id, consult);
    const changes: Change[] = [{ type: 'reset' }];
    if (this.current !== null && !this.interactionMap.has(this.current)) {
      changes.push(this.select(this.firstId()));
    } else if (this.current === null && this.interactionMap.size > 0) {
      changes.push(this.select(this.firstId()));
    }
    return changes;
  }

  /** Applies one event in order. */
  apply(event: Event): Change[] {
    switch (event.type) {
      case 'snapshot':
        return this.load(event.snapshot);
      case 'agent.changed':
        this.agent = event.agent;
        return [{ type: 'agent' }];
      case 'settings.changed':
        this.settings = event.settings;
        return [{ type: 'settings' }];
      case 'interaction.added':
      case 'interaction.changed': {
        const known = this.interactionMap.has(event.interaction.id);
        this.interactionMap.set(event.interaction.id, event.interaction);
        const changes: Change[] = [
          {
            type: known ? 'interaction-changed' : 'interaction-added',
            interactionId: event.interaction.id,
          },
        ];
        // Multi-interaction routing off, or nothing current: the new interaction becomes current.
        if (
          !known &&
          (this.current === null || this.settings?.features.multiInteraction === false)
        ) {
          changes.push(this.select(event.interaction.id));
        }
        return changes;
      }
      case 'interaction.removed': {
        if (!this.interactionMap.delete(event.interactionId)) return [];
        const changes: Change[] = [
          { type: 'interaction-removed', interactionId: event.interactionId, reason: event.reason },
        ];
        if (this.current === event.interactionId) changes.push(this.select(this.firstId()));
        return changes;
      }
      case 'consult.changed':
        if (event.consult.state === 'ended') {
          // Keep the ended consult until another replaces it, so "timed out" can be shown.
          for (const [id, consult] of this.consultMap) {
            if (consult.interactionId === event.consult.interactionId && consult.state === 'ended')
              this.consultMap.delete(id);
          }
        }
        this.consultMap.set(event.consult.id, event.consult);
        return [{ type: 'consult', consultId: event.consult.id }];
      case 'directory.snapshot':
        this.directory.applySnapshotPart(event.part, event.parts, event.entries);
        return event.part === event.parts - 1 ? [{ type: 'directory' }] : [];
      case 'directory.changed':
        this.directory.apply(event.upserted, event.removed);
        return [{ type: 'directory' }];
      case 'supervisor.snapshot':
      case 'supervisor.changed':
        // Supervisor sessions only (src/adapter/supervisor): an agent session never gets them.
        return [];
    }
  }

  /** Makes an interaction current (B4); null clears it. */
  select(interactionId: string | null): Change {
    this.current =
      interactionId !== null && this.interactionMap.has(interactionId) ? interactionId : null;
    return { type: 'selection', interactionId: this.current };
  }

  /** Forgets a consult that ended (the panel dismissed its outcome). */
  dismissConsult(consultId: string): boolean {
    const consult = this.consultMap.get(consultId);
    if (consult?.state !== 'ended') return false;
    return this.consultMap.delete(consultId);
  }

  private firstId(): string | null {
    return this.interactionMap.keys().next().value ?? null;
  }
}
