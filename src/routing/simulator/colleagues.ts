/**
 * Simulated colleagues: agents nobody has a page open for, driven like people would be, so a demo or
 * a test has someone to consult and transfer to. A driven agent answers a consult after a delay,
 * works an interaction for a while and releases it, and submits its call logs; with shifts on, it
 * also logs in and out and takes breaks now and then (shifts.ts).
 */
import type { CommandBody } from '../../protocol';
import type { Engine } from '../engine/engine';
import type { Effect } from '../engine/effects';
import type { ShiftOptions } from './shifts';
import { Shifts } from './shifts';
import type { Run } from './simulator';

export interface ColleagueTiming {
  /** How long a consult rings before the colleague answers. */
  readonly answerAfterMs: number;
  /** How long the colleague works an interaction (or a consult call) before releasing it. */
  readonly workMs: number;
  /** How long logging the call takes. */
  readonly logAfterMs: number;
}

export const DEFAULT_COLLEAGUE_TIMING: ColleagueTiming = {
  answerAfterMs: 3000,
  workMs: 20_000,
  logAfterMs: 2000,
};

const key = (accountId: string, agentId: string) => `${accountId}\u0000${agentId}`;

export class Colleagues {
  private readonly driven = new Set<string>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Logs already being submitted: agent.changed repeats them until they are. */
  private readonly logging = new Set<string>();
  private commands = 0;
  private readonly shifts: Shifts[] = [];

  constructor(
    private readonly run: Run,
    private readonly timing: ColleagueTiming = DEFAULT_COLLEAGUE_TIMING,
  ) {}

  /**
   * From now on these agents act by themselves; with `shifts`, they also change presence now and
   * then (off unless asked: a test that consults a colleague wants them where it left them).
   */
  drive(accountId: string, agentIds: readonly string[], shifts: ShiftOptions | null = null): void {
    for (const agentId of agentIds) this.driven.add(key(accountId, agentId));
    if (shifts !== null) {
      const started = new Shifts(this.run, shifts);
      started.start(accountId, agentIds);
      this.shifts.push(started);
    }
  }

  isDriven(accountId: string, agentId: string): boolean {
    return this.driven.has(key(accountId, agentId));
  }

  /** Reacts to what the engine told driven agents. */
  observe(effects: readonly Effect[]): void {
    for (const effect of effects) {
      if (effect.kind !== 'event' || !this.isDriven(effect.accountId, effect.agentId)) continue;
      const { accountId, agentId, event } = effect;
      if (event.type === 'consult.changed') {
        const { consult } = event;
        if (consult.state === 'ringing' && consult.initiatorId !== agentId) {
          this.later(this.timing.answerAfterMs, accountId, agentId, {
            type: 'consult.accept',
            consultId: consult.id,
          });
        }
      } else if (event.type === 'interaction.added') {
        const { id } = event.interaction;
        this.laterWith(this.timing.workMs, accountId, agentId, (engine) => {
          const current = engine
            .snapshot(accountId, agentId)
            .interactions.find((interaction) => interaction.id === id);
          return current === undefined || current.state === 'releasing'
            ? null
            : { type: 'release', interactionId: id, version: current.version };
        });
      } else if (event.type === 'agent.changed') {
        for (const log of event.agent.pendingLogs) {
          const logKey = key(accountId, log.interactionId);
          if (this.logging.has(logKey)) continue;
          this.logging.add(logKey);
          this.later(this.timing.logAfterMs, accountId, agentId, {
            type: 'log.submit',
            interactionId: log.interactionId,
            disposition: null,
            notes: 'Handled by a simulated colleague.',
          });
        }
      }
    }
  }

  /** Cancels everything scheduled (service shutdown). */
  stop(): void {
    for (const shifts of this.shifts.splice(0)) shifts.stop();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.logging.clear();
  }

  private later(ms: number, accountId: string, agentId: string, body: CommandBody): void {
    this.laterWith(ms, accountId, agentId, () => body);
  }

  /** Runs a command later; one that no longer applies (ended, already done) is dropped. */
  private laterWith(
    ms: number,
    accountId: string,
    agentId: string,
    decide: (engine: Engine) => CommandBody | null,
  ): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.run(accountId, (engine) => {
        const body = decide(engine);
        if (body === null) return;
        engine.command(accountId, agentId, {
          v: 1,
          id: `colleague-${++this.commands}`,
          ...body,
        } as Parameters<Engine['command']>[2]);
      }).catch(() => {
        // Things moved on (the consult ended, the log was submitted): nothing to do.
      });
    }, ms);
    this.timers.add(timer);
  }
}
