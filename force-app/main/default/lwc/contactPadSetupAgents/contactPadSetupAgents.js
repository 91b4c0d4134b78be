// @ts-check
/**
 * The Setup page's agents: the account's agents (presence as colleagues see it, services, weight
 * overrides) with Edit and Remove; a combobox that finds Salesforce Users by name
 * (ContactPadSetupController.searchUsers; keyboard alone: arrows, Home, End, Return, Escape);
 * choosing a user opens the editor (services, per-kind weights, empty for the account's) that
 * makes them an agent under the agent id the session Apex uses, or changes the agent they are.
 * Weights are checked against the protocol's limits before anything is sent; a refusal (an agent
 * who still holds work) is shown in words with its code apart.
 */
import { LightningElement, api } from 'lwc';
import listAgents from '@salesforce/apex/ContactPadSetupController.listAgents';
import saveAgent from '@salesforce/apex/ContactPadSetupController.saveAgent';
import removeAgent from '@salesforce/apex/ContactPadSetupController.removeAgent';
import searchUsers from '@salesforce/apex/ContactPadSetupController.searchUsers';
import { readAgent, readAgents, readUsers } from 'c/contactPadCore';
import { format } from 'c/contactPadText';
import { failureOf, focusIn } from 'c/contactPadSetupText';
import { UserSearch } from './userSearch';
import {
  agentRows,
  checkEditor,
  editorFor,
  editorView,
  userOptions,
  weightError,
} from './agentsView';
import AGENTS from '@salesforce/label/c.ContactPad_SetupAgents';
import NO_AGENTS from '@salesforce/label/c.ContactPad_SetupNoAgents';
import REFRESH from '@salesforce/label/c.ContactPad_SetupRefreshAgents';
import NAME from '@salesforce/label/c.ContactPad_SetupName';
import PRESENCE from '@salesforce/label/c.ContactPad_Presence';
import SERVICES from '@salesforce/label/c.ContactPad_SetupServices';
import WEIGHTS from '@salesforce/label/c.ContactPad_SetupWeights';
import ACTIONS from '@salesforce/label/c.ContactPad_SetupActions';
import FIND_USER from '@salesforce/label/c.ContactPad_SetupFindUser';
import FIND_USER_HELP from '@salesforce/label/c.ContactPad_SetupFindUserHelp';
import USERS from '@salesforce/label/c.ContactPad_SetupUsers';
import USERS_FOUND from '@salesforce/label/c.ContactPad_SetupUsersFound';
import NO_USERS_FOUND from '@salesforce/label/c.ContactPad_SetupNoUsersFound';
import AGENT_OF from '@salesforce/label/c.ContactPad_SetupAgentOf';
import AGENT_SERVICES from '@salesforce/label/c.ContactPad_SetupAgentServices';
import WEIGHT_OVERRIDES from '@salesforce/label/c.ContactPad_SetupWeightOverrides';
import SAVE_AGENT from '@salesforce/label/c.ContactPad_SetupSaveAgent';
import SAVED from '@salesforce/label/c.ContactPad_SetupSaved';
import REMOVED from '@salesforce/label/c.ContactPad_SetupRemoved';
import NOT_REMOVED from '@salesforce/label/c.ContactPad_SetupNotRemoved';
import FAILED from '@salesforce/label/c.ContactPad_SetupFailed';
import LOAD_FAILED from '@salesforce/label/c.ContactPad_SetupLoadFailed';
import CANCEL from '@salesforce/label/c.ContactPad_Cancel';

/** @import { SetupAgent, SetupService } from 'c/contactPadCore' */
/** @import { Editor } from './agentsView' */

/** How long typing pauses before the search runs, in ms. */
export const SEARCH_DELAY_MS = 250;

/**
 * A button or field of one row or editor field: its data-id names the agent, service or kind.
 * @typedef {HTMLElement & { dataset: { id: string, index?: string } }} DataElement
 */

export default class ContactPadSetupAgents extends LightningElement {
  /**
   * The account's services (the page reads them; the editor offers them).
   * @type {readonly SetupService[]}
   */
  @api services = [];

  labels = {
    agents: AGENTS,
    noAgents: NO_AGENTS,
    refresh: REFRESH,
    name: NAME,
    presence: PRESENCE,
    services: SERVICES,
    weights: WEIGHTS,
    actions: ACTIONS,
    findUser: FIND_USER,
    findUserHelp: FIND_USER_HELP,
    users: USERS,
    agentServices: AGENT_SERVICES,
    weightOverrides: WEIGHT_OVERRIDES,
    saveAgent: SAVE_AGENT,
    cancel: CANCEL,
  };

  /** @type {readonly SetupAgent[]} */
  agents = [];
  search = new UserSearch();
  /** Bumped after each change of the search, so the template re-reads it. */
  searchVersion = 0;
  /** @type {Editor | null} */
  editor = null;
  status = '';
  failure = '';
  failureDetail = '';
  busy = false;
  /** What takes the focus once the template shows it. @type {string | null} */
  pendingFocus = null;
  /** @type {ReturnType<typeof setTimeout> | null} */
  searchTimer = null;

  connectedCallback() {
    this.load();
  }

  disconnectedCallback() {
    if (this.searchTimer !== null) clearTimeout(this.searchTimer);
    this.searchTimer = null;
  }

  /** Reads the account's agents (their presences as they are now). */
  async load() {
    try {
      this.agents = readAgents(await listAgents());
    } catch (error) {
      this.fail(LOAD_FAILED, error, 'load-failed');
    }
  }

  async handleRefresh() {
    this.clearNotice();
    await this.load();
  }

  get rows() {
    return agentRows(this.agents, this.services);
  }

  get hasAgents() {
    return this.agents.length > 0;
  }

  // ---- the user search ----

  get options() {
    return this.searchVersion >= 0 ? userOptions(this.search, this.agents) : [];
  }

  get expanded() {
    return this.searchVersion >= 0 && this.search.open ? 'true' : 'false';
  }

  get listHidden() {
    return !(this.searchVersion >= 0 && this.search.open);
  }

  get comboboxClass() {
    return `slds-combobox slds-dropdown-trigger slds-dropdown-trigger_click${
      this.listHidden ? '' : ' slds-is-open'
    }`;
  }

  get activeId() {
    const index = this.searchVersion >= 0 ? this.search.selection.index : null;
    return index === null ? null : `user-${index}`;
  }

  get searchStatus() {
    if (this.searchVersion < 0 || !this.search.answered) return '';
    const count = this.search.users.length;
    return count === 0 ? NO_USERS_FOUND : format(USERS_FOUND, count);
  }

  get term() {
    return this.searchVersion >= 0 ? this.search.term : '';
  }

  /** @param {Event & { target: HTMLInputElement }} event */
  handleSearchInput(event) {
    const number = this.search.typed(event.target.value);
    this.searchChanged();
    if (this.searchTimer !== null) clearTimeout(this.searchTimer);
    const term = this.search.term.trim();
    if (term === '') return;
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.searchTimer = setTimeout(() => this.runSearch(number, term), SEARCH_DELAY_MS);
  }

  /**
   * @param {number} number
   * @param {string} term
   */
  async runSearch(number, term) {
    this.searchTimer = null;
    try {
      const users = readUsers(await searchUsers({ term }));
      if (this.search.received(number, users)) this.searchChanged();
    } catch (error) {
      if (number === this.search.latest) this.fail(FAILED, error, 'failed', FIND_USER);
    }
  }

  /** @param {KeyboardEvent} event */
  handleSearchKeydown(event) {
    if (event.key === 'Escape' && this.search.open) {
      event.preventDefault();
      this.search.close();
      this.searchChanged();
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      const user = this.search.highlighted();
      if (user !== null) this.choose(user);
      return;
    }
    if (this.search.key(event.key)) {
      event.preventDefault();
      this.searchChanged();
      this.scrollActiveIntoView();
    }
  }

  /** A press on an option keeps the focus in the combobox. @param {MouseEvent} event */
  handleOptionMousedown(event) {
    event.preventDefault();
  }

  /** @param {MouseEvent & { currentTarget: DataElement }} event */
  handleOptionClick(event) {
    this.search.pick(Number(event.currentTarget.dataset.index));
    this.searchChanged();
    const user = this.search.highlighted();
    if (user !== null) this.choose(user);
  }

  /**
   * A user chosen: the list closes and the editor opens for them (as the agent they are, if so).
   * @param {{ agentId: string, name: string }} user
   */
  choose(user) {
    this.search.close();
    this.search.typed('');
    this.searchChanged();
    this.openEditor({ id: user.agentId, name: user.name });
  }

  searchChanged() {
    this.searchVersion += 1;
  }

  scrollActiveIntoView() {
    const id = this.activeId;
    if (id === null) return;
    Promise.resolve().then(() => {
      /** @type {HTMLElement | null} */
      const option = /** @type {ShadowRoot} */ (this.template).querySelector(
        `[data-index="${this.search.selection.index}"]`,
      );
      option?.scrollIntoView?.({ block: 'nearest' });
    });
  }

  // ---- the editor ----

  /** @param {{ id: string, name: string }} person */
  openEditor(person) {
    this.clearNotice();
    this.editor = editorFor(person, this.agents);
    this.focusLater('[data-id="editor-heading"]');
  }

  get editorHeading() {
    return this.editor === null ? '' : format(AGENT_OF, this.editor.name);
  }

  get editorFields() {
    return this.editor === null ? null : editorView(this.editor, this.services);
  }

  /** @param {MouseEvent & { currentTarget: DataElement }} event */
  handleEdit(event) {
    const agent = this.agents.find((a) => a.id === event.currentTarget.dataset.id);
    if (agent !== undefined) this.openEditor(agent);
  }

  /** @param {Event & { target: HTMLInputElement & DataElement }} event */
  handleServiceToggle(event) {
    const editor = this.editor;
    if (editor === null) return;
    const id = event.target.dataset.id;
    const others = editor.services.filter((s) => s !== id);
    this.editor = { ...editor, services: event.target.checked ? [...others, id] : others };
  }

  /** @param {Event & { target: HTMLInputElement & DataElement }} event */
  handleWeightInput(event) {
    const editor = this.editor;
    if (editor === null) return;
    const kind = /** @type {import('c/contactPadCore').Kind} */ (event.target.dataset.id);
    const text = event.target.value;
    const errors = { ...editor.errors };
    if (errors[kind]) errors[kind] = weightError(kind, text);
    this.editor = { ...editor, weights: { ...editor.weights, [kind]: text }, errors };
  }

  /** @param {Event} event */
  async handleSave(event) {
    event.preventDefault();
    const editor = this.editor;
    if (editor === null || this.busy) return;
    const { errors, save } = checkEditor(editor, this.services);
    this.editor = { ...editor, errors };
    if (save === null) {
      this.focusLater('[aria-invalid="true"]');
      return;
    }
    this.busy = true;
    this.clearNotice();
    try {
      const saved = readAgent(await saveAgent({ agentJson: JSON.stringify(save) }));
      const others = this.agents.filter((a) => a.id !== saved.id);
      this.agents = [...others, saved];
      this.editor = null;
      this.status = format(SAVED, saved.name);
      this.focusLater('[data-id="user-search"]');
    } catch (error) {
      this.fail(FAILED, error, 'failed', SAVE_AGENT);
    } finally {
      this.busy = false;
    }
  }

  handleCancel() {
    this.editor = null;
    this.focusLater('[data-id="user-search"]');
  }

  /** @param {KeyboardEvent} event */
  handleEditorKeydown(event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.handleCancel();
    }
  }

  // ---- removal ----

  /** @param {MouseEvent & { currentTarget: DataElement }} event */
  async handleRemove(event) {
    const agent = this.agents.find((a) => a.id === event.currentTarget.dataset.id);
    if (agent === undefined || this.busy) return;
    this.busy = true;
    this.clearNotice();
    try {
      await removeAgent({ agentId: agent.id });
      this.agents = this.agents.filter((a) => a.id !== agent.id);
      if (this.editor?.id === agent.id) this.editor = null;
      this.status = format(REMOVED, agent.name);
      this.focusLater('[data-id="user-search"]');
    } catch (error) {
      this.fail(NOT_REMOVED, error, 'not-removed', agent.name);
    } finally {
      this.busy = false;
    }
  }

  // ---- notices and focus ----

  /**
   * Shows a failure: `label` filled with `subject` (when given) and the failure's words.
   * @param {string} label
   * @param {unknown} error
   * @param {string} fallbackCode
   * @param {string} [subject]
   */
  fail(label, error, fallbackCode, subject) {
    const failure = failureOf(error, fallbackCode);
    this.status = '';
    this.failure =
      subject === undefined ? format(label, failure.words) : format(label, subject, failure.words);
    this.failureDetail = failure.detail;
  }

  clearNotice() {
    this.status = '';
    this.failure = '';
    this.failureDetail = '';
  }

  /**
   * Focuses an element once the template shows it enabled (after the next render).
   * @param {string} selector
   */
  focusLater(selector) {
    this.pendingFocus = selector;
  }

  renderedCallback() {
    if (
      this.pendingFocus !== null &&
      focusIn(/** @type {ShadowRoot} */ (this.template), this.pendingFocus)
    ) {
      this.pendingFocus = null;
    }
  }
}
