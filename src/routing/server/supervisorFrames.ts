/**
 * Supervisor figures as events: a snapshot in parts and changes in frames, each frame kept well
 * under the protocol's frame size (entries are packed by their text length) and its entry count.
 */
import type { AgentStats, ServiceStats } from '../../protocol';
import { MAX_SUPERVISOR_ENTRIES_PER_FRAME } from '../../protocol';
import type { EventBody } from '../engine/effects';

/** Characters of entries packed into one frame (the protocol allows 1 MiB). */
const FRAME_BUDGET = 512 * 1024;

interface Pack {
  services: ServiceStats[];
  agents: AgentStats[];
}

/** Services then agents, packed into as few frames as fit (at least one, maybe empty). */
function pack(services: readonly ServiceStats[], agents: readonly AgentStats[]): Pack[] {
  const packs: Pack[] = [{ services: [], agents: [] }];
  let size = 0;
  let count = 0;
  const add = (kind: keyof Pack, entry: ServiceStats | AgentStats) => {
    const length = JSON.stringify(entry).length;
    if (count > 0 && (size + length > FRAME_BUDGET || count >= MAX_SUPERVISOR_ENTRIES_PER_FRAME)) {
      packs.push({ services: [], agents: [] });
      size = 0;
      count = 0;
    }
    (packs[packs.length - 1] as Pack)[kind].push(entry as never);
    size += length;
    count++;
  };
  for (const service of services) add('services', service);
  for (const agent of agents) add('agents', agent);
  return packs;
}

/** The whole picture as `supervisor.snapshot` parts. */
export function supervisorSnapshot(
  at: number,
  awayReasons: readonly string[],
  services: readonly ServiceStats[],
  agents: readonly AgentStats[],
): EventBody[] {
  const packs = pack(services, agents);
  return packs.map((part, index) => ({
    type: 'supervisor.snapshot',
    at,
    part: index,
    parts: packs.length,
    awayReasons: [...awayReasons],
    ...part,
  }));
}

/**
 * What changed as `supervisor.changed` frames (the Away reasons, when they changed, and the ids
 * gone go in the first).
 */
export function supervisorChanges(
  at: number,
  awayReasons: readonly string[] | null,
  services: readonly ServiceStats[],
  agents: readonly AgentStats[],
  removedServices: readonly string[],
  removedAgents: readonly string[],
): EventBody[] {
  const removed = (ids: readonly string[], from: number) =>
    ids.slice(from, from + MAX_SUPERVISOR_ENTRIES_PER_FRAME);
  const packs = pack(services, agents);
  const frames = Math.max(
    packs.length,
    Math.ceil(removedServices.length / MAX_SUPERVISOR_ENTRIES_PER_FRAME),
    Math.ceil(removedAgents.length / MAX_SUPERVISOR_ENTRIES_PER_FRAME),
  );
  const bodies: EventBody[] = [];
  for (let i = 0; i < frames; i++) {
    const part = packs[i] ?? { services: [], agents: [] };
    bodies.push({
      type: 'supervisor.changed',
      at,
      awayReasons: i === 0 && awayReasons !== null ? [...awayReasons] : null,
      ...part,
      removedServices: removed(removedServices, i * MAX_SUPERVISOR_ENTRIES_PER_FRAME),
      removedAgents: removed(removedAgents, i * MAX_SUPERVISOR_ENTRIES_PER_FRAME),
    });
  }
  return bodies;
}
