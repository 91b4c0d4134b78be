// @ts-check
/**
 * The Supervisor page's view model (plain, no template): what the supervisor client's latest
 * SupervisorView shows, as rows for the services and agents tables, filtered by service. A row is
 * derived once per entry the client hands over: an entry the client kept (the same object) keeps
 * its row object, so a delta about one agent of 1,000 costs one derivation, and LWC's keyed lists
 * patch that row alone. Times (oldest wait, time in state) are not in the rows: the tables count
 * them from the page's ticking clock.
 */
import {
  agentStateLabel,
  channelLabel,
  format,
  presenceLabel,
  setByText,
  stateLabel,
} from 'c/contactPadText';
import LABEL_UNKNOWN_CUSTOMER from '@salesforce/label/c.ContactPad_UnknownCustomer';
import LABEL_CAPACITY_NONE from '@salesforce/label/c.ContactPad_SupervisorCapacityNone';
import LABEL_CHANGE_STATE_OF from '@salesforce/label/c.ContactPad_SupervisorChangeStateOf';

/**
 * @import { AgentStats, ServiceStats, SupervisorView } from 'c/contactPadCore'
 */

/**
 * A row of the agents table: what the template shows, derived from one AgentStats.
 * @typedef {object} AgentRow
 * @property {string} id
 * @property {string} name
 * @property {string} state the state's label
 * @property {string} presence the presence's label
 * @property {number} stateSince ms
 * @property {string} note who set the state and why ('' when the agent set it without a reason)
 * @property {string} capacity capacity used per kind, in words
 * @property {{ id: string, text: string }[]} interactions
 * @property {string} actionLabel the accessible name of the row's Change state button
 * @property {boolean} loggedOut
 * @property {readonly string[]} services
 */

/** The kinds of capacity in the order the page lists them, with the channel whose label names each. */
const CAPACITY_KINDS = /** @type {const} */ ([
  ['call', 'voice'],
  ['video', 'video'],
  ['chat', 'chat'],
  ['email', 'email'],
  ['case', 'case'],
]);

/**
 * Who set the agent's state and why: "Set Away by Sam Park: Training", the reason alone when the
 * agent set it, '' when there is neither.
 * @param {AgentStats} agent
 * @returns {string}
 */
export function stateNote(agent) {
  if (agent.setBy) return setByText(agent);
  return agent.awayReason ?? '';
}

/**
 * Capacity used per kind in words ("Call 100%, Chat 30%"), the kinds in use only.
 * @param {AgentStats['capacityUsed']} used
 * @returns {string}
 */
export function capacityText(used) {
  const parts = CAPACITY_KINDS.filter(([kind]) => (used?.[kind] ?? 0) > 0).map(
    ([kind, channel]) => `${channelLabel(channel)} ${used[kind]}%`,
  );
  return parts.length === 0 ? LABEL_CAPACITY_NONE : parts.join(', ');
}

/**
 * @param {AgentStats} agent
 * @param {ReadonlyMap<string, string>} serviceNames
 * @returns {AgentRow}
 */
function agentRow(agent, serviceNames) {
  return {
    id: agent.id,
    name: agent.name,
    state: agentStateLabel(agent.state),
    presence: presenceLabel(agent.presence),
    stateSince: agent.stateSince,
    note: stateNote(agent),
    capacity: capacityText(agent.capacityUsed),
    interactions: agent.interactions.map((interaction) => {
      const service =
        interaction.serviceId === null ? undefined : serviceNames.get(interaction.serviceId);
      const parts = [
        channelLabel(interaction.channel),
        interaction.customerName ?? LABEL_UNKNOWN_CUSTOMER,
        stateLabel(interaction.state),
      ];
      if (service !== undefined) parts.push(service);
      return { id: interaction.id, text: parts.join(' · ') };
    }),
    actionLabel: format(LABEL_CHANGE_STATE_OF, agent.name),
    loggedOut: agent.state === 'logged-out',
    services: agent.services,
  };
}

const byName = (/** @type {{ name: string }} */ a, /** @type {{ name: string }} */ b) =>
  a.name.localeCompare(b.name);

export class SupervisorModel {
  constructor() {
    /** @type {SupervisorView} */
    this.view = { connection: 'connecting', at: null, awayReasons: null, services: [], agents: [] };
    /** Rows by agent id, with the entry each was derived from. @type {Map<string, { agent: AgentStats, row: AgentRow }>} */
    this.rows = new Map();
    /** @type {Map<string, string>} */
    this.serviceNames = new Map();
    /** The service the tables show ('' for all). */
    this.filter = '';
  }

  /**
   * Takes the client's latest view. Rows of entries the client kept are kept.
   * @param {SupervisorView} view
   */
  received(view) {
    const names = new Map(view.services.map((service) => [service.id, service.name]));
    const renamed =
      names.size !== this.serviceNames.size ||
      [...names].some(([id, name]) => this.serviceNames.get(id) !== name);
    if (renamed) this.rows.clear(); // interactions name their service
    this.serviceNames = names;
    /** @type {Map<string, { agent: AgentStats, row: AgentRow }>} */
    const rows = new Map();
    for (const agent of view.agents) {
      const kept = this.rows.get(agent.id);
      rows.set(agent.id, kept?.agent === agent ? kept : { agent, row: agentRow(agent, names) });
    }
    this.rows = rows;
    this.view = view;
    if (this.filter !== '' && !names.has(this.filter)) this.filter = '';
  }

  /** @param {string} serviceId '' for all */
  setFilter(serviceId) {
    this.filter = serviceId === '' || this.serviceNames.has(serviceId) ? serviceId : '';
  }

  /** @returns {ServiceStats[]} the services shown, by name */
  serviceRows() {
    const shown = this.view.services.filter((s) => this.filter === '' || s.id === this.filter);
    return shown.sort(byName);
  }

  /** @returns {AgentRow[]} the agents shown (those serving the filter's service), by name */
  agentRows() {
    /** @type {AgentRow[]} */
    const shown = [];
    for (const { row } of this.rows.values()) {
      if (this.filter === '' || row.services.includes(this.filter)) shown.push(row);
    }
    return shown.sort(byName);
  }

  /** @returns {{ value: string, label: string }[]} the services to filter by, by name */
  serviceOptions() {
    return [...this.serviceNames]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }

  /**
   * The account's Away reasons, or null before the session's first snapshot (the reason is then
   * asked for in words, and the service refuses one not on the account's list).
   * @returns {readonly string[] | null}
   */
  awayReasons() {
    return this.view.awayReasons ?? null;
  }

  /**
   * The agent's row, for the change-state form.
   * @param {string} agentId
   * @returns {AgentRow | undefined}
   */
  agent(agentId) {
    return this.rows.get(agentId)?.row;
  }
}
