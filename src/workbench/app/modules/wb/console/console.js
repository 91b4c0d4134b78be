// @ts-check
/**
 * Container: the console page around ContactPad. It owns the page's models (src/workbench/models),
 * fills them from the workbench server (the pickers once, everything else as the server pushes
 * it) and registers the console that the platform stand-ins drive (../../../../platform/host.js).
 * Its children each render one model: the header, the workspace tabs, the customer simulator,
 * the New Case form, the queues, the outside numbers, the system settings, the overflow, the bridge log and the
 * utility bar. The header's navigation picks the page (pages.js): the console, or a Lightning
 * tab of the app (the Supervisor page, the real `c-contact-pad-supervisor`; the Setup page, the real
 * `c-contact-pad-setup`).
 */
import { LightningElement, api } from 'lwc';
import { currentAgentId, fetchJson, registerConsole } from '../../../../platform/host';
import { CONTACTPAD_UTILITY_ID } from '../../../../platform/lightning/platformUtilityBarApi';
import { BridgeLogModel } from '../../../../models/bridgeLog';
import { CaseFormModel } from '../../../../models/caseForm';
import { OutsideNumbersModel } from '../../../../models/outsideNumbers';
import { OverflowModel } from '../../../../models/overflow';
import { QueuesModel } from '../../../../models/queues';
import { SettingsModel } from '../../../../models/settings';
import { SimulatorModel } from '../../../../models/simulator';
import { UPDATES_PATH, listenForUpdates } from '../../../../models/updates';
import { UtilityModel } from '../../../../models/utilities';
import { HOME_TAB, WorkspaceModel } from '../../../../models/workspace';
import { CONSOLE_PAGE } from './pages';

/**
 * @import { ClickToDialPayload, NavigationPayload } from '../../../../../bridge/openCti'
 * @import { WorkbenchConsole as ConsoleApi } from '../../../../platform/host'
 */

/**
 * An agent of the picker (GET agents): the demo's sign-in agents and their directory colleagues.
 * @typedef {{ id: string, name: string, signIn: boolean, services: string[] }} WorkbenchAgent
 */

const PHONE_UTILITY_ID = 'utility-phone';

export default class WorkbenchConsole extends LightningElement {
  /** @type {'light'} */
  static renderMode = 'light';

  /** Whether the Open CTI bridge runs in the page (not with ?bridge=off). */
  @api bridgeOn = false;
  /** The Open CTI calls the bridge makes (main.js logs them). */
  @api bridgeLog = new BridgeLogModel();
  /**
   * The Open CTI stand-in's side of the page (none without the bridge): it hears which tab took
   * the focus and which phone number was clicked.
   * @type {{ navigated(payload: NavigationPayload): void, dial(payload: ClickToDialPayload): void } | null}
   */
  @api softphone = null;

  agentId = currentAgentId();
  /** @type {WorkbenchAgent[]} */
  agents = [];
  workspace = new WorkspaceModel(fetchJson, (navigation) =>
    this.softphone?.navigated({ ...navigation, url: `${window.location.origin}${navigation.url}` }),
  );
  simulator = new SimulatorModel(fetchJson);
  caseForm = new CaseFormModel(fetchJson);
  queues = new QueuesModel();
  overflow = new OverflowModel(fetchJson);
  numbers = new OutsideNumbersModel(fetchJson);
  settings = new SettingsModel(fetchJson);
  contactPadUtility = new UtilityModel(CONTACTPAD_UTILITY_ID, 'ContactPad', 'call');
  phoneUtility = new UtilityModel(PHONE_UTILITY_ID, 'Phone', 'call');

  /** @type {(() => void) | null} */
  stopUpdates = null;
  /** @type {() => void} */
  onPageHide = () => this.stopListening();

  connectedCallback() {
    this.contactPadUtility.api.open();
    registerConsole(this.consoleApi());
    this.loadPickers();
    this.stopUpdates = listenForUpdates(new EventSource(UPDATES_PATH), {
      contacts: (contacts) => this.simulator.received(contacts),
      queues: (queues) => {
        this.queues.received(queues);
        this.overflow.received(queues);
      },
      calls: (calls) => this.numbers.received(calls),
      settings: (settings) => this.settings.received(settings),
      records: (records) => this.workspace.receivedRecords(records),
    });
    // The page stops listening when it goes away (a reload, another agent picked).
    window.addEventListener('pagehide', this.onPageHide);
  }

  disconnectedCallback() {
    window.removeEventListener('pagehide', this.onPageHide);
    this.stopListening();
  }

  stopListening() {
    this.stopUpdates?.();
    this.stopUpdates = null;
  }

  /** The agents, services and customers of the pickers: the demo's, read once. */
  async loadPickers() {
    try {
      /** @type {[WorkbenchAgent[], { id: string, name: string }[], { key: string, name: string }[]]} */
      const [agents, services, customers] = await Promise.all([
        fetchJson(`/workbench/api/agents?agent=${encodeURIComponent(this.agentId)}`),
        fetchJson('/workbench/api/services'),
        fetchJson('/workbench/api/customers'),
      ]);
      this.agents = agents;
      const me = agents.find((agent) => agent.id === this.agentId);
      this.simulator.sources({ services, customers, ownServices: me?.services ?? [] });
      this.caseForm.sources(customers);
    } catch (error) {
      this.simulator.failed('The workbench server did not answer', error);
    }
  }

  /** @returns {ConsoleApi} what the Workspace, Utility Bar and Open CTI stand-ins drive */
  consoleApi() {
    const workspace = this.workspace;
    const utilities = [this.contactPadUtility, this.phoneUtility];
    return {
      openRecordTab: (recordId, focus) => workspace.openRecord(recordId, focus),
      openSearchTab: (term, matches) => workspace.openSearch(term, matches),
      focusTab: async (tabId) => workspace.focus(tabId),
      closeTab: async (tabId) => workspace.close(tabId),
      focusedTabId: () => workspace.state.focused,
      allTabIds: () => workspace.allTabIds(),
      tabInfo: (tabId) => workspace.tabInfo(tabId),
      // Records and their Tasks are pushed: a tab always shows the latest.
      refreshTab: async () => true,
      setTabLabel: async (tabId, label) => workspace.setLabel(tabId, label),
      utility(utilityId) {
        const utility = utilities.find((u) => u.state.id === utilityId);
        if (utility === undefined) throw new Error(`no utility ${utilityId}`);
        return utility.api;
      },
      utilities: () => utilities.map((utility) => utility.api),
      setClickToDial: (enabled) => workspace.setClickToDial(enabled),
    };
  }

  /** The page the navigation bar shows (Home: the console, its Home tab focused). */
  page = CONSOLE_PAGE;

  get consoleClass() {
    return this.page === CONSOLE_PAGE ? 'wb-main' : 'wb-main slds-hide';
  }

  get onSupervisor() {
    return this.page === 'supervisor';
  }

  get onSetup() {
    return this.page === 'setup';
  }

  /** @param {CustomEvent<string>} event */
  handlePage(event) {
    this.page = event.detail;
    if (this.page === CONSOLE_PAGE) this.workspace.focus(HOME_TAB);
  }

  /** A phone number of a record was clicked: the Open CTI stand-in's listeners hear it. */
  /** @param {CustomEvent<ClickToDialPayload>} event */
  handleDial(event) {
    this.softphone?.dial(event.detail);
  }
}
