/**
 * Skills-based routing: which agents qualify for a waiting interaction, found through an index and
 * never by scanning the agents. An agent who can take one more interaction of a kind at a service
 * sits in that service's eligible index (routing.ts) and, for each skill it holds, in the skill
 * index of the service at exactly its level, longest idle first (skillIndex.ts: in memory, skills
 * numbered, levels as arrays). A decision picks the requirement the fewest agents meet, walks its
 * heaps merged in idle order and takes the first agent who meets every other requirement too.
 *
 * Requirements are the service's and the interaction's own (the higher level of the two; optional
 * only when optional in both), numbered once per interaction and service configuration. Optional
 * ones are dropped once the interaction has waited the service's relaxation time (since
 * `enqueuedAt`, which a re-queue keeps); a `skills-relax` timer routes it again then.
 *
 * The skill index is derived from the store: the agents' skills and services and the eligible
 * indexes. The engine keeps it in step as it changes them (`indexSkills`, `unindexSkills`), and
 * builds it again from the store when the store's epoch moved (a rollback, commits applied from
 * the shared log, a reload), forgetting then what it learnt of unmatched work.
 */
import type { Kind, SkillRequirement } from '../../protocol';
import { KINDS } from '../../protocol';
import type { AgentRecord, InteractionRecord, ServiceRecord } from '../store/store';
import type { EngineCore } from './core';
import * as hours from './hours';
import type { Need } from './skillIndex';
import { SkillIndex } from './skillIndex';

/**
 * How far down a service's queue of one kind a decision looks for work some eligible agent is
 * skilled for, when the first waiting interactions have nobody qualified.
 */
export const LOOKAHEAD = 20;

const NO_SKILLS: Readonly<Record<string, number>> = Object.freeze({});

/** The agent's skills, skill id to level. */
export function levelsOf(agent: AgentRecord): Readonly<Record<string, number>> {
  return agent.skills ?? NO_SKILLS;
}

/** A bit per kind, for the kinds an agent can take (`indexSkills`). */
export const KIND_BITS: Readonly<Record<Kind, number>> = Object.fromEntries(
  KINDS.map((kind, i) => [kind, 1 << i]),
) as Record<Kind, number>;

/** The account's skill index, built from the store when there is none or the store's epoch moved. */
function indexOf(core: EngineCore, accountId: string): SkillIndex {
  const epoch = core.store.epoch();
  const index = core.skillIndexes.get(accountId);
  if (index !== undefined && index.epoch === epoch) return index;
  const built = new SkillIndex(epoch);
  // What was learnt of unmatched work was counted against the index it was learnt with.
  core.unmatched.clear();
  for (const agent of core.store.agents(accountId)) {
    let kinds = 0;
    for (const kind of KINDS) {
      if (
        agent.services.some((id) =>
          core.store.rankHas(core.keys.eligible(accountId, id, kind), agent.id),
        )
      )
        kinds |= KIND_BITS[kind];
    }
    if (kinds !== 0) {
      built.join(agent.id, agent.services, levelsOf(agent), kinds, agent.idleSince);
    }
  }
  core.skillIndexes.set(accountId, built);
  return built;
}

/**
 * Keeps the agent in the skill indexes of its services exactly while it can take one more
 * interaction of some kind there: `kinds` has a bit (`KIND_BITS`) for each kind it can take now,
 * which is what puts it in the services' eligible indexes (routing.ts `reindex`).
 */
export function indexSkills(core: EngineCore, agent: AgentRecord, kinds: number): void {
  const index = indexOf(core, agent.accountId);
  const levels = levelsOf(agent);
  if (kinds === 0) index.leave(agent.id);
  // Already in with these services and skills: it stays, ranked by its idle time now.
  else if (!index.refresh(agent.id, agent.services, levels, kinds, agent.idleSince)) {
    index.join(agent.id, agent.services, levels, kinds, agent.idleSince);
  }
}

/**
 * The kinds whose eligible indexes hold the agent at each of its services, ranked by its idle time
 * now, as its last reindex left them (`indexSkills` told the skill index then); -1 when not
 * known (it was not indexed since its services, skills or idle time changed, or it left).
 */
export function indexedKinds(core: EngineCore, agent: AgentRecord): number {
  return indexOf(core, agent.accountId).toldKinds(agent.id, agent.services, agent.idleSince);
}

/** Takes the agent out of every skill index (before its skills or services change). */
export function unindexSkills(core: EngineCore, agent: AgentRecord): void {
  indexOf(core, agent.accountId).leave(agent.id);
}

/** What the interaction requires now at the service: merged, optional ones gone once relaxed. */
export function requirementsOf(
  record: InteractionRecord,
  service: ServiceRecord | undefined,
  now: number,
): SkillRequirement[] {
  const own = record.skills ?? [];
  const config = service?.skills;
  if (own.length === 0 && (config === undefined || config.requirements.length === 0)) return [];
  const merged = mergeRequirements(config?.requirements ?? [], own);
  if (!relaxed(record, service, now)) return merged;
  return merged.filter((requirement) => !requirement.optional);
}

/** The service's and the interaction's requirements as one list, a skill once. */
export function mergeRequirements(
  a: readonly SkillRequirement[],
  b: readonly SkillRequirement[],
): SkillRequirement[] {
  // Most often one of them is empty and the other names each skill once: it is the answer.
  if (a.length === 0 && eachOnce(b)) return b.slice();
  if (b.length === 0 && eachOnce(a)) return a.slice();
  const bySkill = new Map<string, SkillRequirement>();
  for (const requirement of [...a, ...b]) {
    const seen = bySkill.get(requirement.skill);
    bySkill.set(
      requirement.skill,
      seen === undefined
        ? requirement
        : {
            skill: requirement.skill,
            level: Math.max(seen.level, requirement.level),
            optional: seen.optional && requirement.optional,
          },
    );
  }
  return [...bySkill.values()];
}

/** Whether no skill is named twice (a few requirements: compared pairwise). */
function eachOnce(requirements: readonly SkillRequirement[]): boolean {
  for (let i = 1; i < requirements.length; i++) {
    const skill = (requirements[i] as SkillRequirement).skill;
    for (let j = 0; j < i; j++)
      if ((requirements[j] as SkillRequirement).skill === skill) return false;
  }
  return true;
}

/** Whether the interaction has waited the service's relaxation time. */
function relaxed(record: InteractionRecord, service: ServiceRecord | undefined, now: number) {
  const seconds = service?.skills?.relaxSeconds ?? 0;
  return now - record.interaction.enqueuedAt >= seconds * 1000;
}

/** Whether the agent holds every required skill at its level or above. */
export function qualifies(agent: AgentRecord, requirements: readonly SkillRequirement[]): boolean {
  const levels = levelsOf(agent);
  // A plain loop: this runs for every agent a decision walks past.
  for (const requirement of requirements) {
    if ((levels[requirement.skill] ?? 0) < requirement.level) return false;
  }
  return true;
}

/**
 * Why nobody was found for waiting work: the requirement whose heaps were walked (every agent who
 * could qualify is in them), whether its optional skills had relaxed, and the index's and the
 * store's counts of additions then. While no agent has joined those heaps or the kind's eligible
 * index since, nobody qualifies still.
 */
export interface Unmatched {
  readonly need: Need;
  /** Whether its optional skills had relaxed. */
  readonly relaxed: boolean;
  /** `SkillIndex.additionsSoFar()` before the walk. */
  readonly at: number;
  /** `Store.rankAdditions()` before the walk. */
  readonly eligibleAt: number;
}

/** The interaction's requirements at its service, numbered: all of them, and once relaxed. */
interface Needs {
  readonly own: readonly SkillRequirement[] | undefined;
  readonly config: ServiceRecord['skills'];
  readonly all: readonly Need[];
  readonly required: readonly Need[];
}

/**
 * The interaction's requirements numbered, once per interaction and service configuration: kept
 * (`index.needs`) by `tryOne` only for work that waits, as most is routed at its first look.
 */
function needsOf(index: SkillIndex, record: InteractionRecord, service: ServiceRecord | undefined) {
  const own = record.skills;
  const config = service?.skills;
  const known = index.needs.get(record) as Needs | undefined;
  if (known !== undefined && known.own === own && known.config === config) return known;
  const merged = mergeRequirements(config?.requirements ?? [], own ?? []);
  const all: Need[] = [];
  const required: Need[] = [];
  for (const requirement of merged) {
    const need = { skill: index.skillNumber(requirement.skill), level: requirement.level };
    all.push(need);
    if (!requirement.optional) required.push(need);
  }
  const needs: Needs = { own, config, all, required };
  return needs;
}

/**
 * What stays the same while one queue is looked at (`pickAmong` changes nothing until it answers):
 * read once for the waiting work it looks past, not once per interaction.
 */
interface Look {
  readonly index: SkillIndex;
  /** `Store.rankLastAdded` of the place's eligible index. */
  readonly eligibleLast: number;
  /** `SkillIndex.lastJoinAt` of the place's service. */
  readonly lastJoin: number;
}

/** The place's look, read on first need. */
function lookAt(core: EngineCore, place: Place): Look {
  if (place.look === null) {
    const index = indexOf(core, place.accountId);
    place.look = {
      index,
      eligibleLast: core.store.rankLastAdded(place.eligible),
      lastJoin: index.lastJoinAt(place.serviceId),
    };
  }
  return place.look;
}

/** Whether waiting work nobody was skilled for still has nobody: no agent joined its heaps since. */
function stillUnmatched(look: Look, serviceId: string, memo: Unmatched): boolean {
  // An agent of the skill heaps who could not take this kind may be able to now.
  if (look.eligibleLast > memo.eligibleAt) return false;
  // Nobody joined any heap of the service since, let alone this work's.
  if (look.lastJoin <= memo.at) return true;
  return !look.index.joinedSince(serviceId, memo.need, memo.at);
}

/** Who else decides whether an agent may be given an interaction (offers declined lately). */
export interface Choice {
  /** The first agent of an eligible index who may take the interaction (default: the first). */
  readonly first?: (core: EngineCore, record: InteractionRecord, key: string) => string | undefined;
  /** Whether this agent may take the interaction (default: yes). */
  readonly may?: (core: EngineCore, record: InteractionRecord, agentId: string) => boolean;
}

/**
 * The first waiting interaction of the service's queue of one kind (within LOOKAHEAD) that an
 * eligible agent is skilled for, with that agent; none when there is none.
 */
export function pickWork(
  core: EngineCore,
  accountId: string,
  serviceId: string,
  kind: Kind,
  choice: Choice = {},
): { record: InteractionRecord; agentId: string } | undefined {
  const keys = core.keys.of(accountId, serviceId);
  const queue = keys.queue[kind];
  const head = core.store.rankFirst(queue);
  if (head === undefined) return undefined;
  const eligible = keys.eligible[kind];
  if (core.store.rankSize(eligible) === 0) return undefined;
  const service = core.store.service(accountId, serviceId);
  const now = core.clock.now();
  // A closed service assigns nothing; its work is routed again when it opens.
  if (service?.hours && !hours.isOpen(service.hours, now)) {
    hours.wakeAtOpening(core, service);
    return undefined;
  }
  return pickAmong(
    core,
    { accountId, serviceId, kind, queue, eligible, service, now, look: null },
    head,
    choice,
  );
}

/** Where `pickAmong` looks: a service's queue and eligible index of one kind, now. */
interface Place {
  readonly accountId: string;
  readonly serviceId: string;
  readonly kind: Kind;
  readonly queue: string;
  readonly eligible: string;
  readonly service: ServiceRecord | undefined;
  readonly now: number;
  /** Read once it is needed (`lookAt`). */
  look: Look | null;
}

/** Work found for an agent. */
type Picked = { record: InteractionRecord; agentId: string } | undefined;

/**
 * `pickWork` once there is work and someone eligible at an open service. Plain functions, no
 * closures made per call: routing looks at queues many times per decision.
 */
function pickAmong(core: EngineCore, place: Place, head: string, choice: Choice): Picked {
  const found = tryOne(core, place, choice, head);
  if (found !== undefined || core.store.rankSize(place.queue) === 1) return found;
  // The head waits for someone skilled: look at the next few, without changing the queue.
  const ids: string[] = [];
  for (const [id] of core.store.rankWalk(place.queue)) {
    if (ids.length > LOOKAHEAD) break;
    ids.push(id);
  }
  for (let i = 1; i < ids.length; i++) {
    const next = tryOne(core, place, choice, ids[i] as string);
    if (next !== undefined) return next;
  }
  return undefined;
}

/** Work that requires no skill now goes to the first agent of the eligible index `first` picks. */
function firstEligible(
  core: EngineCore,
  eligible: string,
  first: Choice['first'],
  record: InteractionRecord,
): Picked {
  const agentId =
    first === undefined ? core.store.rankFirst(eligible) : first(core, record, eligible);
  return agentId === undefined ? undefined : { record, agentId };
}

/** The interaction `id` of the place's queue, with the agent to take it now, if any. */
function tryOne(core: EngineCore, place: Place, choice: Choice, id: string): Picked {
  const { accountId, serviceId, eligible, service, now } = place;
  const { first, may } = choice;
  const record = core.store.interaction(id) as InteractionRecord;
  if (record.skills === undefined && (service?.skills?.requirements.length ?? 0) === 0) {
    return firstEligible(core, eligible, first, record);
  }
  const look = lookAt(core, place);
  const index = look.index;
  const isRelaxed = relaxed(record, service, now);
  const memo = core.unmatched.get(id);
  if (memo !== undefined && memo.relaxed === isRelaxed) {
    if (stillUnmatched(look, serviceId, memo)) return undefined;
  }
  const numbered = needsOf(index, record, service);
  const needs = isRelaxed ? numbered.required : numbered.all;
  if (needs.length === 0) return firstEligible(core, eligible, first, record);
  let sure = true;
  const eligibleAt = core.store.rankAdditions();
  const found = index.find(serviceId, needs, KIND_BITS[place.kind], (agentId) => {
    const agent = core.store.agent(accountId, agentId);
    // The index is a filter: the store says whether the agent can take this kind now.
    if (agent === undefined || !core.store.rankHas(eligible, agentId)) return null;
    if (may !== undefined && !may(core, record, agentId)) {
      sure = false;
      return null;
    }
    return agent.idleSince;
  });
  if (found.agentId !== null) return { record, agentId: found.agentId };
  if (index.needs.get(record) !== numbered) index.needs.set(record, numbered);
  if (sure && found.narrowest !== null) {
    core.unmatched.set(id, { need: found.narrowest, relaxed: isRelaxed, at: found.at, eligibleAt });
  }
  return undefined;
}

/** Waiting with optional skills: routes it again when they relax. */
export function relaxLater(
  core: EngineCore,
  record: InteractionRecord,
  service: ServiceRecord,
): void {
  const config = service.skills;
  const optional =
    (config?.requirements ?? []).some((requirement) => requirement.optional) ||
    (record.skills ?? []).some((requirement) => requirement.optional);
  if (!optional) return;
  const dueAt = record.interaction.enqueuedAt + (config?.relaxSeconds ?? 0) * 1000;
  const now = core.clock.now();
  if (dueAt <= now) return;
  const seconds = (dueAt - now) / 1000;
  core.startTimerIfStillWaiting(record.accountId, 'skills-relax', record.interaction.id, seconds);
}

/** No longer waiting: its relaxation timer and what was learnt of it go. */
export function forgetRelax(core: EngineCore, record: InteractionRecord): void {
  core.stopTimer('skills-relax', record.interaction.id);
  core.unmatched.delete(record.interaction.id);
}

/** The relaxation time passed: route the service's queues again if it still waits. */
export function relaxNow(core: EngineCore, interactionId: string): void {
  const record = core.store.interaction(interactionId);
  if (record?.place.kind === 'queued') core.recheckServiceQueue(record.place.serviceId);
}
