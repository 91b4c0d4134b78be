// @ts-check
/**
 * Workbench stand-in for ContactPadSetupController.getSupervisorSession: the person the page is
 * signed in as is the supervisor (in an org, the running user). The workbench server asks the
 * routing service's admin API for a supervisor token. Failures reject like Apex errors
 * ({ body: { message, errorCode } }).
 */
import { currentAgentId, fetchJson } from './host';

/** @returns {Promise<{ routingUrl: string, token: string, expiresAt: string | number }>} */
export async function getSupervisorSession() {
  const supervisor = encodeURIComponent(currentAgentId());
  return fetchJson(`/workbench/api/supervisor/session?supervisor=${supervisor}`);
}
