/**
 * Supervisor sessions put together: a session hub of their own (the same seq streams, replay,
 * resume, command answers and limits as agent sessions, in this process only: a supervisor whose
 * account moves gets a fresh snapshot on the process that serves it now), the fan-out of figures
 * (supervisorFanout.ts) and the routing face their connections use (supervisorRouting.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Effect } from '../engine/effects';
import type { SessionLimits } from './session';
import { SessionHub } from './sessions';
import { SupervisorFanout } from './supervisorFanout';
import type { SupervisorPort } from './supervisorRouting';
import { SupervisorRouting } from './supervisorRouting';

/** Default time between two frames of figures to one supervisor: 0, the changes of one turn. */
export const DEFAULT_SUPERVISOR_BATCH_MS = 0;

export class SupervisorSessions {
  readonly hub: SessionHub;
  readonly fanout: SupervisorFanout;
  readonly routing: SupervisorRouting;
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    port: SupervisorPort,
    limits: SessionLimits,
    onError: (err: unknown) => void,
    batchMs = DEFAULT_SUPERVISOR_BATCH_MS,
  ) {
    this.hub = new SessionHub({ newId: () => `v-${randomUUID()}`, now: () => Date.now(), limits });
    this.fanout = new SupervisorFanout(
      this.hub,
      (accountId, agentIds) =>
        port.run(accountId, (engine) => engine.supervisorFigures(accountId, agentIds)),
      (run) => {
        if (batchMs <= 0) {
          const immediate = setImmediate(run);
          return () => clearImmediate(immediate);
        }
        const timer = setTimeout(run, batchMs);
        timer.unref();
        return () => clearTimeout(timer);
      },
      onError,
    );
    this.routing = new SupervisorRouting(port, this.fanout);
    // Sessions nobody resumed in time are let go (a supervisor has no presence to change).
    this.sweeper = setInterval(
      () => this.hub.sweep(),
      Math.max(50, Math.min(10_000, limits.retentionMs / 2)),
    );
    this.sweeper.unref();
  }

  deliver(effects: readonly Effect[]): void {
    this.fanout.deliver(effects);
  }

  /** The account moved or was reloaded: its supervisors reconnect and start afresh. */
  async forgetAccount(accountId: string, code: number, reason: string): Promise<void> {
    this.fanout.forget(accountId);
    await this.hub.forgetAccount(accountId, code, reason);
  }

  stop(): void {
    clearInterval(this.sweeper);
    this.fanout.stop();
    this.hub.stop();
  }
}
