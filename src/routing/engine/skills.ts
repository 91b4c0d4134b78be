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
import { KINDS, MAX_SKILL_LEVEL } from '../../protocol';
import type { Rank } from '../store/rankedSet';
import { compareRanks } from '../store/rankedSet';
import type { AgentRecord, InteractionRecord, ServiceRecord } from '../store/store';
import type { EngineCore } from './core';
import * as hours from './hours';
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

/**
 * Keeps the agent in the skill indexes of each of its services exactly while it can take one more
 * interaction of some kind there (it is in one of the service's eligible indexes).
 */
export function indexSkills(core: EngineCore, agent: AgentRecord): void {
  for (const serviceId of agent.services) {
    const eligible = KINDS.some((kind) =>
      core.store.rankHas(eligibleKey(agent.accountId, serviceId, kind), agent.id),
    );
    placeInSkills(core, agent, serviceId, eligible);
  }
}

function placeInSkills(
  core: EngineCore,
  agent: AgentRecord,
  serviceId: string,
  eligible: boolean,
): void {
  const held = Object.entries(levelsOf(agent));
  const [first] = held;
  if (first === undefined) return;
  // An agent joins and leaves its skill indexes all together: the first says where it is. Its
  // rank there is when it joined; a walk puts it right when it passes it (findAgent).
  const rank = core.store.rankOf(
    skillKey(agent.accountId, serviceId, first[0], first[1]),
    agent.id,
  );
  if (eligible === (rank !== undefined)) return;
  for (const [skill, level] of held) {
    const key = skillKey(agent.accountId, serviceId, skill, level);
    if (eligible) core.store.rankAdd(key, agent.id, [agent.idleSince]);
    else core.store.rankRemove(key, agent.id);
  }
}

/** Takes the agent out of every skill index (before its skills or services change). */
export function unindexSkills(core: EngineCore, agent: AgentRecord): void {
  for (const serviceId of agent.services) placeInSkills(core, agent, serviceId, false);
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
 * Why nobody was found for waiting work: the requirement the fewest agents met (every agent who
 * could qualify is in its indexes), whether its optional skills had relaxed, and the store's count
 * of index additions then. While no agent has joined those indexes since, nobody qualifies still.
 */
export interface Unmatched {
  readonly skill: string;
  readonly level: number;
  /** Whether its optional skills had relaxed. */
  readonly relaxed: boolean;
  readonly at: number;
}

/**
 * The longest idle agent eligible at the service for the kind who meets the requirements, or why
 * there is none (`sure`: no agent was passed over for another reason, so the answer stands until
 * an agent joins the indexes). Reads the narrowest requirement's indexes only, in idle order.
 */
function findAgent(
  core: EngineCore,
  accountId: string,
  serviceId: string,
  kind: Kind,
  requirements: readonly SkillRequirement[],
  may: ((agentId: string) => boolean) | undefined,
): string | (Omit<Unmatched, 'relaxed'> & { readonly sure: boolean }) {
  const at = core.store.rankAdditions();
  let narrowest: { keys: string[]; requirement: SkillRequirement } | null = null;
  let fewest = Infinity;
  for (const requirement of requirements) {
    const keys: string[] = [];
    let count = 0;
    for (let level = requirement.level; level <= MAX_SKILL_LEVEL; level++) {
      const key = skillKey(accountId, serviceId, requirement.skill, level);
      const size = core.store.rankSize(key);
      if (size > 0) keys.push(key);
      count += size;
    }
    if (count < fewest) {
      fewest = count;
      narrowest = { keys, requirement };
    }
    if (count === 0) break;
  }
  const { keys, requirement } = narrowest as NonNullable<typeof narrowest>;
  let sure = true;
  const eligible = eligibleKey(accountId, serviceId, kind);
  // Ranks in skill indexes may be older than the agents' idle times (never newer: an idle time
  // only grows), so the walk keeps the longest idle qualifying agent found and stops once the
  // next rank is no older than its idle time: nobody after it can be idle longer.
  let best: { readonly id: string; readonly idle: number } | null = null;
  const behind: [key: string, agentId: string, idle: number][] = [];
  for (const [agentId, rank, key] of merged(keys.map((key) => [key, core.store.rankWalk(key)]))) {
    const ranked = rank[0] as number;
    if (best !== null && ranked >= best.idle) break;
    const agent = core.store.agent(accountId, agentId);
    if (agent === undefined) continue;
    if (agent.idleSince !== ranked) behind.push([key, agentId, agent.idleSince]);
    // In the skill index for some kind: it must be able to take this kind too.
    if (!core.store.rankHas(eligible, agentId) || !qualifies(agent, requirements)) continue;
    if (may !== undefined && !may(agentId)) {
      sure = false;
      continue;
    }
    if (best === null || agent.idleSince < best.idle) best = { id: agentId, idle: agent.idleSince };
  }
  // The ranks passed are put right now that the walk is over.
  for (const [key, agentId, idle] of behind) core.store.rankAdd(key, agentId, [idle]);
  if (best !== null) return best.id;
  const { skill, level } = requirement;
  return { skill, level, at, sure };
}

/** Whether waiting work nobody was skilled for still has nobody: no agent joined its indexes since. */
function stillUnmatched(
  core: EngineCore,
  accountId: string,
  serviceId: string,
  kind: Kind,
  memo: Unmatched,
): boolean {
  // An agent of the skill indexes who could not take this kind may be able to now.
  if (core.store.rankLastAdded(eligibleKey(accountId, serviceId, kind)) > memo.at) return false;
  for (let level = memo.level; level <= MAX_SKILL_LEVEL; level++) {
    const key = skillKey(accountId, serviceId, memo.skill, level);
    if (core.store.rankLastAdded(key) > memo.at) return false;
  }
  return true;
}

/** Members of several ranked walks (each named by its key), merged in rank order. */
function* merged(
  walks: (readonly [string, Iterable<readonly [string, Rank]>])[],
): Generator<readonly [string, Rank, string]> {
  if (walks.length === 1) {
    const [key, walk] = walks[0] as (typeof walks)[number];
    for (const [member, rank] of walk) yield [member, rank, key];
    return;
  }
  const iterators = walks.map(([, walk]) => walk[Symbol.iterator]());
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
    const [member, rank] = (heads[best] as IteratorYieldResult<readonly [string, Rank]>).value;
    yield [member, rank, (walks[best] as (typeof walks)[number])[0]];
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
  // A closed service assigns nothing; its work is routed again when it opens.
  if (service?.hours && !hours.isOpen(service.hours, now)) {
    hours.wakeAtOpening(core, service);
    return undefined;
  }
  const tryOne = (id: string) => {
    const record = core.store.interaction(id) as InteractionRecord;
    const memo = core.unmatched.get(id);
    const isRelaxed = relaxed(record, service, now);
    if (memo !== undefined && memo.relaxed === isRelaxed) {
      if (stillUnmatched(core, accountId, serviceId, kind, memo)) return undefined;
    }
    const requirements = requirementsOf(record, service, now);
    const { first, may } = choice;
    if (requirements.length === 0) {
      const key = eligibleKey(accountId, serviceId, kind);
      const agentId = first === undefined ? core.store.rankFirst(key) : first(record, key);
      return agentId === undefined ? undefined : { record, agentId };
    }
    const found = findAgent(
      core,
      accountId,
      serviceId,
      kind,
      requirements,
      may && ((agentId) => may(record, agentId)),
    );
    if (typeof found === 'string') return { record, agentId: found };
    if (found.sure) {
      const { skill, level, at } = found;
      core.unmatched.set(id, { skill, level, relaxed: isRelaxed, at });
    }
    return undefined;
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

/** No longer waiting: its relaxation timer and what was learnt of it go. */
export function forgetRelax(core: EngineCore, record: InteractionRecord): void {
  core.store.deleteTimer(timerId('skills-relax', record.interaction.id));
  core.unmatched.delete(record.interaction.id);
}

/** The relaxation time passed: route the service's queues again if it still waits. */
export function relaxNow(core: EngineCore, interactionId: string): void {
  const record = core.store.interaction(interactionId);
  if (record?.place.kind === 'queued') core.recheckServiceQueue(record.place.serviceId);
}
