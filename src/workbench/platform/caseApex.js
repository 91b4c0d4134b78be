// @ts-check
/**
 * Workbench stand-ins for ContactPadCaseController: takeCase makes the agent the page is signed in
 * as the owner of the Case in the workbench's record store (in an org, the running user);
 * releaseCase sets the status on release the setting names. Failures reject like Apex errors
 * ({ body: { message, errorCode } }).
 */
import { currentAgentId, fetchJson } from './host';

/**
 * @param {{ caseId?: string }} [params]
 * @returns {Promise<boolean>} whether the owner changed
 */
export async function takeCase({ caseId } = {}) {
  const answer = await fetchJson(
    `/workbench/api/cases/${encodeURIComponent(String(caseId))}/take`,
    {
      method: 'POST',
      body: JSON.stringify({ agentId: currentAgentId() }),
    },
  );
  return answer.changed;
}

/**
 * @param {{ caseId?: string }} [params]
 * @returns {Promise<boolean>} whether the status changed
 */
export async function releaseCase({ caseId } = {}) {
  const path = `/workbench/api/cases/${encodeURIComponent(String(caseId))}/release`;
  const answer = await fetchJson(path, { method: 'POST' });
  return answer.changed;
}
