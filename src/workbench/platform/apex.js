// @ts-check
/**
 * Workbench stand-ins for ContactPad's Apex methods (ContactPadSessionController). getSession asks
 * the workbench server for the chosen agent's routing address and a fresh token; saveCallLog
 * stores the call log as a Task on its fixture record. Failures reject like Apex errors
 * ({ body: { message, errorCode } }).
 */
import { currentAgentId, fetchJson } from './host';

export async function getSession() {
  return fetchJson(`/workbench/api/session?agent=${encodeURIComponent(currentAgentId())}`);
}

/**
 * { callLogJson }: the CallLog (src/bridge/recordOpener.ts) as JSON; resolves with the Task id.
 * @param {{ callLogJson?: string }} [params]
 * @returns {Promise<string>}
 */
export async function saveCallLog({ callLogJson } = {}) {
  const log = JSON.parse(String(callLogJson));
  const saved = await fetchJson('/workbench/api/tasks', {
    method: 'POST',
    body: JSON.stringify({ source: 'apex', log }),
  });
  return saved.id;
}
