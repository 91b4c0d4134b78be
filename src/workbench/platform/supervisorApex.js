// @ts-check
/**
 * Workbench stand-in for ContactPadSupervisorController.getSupervisorSession: the person the page is
 * signed in as is the supervisor (in an org, the running user). The workbench server asks the
 * routing service's admin API for a supervisor token. Failures reject like Apex errors
 * ({ body: { message, errorCode } }).
 */
import { currentAgentId, fetchJson } from './host';

/**
 * As the Apex method: the session `{ routingUrl, token, expiresAt }` as a JSON string.
 * @returns {Promise<string>}
 */
export async function getSupervisorSession() {
  const supervisor = encodeURIComponent(currentAgentId());
  return JSON.stringify(
    await fetchJson(`/workbench/api/supervisor/session?supervisor=${supervisor}`),
  );
}
