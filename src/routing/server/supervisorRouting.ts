/**
 * What a supervisor connection needs of the routing service: the same `Routing` face an agent
 * connection uses (agentConnection.ts serves both, so hello, welcome, heartbeats, rate limits,
 * resume, relaying to the owning process and typed errors are the same code), answered for a
 * supervisor: their token, their account's figures as the first events, and their commands
 * (`supervisor.presence.set`, `resync`); any other command is refused with `not-allowed`.
 * A supervisor session's identity is its account and supervisor id (in `agentId`) with their name.
 */
import type { Command, Snapshot, SupervisorRef } from '../../protocol';
import { ProtocolError, SUPERVISOR_COMMAND_TYPES } from '../../protocol';
import type { CommandResult, Engine } from '../engine/engine';
import { NONE } from '../engine/core';
import type { Session } from './session';
import type { SupervisorFanout } from './supervisorFanout';
import type { Routing, RoutingView } from './routing';
import type { AgentIdentity, SupervisorIdentity } from './tokens';

export const SUPERVISOR_PATH = '/v1/supervisor';

/** A supervisor as their connection carries them: `agentId` is the supervisor's id. */
export interface SupervisorSession extends AgentIdentity {
  readonly name: string;
}

/** What it needs of the routing service (RoutingService has it all). */
export interface SupervisorPort {
  verifySupervisor(token: string): Promise<SupervisorIdentity | null>;
  /** The base URL of the process serving the account when it is not this one (forward.ts). */
  ownerElsewhere(accountId: string, purpose: 'use' | 'forwarded'): Promise<string | null>;
  run<T>(
    accountId: string,
    operation: (engine: Engine) => T,
    after?: (value: T) => void,
  ): Promise<T>;
  now(): number;
}

const ALLOWED: ReadonlySet<string> = new Set(SUPERVISOR_COMMAND_TYPES);

export class SupervisorRouting implements Routing {
  constructor(
    private readonly port: SupervisorPort,
    private readonly fanout: SupervisorFanout,
  ) {}

  async verify(token: string): Promise<SupervisorSession | null> {
    const supervisor = await this.port.verifySupervisor(token);
    if (supervisor === null) return null;
    return {
      accountId: supervisor.accountId,
      agentId: supervisor.supervisorId,
      name: supervisor.name,
    };
  }

  /** Supervisor sessions are kept by the process that holds them only: nothing to recall. */
  recall(): Promise<void> {
    return Promise.resolve();
  }

  async locate(accountId: string, forwarded: boolean): Promise<string | null> {
    const owner = await this.port.ownerElsewhere(accountId, forwarded ? 'forwarded' : 'use');
    return owner === null ? null : `${owner.replace(/^http/, 'ws')}${SUPERVISOR_PATH}`;
  }

  /** No snapshot in the welcome; the account's figures follow it as the session's first events. */
  async snapshot(
    identity: AgentIdentity,
    then: (snapshot: Snapshot | null, opened?: (session: Session) => void) => void,
  ): Promise<void> {
    await this.port.run(
      identity.accountId,
      (engine) => engine.supervisorFigures(identity.accountId, null),
      (figures) => then(null, (session) => this.fanout.opened(session, figures)),
    );
  }

  check(command: Command): void {
    if (!ALLOWED.has(command.type)) {
      throw new ProtocolError(
        'not-allowed',
        `a supervisor session does not send ${command.type}`,
        command.type,
      );
    }
  }

  async command(
    identity: AgentIdentity,
    command: Command,
    after?: (result: CommandResult, view: RoutingView) => void,
  ): Promise<CommandResult> {
    this.check(command);
    const { accountId } = identity;
    if (command.type === 'supervisor.presence.set') {
      const supervisor: SupervisorRef = {
        id: identity.agentId,
        name: (identity as SupervisorSession).name,
      };
      await this.port.run(accountId, (engine) => engine.supervise(accountId, supervisor, command));
      return NONE;
    }
    // resync: the figures again, as a snapshot.
    await this.port.run(
      accountId,
      (engine) => engine.supervisorFigures(accountId, null),
      (figures) =>
        after?.(NONE, {
          snapshot: () => {
            throw new ProtocolError('not-allowed', 'a supervisor has no agent snapshot');
          },
          directory: () => [],
          resync: () => this.fanout.snapshotOf(figures),
        }),
    );
    return NONE;
  }

  now(): number {
    return this.port.now();
  }
}
