/** Skills-based routing on the fake clock: qualifying agents, minimum levels, relaxation, bad input. */
import type { SkillRequirement } from '../../protocol';
import { ACCOUNT, expectCode, harness } from './testing';
import type { Harness } from './testing';

const need = (skill: string, level: number, optional = false): SkillRequirement => ({
  skill,
  level,
  optional,
});

/** A service `s` and the skills `fr`, `de`, `billing`; agents are made ready in the order given. */
function world(agents: Record<string, Record<string, number>>): Harness {
  const h = harness({ wrapSeconds: 0 });
  h.service('s');
  for (const id of ['fr', 'de', 'billing']) h.engine.defineSkill(ACCOUNT, { id, name: id });
  for (const [id, levels] of Object.entries(agents)) {
    h.agent({ id, services: ['s'] });
    h.engine.setAgentSkills(
      ACCOUNT,
      id,
      Object.entries(levels).map(([skill, level]) => ({ skill, level })),
    );
    h.clock.advance(1000);
    h.presenceSet(id, 'ready');
  }
  h.take();
  return h;
}

const holder = (h: Harness, interactionId: string) =>
  h.store.interaction(interactionId)?.agentIds ?? [];

describe('skills: who qualifies', () => {
  it('gives the work to the longest idle agent who holds every required skill at its level', () => {
    const h = world({ ann: { fr: 9 }, bob: { fr: 4, billing: 8 }, cat: { fr: 6, billing: 5 } });
    const call = h.arrive('s', 'voice', { skills: [need('fr', 5), need('billing', 5)] });
    // ann lacks billing, bob's French is too weak: cat, though she has been idle the shortest.
    expect(holder(h, call.id)).toEqual(['cat']);
  });

  it('takes the longest idle of several who qualify', () => {
    const h = world({ ann: { fr: 5 }, bob: { fr: 10 } });
    const call = h.arrive('s', 'voice', { skills: [need('fr', 5)] });
    expect(holder(h, call.id)).toEqual(['ann']);
  });

  it('goes by idle time now, not by when an agent joined the skill indexes', () => {
    const h = world({ ann: { fr: 5 }, bob: { fr: 5 }, cat: { fr: 5 } });
    // ann (idle longest) takes a chat and releases it: she is now idle the shortest.
    const chat = h.arrive('s', 'chat');
    expect(holder(h, chat.id)).toEqual(['ann']);
    h.clock.advance(1000);
    h.release('ann', chat.id);
    const first = h.arrive('s', 'voice', { skills: [need('fr', 5)] });
    expect(holder(h, first.id)).toEqual(['bob']);
    const second = h.arrive('s', 'voice', { skills: [need('fr', 5)] });
    expect(holder(h, second.id)).toEqual(['cat']);
    const third = h.arrive('s', 'voice', { skills: [need('fr', 5)] });
    expect(holder(h, third.id)).toEqual(['ann']);
  });

  it("merges the service's requirements with the interaction's, the higher level winning", () => {
    const h = world({ ann: { fr: 3, de: 9 }, bob: { fr: 7, de: 9 } });
    h.engine.setServiceSkills(ACCOUNT, 's', { requirements: [need('fr', 2)], relaxSeconds: 0 });
    const call = h.arrive('s', 'voice', { skills: [need('fr', 6), need('de', 1)] });
    expect(holder(h, call.id)).toEqual(['bob']);
  });

  it('leaves work nobody qualifies for waiting, and routes it once an agent gains the skill', () => {
    const h = world({ ann: { fr: 2 } });
    const call = h.arrive('s', 'voice', { skills: [need('fr', 8)] });
    expect(h.engine.queue(ACCOUNT, 's').map((i) => i.id)).toEqual([call.id]);
    h.engine.setAgentSkills(ACCOUNT, 'ann', [{ skill: 'fr', level: 8 }]);
    expect(holder(h, call.id)).toEqual(['ann']);
    expect(h.engine.agentSkills(ACCOUNT, 'ann')).toEqual([{ skill: 'fr', level: 8 }]);
  });

  it('routes later work past waiting work nobody is skilled for', () => {
    const h = world({ ann: { de: 5 } });
    const french = h.arrive('s', 'chat', { skills: [need('fr', 1)], priority: 9 });
    const german = h.arrive('s', 'chat', { skills: [need('de', 5)] });
    expect(holder(h, german.id)).toEqual(['ann']);
    expect(holder(h, french.id)).toEqual([]);
  });

  it('never gives work to an agent who left the service, whatever their skills', () => {
    const h = world({ ann: { fr: 9 } });
    h.service('t');
    h.engine.updateAgent(ACCOUNT, 'ann', { services: ['t'] });
    const call = h.arrive('s', 'voice', { skills: [need('fr', 1)] });
    expect(holder(h, call.id)).toEqual([]);
    h.engine.updateAgent(ACCOUNT, 'ann', { services: ['s'] });
    expect(holder(h, call.id)).toEqual(['ann']);
  });

  it('an agent whose skills change is found by the new ones only', () => {
    const h = world({ ann: { fr: 9 } });
    h.engine.setAgentSkills(ACCOUNT, 'ann', [{ skill: 'de', level: 9 }]);
    const french = h.arrive('s', 'voice', { skills: [need('fr', 1)] });
    expect(holder(h, french.id)).toEqual([]);
    const german = h.arrive('s', 'voice', { skills: [need('de', 9)] });
    expect(holder(h, german.id)).toEqual(['ann']);
  });
});

describe('skills: relaxation', () => {
  it("drops optional skills once the work has waited the service's relaxation time", () => {
    const h = world({ ann: { fr: 3 } });
    h.engine.setServiceSkills(ACCOUNT, 's', {
      requirements: [need('billing', 5, true)],
      relaxSeconds: 30,
    });
    const call = h.arrive('s', 'voice', { skills: [need('fr', 3)] });
    expect(holder(h, call.id)).toEqual([]);
    h.advance(29);
    expect(holder(h, call.id)).toEqual([]);
    h.advance(1);
    expect(holder(h, call.id)).toEqual(['ann']);
  });

  it('never drops required skills', () => {
    const h = world({ ann: { fr: 3 } });
    h.engine.setServiceSkills(ACCOUNT, 's', { requirements: [], relaxSeconds: 5 });
    const call = h.arrive('s', 'voice', { skills: [need('de', 2), need('fr', 3, true)] });
    h.advance(600);
    expect(holder(h, call.id)).toEqual([]);
    expect(h.engine.nextDueAt()).toBeUndefined();
  });

  it('a new relaxation time applies to work already waiting', () => {
    const h = world({ ann: {} });
    const optionalFrench = { requirements: [need('fr', 9, true)], relaxSeconds: 600 };
    h.engine.setServiceSkills(ACCOUNT, 's', optionalFrench);
    const call = h.arrive('s', 'voice');
    h.advance(10);
    expect(holder(h, call.id)).toEqual([]);
    h.engine.setServiceSkills(ACCOUNT, 's', { ...optionalFrench, relaxSeconds: 20 });
    h.advance(9);
    expect(holder(h, call.id)).toEqual([]);
    h.advance(1);
    expect(holder(h, call.id)).toEqual(['ann']);
    // Relaxation 0: optional skills never hold work back.
    h.release('ann', call.id);
    h.engine.setServiceSkills(ACCOUNT, 's', { ...optionalFrench, relaxSeconds: 0 });
    const next = h.arrive('s', 'voice');
    expect(holder(h, next.id)).toEqual(['ann']);
  });

  it('the relaxation timer goes with work that leaves the queue', () => {
    const h = world({});
    h.engine.setServiceSkills(ACCOUNT, 's', {
      requirements: [need('fr', 9, true)],
      relaxSeconds: 60,
    });
    const call = h.arrive('s', 'voice');
    expect(h.engine.nextDueAt()).toBeDefined();
    h.engine.customerLeaves(ACCOUNT, call.id);
    expect(h.engine.nextDueAt()).toBeUndefined();
  });
});

describe('skills: bad input changes nothing', () => {
  it('refuses an unknown or repeated skill, and a skill defined twice', () => {
    const h = world({ ann: { fr: 3 } });
    const before = h.state();
    const skillsBefore = h.engine.agentSkills(ACCOUNT, 'ann');
    expect(
      expectCode(
        () => h.engine.setAgentSkills(ACCOUNT, 'ann', [{ skill: 'klingon', level: 3 }]),
        'not-found',
      ).field,
    ).toBe('skills.0.skill');
    expect(
      expectCode(
        () =>
          h.engine.setAgentSkills(ACCOUNT, 'ann', [
            { skill: 'fr', level: 3 },
            { skill: 'fr', level: 4 },
          ]),
        'bad-field',
      ).field,
    ).toBe('skills.1.skill');
    expectCode(
      () =>
        h.engine.setServiceSkills(ACCOUNT, 's', {
          requirements: [need('nope', 1)],
          relaxSeconds: 1,
        }),
      'not-found',
    );
    expectCode(() => h.arrive('s', 'voice', { skills: [need('nope', 1)] }), 'not-found');
    expectCode(() => h.engine.defineSkill(ACCOUNT, { id: 'fr', name: 'again' }), 'conflict');
    expectCode(() => h.engine.setAgentSkills(ACCOUNT, 'nobody', []), 'not-found');
    expectCode(
      () => h.engine.setServiceSkills(ACCOUNT, 'nowhere', { requirements: [], relaxSeconds: 0 }),
      'not-found',
    );
    expect(h.state()).toEqual(before);
    expect(h.engine.agentSkills(ACCOUNT, 'ann')).toEqual(skillsBefore);
    expect(h.engine.skills(ACCOUNT).map((skill) => skill.id)).toEqual(['fr', 'de', 'billing']);
    expect(h.engine.serviceSkills(ACCOUNT, 's')).toEqual({ requirements: [], relaxSeconds: 0 });
    expect(h.take()).toEqual([]);
  });
});
