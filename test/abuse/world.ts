/**
 * A real routing process for an abuse test (memory store, 127.0.0.1, a free port, the limits of
 * `npm run routing` unless `env` says otherwise), with one account seeded through the admin HTTP
 * API: services, and agents whose long names make a directory snapshot sizeable.
 */
import { randomBytes } from 'node:crypto';
import type { RoutingProcess } from '../support/routingProcess';
import { startRoutingProcess } from '../support/routingProcess';
import { AgentSocket } from './agentSocket';

export const ACCOUNT = 'abuse';
export const SERVICES = ['sales', 'support'] as const;

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
  readonly ms: number;
}

export interface AbuseWorld {
  readonly routing: RoutingProcess;
  readonly adminKey: string;
  /** Agent ids seeded, `agent-0` .. `agent-<n-1>`. */
  readonly agents: readonly string[];
  /** Calls the HTTP API with the admin key (`key: null`: without it). */
  http(method: string, path: string, body?: unknown, key?: string | null): Promise<HttpAnswer>;
  token(agentId: string): Promise<string>;
  /** A fresh session of an agent, welcomed. */
  connect(agentId: string): Promise<AgentSocket>;
  /** Stops the process (and every socket opened through `connect`). */
  stop(): Promise<void>;
}

/** A display name of 150 characters or so: 500 agents then make a ~110 KB directory snapshot. */
export const longName = (n: number) =>
  `Agent ${n} ${'of the abuse test, with a long display name '.repeat(3)}`.trim();

export async function startWorld(options: {
  readonly agents: number;
  readonly env?: Readonly<Record<string, string>>;
}): Promise<AbuseWorld> {
  const adminKey = randomBytes(24).toString('hex');
  const routing = await startRoutingProcess({
    store: 'memory',
    adminKey,
    signingKey: randomBytes(32).toString('hex'),
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  const sockets: AgentSocket[] = [];
  const http = async (
    method: string,
    path: string,
    body?: unknown,
    key: string | null = adminKey,
  ): Promise<HttpAnswer> => {
    const started = performance.now();
    const response = await fetch(`${routing.url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    return { status: response.status, text, ms: performance.now() - started };
  };
  const must = async (method: string, path: string, body?: unknown) => {
    const answer = await http(method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
    return answer;
  };

  const world: AbuseWorld = {
    routing,
    adminKey,
    agents: Array.from({ length: options.agents }, (_, n) => `agent-${n}`),
    http,
    async token(agentId) {
      const answer = await must('POST', `/admin/accounts/${ACCOUNT}/agents/${agentId}/token`, {
        ttlSeconds: null,
      });
      return (JSON.parse(answer.text) as { token: string }).token;
    },
    async connect(agentId) {
      const { socket } = await AgentSocket.connect(routing.agentUrl, await world.token(agentId));
      sockets.push(socket);
      return socket;
    },
    async stop() {
      for (const socket of sockets) socket.terminate();
      await routing.stop();
    },
  };

  try {
    await must('POST', '/admin/accounts', { id: ACCOUNT, name: 'Abuse', settings: null });
    for (const id of SERVICES)
      await must('POST', `/admin/accounts/${ACCOUNT}/services`, { id, name: id });
    // A few at a time: seeding is not what is measured.
    for (let start = 0; start < world.agents.length; start += 20) {
      await Promise.all(
        world.agents.slice(start, start + 20).map((id, i) =>
          must('POST', `/admin/accounts/${ACCOUNT}/agents`, {
            id,
            name: longName(start + i),
            services: [...SERVICES],
            weights: null,
            state: 'away',
          }),
        ),
      );
    }
  } catch (err) {
    await routing.stop();
    throw err;
  }
  return world;
}
