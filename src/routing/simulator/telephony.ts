/**
 * The simulator's telephone system: what it was told about each live call (muted, recording, a
 * conference's third party, the keypad digits played on it), read off the engine's effects as a
 * telephony connector would apply them. Tests and the workbench ask it what the call is doing on
 * the telephone side. Bounded: the oldest calls go, and a call keeps its latest digits only.
 */
import type { Interaction, RecordingState } from '../../protocol';
import type { Effect } from '../engine/effects';

export interface CallState {
  readonly accountId: string;
  readonly interactionId: string;
  /** Whether some agent's line is muted, and whose (each agent mutes their own line). */
  readonly muted: boolean;
  readonly mutedAgents: readonly string[];
  readonly recording: RecordingState;
  /** Whether a third party is on the call (a conference), and its number when it is not a colleague. */
  readonly conference: boolean;
  readonly partyNumber: string | null;
  /** The keypad digits played on the call (DTMF), oldest first, at most MAX_DIGITS_KEPT. */
  readonly digits: string;
  /** Whether the call still goes on (false once the agents released it). */
  readonly connected: boolean;
}

/** Calls remembered, the oldest forgotten first. */
export const MAX_CALLS = 10_000;
export const MAX_DIGITS_KEPT = 256;

export class Telephony {
  private readonly calls = new Map<string, CallState>();

  observe(effects: readonly Effect[]): void {
    for (const effect of effects) {
      if (effect.kind === 'digits') {
        const call = this.calls.get(effect.interactionId);
        if (call?.accountId !== effect.accountId || !call.connected) continue;
        const digits = (call.digits + effect.digits).slice(-MAX_DIGITS_KEPT);
        this.calls.set(call.interactionId, { ...call, digits });
        continue;
      }
      if (effect.kind !== 'event') continue;
      const { event } = effect;
      if (event.type === 'interaction.added' || event.type === 'interaction.changed') {
        this.keep(effect.accountId, effect.agentId, event.interaction);
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

  /** What an agent's view of the call says; their own line's mute is theirs alone. */
  private keep(accountId: string, agentId: string, interaction: Interaction): void {
    if (interaction.kind !== 'live') return;
    const { id, muted, recording, conference } = interaction;
    const known = this.calls.get(id);
    const digits = known?.digits ?? '';
    const others = (known?.mutedAgents ?? []).filter((other) => other !== agentId);
    const mutedAgents = muted ? [...others, agentId] : others;
    this.calls.delete(id);
    this.calls.set(id, {
      accountId,
      interactionId: id,
      muted: mutedAgents.length > 0,
      mutedAgents,
      recording,
      conference: conference !== null,
      partyNumber: conference?.partyNumber ?? null,
      digits,
      connected: true,
    });
    if (this.calls.size > MAX_CALLS) {
      this.calls.delete(this.calls.keys().next().value as string);
    }
  }
}
