/** `GET /metrics`: the routing service's figures in the Prometheus text format, behind the admin key. */
import { connect } from 'node:net';
import type { Harness } from './harness';
import { startHarness, waitFor } from './harness';

describe('GET /metrics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ admission: { pendingPerAddress: 2 } });
  });
  afterAll(() => h.stop());

  const scrape = async (key: string | null = h.adminKey) => {
    const response = await fetch(`${h.service.url}/metrics`, {
      headers: key === null ? {} : { authorization: `Bearer ${key}` },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };
  /** The value of one sample line, e.g. `contactpad_sessions` or `name{label="x"}`. */
  const sample = (text: string, name: string): number | null => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? null : Number(line.slice(name.length + 1));
  };

  it('needs the admin key', async () => {
    const refused = await scrape(null);
    expect(refused.status).toBe(401);
    expect(refused.text).not.toContain('contactpad_');
    expect((await scrape('x'.repeat(48))).status).toBe(401);
  });

  it('reports sessions, queues, decisions, closes, refusals, buffers and the event loop', async () => {
    const a = await h.world({ services: ['s'], agents: [{ id: 'ann', services: ['s'] }] });
    const ann = await h.connect(a, 'ann');
    await h.arrive(a, { channel: 'voice', serviceId: 's' });
    await h.arrive(a, { channel: 'voice', serviceId: 's' });
    await ann.event('interaction.added'); // the second call waits: a call is exclusive
    // A flood closed with rateLimited, and idle sockets past the cap of one address.
    const flood = await h.connect(a, 'ann');
    for (let i = 0; i < 3000 && flood.closed === null; i++) {
      flood.send({ v: 1, type: 'ping', nonce: i, now: Date.now() });
    }
    await flood.waitClose(5000);
    const idle = [0, 1, 2, 3].map(() => connect(h.service.port, '127.0.0.1').on('error', () => {}));
    let text = '';
    await waitFor(async () => {
      text = (await scrape()).text;
      return (
        (sample(text, 'contactpad_connections_refused_total{reason="pending-per-address"}') ?? 0) >=
        2
      );
    });
    for (const socket of idle) socket.destroy();

    const { type } = await scrape();
    expect(type).toMatch(/^text\/plain/);
    expect(sample(text, 'contactpad_sessions')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'contactpad_sessions_connected')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'contactpad_connections_pending')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'contactpad_routing_decisions_total')).toBeGreaterThanOrEqual(1);
    expect(sample(text, `contactpad_queue_depth{account="${a}",service="s"}`)).toBe(1);
    expect(sample(text, 'contactpad_agent_closes_total{code="4429",name="rateLimited"}')).toBe(1);
    expect(sample(text, 'contactpad_outbound_buffered_bytes')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('contactpad_nodejs_eventloop_lag_seconds');
    expect(text).toContain('contactpad_process_resident_memory_bytes');
  });
});
