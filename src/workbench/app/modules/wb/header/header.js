// @ts-check
/**
 * Presentational: the console's global header: the product name, whether the Open CTI bridge
 * runs, the agent picker (picking one reloads the page signed in as them), and the navigation
 * bar, whose items (the workbench's pages) raise `page`. All of it in the banner landmark.
 */
import { LightningElement, api } from 'lwc';
import { iconHref } from '../../../../models/records';
import { WORKBENCH_PAGES } from '../console/pages';

/** @typedef {{ id: string, name: string, signIn: boolean }} PickerAgent */

export default class WorkbenchHeader extends LightningElement {
  /** @type {'light'} */
  static renderMode = 'light';

  /** @type {PickerAgent[]} */
  @api agents = [];
  @api agentId = '';
  @api bridgeOn = false;
  /** The id of the page shown (one of WORKBENCH_PAGES). */
  @api page = '';

  callIcon = iconHref('utility', 'call');

  get bridgeLabel() {
    return this.bridgeOn ? 'Open CTI bridge on' : 'No bridge (Workspace API)';
  }

  get navItems() {
    return WORKBENCH_PAGES.map((page) => {
      const current = page.id === this.page;
      return {
        ...page,
        href: `#${page.id}`,
        current: current ? 'page' : null,
        itemClass: `slds-context-bar__item${current ? ' slds-is-active' : ''}`,
      };
    });
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

  /** A navigation item raises `page` (detail: the page's id). @param {Event} event */
  handlePage(event) {
    event.preventDefault();
    const page = /** @type {HTMLElement} */ (event.currentTarget).dataset.page;
    this.dispatchEvent(new CustomEvent('page', { detail: page }));
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
