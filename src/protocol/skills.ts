/**
 * Skills-based routing, as the admin API configures it: skills an admin defines, the levels (1-10)
 * agents hold them at, and the skills a service or an interaction requires with a minimum level.
 * An optional requirement is dropped once the interaction has waited the service's relaxation time.
 */
import * as limit from './limits';
import type { Infer } from './schema';
import { bool, int, list, object } from './schema';
import { id, name } from './messages';

export const skillLevel = int(limit.MIN_SKILL_LEVEL, limit.MAX_SKILL_LEVEL);

/** A skill the admin defined for the account. */
export const skill = object({ id, name });

/** A skill an agent holds, at a level. */
export const agentSkill = object({ skill: id, level: skillLevel });

/** A skill a service or an interaction requires, at a minimum level; optional ones relax. */
export const skillRequirement = object({ skill: id, level: skillLevel, optional: bool });

export const agentSkills = list(agentSkill, 0, limit.MAX_AGENT_SKILLS);
export const skillRequirements = list(skillRequirement, 0, limit.MAX_SKILL_REQUIREMENTS);

/** How a service routes by skill: what it requires of every interaction, and when optional skills relax. */
export const serviceSkills = object({
  requirements: skillRequirements,
  relaxSeconds: int(0, limit.MAX_RELAX_SECONDS),
});

export type Skill = Infer<typeof skill>;
export type AgentSkill = Infer<typeof agentSkill>;
export type SkillRequirement = Infer<typeof skillRequirement>;
export type ServiceSkills = Infer<typeof serviceSkills>;
