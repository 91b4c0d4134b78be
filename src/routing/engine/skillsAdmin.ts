/**
 * Skills as the admin configures them: the account's skills, the levels agents hold them at, what a
 * service requires and when its optional skills relax. Each change is checked whole before anything
 * changes: an unknown skill, a skill named twice or too many skills is a typed error.
 */
import type { AgentSkill, ServiceSkills, Skill } from '../../protocol';
import { KINDS, MAX_SKILLS } from '../../protocol';
import type { AccountRecord } from '../store/store';
import type { EngineCore } from './core';
import { error } from './errors';
import { queueKey } from './keys';
import * as skills from './skills';

/** The account's skills, in the order they were defined. */
export function skillsOf(core: EngineCore, accountId: string): Skill[] {
  return [...(core.account(accountId).skills ?? [])];
}

/** A new skill for the account (`conflict` if its id is taken). */
export function defineSkill(core: EngineCore, accountId: string, skill: Skill): Skill {
  const account = core.account(accountId);
  const known = account.skills ?? [];
  if (known.some((item) => item.id === skill.id)) {
    throw error('conflict', `skill ${skill.id} exists already`, null, 'id');
  }
  if (known.length >= MAX_SKILLS) {
    throw error('not-allowed', `an account has at most ${MAX_SKILLS} skills`, null, 'id');
  }
  account.skills = [...known, { id: skill.id, name: skill.name }];
  core.store.saveAccount(account);
  return skill;
}

/** Throws `not-found` for a skill the account does not have, `bad-field` for one named twice. */
export function checkSkills(
  account: AccountRecord,
  named: readonly { readonly skill: string }[],
  field: string,
): void {
  const skills = account.skills ?? [];
  // Compared in place: what is named is short (requirements, an agent's skills: protocol limits),
  // and every arrival with skills is checked.
  named.forEach((item, index) => {
    if (!skills.some((skill) => skill.id === item.skill)) {
      throw error(
        'not-found',
        `no skill ${item.skill} in this account`,
        null,
        `${field}.${index}.skill`,
      );
    }
    if (named.findIndex((other) => other.skill === item.skill) < index) {
      throw error(
        'bad-field',
        `skill ${item.skill} is named twice`,
        null,
        `${field}.${index}.skill`,
      );
    }
  });
}

/** The agent's skills and levels, all replaced; the agent is reindexed by them. */
export function setAgentSkills(
  core: EngineCore,
  accountId: string,
  agentId: string,
  held: readonly AgentSkill[],
): AgentSkill[] {
  const account = core.account(accountId);
  const agent = core.agent(accountId, agentId);
  checkSkills(account, held, 'skills');
  // Leave the indexes of the old skills before they change.
  skills.unindexSkills(core, agent);
  agent.skills = Object.fromEntries(held.map((item) => [item.skill, item.level]));
  core.store.saveAgent(agent);
  core.touch(agent);
  core.settle(accountId);
  return agentSkillsOf(agent.skills);
}

export function agentSkillsOf(levels: Readonly<Record<string, number>> | undefined): AgentSkill[] {
  return Object.entries(levels ?? {}).map(([skill, level]) => ({ skill, level }));
}

/** What the service requires of every interaction, and when its optional skills relax. */
export function setServiceSkills(
  core: EngineCore,
  accountId: string,
  serviceId: string,
  config: ServiceSkills,
): ServiceSkills {
  const account = core.account(accountId);
  const service = core.service(accountId, serviceId);
  checkSkills(account, config.requirements, 'requirements');
  service.skills = { requirements: [...config.requirements], relaxSeconds: config.relaxSeconds };
  core.store.saveService(service);
  // Work already waiting relaxes on the new terms.
  for (const kind of KINDS) {
    for (const id of core.store.rankMembers(queueKey(accountId, serviceId, kind), 10_000)) {
      const record = core.store.interaction(id);
      if (record === undefined) continue;
      skills.forgetRelax(core, record);
      skills.relaxLater(core, record, service);
    }
  }
  core.recheckServiceQueue(serviceId);
  core.settle(accountId);
  return service.skills;
}
