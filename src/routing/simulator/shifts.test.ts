import type { CommandBody } from '../../protocol';
import type { Engine } from '../engine/engine';
import { DEFAULT_SETTINGS, Engine as RoutingEngine } from '../engine/engine';
import { MemoryStore } from '../store/memoryStore';
import type { ShiftTimers } from './shifts';
import { DEFAULT_SHIFT_TIMING, Shifts, nextPresence, parseShiftTiming } from './shifts';
import { Colleagues } from './colleagues';
import { mariaArrives } from './testing';

/** Timers on a clock of their own: `advance` fires what falls due, in order. */
function fakeTimers() {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: ShiftTimers = {
    setTimeout(run, ms) {
      due.set(++next, { at: now + ms, run });
      return next;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
  };
  async function advance(ms: number): Promise<void> {
    const until = now + ms;
    for (;;) {
      const first = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (first === undefined || first[1].at > until) break;
      due.delete(first[0]);
      now = first[1].at;
      first[1].run();
      // Let the run's promise settle and the next stretch be scheduled.
      await new Promise((done) => setImmediate(done));
    }
    now = until;
  }
  return { timers, advance, pending: () => due.size };
}

/** The same draws every time: a repeating list. */
const draws = (...values: number[]) => {
  let n = 0;
  return () => values[n++ % values.length] as number;
};

function setup() {
  let ids = 0;
  const engine = new RoutingEngine(
    new MemoryStore(),
    { now: () => 1_795_000_000_000 },
    (p) => `${p}${++ids}`,
  );
  const run = <T>(_accountId: string, operation: (engine: Engine) => T): Promise<T> => {
    try {
      return Promise.resolve(operation(engine));
    } catch (err) {
      return Promise.reject(err as Error);
    } finally {
      engine.takeEffects();
    }
  };
  engine.createAccount('acme', 'Acme', { ...DEFAULT_SETTINGS, wrapSeconds: 0 });
  engine.createService('acme', 'sales', 'Sales');
  engine.createAgent('acme', { id: 'ann', name: 'Ann', services: ['sales'], state: 'ready' });
  engine.createAgent('acme', { id: 'bob', name: 'Bob', services: ['sales'], state: 'logged-out' });
  engine.takeEffects();
  const state = (agentId: string) => engine.snapshot('acme', agentId).agent.state;
  let n = 0;
  const cmd = (agentId: string, body: CommandBody) =>
    engine.command('acme', agentId, { v: 1, id: `t${++n}`, ...body } as Parameters<
      Engine['command']
    >[2]);
  return { engine, run, state, cmd };
}

describe('nextPresence', () => {
  it('logs in, takes breaks and logs out, and leaves a working colleague alone', () => {
    expect(nextPresence('logged-out', 0.1)).toBe('ready');
    expect(nextPresence('logged-out', 0.9)).toBe('away');
    expect(nextPresence('ready', 0.1)).toBe('away');
    expect(nextPresence('ready', 0.9)).toBe('logged-out');
    expect(nextPresence('away', 0.1)).toBe('ready');
    expect(nextPresence('away', 0.9)).toBe('logged-out');
    for (const working of ['busy', 'wrap-auto', 'logging-call'] as const) {
      expect(nextPresence(working, 0.1)).toBeNull();
    }
  });
});

describe('parseShiftTiming', () => {
  it('reads off, <min>-<max> seconds, or nothing for the default; refuses the rest', () => {
    expect(parseShiftTiming(undefined, 'X')).toBe(DEFAULT_SHIFT_TIMING);
    expect(parseShiftTiming(' ', 'X')).toBe(DEFAULT_SHIFT_TIMING);
    expect(parseShiftTiming('OFF', 'X')).toBeNull();
    expect(parseShiftTiming('5-20', 'X')).toEqual({ minMs: 5000, maxMs: 20_000 });
    expect(parseShiftTiming(' 0.5 - 0.5 ', 'X')).toEqual({ minMs: 500, maxMs: 500 });
    for (const bad of ['20-5', '0-5', '5', 'soon', '-1-5']) {
      expect(() => parseShiftTiming(bad, 'COLLEAGUE_SHIFTS')).toThrow(/COLLEAGUE_SHIFTS must be/);
    }
  });
});

describe('shifts of simulated colleagues', () => {
  it('change each colleague’s presence after a stretch drawn between min and max', async () => {
    const { run, state } = setup();
    const { timers, advance } = fakeTimers();
    // Stretch draw, then presence draw, alternately: 0 -> 1000 ms; 0.5 -> 2000 ms.
    const shifts = new Shifts(run, {
      timing: { minMs: 1000, maxMs: 3000 },
      random: draws(0, 0.1, 0.5, 0.9),
      timers,
    });
    shifts.start('acme', ['bob']);
    await advance(999);
    expect(state('bob')).toBe('logged-out');
    await advance(1);
    expect(state('bob')).toBe('ready'); // logged in (draw 0.1)
    await advance(1999);
    expect(state('bob')).toBe('ready');
    await advance(1);
    expect(state('bob')).toBe('logged-out'); // end of shift (draw 0.9)
    shifts.stop();
  });

  it('leave a colleague holding work or a consult alone, and try again later', async () => {
    const { run, state, engine, cmd } = setup();
    const { timers, advance } = fakeTimers();
    const call = engine.arrive('acme', mariaArrives('voice', 'sales'));
    expect(state('ann')).toBe('busy');
    const shifts = new Shifts(run, {
      timing: { minMs: 1000, maxMs: 1000 },
      random: draws(0.1),
      timers,
    });
    shifts.start('acme', ['ann']);
    await advance(3000);
    expect(state('ann')).toBe('busy');
    const version = engine.snapshot('acme', 'ann').interactions[0]!.version;
    cmd('ann', { type: 'release', interactionId: call.id, version });
    expect(state('ann')).toBe('ready');
    await advance(1000);
    expect(state('ann')).toBe('away'); // a break once the work is done (draw 0.1)
    shifts.stop();
  });

  it('stop: nothing more changes', async () => {
    const { run, state } = setup();
    const { timers, advance, pending } = fakeTimers();
    const shifts = new Shifts(run, {
      timing: { minMs: 1000, maxMs: 1000 },
      random: draws(0.1),
      timers,
    });
    shifts.start('acme', ['ann', 'bob']);
    expect(pending()).toBe(2);
    shifts.stop();
    expect(pending()).toBe(0);
    await advance(10_000);
    expect([state('ann'), state('bob')]).toEqual(['ready', 'logged-out']);
  });

  it('refuse a timing that would spin', () => {
    const { run } = setup();
    expect(() => new Shifts(run, { timing: { minMs: 0, maxMs: 10 } })).toThrow(RangeError);
    expect(() => new Shifts(run, { timing: { minMs: 100, maxMs: 10 } })).toThrow(RangeError);
  });

  it('are off for driven colleagues unless asked for, and stop with them', async () => {
    const { run, state } = setup();
    const { timers, advance, pending } = fakeTimers();
    const colleagues = new Colleagues(run);
    colleagues.drive('acme', ['ann']);
    expect(pending()).toBe(0);
    colleagues.drive('acme', ['bob'], {
      timing: { minMs: 1000, maxMs: 1000 },
      random: draws(0.1),
      timers,
    });
    expect(pending()).toBe(1);
    await advance(1000);
    expect(state('bob')).toBe('ready');
    expect(state('ann')).toBe('ready');
    colleagues.stop();
    expect(pending()).toBe(0);
  });
});
