// @ts-check
/**
 * Workbench stand-ins for ContactPadSetupController's Setup methods: each asks the workbench
 * server (/workbench/api/setup/...), which calls the routing service's admin API with its admin key
 * as the Apex goes through the Named Credential. Like the Apex, services, agents and settings come
 * back as JSON text, users as a list; failures reject like Apex errors
 * ({ body: { message, errorCode } }).
 */
import { fetchJson } from './host';

const SETUP = '/workbench/api/setup';

/**
 * The server's JSON answer as text, as the Apex passes the admin API's through.
 * @param {string} path
 * @param {RequestInit} [init]
 * @returns {Promise<string>}
 */
async function text(path, init) {
  return JSON.stringify(await fetchJson(path, init));
}

/**
 * @param {string} method
 * @param {unknown} body
 * @returns {RequestInit}
 */
const sending = (method, body) => ({ method, body: JSON.stringify(body) });
/** @param {unknown} value an id for the path */
const id = (value) => encodeURIComponent(String(value ?? ''));

export function listServices() {
  return text(`${SETUP}/services`);
}

/** @param {{ name?: string }} [params] */
export function createService({ name } = {}) {
  return text(`${SETUP}/services`, sending('POST', { name }));
}

/** @param {{ serviceId?: string, name?: string }} [params] */
export function renameService({ serviceId, name } = {}) {
  return text(`${SETUP}/services/${id(serviceId)}`, sending('PATCH', { name }));
}

/** @param {{ serviceId?: string }} [params] */
export async function removeService({ serviceId } = {}) {
  await fetchJson(`${SETUP}/services/${id(serviceId)}`, { method: 'DELETE' });
}

export function listAgents() {
  return text(`${SETUP}/agents`);
}

/** @param {{ agentJson?: string }} [params] { id, name, services, weights } as JSON */
export function saveAgent({ agentJson } = {}) {
  const agent = JSON.parse(String(agentJson));
  return text(`${SETUP}/agents/${id(agent?.id)}`, sending('PUT', agent));
}

/** @param {{ agentId?: string }} [params] */
export async function removeAgent({ agentId } = {}) {
  await fetchJson(`${SETUP}/agents/${id(agentId)}`, { method: 'DELETE' });
}

/** @param {{ term?: string }} [params] */
export function searchUsers({ term } = {}) {
  return fetchJson(`${SETUP}/users?q=${encodeURIComponent(term ?? '')}`);
}

export function getSettings() {
  return text(`${SETUP}/settings`);
}

/** @param {{ settingsJson?: string }} [params] the whole settings as JSON */
export function saveSettings({ settingsJson } = {}) {
  return text(`${SETUP}/settings`, { method: 'PUT', body: String(settingsJson) });
}
