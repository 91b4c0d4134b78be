/**
 * Shifts of simulated colleagues: now and then a driven colleague logs in, takes a break (Away),
 * comes back (Ready) or logs out, so presences in the directory change during a demo. A colleague
 * holding work, with a consult for them, or owing a call log is left alone until later, so consults
 * are still answered and transfers still worked. Timers and the random draw are injected, so tests
 * see the same shifts every time.
 */
import type { AgentState } from '../../protocol';
import type { ChosenState } from '../store/store';
import type { Run } from './simulator';

export interface ShiftTiming {
  /** The shortest stretch between one colleague's presence changes. */
  readonly minMs: number;
  /** The longest stretch (each stretch is drawn evenly between the two). */
  readonly maxMs: number;
}

/** With the demo's 36 colleagues, a presence changes in the directory every couple of seconds. */
export const DEFAULT_SHIFT_TIMING: ShiftTiming = { minMs: 30_000, maxMs: 120_000 };

/**
 * A shift timing as configured: `off` (null), `<min>-<max>` seconds, or nothing for the default.
 * `name` is the setting's, for the error.
 */
export function parseShiftTiming(raw: string | undefined, name: string): ShiftTiming | null {
  if (raw === undefined || raw.trim() === '') return DEFAULT_SHIFT_TIMING;
  if (raw.trim().toLowerCase() === 'off') return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*$/.exec(raw);
  const minMs = Number(match?.[1]) * 1000;
  const maxMs = Number(match?.[2]) * 1000;
  if (match === null || !(minMs > 0 && maxMs >= minMs)) {
    throw new Error(`${name} must be "off" or "<min>-<max>" seconds, got "${raw}"`);
  }
  return { minMs, maxMs };
}

export interface ShiftTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ShiftOptions {
  readonly timing?: ShiftTiming;
  /** Draws in [0, 1). */
  readonly random?: () => number;
  readonly timers?: ShiftTimers;
}

const SYSTEM_TIMERS: ShiftTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The presence a colleague chooses next, from their state and a draw in [0, 1); null while they
 * work (busy, wrapping, logging the call).
 */
export function nextPresence(state: AgentState, draw: number): ChosenState | null {
  switch (state) {
    case 'logged-out':
      return draw < 0.8 ? 'ready' : 'away';
    case 'ready':
      return draw < 0.6 ? 'away' : 'logged-out';
    case 'away':
      return draw < 0.7 ? 'ready' : 'logged-out';
    default:
      return null;
  }
}

export class Shifts {
  private readonly timing: ShiftTiming;
  private readonly random: () => number;
  private readonly timers: ShiftTimers;
  private readonly pending = new Set<unknown>();
  private stopped = false;
  private commands = 0;

  constructor(
    private readonly run: Run,
    options: ShiftOptions = {},
  ) {
    this.timing = options.timing ?? DEFAULT_SHIFT_TIMING;
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? SYSTEM_TIMERS;
    if (!(this.timing.minMs > 0 && this.timing.maxMs >= this.timing.minMs)) {
      throw new RangeError('shift timing: 0 < minMs <= maxMs');
    }
  }

  /** Starts the shifts of these colleagues: each changes presence after a stretch of its own. */
  start(accountId: string, agentIds: readonly string[]): void {
    for (const agentId of agentIds) this.schedule(accountId, agentId);
  }

  /** Cancels every shift change still to come. */
  stop(): void {
    this.stopped = true;
    for (const handle of this.pending) this.timers.clearTimeout(handle);
    this.pending.clear();
  }

  private schedule(accountId: string, agentId: string): void {
    if (this.stopped) return;
    const { minMs, maxMs } = this.timing;
    const ms = Math.round(minMs + this.random() * (maxMs - minMs));
    const handle = this.timers.setTimeout(() => {
      this.pending.delete(handle);
      this.change(accountId, agentId)
        .catch(() => {
          // Refused (work arrived meanwhile) or gone: try again next time.
        })
        .finally(() => this.schedule(accountId, agentId));
    }, ms);
    this.pending.add(handle);
  }

  private change(accountId: string, agentId: string): Promise<void> {
    const draw = this.random();
    return this.run(accountId, (engine) => {
      const { agent, interactions, consults } = engine.snapshot(accountId, agentId);
      if (interactions.length > 0 || consults.length > 0 || agent.pendingLogs.length > 0) return;
      const state = nextPresence(agent.state, draw);
      if (state === null) return;
      engine.command(accountId, agentId, {
        v: 1,
        id: `shift-${++this.commands}`,
        type: 'presence.set',
        state,
        reason: null,
      });
    });
  }
}
