// @ts-check
/**
 * The supervisor session's values as the Supervisor page reads them (PROTOCOL.md,
 * `supervisor.snapshot` and `supervisor.changed`; the client's SupervisorView). Types only.
 */

/**
 * @typedef {object} ServiceStats
 * @property {string} id
 * @property {string} name
 * @property {number} waiting
 * @property {number | null} oldestWaitingSince ms
 * @property {number} inProgress
 * @property {number} assignedToday
 * @property {number} abandonedToday
 */

/**
 * @typedef {object} AgentStats
 * @property {string} id
 * @property {string} name
 * @property {string} state
 * @property {string} presence
 * @property {number} stateSince ms
 * @property {string | null} awayReason
 * @property {{ id: string, name: string } | null} setBy
 * @property {readonly string[]} services
 * @property {{ call: number, video: number, chat: number, email: number, case: number }} capacityUsed
 * @property {readonly { id: string, channel: string, serviceId: string | null, customerName: string | null, state: string }[]} interactions
 */

/**
 * @typedef {object} SupervisorView
 * @property {'connecting' | 'live' | 'lost'} connection
 * @property {number | string | null} at
 * @property {readonly ServiceStats[]} services
 * @property {readonly AgentStats[]} agents
 * @property {readonly string[]} [awayReasons]
 */

export {};
