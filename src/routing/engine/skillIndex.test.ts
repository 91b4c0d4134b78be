import fc from 'fast-check';
import type { Need } from './skillIndex';
import { SkillIndex } from './skillIndex';

const SERVICES = ['s1', 's2'] as const;
const SKILLS = ['fr', 'de', 'billing', 'vip'] as const;
const AGENTS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'] as const;

/** What the index should hold, kept plainly: the agents in it with their services and levels. */
interface Model {
  readonly services: readonly string[];
  readonly levels: Record<string, number>;
  kinds: number;
  idle: number;
}

function qualifies(model: Model, needs: readonly (readonly [string, number])[]): boolean {
  return needs.every(([skill, level]) => (model.levels[skill] ?? 0) >= level);
}

describe('SkillIndex', () => {
  it('finds the longest idle agent of the service who can take the kind and meets every need', () => {
    const index = new SkillIndex(0);
    const fr = index.skillNumber('fr');
    const de = index.skillNumber('de');
    index.join('ann', ['s1'], { fr: 5, de: 2 }, 0b1, 100);
    index.join('bob', ['s1'], { fr: 7, de: 6 }, 0b1, 200);
    index.join('cat', ['s1', 's2'], { fr: 9, de: 9 }, 0b10, 50);
    index.join('dan', ['s2'], { fr: 9, de: 9 }, 0b1, 10);
    const idle = (id: string) => ({ ann: 100, bob: 200, cat: 50, dan: 10 })[id] ?? null;
    const needs: Need[] = [
      { skill: fr, level: 5 },
      { skill: de, level: 3 },
    ];
    // ann lacks de 3, cat cannot take kind 1, dan is of s2 only.
    expect(index.find('s1', needs, 0b1, idle).agentId).toBe('bob');
    expect(index.find('s1', needs, 0b10, idle).agentId).toBe('cat');
    expect(index.find('s2', needs, 0b1, idle).agentId).toBe('dan');
    // The caller may refuse an agent (declined lately): the next one then.
    expect(
      index.find('s1', [{ skill: fr, level: 5 }], 0b1, (id) => (id === 'ann' ? null : idle(id)))
        .agentId,
    ).toBe('bob');
    index.leave('bob');
    const none = index.find('s1', needs, 0b1, idle);
    expect(none.agentId).toBeNull();
    expect(none.narrowest).not.toBeNull();
    index.check();
  });

  it('says whether an agent joined the heaps of a need since a count of additions', () => {
    const index = new SkillIndex(0);
    const fr = index.skillNumber('fr');
    const at = index.additionsSoFar();
    index.join('ann', ['s1'], { fr: 3 }, 1, 0);
    expect(index.joinedSince('s1', { skill: fr, level: 4 }, at)).toBe(false);
    expect(index.joinedSince('s1', { skill: fr, level: 3 }, at)).toBe(true);
    expect(index.joinedSince('s2', { skill: fr, level: 1 }, at)).toBe(false);
    expect(index.count('s1', { skill: fr, level: 1 })).toBe(1);
    expect(index.count('s1', { skill: fr, level: 4 })).toBe(0);
  });

  it('keeps its heaps in order and answers as a plain search would, under random operations', () => {
    const op = fc.oneof(
      fc.record({
        op: fc.constant('join' as const),
        agent: fc.nat(AGENTS.length - 1),
        services: fc.subarray([...SERVICES], { minLength: 1 }),
        levels: fc.dictionary(fc.constantFrom(...SKILLS), fc.integer({ min: 1, max: 10 }), {
          minKeys: 2,
        }),
        kinds: fc.integer({ min: 1, max: 7 }),
      }),
      fc.record({ op: fc.constant('leave' as const), agent: fc.nat(AGENTS.length - 1) }),
      fc.record({
        op: fc.constant('update' as const),
        agent: fc.nat(AGENTS.length - 1),
        kinds: fc.integer({ min: 0, max: 7 }),
        later: fc.nat(50),
      }),
      fc.record({
        op: fc.constant('find' as const),
        service: fc.constantFrom(...SERVICES),
        needs: fc.uniqueArray(
          fc.tuple(fc.constantFrom(...SKILLS), fc.integer({ min: 1, max: 6 })),
          { minLength: 1, maxLength: 2, selector: ([skill]) => skill },
        ),
        kind: fc.constantFrom(1, 2, 4),
        refused: fc.nat(AGENTS.length),
        // Idle times may have grown since the agents' ranks were set (a walk puts them right).
        drift: fc.tuple(fc.nat(AGENTS.length - 1), fc.nat(30)),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const index = new SkillIndex(0);
        const model = new Map<string, Model>();
        let clock = 0;
        for (const step of ops) {
          clock += 1;
          if (step.op === 'join') {
            const id = AGENTS[step.agent] as string;
            index.join(id, step.services, step.levels, step.kinds, clock);
            model.set(id, {
              services: step.services,
              levels: step.levels,
              kinds: step.kinds,
              idle: clock,
            });
          } else if (step.op === 'leave') {
            const id = AGENTS[step.agent] as string;
            index.leave(id);
            model.delete(id);
          } else if (step.op === 'update') {
            const id = AGENTS[step.agent] as string;
            const held = model.get(id);
            if (held !== undefined) {
              held.kinds = step.kinds;
              held.idle = clock + step.later;
              index.update(id, step.kinds, held.idle);
            }
          } else {
            // An agent's idle time grew without the index being told (its rank stays lower).
            const drifted = model.get(AGENTS[step.drift[0]] as string);
            if (drifted !== undefined) drifted.idle += step.drift[1];
            const refused = AGENTS[step.refused];
            const idleOf = (id: string) => (id === refused ? null : (model.get(id)?.idle ?? null));
            const needs = step.needs.map(([skill, level]) => ({
              skill: index.skillNumber(skill),
              level,
            }));
            const found = index.find(step.service, needs, step.kind, idleOf);
            const expected = [...model]
              .filter(
                ([id, held]) =>
                  held.services.includes(step.service) &&
                  (held.kinds & step.kind) !== 0 &&
                  id !== refused &&
                  qualifies(held, step.needs),
              )
              .sort(([, a], [, b]) => a.idle - b.idle)[0];
            if (expected === undefined) {
              expect(found.agentId).toBeNull();
            } else {
              // Ties in idle time may go either way; the idle time must be the least.
              expect(found.agentId).not.toBeNull();
              expect(model.get(found.agentId as string)?.idle).toBe(expected[1].idle);
            }
          }
          index.check();
        }
      }),
      { numRuns: 500 },
    );
  });
});
