/**
 * The routing service's figures in the Prometheus text format, for `GET /metrics` (admin key).
 * prom-client (the Prometheus client most Node services use) formats them and adds the process's
 * own (event-loop lag, resident memory, handles); each service has its own registry, so two
 * services in one process (tests) never mix their figures.
 */
import type { Counter as CounterType } from 'prom-client';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { closeName } from '../../protocol';
import type { Refusal } from './admission';

/** Figures read when scraped, from the parts that hold them. */
export interface MetricSources {
  sessions(): number;
  connectedSessions(): number;
  pendingConnections(): number;
  bufferedBytes(): number;
  decisions(): number;
  /** Interactions waiting per service. */
  waiting(): Promise<readonly { accountId: string; serviceId: string; waiting: number }[]>;
}

/** How often the event-loop delay is sampled (prom-client's `eventLoopMonitoringPrecision`). */
const LOOP_DELAY_SAMPLE_MS = 100;

export class RoutingMetrics {
  readonly registry = new Registry();
  private readonly closes: CounterType<'code' | 'name'>;
  private readonly refusals: CounterType<'reason'>;
  private readonly forwards: CounterType<'how'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({
      register: this.registry,
      prefix: 'contactpad_',
      // The event-loop delay is sampled by a timer: every 10 ms by default, which wakes an idle
      // process 100 times a second (about 1% of a core at rest). Every 100 ms costs a tenth and
      // still sees every stall of 100 ms or more (a shorter one, as often as it overlaps a sample).
      eventLoopMonitoringPrecision: LOOP_DELAY_SAMPLE_MS,
    });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge('contactpad_sessions', 'Agent sessions held (with or without a socket)', () =>
      sources.sessions(),
    );
    gauge('contactpad_sessions_connected', 'Agent sessions with a socket', () =>
      sources.connectedSessions(),
    );
    gauge(
      'contactpad_connections_pending',
      'Connections accepted but not yet welcomed (no hello answered)',
      () => sources.pendingConnections(),
    );
    gauge(
      'contactpad_outbound_buffered_bytes',
      'Bytes waiting to be sent to agent sockets, all together',
      () => sources.bufferedBytes(),
    );
    new Counter({
      name: 'contactpad_routing_decisions_total',
      help: 'Interactions routed to agents by this process',
      registers,
      collect() {
        this.reset();
        this.inc(sources.decisions());
      },
    });
    new Gauge({
      name: 'contactpad_queue_depth',
      help: 'Interactions waiting at a service',
      labelNames: ['account', 'service'],
      registers,
      async collect() {
        this.reset();
        for (const { accountId, serviceId, waiting } of await sources.waiting()) {
          this.set({ account: accountId, service: serviceId }, waiting);
        }
      },
    });
    this.closes = new Counter({
      name: 'contactpad_agent_closes_total',
      help: 'Agent WebSockets closed, by close code (either side)',
      labelNames: ['code', 'name'],
      registers,
    });
    this.refusals = new Counter({
      name: 'contactpad_connections_refused_total',
      help: 'Connections dropped before they were welcomed, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.forwards = new Counter({
      name: 'contactpad_forwarded_total',
      help: 'Requests and sockets passed to the process that owns their account (forward.ts), by how',
      labelNames: ['how'],
      registers,
    });
  }

  /** A WebSocket was joined to its owner's (`tunnel`), or its frames relayed to it (`relay`). */
  forwarded(how: 'tunnel' | 'relay'): void {
    this.forwards.inc({ how });
  }

  /** An agent socket closed with `code`. */
  closed(code: number): void {
    this.closes.inc({ code: String(code), name: closeName(code) ?? 'other' });
  }

  /** A connection was dropped before it was welcomed. */
  refused(why: Refusal | 'not-found'): void {
    this.refusals.inc({ reason: why });
  }

  /** The text a scrape gets, and its content type. */
  async scrape(): Promise<{ readonly contentType: string; readonly text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
