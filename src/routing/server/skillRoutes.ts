/**
 * The admin API's rows for skills-based routing, over the narrow SkillsAdmin port: the account's
 * skills, the levels an agent holds them at, and what a service requires (with its relaxation
 * time). Bodies are validated here, at the edge; a refused change changes nothing.
 */
import type { Route } from '../../http/routeTable';
import { param } from '../../http/routeTable';
import { bodies, validated } from './adminBodies';
import type { AdminCall, AdminHandler } from './adminRoutes';
import { created, keyed, ok } from './adminRoutes';
import type { SkillsAdmin } from './routingAdmin';

/** The skills rows of the table, over `routing`. */
export function skillRoutes(routing: SkillsAdmin): Route<AdminHandler>[] {
  const account = (call: AdminCall) => param(call.params, 'accountId');
  const agent = (call: AdminCall) => param(call.params, 'agentId');
  const service = (call: AdminCall) => param(call.params, 'serviceId');
  return [
    {
      method: 'GET',
      path: '/admin/accounts/:accountId/skills',
      handler: keyed(async (call) => ok(await routing.skills(account(call)))),
    },
    {
      method: 'POST',
      path: '/admin/accounts/:accountId/skills',
      handler: keyed(async (call) => {
        const body = validated(bodies.skill, await call.body(), 'skill');
        return created(await routing.defineSkill(account(call), body));
      }),
    },
    {
      method: 'GET',
      path: '/admin/accounts/:accountId/agents/:agentId/skills',
      handler: keyed(async (call) => ok(await routing.agentSkills(account(call), agent(call)))),
    },
    {
      method: 'PUT',
      path: '/admin/accounts/:accountId/agents/:agentId/skills',
      handler: keyed(async (call) => {
        const body = validated(bodies.agentSkills, await call.body(), 'agentSkills');
        return ok(await routing.setAgentSkills(account(call), agent(call), body.skills));
      }),
    },
    {
      method: 'GET',
      path: '/admin/accounts/:accountId/services/:serviceId/skills',
      handler: keyed(async (call) => ok(await routing.serviceSkills(account(call), service(call)))),
    },
    {
      method: 'PUT',
      path: '/admin/accounts/:accountId/services/:serviceId/skills',
      handler: keyed(async (call) => {
        const body = validated(bodies.serviceSkills, await call.body(), 'serviceSkills');
        return ok(await routing.setServiceSkills(account(call), service(call), body));
      }),
    },
  ];
}
