/**
 * The real adapter core against the real routing service on loopback: connect, receive, act, lose
 * the connection mid-flow and resume with nothing lost or doubled.
 */
import { ContactPadAdapter } from '../../src/adapter/adapter';
import type { AdapterEventName } from '../../src/adapter/events';
import { ADAPTER_EVENTS } from '../../src/adapter/events';
import type { Harness } from '../conformance/harness';
import { startHarness, waitFor } from '../conformance/harness';
import { timers, trackedSockets } from './support';

describe('adapter core against the routing service', () => {
  let h: Harness;
  const adapters: ContactPadAdapter[] = [];

  beforeAll(async () => {
    h = await startHarness();
    await h.account('acme', { wrapSeconds: 0 });
    await h.addService('acme', 'support', 'Support');
    await h.agent('acme', { id: 'ann', name: 'Ann Lee', services: ['support'], state: 'away' });
    await h.agent('acme', { id: 'bob', name: 'Bob Stone', services: [], state: 'ready' });
  });
  afterAll(async () => {
    for (const adapter of adapters) adapter.disconnect();
    await h.stop();
  });

  function adapterFor(agentId: string) {
    const sockets = trackedSockets();
    const adapter = new ContactPadAdapter({
      url: h.service.agentUrl,
      token: () => h.token('acme', agentId),
      socket: sockets.factory,
      timers,
      backoff: { baseMs: 50, maxMs: 200 },
    });
    const events: { name: AdapterEventName; detail: unknown }[] = [];
    for (const name of ADAPTER_EVENTS)
      adapter.on(name, (event) => events.push({ name, detail: event.detail }));
    adapters.push(adapter);
    return { adapter, events, sockets };
  }

  const arrive = (name: string, channel = 'chat') =>
    h.http('POST', '/simulator/accounts/acme/interactions', {
      channel,
      serviceId: 'support',
      customer: { name, email: `${name.toLowerCase().replace(/\s/g, '.')}@example.com` },
    });

  it('connects, goes Ready, receives work, acts on it, and the events say so', async () => {
    const { adapter, events } = adapterFor('ann');
    adapter.connect();
    await waitFor(() => adapter.connectionState.status === 'connected');
    expect(adapter.agent?.state).toBe('away');
    await adapter.setPresence('ready');
    await waitFor(() => adapter.agent?.state === 'ready');
    await arrive('Maria Garcia', 'case');
    await waitFor(() => adapter.store.interactions.length === 1);
    const [interaction] = adapter.store.interactions;
    expect(interaction).toMatchObject({ kind: 'non-live', channel: 'case', state: 'active' });
    expect(adapter.current?.id).toBe(interaction!.id);
    expect(adapter.actions(interaction!.id).transfer.allowed).toBe(true);
    expect(events.map((e) => e.name)).toEqual(
      expect.arrayContaining(['statereset', 'agentchange', 'interactionadd', 'selectionchange']),
    );

    // Transfer to Bob, who is Ready: it leaves Ann's list.
    await adapter.act('transfer', interaction!.id, { type: 'agent', id: 'bob' });
    await waitFor(() => adapter.store.interactions.length === 0);
    expect(events).toContainEqual({
      name: 'interactionremove',
      detail: { interactionId: interaction!.id, reason: 'transferred' },
    });
  });

  it("rejects with the rules' reason before sending, and with the service's typed error after", async () => {
    const { adapter } = adapterFor('bob');
    adapter.connect();
    await waitFor(() => adapter.connectionState.status === 'connected');
    const [transferred] = adapter.store.interactions;
    expect(transferred?.channel).toBe('case');
    // Hold is not for cases: the rules refuse it before anything is sent.
    await expect(adapter.act('hold', transferred!.id)).rejects.toMatchObject({
      code: 'not-allowed',
    });
    // The rules allow a transfer; the service knows no such service.
    await expect(
      adapter.act('transfer', transferred!.id, { type: 'service', id: 'nowhere' }),
    ).rejects.toMatchObject({ code: 'not-found', field: 'target.id' });
    await adapter.act('release', transferred!.id);
    await waitFor(() => adapter.store.interactions.length === 0);
  });

  it('loses the connection mid-flow and resumes with nothing lost or doubled', async () => {
    const { adapter, events, sockets } = adapterFor('ann');
    adapter.connect();
    await waitFor(() => adapter.connectionState.status === 'connected');
    await arrive('Grace Okafor');
    await waitFor(() => adapter.store.interactions.length === 1);
    const resets = events.filter((e) => e.name === 'statereset').length;

    // Cut the network (no close handshake), then make work arrive while the adapter is away.
    sockets.opened.at(-1)!.terminate();
    await arrive('Lars Nilsson');
    await arrive('Priya Sharma');
    await waitFor(
      () =>
        adapter.connectionState.status === 'connected' && adapter.store.interactions.length === 3,
      5000,
    );

    const added = events
      .filter((e) => e.name === 'interactionadd')
      .map((e) => (e.detail as { interactionId: string }).interactionId);
    expect(new Set(added).size).toBe(added.length);
    expect(added).toHaveLength(3);
    expect(events.filter((e) => e.name === 'statereset').length).toBe(resets); // resumed, not reloaded
    expect(events.map((e) => e.name)).toContain('connectionchange');
    expect(events.some((e) => e.name === 'adaptererror')).toBe(false);
    for (const interaction of adapter.store.interactions)
      await adapter.act('release', interaction.id);
    await waitFor(() => adapter.store.interactions.length === 0);
  });
});
