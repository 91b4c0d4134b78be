import type { CommandBody } from '../../protocol';
import type { Engine } from '../engine/engine';
import { DEFAULT_SETTINGS, Engine as RoutingEngine } from '../engine/engine';
import { MemoryStore } from '../store/memoryStore';
import { Colleagues } from './colleagues';
import { mariaArrives } from './testing';

const TIMING = { answerAfterMs: 1000, workMs: 5000, logAfterMs: 500 };

function setup(callLogging = false) {
  let ids = 0;
  const engine = new RoutingEngine(
    new MemoryStore(),
    { now: () => Date.now() },
    (p) => `${p}${++ids}`,
  );
  // As the in-memory service runs operations: at once, effects observed straight after.
  const colleagues = new Colleagues((_accountId, operation) => {
    try {
      return Promise.resolve(run(operation));
    } catch (err) {
      return Promise.reject(err as Error);
    }
  }, TIMING);
  function run<T>(operation: (engine: Engine) => T): T {
    try {
      return operation(engine);
    } finally {
      colleagues.observe(engine.takeEffects());
    }
  }
  run((e) => {
    e.createAccount('acme', 'Acme', {
      ...DEFAULT_SETTINGS,
      wrapSeconds: 0,
      features: { ...DEFAULT_SETTINGS.features, callLogging },
    });
    e.createService('acme', 'sales', 'Sales');
    e.createAgent('acme', { id: 'ann', name: 'Ann', services: ['sales'], state: 'ready' });
    e.createAgent('acme', { id: 'bob', name: 'Bob', services: [], state: 'ready' });
  });
  colleagues.drive('acme', ['bob']);
  let n = 0;
  const cmd = (agentId: string, body: CommandBody) =>
    run((e) =>
      e.command('acme', agentId, { v: 1, id: `t${++n}`, ...body } as Parameters<
        Engine['command']
      >[2]),
    );
  const arrive = (channel: 'voice' | 'email') =>
    run((e) => e.arrive('acme', mariaArrives(channel, 'sales')));
  const list = (agentId: string) => engine.snapshot('acme', agentId).interactions;
  return { engine, colleagues, cmd, arrive, list };
}

beforeEach(() => jest.useFakeTimers({ now: 1_795_000_000_000 }));
afterEach(() => jest.useRealTimers());

describe('simulated colleagues', () => {
  it('answer a consult after a delay, then end the consult call after working on it', () => {
    const { cmd, arrive, list, colleagues } = setup();
    const call = arrive('voice');
    const { consultId } = cmd('ann', {
      type: 'consult.start',
      interactionId: call.id,
      version: list('ann')[0]!.version,
      target: { type: 'agent', id: 'bob' },
    });
    jest.advanceTimersByTime(999);
    expect(list('bob')).toHaveLength(0);
    jest.advanceTimersByTime(1);
    const leg = list('bob')[0];
    expect(leg?.consultId).toBe(consultId);
    expect(list('ann').map((i) => i.id)).toEqual([call.id, leg!.id]);
    jest.advanceTimersByTime(5000);
    expect(list('bob')).toHaveLength(0);
    expect(list('ann').map((i) => i.id)).toEqual([call.id]);
    colleagues.stop();
  });

  it('take work transferred to them, release it after working on it, and log it', () => {
    const { cmd, arrive, list, engine, colleagues } = setup(true);
    const email = arrive('email');
    cmd('ann', {
      type: 'transfer',
      interactionId: email.id,
      version: list('ann')[0]!.version,
      target: { type: 'agent', id: 'bob' },
    });
    expect(list('bob').map((i) => i.id)).toEqual([email.id]);
    jest.advanceTimersByTime(5000);
    expect(list('bob')).toHaveLength(0);
    expect(engine.snapshot('acme', 'bob').agent.state).toBe('logging-call');
    jest.advanceTimersByTime(500);
    expect(engine.snapshot('acme', 'bob').agent).toMatchObject({ state: 'ready', pendingLogs: [] });
    colleagues.stop();
  });

  it('leave agents that are not driven alone, and do nothing once stopped', () => {
    const { arrive, list, colleagues } = setup();
    arrive('email');
    colleagues.stop();
    jest.advanceTimersByTime(60_000);
    expect(list('ann')).toHaveLength(1);
    expect(colleagues.isDriven('acme', 'ann')).toBe(false);
  });
});
