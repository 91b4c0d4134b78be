/**
 * What one client may cost, from the environment (src/routing/README.md, "Limits"): each variable
 * defaults to the limit declared beside the code that enforces it.
 */
import type { AdmissionLimits } from './server/admission';
import { DEFAULT_ADMISSION_LIMITS } from './server/admission';
import type { ConnectionOptions } from './server/agentSocket';
import { DEFAULT_CONNECTION_OPTIONS } from './server/agentSocket';
import type { SessionLimits } from './server/session';
import { DEFAULT_SESSION_LIMITS } from './server/session';
import { integer } from './configValues';

export interface ServiceLimits {
  readonly connection: ConnectionOptions;
  readonly sessions: SessionLimits;
  readonly admission: AdmissionLimits;
}

const MIB = 1024 * 1024;

export function limitsOf(env: NodeJS.ProcessEnv, heartbeatSeconds: number): ServiceLimits {
  const connection = DEFAULT_CONNECTION_OPTIONS;
  const sessions = DEFAULT_SESSION_LIMITS;
  const admission = DEFAULT_ADMISSION_LIMITS;
  const helloSeconds = integer(env, 'ROUTING_HELLO_SECONDS', connection.helloSeconds, 1, 60);
  return {
    connection: {
      ...connection,
      heartbeatSeconds,
      helloSeconds,
      maxBufferedBytes: integer(
        env,
        'ROUTING_MAX_BUFFERED_BYTES',
        connection.maxBufferedBytes,
        64 * 1024,
        256 * MIB,
      ),
    },
    sessions: {
      ...sessions,
      replayBytes: integer(env, 'ROUTING_REPLAY_BYTES', sessions.replayBytes, 64 * 1024, 256 * MIB),
      perAgent: integer(env, 'ROUTING_MAX_SESSIONS_PER_AGENT', sessions.perAgent, 1, 100),
      directoryBatchMs: integer(
        env,
        'ROUTING_DIRECTORY_BATCH_MS',
        sessions.directoryBatchMs,
        10,
        10_000,
      ),
    },
    admission: {
      helloMs: helloSeconds * 1000,
      pendingTotal: integer(
        env,
        'ROUTING_MAX_PENDING_CONNECTIONS',
        admission.pendingTotal,
        16,
        100_000,
      ),
      pendingPerAddress: integer(
        env,
        'ROUTING_MAX_PENDING_PER_ADDRESS',
        admission.pendingPerAddress,
        1,
        100_000,
      ),
    },
  };
}
