// @ts-check
/**
 * Presentational: the agents table of the Supervisor page. One row per agent (keyed by id; the
 * rows come from the page's view model, one object per agent kept while the agent is unchanged):
 * state (and who set it, why), presence, time in state (counted from `now`), capacity used per
 * kind, current interactions, and a Change state button named after the agent, which raises
 * `changestate` ({ agentId }). Method `focusAgent(agentId)` puts the focus back on that button.
 */
import { LightningElement, api } from 'lwc';
import { clock } from 'c/contactPadText';
import LABEL_AGENTS from '@salesforce/label/c.ContactPad_SupervisorAgents';
import LABEL_AGENT from '@salesforce/label/c.ContactPad_Agent';
import LABEL_STATE from '@salesforce/label/c.ContactPad_SupervisorState';
import LABEL_PRESENCE from '@salesforce/label/c.ContactPad_Presence';
import LABEL_TIME_IN_STATE from '@salesforce/label/c.ContactPad_SupervisorTimeInState';
import LABEL_CAPACITY_USED from '@salesforce/label/c.ContactPad_SupervisorCapacityUsed';
import LABEL_INTERACTIONS from '@salesforce/label/c.ContactPad_Interactions';
import LABEL_NO_INTERACTIONS from '@salesforce/label/c.ContactPad_NoInteractions';
import LABEL_ACTION from '@salesforce/label/c.ContactPad_SupervisorAction';
import LABEL_CHANGE_STATE from '@salesforce/label/c.ContactPad_SupervisorChangeState';
import LABEL_NO_AGENTS from '@salesforce/label/c.ContactPad_SupervisorNoAgents';

/** @import { AgentRow } from '../contactPadSupervisor/supervisorModel' */

export default class ContactPadSupervisorAgents extends LightningElement {
  labels = {
    agents: LABEL_AGENTS,
    agent: LABEL_AGENT,
    state: LABEL_STATE,
    presence: LABEL_PRESENCE,
    timeInState: LABEL_TIME_IN_STATE,
    capacityUsed: LABEL_CAPACITY_USED,
    interactions: LABEL_INTERACTIONS,
    noInteractions: LABEL_NO_INTERACTIONS,
    action: LABEL_ACTION,
    changeState: LABEL_CHANGE_STATE,
    none: LABEL_NO_AGENTS,
  };

  /** The agents shown, in order. @type {readonly AgentRow[]} */
  @api agents = [];
  /** The page's clock (ms). */
  @api now = 0;
  /** No action now (the session is not live). */
  @api disabled = false;

  get rows() {
    const now = this.now;
    return this.agents.map((agent) => ({
      ...agent,
      timeInState: clock((now - agent.stateSince) / 1000),
      busy: agent.interactions.length > 0,
    }));
  }

  get empty() {
    return this.agents.length === 0;
  }

  /** @param {MouseEvent & { currentTarget: HTMLElement }} event */
  handleChangeState(event) {
    const agentId = event.currentTarget.dataset.agentId;
    if (agentId === undefined) return;
    this.dispatchEvent(new CustomEvent('changestate', { detail: { agentId } }));
  }

  /**
   * Focuses the agent's Change state button (after the form closes).
   * @param {string} agentId
   */
  @api focusAgent(agentId) {
    const buttons = /** @type {ShadowRoot} */ (this.template).querySelectorAll(
      'button[data-id="change-state"]',
    );
    for (const button of buttons) {
      if (/** @type {HTMLElement} */ (button).dataset.agentId === agentId) {
        /** @type {HTMLElement} */ (button).focus();
      }
    }
  }
}
