/**
 * Skills-based routing: which agents qualify for a waiting interaction, found through indexes and
 * never by scanning the agents. An agent who can take one more interaction of a kind at a service
 * sits in that service's eligible index (routing.ts) and, for each skill it holds, in the index of
 * that skill at exactly its level (`skillKey`), longest idle first. A decision picks the requirement
 * the fewest agents meet (the sizes of its level indexes at or above the minimum), walks those
 * indexes merged in idle order and takes the first agent who meets every other requirement too.
 *
 * Requirements are the service's and the interaction's own (the higher level of the two; optional
 * only when optional in both). Optional ones are dropped once the interaction has waited the
 * service's relaxation time (since `enqueuedAt`, which a re-queue keeps); a `skills-relax` timer
 * routes it again then.
 */
import type { Kind, SkillRequirement } from '../../protocol';
import { MAX_SKILL_LEVEL } from '../../protocol';
import type { Rank } from '../store/rankedSet';
import { compareRanks } from '../store/rankedSet';
import type { AgentRecord, InteractionRecord, ServiceRecord } from '../store/store';
import type { EngineCore } from './core';
import { eligibleKey, queueKey, skillKey, timerId } from './keys';

/**
 * How far down a service's queue of one kind a decision looks for work some eligible agent is
 * skilled for, when the first waiting interactions have nobody qualified.
 */
export const LOOKAHEAD = 20;

/** The agent's skills, skill id to level. */
export function levelsOf(agent: AgentRecord): Readonly<Record<string, number>> {
  return agent.skills ?? {};
}

/** Keeps the agent in the skill indexes of one service and kind exactly while it is eligible there. */
export function indexSkills(
  core: EngineCore,
  agent: AgentRecord,
  serviceId: string,
  kind: Kind,
  eligible: boolean,
): void {
  for (const [skill, level] of Object.entries(levelsOf(agent))) {
    const key = skillKey(agent.accountId, serviceId, kind, skill, level);
    if (eligible) core.store.rankAdd(key, agent.id, [agent.idleSince]);
    else core.store.rankRemove(key, agent.id);
  }
}

/** Takes the agent out of every skill index (before its skills or services change). */
export function unindexSkills(core: EngineCore, agent: AgentRecord, kinds: readonly Kind[]): void {
  for (const serviceId of agent.services) {
    for (const kind of kinds) indexSkills(core, agent, serviceId, kind, false);
  }
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

function relaxed(record: InteractionRecord, service: ServiceRecord | undefined, now: number) {
  const seconds = service?.skills?.relaxSeconds ?? 0;
  return now - record.interaction.enqueuedAt >= seconds * 1000;
}

/** Whether the agent holds every required skill at its level or above. */
export function qualifies(agent: AgentRecord, requirements: readonly SkillRequirement[]): boolean {
  const levels = levelsOf(agent);
  return requirements.every((requirement) => (levels[requirement.skill] ?? 0) >= requirement.level);
}

/**
 * The longest idle agent eligible at the service for the kind who meets the requirements; none
 * when nobody does. Reads the narrowest requirement's indexes only, in idle order.
 */
export function pickAgent(
  core: EngineCore,
  accountId: string,
  serviceId: string,
  kind: Kind,
  requirements: readonly SkillRequirement[],
  may: (agentId: string) => boolean = () => true,
): string | undefined {
  if (requirements.length === 0)
    return core.store.rankFirst(eligibleKey(accountId, serviceId, kind));
  let narrowest: string[] | null = null;
  let fewest = Infinity;
  for (const requirement of requirements) {
    const keys: string[] = [];
    let count = 0;
    for (let level = requirement.level; level <= MAX_SKILL_LEVEL; level++) {
      const key = skillKey(accountId, serviceId, kind, requirement.skill, level);
      const size = core.store.rankSize(key);
      if (size > 0) keys.push(key);
      count += size;
    }
    if (count === 0) return undefined;
    if (count < fewest) {
      fewest = count;
      narrowest = keys;
    }
  }
  for (const agentId of merged((narrowest ?? []).map((key) => core.store.rankWalk(key)))) {
    const agent = core.store.agent(accountId, agentId);
    if (agent !== undefined && qualifies(agent, requirements) && may(agentId)) return agentId;
  }
  return undefined;
}

/** Members of several ranked walks, merged in rank order. */
function* merged(walks: Iterable<readonly [string, Rank]>[]): Generator<string> {
  const iterators = walks.map((walk) => walk[Symbol.iterator]());
  const heads = iterators.map((iterator) => iterator.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i] as IteratorResult<readonly [string, Rank]>;
      if (head.done === true) continue;
      const top =
        best < 0 ? undefined : (heads[best] as IteratorYieldResult<readonly [string, Rank]>);
      if (top === undefined || compareRanks(head.value[1], top.value[1]) < 0) best = i;
    }
    if (best < 0) return;
    yield (heads[best] as IteratorYieldResult<readonly [string, Rank]>).value[0];
    heads[best] = (iterators[best] as Iterator<readonly [string, Rank]>).next();
  }
}

/** Who else decides whether an agent may be given an interaction (offers declined lately). */
export interface Choice {
  /** The first agent of an eligible index who may take the interaction (default: the first). */
  readonly first?: (record: InteractionRecord, key: string) => string | undefined;
  /** Whether this agent may take the interaction (default: yes). */
  readonly may?: (record: InteractionRecord, agentId: string) => boolean;
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
  const queue = queueKey(accountId, serviceId, kind);
  const head = core.store.rankFirst(queue);
  if (head === undefined) return undefined;
  if (core.store.rankSize(eligibleKey(accountId, serviceId, kind)) === 0) return undefined;
  const service = core.store.service(accountId, serviceId);
  const now = core.clock.now();
  const tryOne = (id: string) => {
    const record = core.store.interaction(id) as InteractionRecord;
    const requirements = requirementsOf(record, service, now);
    const { first, may } = choice;
    const agentId =
      requirements.length === 0 && first !== undefined
        ? first(record, eligibleKey(accountId, serviceId, kind))
        : pickAgent(
            core,
            accountId,
            serviceId,
            kind,
            requirements,
            may === undefined ? undefined : (agentId) => may(record, agentId),
          );
    return agentId === undefined ? undefined : { record, agentId };
  };
  const first = tryOne(head);
  if (first !== undefined || core.store.rankSize(queue) === 1) return first;
  // The head waits for someone skilled: look at the next few, without changing the queue.
  const ids: string[] = [];
  for (const [id] of core.store.rankWalk(queue)) {
    if (ids.length > LOOKAHEAD) break;
    ids.push(id);
  }
  for (const id of ids.slice(1)) {
    const found = tryOne(id);
    if (found !== undefined) return found;
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
  core.startTimer(record.accountId, 'skills-relax', record.interaction.id, (dueAt - now) / 1000);
}

/** No longer waiting: its relaxation timer goes. */
export function forgetRelax(core: EngineCore, record: InteractionRecord): void {
  core.store.deleteTimer(timerId('skills-relax', record.interaction.id));
}

/** The relaxation time passed: route the service's queues again if it still waits. */
export function relaxNow(core: EngineCore, interactionId: string): void {
  const record = core.store.interaction(interactionId);
  if (record?.place.kind === 'queued') core.recheckServiceQueue(record.place.serviceId);
}
