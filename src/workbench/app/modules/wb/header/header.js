// @ts-check
/**
 * Presentational: the console's global header: the product name, whether the Open CTI bridge
 * runs, the agent picker (picking one reloads the page signed in as them), and the navigation
 * bar, whose Home raises `home`. All of it in the banner landmark.
 */
import { LightningElement, api } from 'lwc';
import { iconHref } from '../../../../models/records';

/** @typedef {{ id: string, name: string, signIn: boolean }} PickerAgent */

export default class WorkbenchHeader extends LightningElement {
  /** @type {'light'} */
  static renderMode = 'light';

  /** @type {PickerAgent[]} */
  @api agents = [];
  @api agentId = '';
  @api bridgeOn = false;

  callIcon = iconHref('utility', 'call');

  get bridgeLabel() {
    return this.bridgeOn ? 'Open CTI bridge on' : 'No bridge (Workspace API)';
  }

  /** @param {PickerAgent[]} agents */
  optionsOf(agents) {
    return agents.map((agent) => ({
      value: agent.id,
      label: `${agent.name} (${agent.id})`,
      selected: agent.id === this.agentId,
    }));
  }

  get demoAgents() {
    return this.optionsOf(this.agents.filter((agent) => agent.signIn));
  }

  get colleagues() {
    return this.optionsOf(this.agents.filter((agent) => !agent.signIn));
  }

  /** @param {Event} event */
  handleHome(event) {
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('home'));
  }

  /** @param {Event} event */
  handleAgent(event) {
    const next = /** @type {HTMLSelectElement} */ (event.target).value;
    window.sessionStorage.setItem('workbench.agent', next);
    const url = new URL(window.location.href);
    url.searchParams.set('agent', next);
    window.location.assign(url.toString());
  }
}
