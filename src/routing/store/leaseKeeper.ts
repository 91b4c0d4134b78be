/**
 * Keeps the account leases this process holds renewed from a worker thread (leaseWorker.ts), so
 * that renewal does not wait for the main event loop: a turn of work longer than a lease (a
 * settings change across 20,000 agents) does not cost the process its accounts.
 *
 * The main thread shows life by a heartbeat in shared memory (leaseClock.ts) every
 * HEARTBEAT_EVERY_MS, from a timer; when it has shown none for the stall limit, the worker stops
 * renewing and the leases lapse. Each lease held gets a slot in that memory where the worker
 * writes the time of its last confirmed renewal, which `renewedAt` reads: the judge of whether a
 * lease may have lapsed. A renewal refused is reported through `lost`.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { LEASE_SLOTS, LeaseClock } from './leaseClock';
import type { FromLeaseWorker, LeaseWorkerData, ToLeaseWorker } from './leaseWorker';
import { StoreUnavailableError } from './sharedLog';

/** How often the main thread shows life. */
export const HEARTBEAT_EVERY_MS = 100;

/** How long the main thread may show no life before its leases are left to lapse. */
export const DEFAULT_STALL_MS = 30_000;

export interface LeaseKeeperOptions {
  /** The store URL (`redis://` or `redis-cluster://`): the worker opens its own connection. */
  readonly store: string;
  readonly prefix: string;
  readonly ttlMs: number;
  readonly stallMs: number;
  readonly log: Logger;
}

/** A lease this process holds, renewed by the worker until dropped. */
export interface HeldLease {
  readonly slot: number;
  readonly accountId: string;
  readonly lease: string;
}

const ENTRY = join(__dirname, 'leaseWorker.cjs');

export class LeaseKeeper {
  private readonly clock = new LeaseClock();
  private readonly held = new Map<number, HeldLease>();
  /** Slots free again (the worker confirmed it dropped them), then those never used. */
  private readonly free: number[] = [];
  /** Slots the worker was asked to drop and has not confirmed yet. */
  private readonly draining = new Set<number>();
  private unused = 0;
  private worker: Worker | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private lostListener: (held: HeldLease) => void = () => {};
  /** A first worker reached Redis (one that fails later is replaced). */
  private started = false;
  private stopped = false;

  constructor(private readonly options: LeaseKeeperOptions) {}

  /** Starts the worker; resolves once it reaches Redis. `lost`: a renewal was refused. */
  async start(lost: (held: HeldLease) => void): Promise<void> {
    this.lostListener = lost;
    this.clock.beat();
    this.heartbeat = setInterval(() => this.clock.beat(), HEARTBEAT_EVERY_MS);
    this.heartbeat.unref();
    try {
      await this.spawn();
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.started = true;
  }

  /** Renews `lease` from now on; it was taken (or last renewed) by a call sent at `takenAt`. */
  hold(accountId: string, lease: string, takenAt: number): HeldLease {
    const slot = this.free.pop() ?? (this.unused < LEASE_SLOTS ? this.unused++ : null);
    if (slot === null) {
      throw new StoreUnavailableError(`this process holds ${LEASE_SLOTS} leases, its most`);
    }
    const held = { slot, accountId, lease };
    this.clock.renewed(slot, takenAt);
    this.held.set(slot, held);
    this.post({ type: 'hold', ...held });
    return held;
  }

  /** Whether the lease is still renewed here (neither dropped nor refused). */
  holds(held: HeldLease): boolean {
    return this.held.get(held.slot) === held;
  }

  /**
   * When the lease was last renewed, as Redis confirmed (the call was sent then); 0 once it is
   * no longer held.
   */
  renewedAt(held: HeldLease): number {
    return this.holds(held) ? this.clock.renewedAt(held.slot) : 0;
  }

  /** Renews the lease no more (it is being released, or was lost). */
  drop(held: HeldLease): void {
    if (!this.holds(held)) return;
    this.held.delete(held.slot);
    // The slot is used again once the worker confirms it will write to it no more.
    if (this.worker === null) {
      this.free.push(held.slot);
    } else {
      this.draining.add(held.slot);
      this.post({ type: 'drop', slot: held.slot });
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    const worker = this.worker;
    this.worker = null;
    if (worker === null) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage({ type: 'close' } satisfies ToLeaseWorker);
    const timer = setTimeout(() => void worker.terminate(), this.options.ttlMs);
    await exited;
    clearTimeout(timer);
  }

  private post(message: ToLeaseWorker): void {
    this.worker?.postMessage(message);
  }

  private spawn(): Promise<void> {
    const { store, prefix, ttlMs, stallMs, log } = this.options;
    const workerData: LeaseWorkerData = {
      store,
      prefix,
      ttlMs,
      stallMs,
      shared: this.clock.buffer,
    };
    // No execArgv of the main thread's (e.g. tsx's loader): the entry registers what it needs.
    const worker = new Worker(ENTRY, { workerData, execArgv: [] });
    this.worker = worker;
    for (const held of this.held.values()) this.post({ type: 'hold', ...held });
    worker.on('message', (message: FromLeaseWorker) => this.heard(message));
    worker.on('error', (err) => log.error({ err }, 'lease worker failed'));
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: FromLeaseWorker) => {
        if (message.type === 'ready') resolve();
      });
      worker.once('exit', (code) => {
        reject(new StoreUnavailableError(`the lease worker exited (${code})`));
        if (this.worker !== worker) return;
        // Unexpected: the leases are not renewed until another worker runs. Slots it was asked
        // to drop will not be written to again.
        this.worker = null;
        this.free.push(...this.draining);
        this.draining.clear();
        if (!this.started) return; // start() fails
        log.error({ code }, 'lease worker exited; starting another');
        setTimeout(() => {
          if (!this.stopped) this.spawn().catch(() => {});
        }, ttlMs / 3).unref();
      });
    });
    return ready;
  }

  private heard(message: FromLeaseWorker): void {
    if (message.type === 'dropped') {
      if (this.draining.delete(message.slot)) this.free.push(message.slot);
    } else if (message.type === 'lost') {
      const held = this.held.get(message.slot);
      if (held?.lease !== message.lease) return;
      // The worker renews it no more: the slot is free at once.
      this.held.delete(held.slot);
      this.free.push(held.slot);
      this.lostListener(held);
    } else if (message.type === 'stalled') {
      this.options.log.error(
        { sinceMs: message.sinceMs, stallMs: this.options.stallMs },
        'the main thread showed no life within the stall limit: its leases are left to lapse',
      );
    }
  }
}
