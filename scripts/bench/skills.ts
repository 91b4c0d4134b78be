/**
 * The skills scenario of the routing benchmark (run by scripts/bench/routing.ts), in process, no
 * sockets: 20 services, 20 skills; each agent holds 6 of them at levels 1-10, in two services;
 * each interaction requires 3 skills (2 required at levels 1-5, 1 optional at levels 6-10) and its
 * service relaxes optional skills after 1 s of waiting, so some work waits and is routed when
 * its optional skill relaxes (`relaxed` counts those decisions). Agents and requirements come
 * from a seeded generator: every run routes the same work.
 */
import type { SkillRequirement } from '../../src/protocol';
import type { Effect } from '../../src/routing/engine/effects';
import { DEFAULT_SETTINGS, Engine } from '../../src/routing/engine/engine';
import { MemoryStore } from '../../src/routing/store/memoryStore';
import { nowMs, round } from './loopback';

const SERVICES = 20;
const SKILLS = 20;
const SKILLS_PER_AGENT = 8;
const RELAX_SECONDS = 1;

/** A small seeded generator (mulberry32): the same agents and work on every run. */
function seeded(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * below);
  };
}

const SKILL_IDS = Array.from({ length: SKILLS }, (_, k) => `k${k}`);

/** `count` different skills, picked at random (the harness's own cost kept small). */
function someSkills(random: (below: number) => number, count: number): string[] {
  const picked: string[] = [];
  while (picked.length < count) {
    const skill = SKILL_IDS[random(SKILLS)] as string;
    if (!picked.includes(skill)) picked.push(skill);
  }
  return picked;
}

export interface SkillsFigures {
  readonly agents: number;
  readonly perSec: number;
  readonly costUs: number;
  /** CPU microseconds per decision (process.cpuUsage over the timed window). */
  readonly cpuUs: number;
  /** Decisions made when an optional skill relaxed (a timer), not on arrival. */
  readonly relaxed: number;
}

/** Routing decisions per second with skills, `agents` agents. */
export function skillsDecisionsPerSecond(agents: number): SkillsFigures {
  const random = seeded(20_261_201);
  let clock = 1_795_000_000_000;
  let ids = 0;
  const engine = new Engine(
    new MemoryStore(),
    { now: () => clock },
    (prefix) => `${prefix}-${++ids}`,
  );
  engine.createAccount('a', 'A', {
    ...DEFAULT_SETTINGS,
    wrapSeconds: 0,
    weights: { live: 100, 'semi-live': 1, 'non-live': 1 },
  });
  for (let k = 0; k < SKILLS; k++) engine.defineSkill('a', { id: `k${k}`, name: `Skill ${k}` });
  const services = Array.from({ length: SERVICES }, (_, i) => `s${i}`);
  for (const id of services) {
    engine.createService('a', id, id);
    engine.setServiceSkills('a', id, { requirements: [], relaxSeconds: RELAX_SECONDS });
  }
  for (let n = 0; n < agents; n++) {
    const id = `g${n}`;
    engine.createAgent('a', {
      id,
      name: `Agent ${n}`,
      services: [services[n % SERVICES] as string, services[(n + 7) % SERVICES] as string],
      state: 'ready',
    });
    engine.setAgentSkills(
      'a',
      id,
      someSkills(random, SKILLS_PER_AGENT).map((skill) => ({ skill, level: 1 + random(10) })),
    );
  }
  engine.takeEffects();
  const requirements = (): SkillRequirement[] => {
    const [a, b, c] = someSkills(random, 3) as [string, string, string];
    return [
      { skill: a, level: 1 + random(5), optional: false },
      { skill: b, level: 1 + random(5), optional: false },
      { skill: c, level: 6 + random(5), optional: true },
    ];
  };
  let n = 0;
  // Each assignment is released at once, so the load stays the same whatever the agents.
  const releaseAll = (effects: readonly Effect[]) => {
    let assigned = 0;
    for (const effect of effects) {
      if (effect.kind !== 'event' || effect.event.type !== 'interaction.added') continue;
      assigned++;
      const { id, version } = effect.event.interaction;
      engine.command('a', effect.agentId, {
        v: 1,
        type: 'release',
        id: `r${++n}`,
        interactionId: id,
        version,
      });
    }
    engine.takeEffects();
    return assigned;
  };
  let relaxed = 0;
  const cycle = () => {
    clock += 1;
    const due = engine.nextDueAt();
    if (due !== undefined && due <= clock) {
      engine.tick();
      relaxed += releaseAll(engine.takeEffects());
    }
    engine.arrive('a', {
      channel: 'chat',
      serviceId: services[random(SERVICES)] as string,
      customer: { name: `C ${n}`, phone: null, email: null },
      record: null,
      searchKeys: [],
      subject: null,
      priority: random(10),
      skills: requirements(),
    });
    releaseAll(engine.takeEffects());
  };
  // Warm up past the first relaxations, then time at most 2 s.
  for (let i = 0; i < RELAX_SECONDS * 1000 + 2000; i++) cycle();
  const before = engine.decisions;
  relaxed = 0;
  const start = nowMs();
  const cpu = process.cpuUsage();
  for (let i = 0; nowMs() - start < 2000 && i < 1_000_000;) {
    for (let j = 0; j < 500; j++, i++) cycle();
  }
  const used = process.cpuUsage(cpu);
  const seconds = (nowMs() - start) / 1000;
  const decisions = engine.decisions - before;
  return {
    agents,
    perSec: Math.round(decisions / seconds),
    costUs: round((seconds * 1e6) / decisions, 2),
    cpuUs: round((used.user + used.system) / decisions, 2),
    relaxed,
  };
}
