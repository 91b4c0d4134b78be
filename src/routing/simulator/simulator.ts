/**
 * The outside world of the routing service in development and tests: customers who call, chat,
 * e-mail or open cases, hang up or leave; telephone numbers that answer a consult or an outbound call
 * (or let it ring); a channel whose next release fails or hangs; and a load mode that creates
 * interactions at a bounded rate for a bounded time.
 */
import { Telephony } from './telephony';
import type { Channel, Customer, RecordRef } from '../../protocol';
import { CHANNELS } from '../../protocol';
import type { Arrival, Engine } from '../engine/engine';
import type { Effect } from '../engine/effects';
import type { ReleaseFault } from '../store/store';
import type { ColleagueTiming } from './colleagues';
import { Colleagues, DEFAULT_COLLEAGUE_TIMING } from './colleagues';
import type { ShiftOptions } from './shifts';
import type { CustomerChannel } from './customers';
import { SimulatedCustomers } from './customers';

/** How an outside telephone number behaves when it rings. */
export interface NumberBehaviour {
  readonly answer: 'auto' | 'never';
  readonly afterMs: number;
}

export const DEFAULT_NUMBER_BEHAVIOUR: NumberBehaviour = { answer: 'auto', afterMs: 2000 };

export interface LoadSpec {
  readonly accountId: string;
  readonly ratePerSecond: number;
  readonly durationSeconds: number;
  readonly channels: readonly Channel[];
  readonly serviceIds: readonly string[];
}

export interface LoadRun {
  readonly id: string;
  readonly spec: LoadSpec;
  /** Arrivals sent, and of those the ones created and refused so far. */
  sent: number;
  created: number;
  failed: number;
  readonly startedAt: number;
  finishedAt: number | null;
}

/** Runs engine operations and sends their events once kept (RoutingService.run). */
/** Runs an engine operation on the account's state (RoutingService.run). */
export type Run = <T>(accountId: string, operation: (engine: Engine) => T) => Promise<T>;

export const MAX_LOAD_RATE = 5000;
export const MAX_LOAD_SECONDS = 600;

export class Simulator {
  private readonly numbers = new Map<string, NumberBehaviour>();
  private readonly pending = new Set<ReturnType<typeof setTimeout>>();
  private readonly loads = new Map<
    string,
    { run: LoadRun; timer: ReturnType<typeof setInterval> }
  >();
  private loadCount = 0;
  private readonly colleagues: Colleagues;
  /** What the telephone system was told about each call. */
  readonly telephony = new Telephony();
  /** The customers, a channel like any other: through the connector ingress (customers.ts). */
  private readonly customers: SimulatedCustomers;

  constructor(
    private readonly run: Run,
    channel: CustomerChannel,
    private readonly now: () => number = Date.now,
    colleagueTiming: ColleagueTiming = DEFAULT_COLLEAGUE_TIMING,
  ) {
    this.colleagues = new Colleagues(run, colleagueTiming);
    this.customers = new SimulatedCustomers(channel);
  }

  /**
   * These agents act by themselves from now on: they answer consults, work and log, and with
   * `shifts` also log in and out and take breaks (colleagues.ts, shifts.ts).
   */
  drive(accountId: string, agentIds: readonly string[], shifts: ShiftOptions | null = null): void {
    this.colleagues.drive(accountId, agentIds, shifts);
  }

  /** A customer contact arrives (B1: any channel), through the connector ingress. */
  arrive(accountId: string, arrival: Arrival) {
    return this.customers.arrive(accountId, arrival);
  }

  /**
   * The customer hangs up or leaves: the connector's end for a contact the simulator brought in;
   * any other interaction (an outbound call, one another process's simulator made) directly.
   */
  customerLeaves(accountId: string, interactionId: string): Promise<void> {
    const externalId = this.customers.externalIdOf(accountId, interactionId);
    if (externalId !== undefined) return this.customers.leave(accountId, externalId);
    return this.run(accountId, (engine) => engine.customerLeaves(accountId, interactionId));
  }

  /** An outside number answers a consult or an outbound call now. */
  answer(accountId: string, ref: string): Promise<void> {
    return this.run(accountId, (engine) => engine.outsideAnswers(accountId, ref));
  }

  failNextRelease(accountId: string, interactionId: string, fault: ReleaseFault): Promise<void> {
    return this.run(accountId, (engine) => engine.armReleaseFault(accountId, interactionId, fault));
  }

  setNumber(number: string, behaviour: NumberBehaviour): void {
    this.numbers.set(number, behaviour);
  }

  numberBehaviour(number: string): NumberBehaviour {
    return this.numbers.get(number) ?? DEFAULT_NUMBER_BEHAVIOUR;
  }

  /** Watches what the engine did, to ring the outside numbers it dialled. */
  observe(effects: readonly Effect[]): void {
    this.colleagues.observe(effects);
    this.telephony.observe(effects);
    for (const effect of effects) {
      if (effect.kind !== 'event') continue;
      const { event } = effect;
      if (
        event.type === 'consult.changed' &&
        event.consult.state === 'ringing' &&
        event.consult.target.type === 'number' &&
        event.consult.initiatorId === effect.agentId
      ) {
        this.ring(effect.accountId, event.consult.id, event.consult.target.number);
      } else if (
        event.type === 'interaction.added' &&
        event.interaction.direction === 'outbound' &&
        event.interaction.state === 'ringing' &&
        event.interaction.customer.phone !== null
      ) {
        this.ring(effect.accountId, event.interaction.id, event.interaction.customer.phone);
      }
    }
  }

  /** Starts a bounded load: `ratePerSecond` arrivals for `durationSeconds`, spread over the channels. */
  startLoad(spec: LoadSpec): LoadRun {
    const run: LoadRun = {
      id: `load-${++this.loadCount}`,
      spec,
      sent: 0,
      created: 0,
      failed: 0,
      startedAt: this.now(),
      finishedAt: null,
    };
    const tickMs = 20;
    const total = spec.ratePerSecond * spec.durationSeconds;
    const timer = setInterval(() => {
      const elapsed = this.now() - run.startedAt;
      const due = Math.min(total, Math.floor((elapsed / 1000) * spec.ratePerSecond));
      while (run.sent < due) {
        const n = run.sent++;
        this.arrive(spec.accountId, loadArrival(spec, n)).then(
          () => run.created++,
          () => run.failed++,
        );
      }
      if (run.sent >= total || elapsed > (spec.durationSeconds + 5) * 1000) this.stopLoad(run.id);
    }, tickMs);
    this.loads.set(run.id, { run, timer });
    return run;
  }

  stopLoad(id: string): LoadRun | undefined {
    const load = this.loads.get(id);
    if (load === undefined) return undefined;
    clearInterval(load.timer);
    load.run.finishedAt ??= this.now();
    return load.run;
  }

  load(id: string): LoadRun | undefined {
    return this.loads.get(id)?.run;
  }

  /** Stops every timer and load (service shutdown). */
  stop(): void {
    this.colleagues.stop();
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    for (const id of this.loads.keys()) this.stopLoad(id);
    this.customers.clear();
  }

  private ring(accountId: string, ref: string, number: string): void {
    const behaviour = this.numberBehaviour(number);
    if (behaviour.answer === 'never') return;
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      this.answer(accountId, ref).catch(() => {
        // Already ended (cancelled, timed out, released): nothing to answer.
      });
    }, behaviour.afterMs);
    this.pending.add(timer);
  }
}

const FIRST_NAMES = [
  'Maria',
  'John',
  'Aiko',
  'Omar',
  'Grace',
  'Lars',
  'Priya',
  'Chen',
  'Fatima',
  'Diego',
];
const LAST_NAMES = [
  'Garcia',
  'Smith',
  'Tanaka',
  'Haddad',
  'Okafor',
  'Nilsson',
  'Sharma',
  'Wei',
  'Khan',
  'Lopez',
];

/** The n-th arrival of a load run: deterministic, varied customers. */
export function loadArrival(spec: LoadSpec, n: number): Arrival {
  const channels = spec.channels.length > 0 ? spec.channels : CHANNELS;
  const channel = channels[n % channels.length] as Channel;
  const serviceId = spec.serviceIds[n % spec.serviceIds.length] as string;
  const name = `${FIRST_NAMES[n % 10]} ${LAST_NAMES[Math.floor(n / 10) % 10]}`;
  const phone = `+1415555${String(n % 10_000).padStart(4, '0')}`;
  const email = `customer${n}@example.com`;
  const live = channel === 'voice' || channel === 'video';
  const customer: Customer = { name, phone: live ? phone : null, email: live ? null : email };
  const record: RecordRef | null = null;
  return {
    channel,
    serviceId,
    customer,
    record,
    searchKeys: [live ? phone : email],
    subject: live ? null : `Load ${n}`,
    priority: 5,
  };
}
