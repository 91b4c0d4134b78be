/**
 * The simulator's telephone system: what it was told about each live call (muted, recording),
 * read off the engine's effects as a telephony connector would apply them. Tests and the
 * workbench ask it what the call is doing on the telephone side. Bounded: the oldest calls go.
 */
import type { Interaction, RecordingState } from '../../protocol';
import type { Effect } from '../engine/effects';

export interface CallState {
  readonly accountId: string;
  readonly interactionId: string;
  readonly muted: boolean;
  readonly recording: RecordingState;
  /** Whether the call still goes on (false once the agents released it). */
  readonly connected: boolean;
}

/** Calls remembered, the oldest forgotten first. */
export const MAX_CALLS = 10_000;

export class Telephony {
  private readonly calls = new Map<string, CallState>();

  observe(effects: readonly Effect[]): void {
    for (const effect of effects) {
      if (effect.kind !== 'event') continue;
      const { event } = effect;
      if (event.type === 'interaction.added' || event.type === 'interaction.changed') {
        this.keep(effect.accountId, event.interaction);
      } else if (event.type === 'interaction.removed') {
        const call = this.calls.get(event.interactionId);
        if (call !== undefined) this.calls.set(call.interactionId, { ...call, connected: false });
      }
    }
  }

  /** The call of this account, if the telephone system knows it. */
  call(accountId: string, interactionId: string): CallState | undefined {
    const call = this.calls.get(interactionId);
    return call?.accountId === accountId ? call : undefined;
  }

  private keep(accountId: string, interaction: Interaction): void {
    if (interaction.kind !== 'live') return;
    const { id, muted, recording } = interaction;
    this.calls.delete(id);
    this.calls.set(id, { accountId, interactionId: id, muted, recording, connected: true });
    if (this.calls.size > MAX_CALLS) {
      this.calls.delete(this.calls.keys().next().value as string);
    }
  }
}
