/**
 * Random skills, overflow and opening hours configuration and traffic against the engine. After
 * every step: nobody is over capacity; waiting work (relaxed or overflowed) is in its service's
 * queue, never lost; a closed service never assigns; every routed interaction went to an agent who met what it required then (optional
 * skills only until relaxed); and no waiting interaction has a Ready agent of its service with no
 * work who qualifies (the indexes, and what the engine remembers of unmatched work, never hide one).
 */
import fc from 'fast-check';
import type { OpeningHours, SkillRequirement } from '../../protocol';
import { CAPACITY, CHANNELS } from '../../protocol';
import type { Harness } from './testing';
import { ACCOUNT, harness, pickOf } from './testing';
import { isOpen, weekdays } from './hours';
import { qualifies, requirementsOf } from './skills';

const AGENTS = ['ann', 'bob', 'cat', 'dan'] as const;
const SERVICES = ['sales', 'support'] as const;
const SKILLS = ['fr', 'de', 'billing'] as const;

const requirement = fc.record({
  skill: fc.constantFrom(...SKILLS),
  level: fc.integer({ min: 1, max: 6 }),
  optional: fc.boolean(),
});
const requirements = fc
  .uniqueArray(requirement, { maxLength: 3, selector: (item) => item.skill })
  .map((items) => items as SkillRequirement[]);
const levels = fc
  .uniqueArray(
    fc.record({ skill: fc.constantFrom(...SKILLS), level: fc.integer({ min: 1, max: 10 }) }),
    { maxLength: 3, selector: (item) => item.skill },
  )
  .map((items) => [...items]);

type Step =
  | { op: 'arrive'; service: number; channel: number; skills: SkillRequirement[] }
  | { op: 'advance'; seconds: number }
  | { op: 'release'; agent: number; pick: number }
  | { op: 'presence'; agent: number; ready: boolean }
  | { op: 'levels'; agent: number; skills: { skill: string; level: number }[] }
  | { op: 'service'; service: number; skills: SkillRequirement[]; relaxSeconds: number }
  | { op: 'leave'; pick: number }
  | { op: 'overflow'; service: number; target: number; afterSeconds: number }
  | { op: 'hours'; service: number; hours: number };

/** Always open (null), never open, or open 09:00-17:00 on weekdays (UTC). */
const HOURS: (OpeningHours | null)[] = [
  null,
  { timeZone: 'UTC', weekly: [], holidays: [], whenClosed: 'refuse' },
  {
    timeZone: 'UTC',
    weekly: weekdays('09:00', '17:00'),
    holidays: [],
    whenClosed: 'overflow',
  },
];

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('arrive' as const),
      service: fc.nat(1),
      channel: fc.nat(CHANNELS.length - 1),
      skills: requirements,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('advance' as const), seconds: fc.nat(40) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('release' as const),
      agent: fc.nat(3),
      pick: fc.nat(9),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('presence' as const),
      agent: fc.nat(3),
      ready: fc.constantFrom(true, true, true, false),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('levels' as const), agent: fc.nat(3), skills: levels }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('service' as const),
      service: fc.nat(1),
      skills: requirements,
      relaxSeconds: fc.nat(60),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('leave' as const), pick: fc.nat(20) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('overflow' as const),
      service: fc.nat(1),
      target: fc.nat(2),
      afterSeconds: fc.integer({ min: 1, max: 30 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('hours' as const),
      service: fc.nat(1),
      hours: fc.nat(HOURS.length - 1),
    }),
  },
);

function apply(h: Harness, s: Step): void {
  const agent = AGENTS[('agent' in s ? s.agent : 0) % AGENTS.length] as string;
  switch (s.op) {
    case 'arrive':
      try {
        h.arrive(SERVICES[s.service] as string, CHANNELS[s.channel] as (typeof CHANNELS)[number], {
          skills: s.skills,
        });
      } catch (thrown) {
        // Closed: refused, and nothing else may be the matter.
        expect(thrown).toMatchObject({ name: 'ProtocolError', code: 'service-closed' });
      }
      return;
    case 'hours':
      h.engine.setServiceHours(ACCOUNT, SERVICES[s.service] as string, {
        hours: HOURS[s.hours] ?? null,
      });
      return;
    case 'advance':
      h.advance(s.seconds);
      return;
    case 'release': {
      // Everything the agent holds, so that agents are often Ready with no work.
      const held = h.ids(agent);
      for (const id of held.slice(0, 1 + (s.pick % Math.max(held.length, 1)))) {
        h.release(agent, id);
      }
      return;
    }
    case 'presence':
      h.presenceSet(agent, s.ready ? 'ready' : 'away');
      return;
    case 'levels':
      h.engine.setAgentSkills(ACCOUNT, agent, s.skills);
      return;
    case 'service':
      h.engine.setServiceSkills(ACCOUNT, SERVICES[s.service] as string, {
        requirements: s.skills,
        relaxSeconds: s.relaxSeconds,
      });
      return;
    case 'overflow': {
      const from = SERVICES[s.service] as string;
      const to = SERVICES[(s.service + 1) % 2] as string;
      h.engine.setServiceOverflow(ACCOUNT, from, {
        serviceId: s.target === 2 ? null : to,
        afterSeconds: s.afterSeconds,
      });
      return;
    }
    case 'leave': {
      const waiting = h.store.interactions(ACCOUNT).filter((r) => r.place.kind === 'queued');
      const record = pickOf(waiting, s.pick);
      if (record !== undefined) h.engine.customerLeaves(ACCOUNT, record.interaction.id);
    }
  }
}

/** Every interaction that went from a queue to an agent in these effects met its requirements. */
function checkAssignments(h: Harness, queuedBefore: Set<string>): void {
  for (const effect of h.take()) {
    if (effect.kind !== 'event' || effect.event.type !== 'interaction.added') continue;
    const id = effect.event.interaction.id;
    if (!queuedBefore.has(id)) continue;
    const record = h.store.interaction(id);
    const agent = h.store.agent(ACCOUNT, effect.agentId);
    if (record === undefined || agent === undefined) continue;
    const service = h.store.service(ACCOUNT, record.interaction.serviceId ?? '');
    expect(qualifies(agent, requirementsOf(record, service, h.clock.now()))).toBe(true);
    // A closed service never assigns.
    expect(isOpen(service?.hours, h.clock.now())).toBe(true);
  }
}

function checkInvariants(h: Harness): void {
  for (const id of AGENTS) {
    expect(h.me(id).capacityUsed).toBeLessThanOrEqual(CAPACITY);
  }
  const now = h.clock.now();
  // Nothing that waited past a relaxation or overflow time is lost: waiting work is in its queue.
  const queued = new Set(
    SERVICES.flatMap((id) => h.engine.queue(ACCOUNT, id).map((item) => `${id}:${item.id}`)),
  );
  for (const record of h.store.interactions(ACCOUNT)) {
    if (record.place.kind === 'assigned') expect(record.agentIds.length).toBeGreaterThan(0);
    if (record.place.kind !== 'queued') continue;
    expect(queued.has(`${record.place.serviceId}:${record.interaction.id}`)).toBe(true);
    const service = h.store.service(ACCOUNT, record.place.serviceId);
    if (!isOpen(service?.hours, now)) continue;
    const needed = requirementsOf(record, service, now);
    for (const id of AGENTS) {
      const agent = h.store.agent(ACCOUNT, id);
      if (agent === undefined || !agent.services.includes(record.place.serviceId)) continue;
      if (h.stateOf(id) !== 'ready' || agent.interactionIds.length > 0) continue;
      expect({
        waiting: record.interaction.id,
        idle: id,
        qualifies: qualifies(agent, needed),
      }).toEqual({
        waiting: record.interaction.id,
        idle: id,
        qualifies: false,
      });
    }
  }
}

describe('skills under random traffic', () => {
  it('keeps capacity, routes only to qualified agents, and never hides one', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const h = harness({ wrapSeconds: 0 });
        for (const id of SERVICES) h.service(id);
        for (const id of SKILLS) h.engine.defineSkill(ACCOUNT, { id, name: id });
        AGENTS.forEach((id, i) =>
          h.agent({ id, services: [SERVICES[i % 2] as string, ...(i === 3 ? ['sales'] : [])] }),
        );
        h.take();
        for (const s of steps) {
          const queued = new Set(
            h.store
              .interactions(ACCOUNT)
              .filter((r) => r.place.kind === 'queued')
              .map((r) => r.interaction.id),
          );
          apply(h, s);
          // Arrivals are routed at once: count them as waiting before.
          for (const r of h.store.interactions(ACCOUNT)) queued.add(r.interaction.id);
          checkAssignments(h, queued);
          checkInvariants(h);
        }
      }),
      { numRuns: 300 },
    );
  });
});
