/**
 * The skill index of one account, in the engine's memory: for each service, skill and level, the
 * agents who hold that skill at exactly that level and can take more work at the service, longest
 * idle first, ties by join order (idleQueue.ts: a list in rank order, to whose end an agent given
 * work moves in a few steps, and a heap for the rest; "heap" below means one such queue). Skills are numbered as they are first seen and an
 * agent's levels are an array by skill number, so a decision reads no record and builds no string
 * until it has a candidate.
 *
 * A decision takes the requirement the fewest agents meet (the heap sizes at or above its level,
 * kept per service in a plain array beside the heaps), walks those heaps merged in rank order and
 * checks the other requirements and the kind against the agent's levels and kinds. Each place in
 * a heap carries a mask of its agent's skills: an agent without every required skill is passed
 * over without reading it (most of those a walk passes). A rank is the agent's idle time as the
 * index was last told (`join`, `update`): an idle time only grows, so a rank is never newer than
 * it, and the walk stops at the first rank no older than the idle time of the best agent found.
 * Ranks the walk finds behind are put right after it.
 *
 * What it holds is derived from the store (skills.ts keeps it in step and rebuilds it when the
 * store changed other than through the engine); it is never written to the store.
 */
import { MAX_SKILL_LEVEL } from '../../protocol';
import type { QueueNode } from './idleQueue';
import { before as nodeBefore, IdleQueue, IN_LIST as NODE_IN_LIST } from './idleQueue';
import { popFrontier as frontierPop, pushFrontier as frontierPush } from '../store/listHeap';

type Node = QueueNode<Member>;
type Heap = IdleQueue<Member>;

const LEVELS = MAX_SKILL_LEVEL + 1;

/** Skill numbers share the bits of a mask modulo this (a small integer's bits). */
const MASK_BITS = 30;

/** The mask bit of a skill number: a member holding the skill has it in its nodes' masks. */
function bitOf(skill: number): number {
  return 1 << (skill % MASK_BITS);
}

// Read once: the service runs as CommonJS, where each read of an imported binding is a call, and
// a walk compares nodes many times.
const before = nodeBefore;
const IN_LIST = NODE_IN_LIST;
const pushFrontier = frontierPush;
const popFrontier = frontierPop;

/** A requirement with its skill numbered (`SkillIndex.skillNumber`). */
export interface Need {
  readonly skill: number;
  readonly level: number;
}

/** One agent of the index. */
interface Member {
  readonly id: string;
  /** The services and levels it joined with (compared by identity: `holds`). */
  readonly services: readonly string[];
  readonly source: Readonly<Record<string, number>>;
  /** Level by skill number (0: not held). */
  readonly levels: Uint8Array;
  /** A bit per kind the agent can take now (a filter: the caller confirms with the store). */
  kinds: number;
  /** The rank of each of its nodes: its idle time as the index was last told. */
  idle: number;
  /** Its idle time as `join`, `refresh` or `update` last told it (a walk does not change it). */
  told: number;
  /** Join order: breaks ties between equal ranks. */
  readonly seq: number;
  /** Its places, one per service and skill held. */
  readonly nodes: Node[];
}

/** The answer of `find`: the agent, or why there is none. */
export interface Found {
  /** The longest idle agent who qualifies, or null. */
  readonly agentId: string | null;
  /** The requirement whose heaps were walked (null when there were none). */
  readonly narrowest: Need | null;
  /** `additions()` before the walk. */
  readonly at: number;
}

/**
 * A service's heaps at skill * LEVELS + level, with their sizes and last joins side by side in
 * plain arrays: choosing the narrowest requirement and telling whether someone joined read these,
 * not the heaps.
 */
interface ServiceHeaps {
  readonly heaps: (Heap | undefined)[];
  /** The agents in each heap. */
  readonly sizes: number[];
  /** `additions` when an agent last joined each heap (0: never). */
  readonly joins: number[];
  /** The latest of `joins`. */
  lastJoin: number;
}

export class SkillIndex {
  private readonly numbers = new Map<string, number>();
  private readonly members = new Map<string, Member>();
  private readonly services = new Map<string, ServiceHeaps>();
  private additions = 0;
  private joined = 0;
  /** The merge frontier of a walk (kept to spare allocations). */
  private readonly frontier: Node[] = [];
  private readonly behind: Node[] = [];
  private readonly idles: number[] = [];
  /** What users of the index derive per object from its skill numbers (skills.ts: requirements). */
  readonly needs = new WeakMap<object, unknown>();

  /** The store's epoch this index was built from (skills.ts). */
  constructor(readonly epoch: number) {}

  /** The skill's number in this index (numbered on first sight). */
  skillNumber(skill: string): number {
    let number = this.numbers.get(skill);
    if (number === undefined) {
      number = this.numbers.size;
      this.numbers.set(skill, number);
    }
    return number;
  }

  /**
   * `update` when the agent is in the index with these very services and levels (the same
   * objects); false, changing nothing, when it is not.
   */
  refresh(
    agentId: string,
    services: readonly string[],
    levels: Readonly<Record<string, number>>,
    kinds: number,
    idle: number,
  ): boolean {
    const member = this.members.get(agentId);
    if (member === undefined || member.services !== services || member.source !== levels) {
      return false;
    }
    updateMember(member, kinds, idle);
    return true;
  }

  /**
   * The kinds the agent was last told it can take (`join`, `refresh`, `update`) when that was
   * with these very services and the idle time `idle`; -1 otherwise.
   */
  toldKinds(agentId: string, services: readonly string[], idle: number): number {
    const member = this.members.get(agentId);
    if (member === undefined || member.services !== services || member.told !== idle) return -1;
    return member.kinds;
  }

  /** How many times an agent joined a heap so far. */
  additionsSoFar(): number {
    return this.additions;
  }

  /**
   * The agent joins the heaps of its skills at each of its services, ranked by `idle`, able to
   * take the kinds of `kinds` (a bit each). An agent already in the index leaves first.
   */
  join(
    agentId: string,
    services: readonly string[],
    levels: Readonly<Record<string, number>>,
    kinds: number,
    idle: number,
  ): void {
    this.leave(agentId);
    const held = Object.keys(levels);
    const numbered = held.map((skill) => this.skillNumber(skill));
    const array = new Uint8Array(this.numbers.size);
    let mask = 0;
    held.forEach((skill, i) => {
      const number = numbered[i] as number;
      array[number] = levels[skill] as number;
      mask |= bitOf(number);
    });
    const member: Member = {
      id: agentId,
      services,
      source: levels,
      levels: array,
      kinds,
      idle,
      told: idle,
      seq: ++this.joined,
      nodes: [],
    };
    this.members.set(agentId, member);
    if (held.length === 0) return;
    for (const serviceId of services) {
      let service = this.services.get(serviceId);
      if (service === undefined) {
        service = { heaps: [], sizes: [], joins: [], lastJoin: 0 };
        this.services.set(serviceId, service);
      }
      const { heaps, sizes, joins } = service;
      for (const skill of numbered) {
        const slot = skill * LEVELS + (array[skill] as number);
        while (sizes.length <= slot) {
          heaps.push(undefined);
          sizes.push(0);
          joins.push(0);
        }
        let heap = heaps[slot];
        if (heap === undefined) {
          heap = new IdleQueue<Member>();
          heaps[slot] = heap;
        }
        member.nodes.push(heap.add(member, idle, member.seq, mask));
        sizes[slot] = (sizes[slot] as number) + 1;
        joins[slot] = ++this.additions;
        service.lastJoin = this.additions;
      }
    }
  }

  /** The agent leaves every heap it is in. */
  leave(agentId: string): void {
    const member = this.members.get(agentId);
    if (member === undefined) return;
    for (const node of member.nodes) node.queue.remove(node);
    // Its heaps are at its level of each skill it holds, at each of its services (as it joined).
    const levels = member.levels;
    for (const serviceId of member.nodes.length === 0 ? [] : member.services) {
      const sizes = (this.services.get(serviceId) as ServiceHeaps).sizes;
      for (let skill = 0; skill < levels.length; skill++) {
        const level = levels[skill] as number;
        if (level > 0)
          sizes[skill * LEVELS + level] = (sizes[skill * LEVELS + level] as number) - 1;
      }
    }
    this.members.delete(agentId);
  }

  /** The kinds the agent can take now, and its idle time (its rank: later moves it back). */
  update(agentId: string, kinds: number, idle: number): void {
    const member = this.members.get(agentId);
    if (member !== undefined) updateMember(member, kinds, idle);
  }

  /** Agents of the service in the heaps of the skill at `level` or above. */
  count(serviceId: string, need: Need): number {
    const service = this.services.get(serviceId);
    return service === undefined ? 0 : sizeAtOrAbove(service.sizes, need);
  }

  /** `additionsSoFar()` when an agent last joined a heap of the service (0: never). */
  lastJoinAt(serviceId: string): number {
    return this.services.get(serviceId)?.lastJoin ?? 0;
  }

  /** Whether an agent joined the heaps of the skill at `level` or above after `at`. */
  joinedSince(serviceId: string, need: Need, at: number): boolean {
    const service = this.services.get(serviceId);
    if (service === undefined) return false;
    const joins = service.joins;
    const end = Math.min(need.skill * LEVELS + LEVELS, joins.length);
    for (let slot = need.skill * LEVELS + need.level; slot < end; slot++) {
      if ((joins[slot] as number) > at) return true;
    }
    return false;
  }

  /**
   * The longest idle agent of the service who can take the kind (`kindBit`), meets every need
   * (one at least) and whom `idleOf` accepts: it answers the agent's idle time now, or null when
   * the agent may not take this work.
   */
  find(
    serviceId: string,
    needs: readonly Need[],
    kindBit: number,
    idleOf: (agentId: string) => number | null,
  ): Found {
    const at = this.additions;
    const service = this.services.get(serviceId);
    let narrowest: Need | null = null;
    let fewest = Infinity;
    for (const need of needs) {
      const count = service === undefined ? 0 : sizeAtOrAbove(service.sizes, need);
      if (count < fewest) {
        fewest = count;
        narrowest = need;
      }
      if (count === 0) break;
    }
    if (narrowest === null || service === undefined || fewest === 0) {
      return { agentId: null, narrowest, at };
    }
    // Every need's bit: a node without them all is passed over without reading its member.
    let mask = 0;
    for (const need of needs) mask |= bitOf(need.skill);
    const frontier = this.frontier;
    frontier.length = 0;
    const { heaps, sizes } = service;
    const end = Math.min(narrowest.skill * LEVELS + LEVELS, sizes.length);
    for (let slot = narrowest.skill * LEVELS + narrowest.level; slot < end; slot++) {
      if (sizes[slot] === 0) continue;
      const heap = heaps[slot] as Heap;
      const top = heap.heap[0];
      if (top !== undefined) pushFrontier(frontier, top, before);
      if (heap.first !== null) pushFrontier(frontier, heap.first, before);
    }
    let best: Member | null = null;
    let bestIdle = Infinity;
    const behind = this.behind;
    const idles = this.idles;
    behind.length = 0;
    idles.length = 0;
    while (frontier.length > 0) {
      const node = popFrontier(frontier, before);
      if (node.rank >= bestIdle) break;
      // What follows it: the next in the list, or its children in the heap.
      if (node.at === IN_LIST) {
        if (node.next !== null) pushFrontier(frontier, node.next, before);
      } else {
        const nodes = node.queue.heap;
        const left = 2 * node.at + 1;
        if (left < nodes.length) pushFrontier(frontier, nodes[left] as Node, before);
        if (left + 1 < nodes.length) pushFrontier(frontier, nodes[left + 1] as Node, before);
      }
      if ((node.mask & mask) !== mask) continue;
      const member = node.member;
      if ((member.kinds & kindBit) === 0 || !meets(member.levels, needs, narrowest)) continue;
      const idle = idleOf(member.id);
      if (idle === null) continue;
      if (idle !== node.rank) {
        behind.push(node);
        idles.push(idle);
      }
      if (idle < bestIdle) {
        best = member;
        bestIdle = idle;
      }
    }
    // The ranks found behind are put right, in every heap of the agent, now the walk is over.
    for (let i = 0; i < behind.length; i++)
      rerankAll((behind[i] as Node).member, idles[i] as number);
    return { agentId: best === null ? null : best.id, narrowest, at };
  }

  /** Checks every heap against the members (tests): throws on the first thing out of order. */
  check(): void {
    let nodes = 0;
    for (const { heaps, sizes } of this.services.values()) {
      for (const [slot, heap] of heaps.entries()) {
        if ((heap?.size ?? 0) !== sizes[slot]) throw new Error('a heap miscounted');
        if (heap === undefined) continue;
        nodes += heap.check();
        for (let node = heap.first; node !== null; node = node.next) this.checkMember(node);
        heap.heap.forEach((node) => this.checkMember(node));
      }
    }
    let held = 0;
    for (const member of this.members.values()) held += member.nodes.length;
    if (held !== nodes) throw new Error(`members hold ${held} places, the heaps ${nodes}`);
  }

  private checkMember(node: Node): void {
    if (this.members.get(node.member.id) !== node.member) throw new Error('a node of no member');
  }
}

/** The agents in the heaps of the need's skill at its level or above (`sizes` of a service). */
function sizeAtOrAbove(sizes: readonly number[], need: Need): number {
  let count = 0;
  const end = Math.min(need.skill * LEVELS + LEVELS, sizes.length);
  for (let slot = need.skill * LEVELS + need.level; slot < end; slot++) {
    count += sizes[slot] as number;
  }
  return count;
}

/** The kinds the member can take now, and its idle time (its rank: later moves it back). */
function updateMember(member: Member, kinds: number, idle: number): void {
  member.kinds = kinds;
  member.told = idle;
  // Every node of the member ranks at `member.idle` (join, update and find keep it so).
  if (idle !== member.idle) rerankAll(member, idle);
}

/** Whether the levels meet every need but `met` (the walked heaps' own need). */
function meets(levels: Uint8Array, needs: readonly Need[], met: Need): boolean {
  for (const need of needs) {
    if (need === met) continue;
    if (need.skill >= levels.length || (levels[need.skill] as number) < need.level) return false;
  }
  return true;
}

/** Every node of the member to the rank `idle`. */
function rerankAll(member: Member, idle: number): void {
  for (const node of member.nodes) node.queue.rerank(node, idle);
  member.idle = idle;
}
