// @ts-check
/**
 * Container of the Supervisor page (lightning__Tab): opens the supervisor session (Apex, then the
 * core's supervisor client), keeps what it pushes in a plain view model (supervisorModel.js) and
 * passes rows down to the services and agents tables; ticks a clock for the waits and times in
 * state; filters by service; runs the supervisor's one action, setting an agent Away or Logged
 * out with a reason, and shows a refusal in words.
 */
import { LightningElement } from 'lwc';
import { errorDetail, errorSentence, format } from 'c/contactPadText';
import LABEL_TITLE from '@salesforce/label/c.ContactPad_Supervisor';
import LABEL_FILTER from '@salesforce/label/c.ContactPad_SupervisorFilter';
import LABEL_ALL_SERVICES from '@salesforce/label/c.ContactPad_SupervisorAllServices';
import LABEL_CONNECTING from '@salesforce/label/c.ContactPad_Connecting';
import LABEL_LIVE from '@salesforce/label/c.ContactPad_SupervisorLive';
import LABEL_LOST from '@salesforce/label/c.ContactPad_SupervisorLost';
import LABEL_SESSION_FAILED from '@salesforce/label/c.ContactPad_SupervisorSessionFailed';
import { SupervisorModel } from './supervisorModel';
import { openSupervisorClient } from './supervisorSession';

/**
 * @import { ServiceStats, SupervisorView } from 'c/contactPadCore'
 * @import { AgentRow } from './supervisorModel'
 * @import { SupervisorClient } from './supervisorSession'
 */

const TICK_MS = 1000;

/** @type {Readonly<Record<string, string>>} */
const CONNECTION_TEXT = { connecting: LABEL_CONNECTING, live: LABEL_LIVE, lost: LABEL_LOST };

/**
 * A failure's words and its code (an Apex error's body, the client's { code, message }, an Error).
 * @param {unknown} error
 * @returns {{ message: string, code: string }}
 */
function failureOf(error) {
  const value =
    /** @type {{ body?: { message?: unknown, errorCode?: unknown }, message?: unknown, code?: unknown } | null | undefined} */ (
      error
    );
  const message = value?.body?.message ?? value?.message ?? '';
  const code = value?.body?.errorCode ?? value?.code ?? '';
  return { message: String(message), code: String(code) };
}

export default class ContactPadSupervisor extends LightningElement {
  labels = { title: LABEL_TITLE, filter: LABEL_FILTER };

  model = new SupervisorModel();
  /** @type {'connecting' | 'live' | 'lost'} */
  connection = 'connecting';
  /** @type {ServiceStats[]} */
  services = [];
  /** @type {AgentRow[]} */
  agents = [];
  /** @type {{ value: string, label: string, selected: boolean }[]} */
  filterOptions = [];
  /** The account's Away reasons (null: not known, asked for in words). @type {readonly string[] | null} */
  awayReasons = null;
  now = Date.now();
  /** The session could not be opened: why, in words, and the code apart. */
  failure = '';
  failureDetail = '';

  /** The agent whose state the form changes. @type {{ id: string, name: string } | null} */
  editing = null;
  editError = '';
  busy = false;
  /** The open form has had the focus once (it takes it when it opens). */
  formFocused = false;

  /** @type {SupervisorClient | null} */
  client = null;
  /** @type {(() => void) | null} */
  unsubscribe = null;
  /** @type {ReturnType<typeof setInterval> | null} */
  ticker = null;
  closed = false;

  connectedCallback() {
    this.closed = false;
    this.now = Date.now();
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.ticker = setInterval(() => {
      this.now = Date.now();
    }, TICK_MS);
    this.open();
  }

  disconnectedCallback() {
    this.closed = true;
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.client?.close();
    this.client = null;
  }

  async open() {
    try {
      const client = await openSupervisorClient();
      if (this.closed) {
        client.close();
        return;
      }
      this.client = client;
      this.unsubscribe = client.subscribe((view) => this.received(view));
    } catch (error) {
      const { message, code } = failureOf(error);
      this.failure = format(LABEL_SESSION_FAILED, errorSentence(message));
      this.failureDetail = errorDetail(code);
    }
  }

  /** @param {SupervisorView} view */
  received(view) {
    this.model.received(view);
    this.connection = view.connection;
    this.awayReasons = this.model.awayReasons();
    this.showModel();
  }

  /** Copies the model's rows to the tracked fields the template reads. */
  showModel() {
    const model = this.model;
    this.services = model.serviceRows();
    this.agents = model.agentRows();
    this.filterOptions = [{ value: '', label: LABEL_ALL_SERVICES }, ...model.serviceOptions()].map(
      (option) => ({ ...option, selected: option.value === model.filter }),
    );
    if (this.editing !== null) {
      const row = model.agent(this.editing.id);
      if (row === undefined) this.editing = null; // the agent was removed
    }
  }

  get notLive() {
    return this.connection !== 'live';
  }

  get connectionText() {
    return CONNECTION_TEXT[this.connection] ?? LABEL_CONNECTING;
  }

  get connectionClass() {
    const tone = this.connection === 'live' ? 'slds-theme_success' : 'slds-theme_warning';
    return `slds-badge ${tone}`;
  }

  /** @param {CustomEvent<{ value: string }>} event */
  handleFilter(event) {
    this.model.setFilter(event.detail.value);
    this.showModel();
  }

  /** @param {CustomEvent<{ agentId: string }>} event */
  handleChangeState(event) {
    const row = this.model.agent(event.detail.agentId);
    if (row === undefined) return;
    this.editing = { id: row.id, name: row.name };
    this.editError = '';
    this.busy = false;
    this.formFocused = false;
  }

  /** @param {CustomEvent<{ presence: 'away' | 'logged-out', reason: string | null }>} event */
  async handlePresenceSet(event) {
    const client = this.client;
    const editing = this.editing;
    if (client === null || editing === null || this.busy) return;
    this.busy = true;
    this.editError = '';
    try {
      await client.setPresence(editing.id, event.detail.presence, event.detail.reason ?? '');
      this.closeForm(editing.id);
    } catch (error) {
      const { message, code } = failureOf(error);
      const detail = errorDetail(code);
      this.editError = [errorSentence(message), detail].filter((part) => part !== '').join(' ');
    } finally {
      this.busy = false;
    }
  }

  handleCancel() {
    if (this.editing !== null) this.closeForm(this.editing.id);
  }

  /**
   * Closes the form and gives the focus back to the agent's Change state button.
   * @param {string} agentId
   */
  closeForm(agentId) {
    this.editing = null;
    this.editError = '';
    const agents = /** @type {HTMLElement & { focusAgent?: (id: string) => void } | null} */ (
      /** @type {ShadowRoot} */ (this.template).querySelector('[data-id="agents"]')
    );
    // After the form has gone from the page.
    Promise.resolve().then(() => agents?.focusAgent?.(agentId));
  }

  renderedCallback() {
    if (this.editing !== null && !this.formFocused) {
      this.formFocused = true;
      const form = /** @type {HTMLElement & { focus(): void } | null} */ (
        /** @type {ShadowRoot} */ (this.template).querySelector('[data-id="presence-form"]')
      );
      form?.focus();
    }
  }
}
