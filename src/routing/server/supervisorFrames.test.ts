import type { AgentStats, ServiceStats } from '../../protocol';
import { MAX_SERVER_FRAME_BYTES, PROTOCOL_VERSION, stringify } from '../../protocol';
import { supervisorChanges, supervisorSnapshot } from './supervisorFrames';

const service: ServiceStats = {
  id: 'sales',
  name: 'Sales',
  waiting: 0,
  oldestWaitingSince: null,
  inProgress: 0,
  assignedToday: 0,
  abandonedToday: 0,
};
/** An agent holding `held` interactions, with long names: a big entry. */
const agent = (n: number, held = 150): AgentStats => ({
  id: `agent-${n}`,
  name: `Agent ${n} ${'x'.repeat(180)}`,
  state: 'busy',
  presence: 'logged-in',
  stateSince: 1,
  awayReason: null,
  setBy: null,
  services: ['sales'],
  capacityUsed: { call: 0, video: 0, chat: 0, email: 1000, case: 0 },
  interactions: Array.from({ length: held }, (_, i) => ({
    id: `i-${n}-${i}`,
    channel: 'email' as const,
    serviceId: 'sales',
    customerName: 'y'.repeat(200),
    state: 'active' as const,
  })),
});

const text = (body: object) =>
  stringify({ v: PROTOCOL_VERSION, seq: 1, ...body } as never, 'server');

describe('supervisor frames', () => {
  it('split a large snapshot into numbered parts that each fit a frame and keep every entry', () => {
    const agents = Array.from({ length: 60 }, (_, n) => agent(n));
    const parts = supervisorSnapshot(5, ['Lunch'], [service], agents);
    expect(parts.length).toBeGreaterThan(1);
    parts.forEach((part, index) => {
      expect(part).toMatchObject({
        type: 'supervisor.snapshot',
        part: index,
        parts: parts.length,
        at: 5,
        awayReasons: ['Lunch'],
      });
      expect(text(part).length).toBeLessThan(MAX_SERVER_FRAME_BYTES);
    });
    const ids = parts
      .flatMap((part) => (part.type === 'supervisor.snapshot' ? part.agents : []))
      .map((a) => a.id);
    expect(ids).toEqual(agents.map((a) => a.id));
  });

  it('make one empty snapshot part for an empty account', () => {
    expect(supervisorSnapshot(1, [], [], [])).toEqual([
      {
        type: 'supervisor.snapshot',
        at: 1,
        part: 0,
        parts: 1,
        awayReasons: [],
        services: [],
        agents: [],
      },
    ]);
  });

  it('put changes and the ids gone into as few frames as fit', () => {
    const gone = Array.from({ length: 1500 }, (_, n) => `gone-${n}`);
    const bodies = supervisorChanges(2, ['Lunch'], [service], [agent(1, 1)], [], gone);
    expect(bodies).toHaveLength(2);
    expect(bodies.map((body) => (body as { awayReasons: unknown }).awayReasons)).toEqual([
      ['Lunch'],
      null,
    ]);
    for (const body of bodies) expect(() => text(body)).not.toThrow();
    expect(
      bodies.flatMap((body) => (body.type === 'supervisor.changed' ? body.removedAgents : [])),
    ).toEqual(gone);
  });
});
