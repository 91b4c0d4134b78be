/**
 * A routing service of a test's own on 127.0.0.1 (free port) over the conformance store, that the
 * test can restart on the same store, with a JSON client. Stopped with its store by `dispose()`.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { RunningService, ServiceOptions } from '../../src/routing/start';
import { startRoutingService } from '../../src/routing/start';
import type { ConformanceStoreServer } from './harness';
import { startConformanceStore } from './harness';

export interface Restartable {
  readonly adminKey: string;
  /** A JSON request with the admin key, or `key` as the bearer token. */
  send(
    method: string,
    path: string,
    body?: unknown,
    key?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The running service's base URL (http://127.0.0.1:port). */
  url(): string;
  /** Stops the service and starts another on the same store. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startRestartable(
  extra: Pick<ServiceOptions, 'webhooks'> = {},
): Promise<Restartable> {
  const adminKey = randomBytes(24).toString('hex');
  const store: ConformanceStoreServer | null = await startConformanceStore();
  let service: RunningService | null = null;
  const start = async () => {
    service = await startRoutingService({
      ...(store === null ? {} : { store: store.url }),
      host: '127.0.0.1',
      port: 0,
      adminKey,
      signingKey: randomBytes(32),
      tokenTtlSeconds: 600,
      logger: pino({ level: 'silent' }),
      // The tests' webhook receivers listen on 127.0.0.1.
      allowPrivateWebhooks: true,
      ...extra,
    });
  };
  try {
    await start();
  } catch (err) {
    await store?.dispose();
    throw err;
  }
  return {
    adminKey,
    async send(method, path, body, key = adminKey) {
      const response = await fetch(`${(service as RunningService).url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      // A 204 (a removal) has no body.
      const parsed = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
      return { status: response.status, body: parsed };
    },
    url: () => (service as RunningService).url,
    async restart() {
      const running = service;
      service = null;
      await running?.stop();
      await start();
    },
    async dispose() {
      await service?.stop();
      await store?.dispose();
    },
  };
}
