// @ts-check
/**
 * What the agents part shows (pure): a row per agent (presence, services by name, weights), the
 * editor for a user or agent, its checks against the protocol's weight limits, and the user
 * search's options.
 */
import { SETUP_KINDS, SETUP_LIMITS, agentSave } from 'c/contactPadCore';
import { format, kindLabel, presenceLabel } from 'c/contactPadText';
import { rangeError, rangeHint, wholeNumber } from 'c/contactPadSetupText';
import ACCOUNT_WEIGHTS from '@salesforce/label/c.ContactPad_SetupAccountWeights';
import PRESENCE_UNKNOWN from '@salesforce/label/c.ContactPad_SetupPresenceUnknown';
import EDIT from '@salesforce/label/c.ContactPad_SetupEdit';
import REMOVE from '@salesforce/label/c.ContactPad_SetupRemove';
import WEIGHT_OF from '@salesforce/label/c.ContactPad_SetupWeightOf';
import ALREADY_AGENT from '@salesforce/label/c.ContactPad_SetupAlreadyAgent';
import CANNOT_BE_AGENT from '@salesforce/label/c.ContactPad_SetupCannotBeAgent';

/** @import { AgentSave, Kind, SetupAgent, SetupService } from 'c/contactPadCore' */
/** @import { UserSearch } from './userSearch' */

/**
 * The agent being edited: who, the services ticked, and the weight fields' text per kind.
 * @typedef {{ id: string, name: string, isNew: boolean, services: readonly string[],
 *   weights: Readonly<Record<string, string>>, errors: Readonly<Record<string, string>> }} Editor
 */

/**
 * @param {readonly SetupService[]} services
 * @returns {(id: string) => string} a service's name by id (the id when the account has no such service)
 */
const namer = (services) => (id) => services.find((s) => s.id === id)?.name ?? id;

/**
 * The table's rows.
 * @param {readonly SetupAgent[]} agents
 * @param {readonly SetupService[]} services
 */
export function agentRows(agents, services) {
  const nameOf = namer(services);
  return [...agents]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((agent) => {
      const overridden = SETUP_KINDS.filter((kind) => agent.weightOverrides[kind] !== undefined);
      return {
        id: agent.id,
        name: agent.name,
        presence: agent.presence === null ? PRESENCE_UNKNOWN : presenceLabel(agent.presence),
        services: agent.services.map(nameOf).join(', '),
        weights:
          overridden.length === 0
            ? ACCOUNT_WEIGHTS
            : overridden
                .map((kind) => `${kindLabel(kind)} ${agent.weightOverrides[kind]}`)
                .join(', '),
        editLabel: format(EDIT, agent.name),
        removeLabel: format(REMOVE, agent.name),
      };
    });
}

/**
 * The editor for a person (a user found, or an agent listed): an agent's own values, else none.
 * @param {{ id: string, name: string }} person
 * @param {readonly SetupAgent[]} agents
 * @returns {Editor}
 */
export function editorFor(person, agents) {
  const agent = agents.find((a) => a.id === person.id);
  /** @type {Record<string, string>} */
  const weights = {};
  for (const kind of SETUP_KINDS) {
    const weight = agent?.weightOverrides[kind];
    weights[kind] = weight === undefined ? '' : String(weight);
  }
  return {
    id: person.id,
    name: agent?.name ?? person.name,
    isNew: agent === undefined,
    services: agent?.services ?? [],
    weights,
    errors: {},
  };
}

/**
 * Why one weight field would be refused ('' when empty, the account's, or within the limits).
 * @param {Kind} kind
 * @param {string} text
 * @returns {string}
 */
export function weightError(kind, text) {
  return text.trim() === '' ? '' : rangeError(text, SETUP_LIMITS.weights[kind]);
}

/**
 * The editor's checks: the errors per kind (none: empty) and, when there are none, what saveAgent
 * is given.
 * @param {Editor} editor
 * @param {readonly SetupService[]} services
 * @returns {{ errors: Record<string, string>, save: AgentSave | null }}
 */
export function checkEditor(editor, services) {
  /** @type {Record<string, string>} */
  const errors = {};
  /** @type {Partial<Record<Kind, number | null>>} */
  const overrides = {};
  for (const kind of SETUP_KINDS) {
    const text = editor.weights[kind] ?? '';
    const error = weightError(kind, text);
    if (error !== '') errors[kind] = error;
    overrides[kind] = text.trim() === '' ? null : wholeNumber(text);
  }
  if (Object.keys(errors).length > 0) return { errors, save: null };
  // In the account's order; a service the account no longer has is dropped.
  const ticked = services.map((s) => s.id).filter((id) => editor.services.includes(id));
  return { errors, save: agentSave(editor, ticked, overrides) };
}

/**
 * The editor's fields as the template shows them.
 * @param {Editor} editor
 * @param {readonly SetupService[]} services
 */
export function editorView(editor, services) {
  return {
    services: services.map((service) => ({
      id: service.id,
      name: service.name,
      boxId: `service-${service.id}`,
      checked: editor.services.includes(service.id),
    })),
    weights: SETUP_KINDS.map((kind) => {
      const error = editor.errors[kind] ?? '';
      return {
        kind,
        inputId: `weight-${kind}`,
        label: format(WEIGHT_OF, kindLabel(kind)),
        value: editor.weights[kind] ?? '',
        hint: rangeHint(SETUP_LIMITS.weights[kind]),
        hintId: `weight-hint-${kind}`,
        error,
        errorId: `weight-error-${kind}`,
        describedBy: `weight-hint-${kind} weight-error-${kind}`,
        invalid: error === '' ? 'false' : 'true',
      };
    }),
  };
}

/**
 * The search's options: name, user name, and a note (Agent already; why they cannot be one).
 * @param {UserSearch} search
 * @param {readonly SetupAgent[]} agents
 */
export function userOptions(search, agents) {
  const highlighted = search.selection.index;
  return search.users.map((user, index) => {
    const active = index === highlighted;
    return {
      key: user.userId,
      id: `user-${index}`,
      index,
      name: user.name,
      username: user.username,
      note: !user.agentIdValid
        ? CANNOT_BE_AGENT
        : agents.some((agent) => agent.id === user.agentId)
          ? ALREADY_AGENT
          : '',
      selected: active ? 'true' : 'false',
      disabled: user.agentIdValid ? 'false' : 'true',
      className: `slds-media slds-listbox__option slds-listbox__option_plain slds-media_small${
        active ? ' slds-has-focus' : ''
      }`,
    };
  });
}
