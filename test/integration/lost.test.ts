/**
 * The real adapter core against the real routing service on loopback, across a restart of the
 * service with the in-memory store (all routing state lost): while the service is down the
 * adapter's state is not confirmed and every action is refused with the reason; once the new
 * service refuses the resume, the adapter reports both interactions the agent held as lost and
 * the agent's state now. A plain network drop, resumed, confirms everything as it was.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type WebSocket from 'ws';
import { ContactPadAdapter } from '../../src/adapter/adapter';
import type { AdapterEventName } from '../../src/adapter/events';
import { ADAPTER_EVENTS } from '../../src/adapter/events';
import type { RunningService } from '../../src/routing/start';
import { DEFAULT_SETTINGS } from '../../src/routing/engine/engine';
import { startRoutingService } from '../../src/routing/start';
import { waitFor } from '../conformance/harness';
import { timers, trackedSockets } from './support';

jest.setTimeout(20_000);

const adminKey = randomBytes(24).toString('hex');
// The same signing key across the restart, so the agent's tokens still hold (as in a deploy).
const signingKey = randomBytes(32);

/** A routing service on 127.0.0.1, in memory (the default store), on `port` (0: a free one). */
function startService(port: number): Promise<RunningService> {
  return startRoutingService({
    host: '127.0.0.1',
    port,
    adminKey,
    signingKey,
    tokenTtlSeconds: 600,
    logger: pino({ level: 'silent' }),
  });
}

async function call(service: RunningService, method: string, path: string, body?: unknown) {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text === '' ? null : JSON.parse(text)) as Record<string, unknown>;
}

/** The account as an admin seeds it: Ann logged out (like the demo), room for a call and a chat. */
async function seed(service: RunningService, annState: 'ready' | 'logged-out') {
  await call(service, 'POST', '/admin/accounts', {
    id: 'acme',
    name: 'Acme',
    settings: {
      ...DEFAULT_SETTINGS,
      wrapSeconds: 0,
      weights: { ...DEFAULT_SETTINGS.weights, live: 51 },
      dispositions: ['Resolved'],
    },
  });
  await call(service, 'POST', '/admin/accounts/acme/services', { id: 'support', name: 'Support' });
  await call(service, 'POST', '/admin/accounts/acme/agents', {
    id: 'ann',
    name: 'Ann Lee',
    services: ['support'],
    weights: null,
    state: annState,
  });
}

describe('adapter core across a routing service restart (in-memory store)', () => {
  let service: RunningService;
  let adapter: ContactPadAdapter | null = null;
  let opened: WebSocket[] = [];
  const events: AdapterEventName[] = [];
  /** While set, the adapter's next token waits for it: the test holds a reconnect back. */
  let tokenGate: Promise<void> | null = null;

  beforeEach(async () => {
    service = await startService(0);
    await seed(service, 'ready');
    const sockets = trackedSockets();
    opened = sockets.opened;
    adapter = new ContactPadAdapter({
      url: service.agentUrl,
      // From whichever service runs now; while none does the adapter retries.
      token: async () => {
        await tokenGate;
        const answer = await call(service, 'POST', '/admin/accounts/acme/agents/ann/token', {
          ttlSeconds: null,
        });
        return answer.token as string;
      },
      socket: sockets.factory,
      timers,
      backoff: { baseMs: 50, maxMs: 200 },
    });
    events.length = 0;
    for (const name of ADAPTER_EVENTS) adapter.on(name, () => events.push(name));
    adapter.connect();
    await waitFor(() => adapter?.connectionState.status === 'connected', 5000);
    // Two interactions: a chat from Maria Garcia and a call from a number with no name.
    await call(service, 'POST', '/simulator/accounts/acme/interactions', {
      channel: 'chat',
      serviceId: 'support',
      customer: { name: 'Maria Garcia', email: 'maria.garcia@example.com' },
    });
    await call(service, 'POST', '/simulator/accounts/acme/interactions', {
      channel: 'voice',
      serviceId: 'support',
      customer: { phone: '+442079460000' },
    });
    await waitFor(() => adapter?.store.interactions.length === 2, 5000);
  });

  afterEach(async () => {
    adapter?.disconnect();
    adapter = null;
    tokenGate = null;
    await service.stop();
  });

  it('reports both interactions lost and the state now after a restart; refuses actions while down', async () => {
    const a = adapter!;
    const [chat, call_] = a.store.interactions;
    expect(chat).toMatchObject({ channel: 'chat', customer: { name: 'Maria Garcia' } });
    expect(call_).toMatchObject({ channel: 'voice', customer: { phone: '+442079460000' } });
    expect(a.agent?.state).toBe('busy');
    expect(a.unconfirmed).toBeNull();
    const port = service.port;

    await service.stop();
    await waitFor(() => a.unconfirmed === 'reconnecting', 5000);
    // Nothing may be done with what is held while it is not confirmed, and the list still shows it.
    expect(a.store.interactions).toHaveLength(2);
    expect(a.actions(chat!.id).release).toEqual({ allowed: false, reason: 'reconnecting' });
    expect(a.actions(call_!.id).hold).toEqual({ allowed: false, reason: 'reconnecting' });
    await expect(a.act('release', chat!.id)).rejects.toMatchObject({ code: 'unavailable' });
    await expect(a.setPresence('away')).rejects.toMatchObject({ code: 'unavailable' });
    expect(a.lost).toBeNull();

    // A new service on the same port, empty, with Ann seeded logged out again.
    service = await startService(port);
    await seed(service, 'logged-out');
    await waitFor(() => a.connectionState.status === 'connected', 5000);

    expect(a.unconfirmed).toBeNull();
    expect(a.store.interactions).toEqual([]);
    expect(a.lost).toEqual({
      interactions: [chat, call_],
      stateBefore: 'busy',
      stateAfter: 'logged-out',
    });
    expect(a.agent?.state).toBe('logged-out');
    expect(events).toContain('lostchange');
    // The agent can act again, and dismissing the report forgets it.
    await a.setPresence('ready');
    await waitFor(() => a.agent?.state === 'ready', 5000);
    a.dismissLost();
    expect(a.lost).toBeNull();
  });

  it('a network drop, resumed: nothing lost, everything confirmed as it was', async () => {
    const a = adapter!;
    const [chat] = a.store.interactions;
    const resets = events.filter((name) => name === 'statereset').length;
    let reopen = () => {};
    tokenGate = new Promise((resolve) => (reopen = resolve));
    opened.at(-1)!.terminate();
    await waitFor(() => a.unconfirmed === 'reconnecting', 5000);
    expect(a.actions(chat!.id).release.reason).toBe('reconnecting');
    reopen();
    await waitFor(() => a.connectionState.status === 'connected', 5000);
    expect(a.unconfirmed).toBeNull();
    expect(a.actions(chat!.id).release).toEqual({ allowed: true, reason: null });
    expect(a.store.interactions).toHaveLength(2);
    expect(a.lost).toBeNull();
    expect(events).not.toContain('lostchange');
    expect(events.filter((name) => name === 'statereset').length).toBe(resets);
  });
});
