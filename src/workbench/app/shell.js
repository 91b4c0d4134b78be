// @ts-check
/**
 * The console shell of the workbench page, in plain DOM with SLDS classes: a global header with the
 * agent picker, a navigation bar, record tabs (fixture records, opened and focused by the
 * Workspace API and Open CTI stand-ins, showing their Tasks), a customer simulator panel, and a
 * utility bar whose "ContactPad" item hosts the real `c-contact-pad` and whose "Phone" item is the
 * Open CTI softphone (labelled by the bridge). It registers itself as the console the platform
 * stand-ins drive (../platform/host.js).
 */
import { currentAgentId, fetchJson, registerConsole } from '../platform/host';
import { CONTACTPAD_UTILITY_ID } from '../platform/lightning/platformUtilityBarApi';

/**
 * @import { ClickToDialPayload, NavigationPayload } from '../../bridge/openCti'
 * @import { FixtureRecord, Task } from '../fixtures'
 * @import { SearchMatch, TabInfo, UtilityApi } from '../platform/host'
 */

/**
 * A record as the workbench API answers it (GET records, records/:id): with its Tasks.
 * @typedef {FixtureRecord & { tasks: readonly Task[] }} WorkbenchRecord
 */

/**
 * A workspace tab: Home, a record's, or a search page's. `nav` and `link` are set by addTab.
 * @typedef {object} Tab
 * @property {string} id
 * @property {string | null} recordId
 * @property {WorkbenchRecord | null} record
 * @property {string} title
 * @property {HTMLElement} panel
 * @property {string} [search]
 * @property {HTMLElement} nav
 * @property {HTMLElement} link
 */

/**
 * A utility bar item of the page.
 * @typedef {object} Utility
 * @property {string} id
 * @property {string} label
 * @property {string} icon
 * @property {boolean} open
 * @property {boolean} highlighted
 * @property {((event: { utilityId: string }) => void)[]} clickHandlers
 * @property {HTMLElement} body
 * @property {UtilityApi} api
 */

/**
 * An interaction as the admin API lists it (GET interactions): the parts the simulator panel reads.
 * @typedef {object} SimInteraction
 * @property {string} id
 * @property {string} channel
 * @property {string | null} consultId
 * @property {{ name: string | null, phone: string | null, email: string | null }} customer
 * @property {{ kind?: string, serviceId?: string, agentId?: string }} [place]
 * @property {string[]} [agentIds]
 */

/**
 * An agent of the picker (GET agents): the demo's sign-in agents and their directory colleagues.
 * @typedef {{ id: string, name: string, signIn: boolean, services: string[] }} WorkbenchAgent
 */

/**
 * The account's settings as GET/PATCH settings answer them (the parts the admin panel shows).
 * @typedef {object} WorkbenchSettings
 * @property {number} consultTimeoutSeconds
 * @property {number} wrapSeconds
 * @property {Readonly<Record<string, boolean>>} features
 * @property {Readonly<Record<string, number>>} weights
 */

/**
 * An element's attributes for h(): `on<event>` functions are listeners, `class` the class name,
 * true an empty attribute; null, undefined and false leave the attribute out.
 * @typedef {Record<string, string | number | boolean | null | undefined | ((event: Event) => unknown)>} Attributes
 */

/**
 * A child for h(): a node, or text; null, undefined and false are left out.
 * @typedef {Node | string | number | boolean | null | undefined} Child
 */

const PHONE_UTILITY_ID = 'utility-phone';
const HOME_TAB = 'tab-home';
/** The simulator's customer with no record: a call from them gets the search pop. */
const UNKNOWN_CUSTOMER = 'unknown';
/** @type {Readonly<Record<string, string>>} */
const OBJECT_ICONS = { Account: 'account', Contact: 'contact', Case: 'case' };

/**
 * A tiny element builder: h('div', { class: 'x', onclick }, child, ...).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attributes} [attributes]
 * @param {...(Child | readonly Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      element.className = String(value);
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

/**
 * An SLDS sprite icon: icon('utility', 'call', 'slds-button__icon').
 * @param {string} sprite
 * @param {string} name
 * @param {string} className
 */
function icon(sprite, name, className) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  const use = document.createElementNS(SVG, 'use');
  use.setAttribute('href', `/slds/icons/${sprite}-sprite/svg/symbols.svg#${name}`);
  svg.append(use);
  return svg;
}

/**
 * Where an interaction is, as the admin API lists it.
 * @param {SimInteraction} interaction
 */
function placeOf(interaction) {
  const place = interaction.place ?? {};
  if (place.kind === 'queued') return `waiting at ${place.serviceId}`;
  if (place.kind === 'personal') return `in ${place.agentId}'s personal queue`;
  return `with ${(interaction.agentIds ?? []).join(', ') || 'nobody'}`;
}

/** @param {number | null} seconds */
function formatDuration(seconds) {
  if (typeof seconds !== 'number') return '';
  const m = Math.floor(seconds / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return `${m}:${s}`;
}

/**
 * The failure's message (fetchJson rejects with an Error).
 * @param {unknown} error
 * @returns {string}
 */
const messageOf = (error) => /** @type {Error} */ (error).message;

/**
 * Builds the shell in `root`; `onNavigated` and `onDial` hear tab focus and click-to-dial (for the
 * Open CTI stand-in).
 * @param {object} options
 * @param {HTMLElement} options.root
 * @param {boolean} options.bridgeOn
 * @param {(payload: NavigationPayload) => void} [options.onNavigated]
 * @param {(payload: ClickToDialPayload) => void} [options.onDial]
 */
export function startShell({ root, bridgeOn, onNavigated, onDial }) {
  const agentId = currentAgentId();
  /** @type {Map<string, Tab>} */
  const tabs = new Map(); // tabId -> { id, recordId, record, title, nav, panel }
  let focusedTab = HOME_TAB;
  let tabCounter = 0;
  let clickToDial = false;
  /** @type {Map<string, Utility>} */
  const utilities = new Map();

  root.textContent = '';

  // ---- global header and navigation bar ----

  const agentSelect = h('select', {
    class: 'slds-select',
    id: 'wb-agent',
    'data-id': 'agent-picker',
    onchange: (event) => {
      const next = /** @type {HTMLSelectElement} */ (event.target).value;
      window.sessionStorage.setItem('workbench.agent', next);
      const url = new URL(window.location.href);
      url.searchParams.set('agent', next);
      window.location.assign(url.toString());
    },
  });
  const header = h(
    'header',
    { class: 'slds-global-header_container wb-header' },
    h(
      'div',
      { class: 'slds-global-header slds-grid slds-grid_align-spread' },
      h(
        'div',
        { class: 'slds-global-header__item slds-grid slds-grid_vertical-align-center' },
        icon(
          'utility',
          'call',
          'slds-icon slds-icon_small slds-icon-text-default slds-m-right_x-small',
        ),
        h('span', { class: 'slds-text-heading_small' }, 'ContactPad Workbench'),
        h(
          'span',
          { class: 'slds-badge slds-m-left_small', 'data-id': 'bridge-badge' },
          bridgeOn ? 'Open CTI bridge on' : 'No bridge (Workspace API)',
        ),
      ),
      h(
        'div',
        { class: 'slds-global-header__item slds-grid slds-grid_vertical-align-center' },
        h(
          'label',
          { class: 'slds-form-element__label slds-m-right_x-small', for: 'wb-agent' },
          'Signed in as',
        ),
        h('div', { class: 'slds-select_container' }, agentSelect),
      ),
    ),
  );
  const contextBar = h(
    'div',
    { class: 'slds-context-bar' },
    h(
      'div',
      { class: 'slds-context-bar__primary' },
      h(
        'div',
        { class: 'slds-context-bar__item slds-no-hover' },
        h(
          'span',
          { class: 'slds-context-bar__label-action slds-context-bar__app-name' },
          h('span', { class: 'slds-truncate' }, 'Service Console'),
        ),
      ),
    ),
    h(
      'nav',
      { class: 'slds-context-bar__secondary', 'aria-label': 'Navigation' },
      h(
        'ul',
        { class: 'slds-grid' },
        h(
          'li',
          { class: 'slds-context-bar__item' },
          h(
            'a',
            {
              href: '#home',
              class: 'slds-context-bar__label-action',
              onclick: (event) => {
                event.preventDefault();
                focusTab(HOME_TAB);
              },
            },
            h('span', { class: 'slds-truncate' }, 'Home'),
          ),
        ),
      ),
    ),
  );

  // ---- workspace tabs ----

  const tabNav = h('ul', {
    class: 'slds-tabs_default__nav',
    role: 'tablist',
    'aria-label': 'Workspace tabs',
  });
  const tabContent = h('div', { class: 'wb-tab-content' });
  const workspace = h('main', { class: 'wb-workspace slds-tabs_default' }, tabNav, tabContent);

  /** @param {Omit<Tab, 'nav' | 'link'> & Partial<Tab>} tab */
  function addTab(tab) {
    const link = h(
      'a',
      {
        class: 'slds-tabs_default__link',
        href: `#${tab.id}`,
        role: 'tab',
        id: `${tab.id}-label`,
        'aria-controls': tab.id,
        'data-tab-id': tab.id,
        'data-record-id': tab.recordId,
        'data-search': tab.search,
        onclick: (event) => {
          event.preventDefault();
          focusTab(tab.id);
        },
        // Delete closes the tab from the keyboard (its close button is for the mouse only: a
        // tablist holds tabs alone).
        onkeydown: (event) => {
          if (event.key === 'Delete' && tab.id !== HOME_TAB) closeTab(tab.id);
        },
      },
      tab.title,
    );
    /** @type {HTMLElement[]} */
    const items = [link];
    if (tab.id !== HOME_TAB) {
      items.push(
        h(
          'button',
          {
            class: 'slds-button slds-button_icon slds-button_icon-x-small wb-tab-close',
            title: `Close ${tab.title}`,
            'aria-hidden': 'true',
            tabindex: '-1',
            onclick: () => closeTab(tab.id),
          },
          icon('utility', 'close', 'slds-button__icon'),
          h('span', { class: 'slds-assistive-text' }, `Close ${tab.title}`),
        ),
      );
    }
    tab.nav = h(
      'li',
      { class: 'slds-tabs_default__item', role: 'presentation', title: tab.title },
      items,
    );
    tab.link = link;
    tab.panel.id = tab.id;
    tab.panel.setAttribute('role', 'tabpanel');
    tab.panel.setAttribute('aria-labelledby', `${tab.id}-label`);
    tab.panel.classList.add('slds-tabs_default__content');
    tabs.set(tab.id, /** @type {Tab} */ (tab)); // nav and link are set just above
    tabNav.append(tab.nav);
    tabContent.append(tab.panel);
  }

  /** @param {string} tabId */
  function focusTab(tabId) {
    const tab = tabs.get(tabId);
    if (tab === undefined) throw new Error(`no tab ${tabId}`);
    focusedTab = tabId;
    for (const other of tabs.values()) {
      const active = other.id === tabId;
      other.nav.classList.toggle('slds-is-active', active);
      other.link.setAttribute('aria-selected', String(active));
      other.link.setAttribute('tabindex', active ? '0' : '-1');
      other.panel.classList.toggle('slds-show', active);
      other.panel.classList.toggle('slds-hide', !active);
    }
    onNavigated?.({
      url: `${window.location.origin}/lightning/r/${tab.record?.objectType ?? 'home'}/${tab.recordId ?? ''}/view`,
      recordId: tab.recordId ?? '',
      recordName: tab.record?.name ?? '',
      objectType: tab.record?.objectType ?? '',
    });
    return true;
  }

  /** @param {string} tabId */
  function closeTab(tabId) {
    const tab = tabs.get(tabId);
    if (tab === undefined || tabId === HOME_TAB) return false;
    tab.nav.remove();
    tab.panel.remove();
    tabs.delete(tabId);
    if (focusedTab === tabId) focusTab(HOME_TAB);
    return true;
  }

  /**
   * @param {string} tabId
   * @returns {TabInfo}
   */
  function tabInfo(tabId) {
    const tab = tabs.get(tabId);
    if (tab === undefined) throw new Error(`no tab ${tabId}`);
    return {
      tabId: tab.id,
      recordId: tab.recordId ?? undefined,
      title: tab.title,
      focused: tab.id === focusedTab,
      isSubtab: false,
      subtabs: [],
      url: `/lightning/r/${tab.record?.objectType ?? 'home'}/${tab.recordId ?? ''}/view`,
      pageReference: tab.record
        ? {
            type: 'standard__recordPage',
            attributes: {
              recordId: tab.recordId,
              objectApiName: tab.record.objectType,
              actionName: 'view',
            },
          }
        : { type: 'standard__namedPage', attributes: { pageName: 'home' } },
    };
  }

  /**
   * @param {string} a
   * @param {string} b
   */
  const sameRecord = (a, b) => a.slice(0, 15) === b.slice(0, 15);

  /** Tabs being opened, by 15-character record id: a second open of the same record waits for the first. */
  /** @type {Map<string, Promise<string>>} */
  const opening = new Map();

  /**
   * @param {string} recordId
   * @param {boolean} focus
   * @returns {Promise<string>}
   */
  async function openRecordTab(recordId, focus) {
    for (const tab of tabs.values()) {
      if (tab.recordId && sameRecord(tab.recordId, recordId)) {
        if (focus) focusTab(tab.id);
        return tab.id;
      }
    }
    const key = recordId.slice(0, 15);
    const pending = opening.get(key);
    if (pending !== undefined) {
      const tabId = await pending;
      if (focus) focusTab(tabId);
      return tabId;
    }
    const created = addRecordTab(recordId, focus);
    opening.set(key, created);
    try {
      return await created;
    } finally {
      opening.delete(key);
    }
  }

  /**
   * @param {string} recordId
   * @param {boolean} focus
   * @returns {Promise<string>}
   */
  async function addRecordTab(recordId, focus) {
    /** @type {WorkbenchRecord} */
    const record = await fetchJson(`/workbench/api/records/${encodeURIComponent(recordId)}`);
    tabCounter += 1;
    const tab = {
      id: `tab-${tabCounter}`,
      recordId: record.id,
      record,
      title: record.name,
      panel: h('section'),
    };
    renderRecord(tab);
    addTab(tab);
    if (focus || tabs.size === 2) focusTab(tab.id);
    else tab.panel.classList.add('slds-hide');
    return tab.id;
  }

  /**
   * The search page a softphone pops when a search finds no record or several.
   * @param {string} term
   * @param {readonly SearchMatch[]} matches
   */
  function openSearchTab(term, matches) {
    for (const tab of tabs.values()) {
      if (tab.search === term) {
        focusTab(tab.id);
        return tab.id;
      }
    }
    tabCounter += 1;
    const tab = {
      id: `tab-${tabCounter}`,
      recordId: null,
      record: null,
      search: term,
      title: `Search: ${term}`,
      panel: h('section', { 'data-search': term }),
    };
    tab.panel.append(
      h(
        'h1',
        { class: 'slds-text-heading_medium slds-m-bottom_small', 'data-id': 'search-title' },
        `Search results for "${term}"`,
      ),
      matches.length === 0
        ? h(
            'p',
            { class: 'slds-text-color_weak', 'data-id': 'search-none' },
            'No matching records.',
          )
        : h(
            'ul',
            { class: 'slds-has-dividers_bottom-space', 'aria-label': 'Search results' },
            matches.map((match) =>
              h(
                'li',
                { class: 'slds-item' },
                h(
                  'a',
                  {
                    href: `#${match.id}`,
                    onclick: (event) => {
                      event.preventDefault();
                      openRecordTab(match.id, true);
                    },
                  },
                  `${match.name} (${match.objectType})`,
                ),
              ),
            ),
          ),
    );
    addTab(tab);
    focusTab(tab.id);
    return tab.id;
  }

  /**
   * @param {string} value
   * @param {WorkbenchRecord} record
   */
  function phoneValue(value, record) {
    if (!clickToDial) return value;
    return h(
      'a',
      {
        href: `tel:${value}`,
        'data-click-to-dial': value,
        onclick: (event) => {
          event.preventDefault();
          onDial?.({
            number: value,
            recordId: record.id,
            recordName: record.name,
            objectType: record.objectType,
          });
        },
      },
      value,
    );
  }

  /** @param {Omit<Tab, 'nav' | 'link'>} tab a record's tab */
  function renderRecord(tab) {
    const record = /** @type {WorkbenchRecord} */ (tab.record);
    const iconName = OBJECT_ICONS[record.objectType] ?? 'record';
    const fields = record.fields.map((field) =>
      h(
        'div',
        { class: 'slds-form-element slds-form-element_readonly slds-form-element_stacked' },
        h('span', { class: 'slds-form-element__label' }, field.label),
        h(
          'div',
          { class: 'slds-form-element__control' },
          h(
            'div',
            { class: 'slds-form-element__static' },
            field.type === 'phone' ? phoneValue(field.value, record) : field.value,
          ),
        ),
      ),
    );
    const tasks = record.tasks ?? [];
    const activity =
      tasks.length === 0
        ? h('p', { class: 'slds-text-color_weak' }, 'No activities yet.')
        : h(
            'ul',
            { class: 'slds-has-dividers_bottom-space', 'aria-label': 'Tasks', 'data-id': 'tasks' },
            tasks.map((task) =>
              h(
                'li',
                { class: 'slds-item', 'data-task-id': task.Id },
                h('p', { class: 'slds-text-title_bold' }, task.Subject),
                h(
                  'p',
                  { class: 'slds-text-body_small' },
                  [
                    task.ActivityDate,
                    task.CallType,
                    formatDuration(task.CallDurationInSeconds),
                    task.CallDisposition,
                    task.source === 'opencti' ? 'saved by the bridge (saveLog)' : 'saved by Apex',
                  ]
                    .filter((part) => part)
                    .join(' · '),
                ),
                task.Description ? h('p', {}, task.Description) : null,
              ),
            ),
          );
    tab.panel.replaceChildren(
      h(
        'div',
        { class: 'slds-page-header slds-page-header_record-home slds-m-bottom_small' },
        h(
          'div',
          { class: 'slds-page-header__row' },
          h(
            'div',
            { class: 'slds-page-header__col-title' },
            h(
              'div',
              { class: 'slds-media' },
              h(
                'div',
                { class: 'slds-media__figure' },
                h(
                  'span',
                  { class: `slds-icon_container slds-icon-standard-${iconName}` },
                  icon('standard', iconName, 'slds-icon slds-page-header__icon'),
                ),
              ),
              h(
                'div',
                { class: 'slds-media__body' },
                h('span', { class: 'slds-text-body_small' }, record.objectType),
                h(
                  'h1',
                  { class: 'slds-page-header__title slds-truncate', 'data-id': 'record-title' },
                  record.name,
                ),
              ),
            ),
          ),
        ),
      ),
      h(
        'div',
        { class: 'slds-grid slds-gutters_small slds-wrap' },
        h(
          'div',
          { class: 'slds-col slds-size_1-of-1 slds-large-size_2-of-3' },
          h(
            'article',
            { class: 'slds-card' },
            h(
              'div',
              { class: 'slds-card__header' },
              h('h2', { class: 'slds-card__header-title' }, 'Details'),
            ),
            h('div', { class: 'slds-card__body slds-card__body_inner slds-form' }, fields),
          ),
        ),
        h(
          'div',
          { class: 'slds-col slds-size_1-of-1 slds-large-size_1-of-3' },
          h(
            'article',
            { class: 'slds-card' },
            h(
              'div',
              { class: 'slds-card__header' },
              h('h2', { class: 'slds-card__header-title' }, `Activity (${tasks.length})`),
            ),
            h('div', { class: 'slds-card__body slds-card__body_inner' }, activity),
          ),
        ),
      ),
    );
  }

  async function refreshRecords() {
    for (const tab of tabs.values()) {
      if (!tab.recordId) continue;
      tab.record = await fetchJson(`/workbench/api/records/${encodeURIComponent(tab.recordId)}`);
      renderRecord(tab);
    }
    await renderHome();
  }

  // The home tab: every fixture record, to open by hand.
  const home = { id: HOME_TAB, recordId: null, record: null, title: 'Home', panel: h('section') };
  addTab(home);
  focusTab(HOME_TAB);

  async function renderHome() {
    /** @type {WorkbenchRecord[]} */
    const records = await fetchJson('/workbench/api/records');
    const groups = ['Account', 'Contact', 'Case'].map((objectType) =>
      h(
        'div',
        { class: 'slds-col slds-size_1-of-3' },
        h(
          'article',
          { class: 'slds-card' },
          h(
            'div',
            { class: 'slds-card__header' },
            h(
              'h2',
              { class: 'slds-card__header-title' },
              `${objectType === 'Case' ? 'Cases' : `${objectType}s`}`,
            ),
          ),
          h(
            'ul',
            { class: 'slds-card__body slds-card__body_inner slds-has-dividers_bottom-space' },
            records
              .filter((record) => record.objectType === objectType)
              .map((record) =>
                h(
                  'li',
                  { class: 'slds-item' },
                  h(
                    'a',
                    {
                      href: `#${record.id}`,
                      onclick: (event) => {
                        event.preventDefault();
                        openRecordTab(record.id, true);
                      },
                    },
                    record.name,
                  ),
                  record.tasks.length > 0 ? ` (${record.tasks.length} tasks)` : '',
                ),
              ),
          ),
        ),
      ),
    );
    home.panel.replaceChildren(
      h('h1', { class: 'slds-text-heading_medium slds-m-bottom_small' }, 'Records'),
      h('div', { class: 'slds-grid slds-gutters_small' }, groups),
    );
  }

  // ---- the customer simulator ----

  const serviceSelect = h('select', {
    class: 'slds-select',
    id: 'wb-service',
    'data-id': 'sim-service',
  });
  const customerSelect = h('select', {
    class: 'slds-select',
    id: 'wb-customer',
    'data-id': 'sim-customer',
  });
  const simStatus = h('p', {
    class: 'slds-text-body_small slds-m-top_x-small',
    role: 'status',
    'data-id': 'sim-status',
  });
  const waitingList = h('ul', {
    class: 'slds-has-dividers_bottom-space',
    'aria-label': 'Customer contacts',
  });
  const channelButtons = /** @type {[string, string][]} */ ([
    ['voice', 'Call'],
    ['video', 'Video'],
    ['chat', 'Chat'],
    ['email', 'E-mail'],
    ['case', 'Case'],
  ]).map(([channel, label]) =>
    h(
      'button',
      {
        class: 'slds-button slds-button_neutral',
        type: 'button',
        'data-channel': channel,
        onclick: () => placeContact(channel, label),
      },
      label,
    ),
  );

  /**
   * @param {string} channel
   * @param {string} label
   */
  async function placeContact(channel, label) {
    simStatus.textContent = `Placing a ${label.toLowerCase()}…`;
    try {
      const interaction = await fetchJson('/workbench/api/simulate/arrive', {
        method: 'POST',
        body: JSON.stringify({
          channel,
          serviceId: serviceSelect.value,
          customer: customerSelect.value,
        }),
      });
      simStatus.textContent = `${label} ${interaction.id} placed at ${serviceSelect.selectedOptions[0]?.textContent}.`;
    } catch (error) {
      simStatus.textContent = `${label} failed: ${messageOf(error)}`;
    }
    refreshContacts();
  }

  /**
   * @param {SimInteraction} interaction
   * @param {string} fault 'error' or 'hang'
   */
  async function failNextRelease(interaction, fault) {
    try {
      await fetchJson(`/workbench/api/simulate/interactions/${interaction.id}/fail-release`, {
        method: 'POST',
        body: JSON.stringify({ fault }),
      });
      simStatus.textContent =
        fault === 'error'
          ? `The next release of ${interaction.id} will fail.`
          : `The next release of ${interaction.id} will hang.`;
    } catch (error) {
      simStatus.textContent = `Fail release failed: ${messageOf(error)}`;
    }
  }

  // ---- outside numbers: consults and outbound calls to telephone numbers ----

  const numberInput = h('input', {
    class: 'slds-input',
    id: 'wb-number',
    type: 'tel',
    value: '+15550100200',
    'data-id': 'number',
  });
  const numberAnswer = h(
    'select',
    { class: 'slds-select', id: 'wb-number-answer', 'data-id': 'number-answer' },
    h('option', { value: 'auto' }, 'Answers after 2 s'),
    h('option', { value: 'now' }, 'Answers at once'),
    h('option', { value: 'never' }, 'Never answers'),
  );
  const numberStatus = h('p', {
    class: 'slds-text-body_small slds-m-top_x-small',
    role: 'status',
    'data-id': 'number-status',
  });
  const callList = h('ul', {
    class: 'slds-has-dividers_bottom-space',
    'aria-label': 'Calls to outside numbers',
    'data-id': 'outside-calls',
  });

  async function setNumberBehaviour() {
    const number = numberInput.value.trim();
    const choice = numberAnswer.value;
    const body =
      choice === 'never'
        ? { answer: 'never', afterMs: 0 }
        : { answer: 'auto', afterMs: choice === 'now' ? 0 : 2000 };
    try {
      await fetchJson(`/workbench/api/simulate/numbers/${encodeURIComponent(number)}`, {
        method: 'PUT',
        body: JSON.stringify(body),
      });
      numberStatus.textContent = `${number}: ${numberAnswer.selectedOptions[0]?.textContent.toLowerCase()}.`;
    } catch (error) {
      numberStatus.textContent = `Setting ${number} failed: ${messageOf(error)}`;
    }
  }

  async function refreshCalls() {
    /** @type {{ ref: string, number: string, from: string }[]} */
    let calls = [];
    try {
      calls = await fetchJson('/workbench/api/simulate/calls');
    } catch {
      return;
    }
    callList.replaceChildren(
      ...calls.map((call) =>
        h(
          'li',
          {
            class: 'slds-item slds-grid slds-grid_align-spread slds-grid_vertical-align-center',
            'data-ref': call.ref,
            'data-number': call.number,
          },
          h('span', { class: 'slds-text-body_small' }, `${call.from} is calling ${call.number}`),
          h(
            'button',
            {
              class: 'slds-button slds-button_success slds-button_small',
              type: 'button',
              'data-command': 'answer',
              title: `${call.number} answers ${call.from}`,
              onclick: async () => {
                await fetchJson(`/workbench/api/simulate/calls/${call.ref}/answer`, {
                  method: 'POST',
                })
                  .then(() => {
                    numberStatus.textContent = `${call.number} answered.`;
                  })
                  .catch((error) => {
                    numberStatus.textContent = `Answer failed: ${messageOf(error)}`;
                  });
                refreshCalls();
              },
            },
            'Answer now',
          ),
        ),
      ),
    );
    if (calls.length === 0) {
      callList.replaceChildren(
        h('li', { class: 'slds-item slds-text-color_weak' }, 'None ringing.'),
      );
    }
  }

  // ---- the admin panel: system settings (B10) and the routing service ----

  const settingInputs = {
    consultTimeoutSeconds: h('input', {
      class: 'slds-input',
      id: 'wb-consult-timeout',
      type: 'number',
      min: 5,
      max: 600,
    }),
    wrapSeconds: h('input', {
      class: 'slds-input',
      id: 'wb-wrap',
      type: 'number',
      min: 0,
      max: 3600,
    }),
  };
  const featureInputs = {
    multiInteraction: 'Multi-interaction routing',
    crossMediaConsult: 'Cross-media consult',
    transferToService: 'Transfer to service',
    callLogging: 'Call logging',
    recording: 'Call recording',
  };
  const featureBoxes = Object.fromEntries(
    Object.keys(featureInputs).map((key) => [
      key,
      h('input', { type: 'checkbox', id: `wb-feature-${key}`, 'data-feature': key }),
    ]),
  );
  const weightNames = {
    live: 'Live weight',
    'semi-live': 'Semi-live weight',
    'non-live': 'Non-live weight',
  };
  const weightInputs = Object.fromEntries(
    Object.keys(weightNames).map((kind) => [
      kind,
      h('input', {
        class: 'slds-input',
        id: `wb-weight-${kind}`,
        type: 'number',
        min: 1,
        max: 100,
        'data-weight': kind,
      }),
    ]),
  );
  const settingsStatus = h('p', {
    class: 'slds-text-body_small slds-m-top_x-small',
    role: 'status',
    'data-id': 'settings-status',
  });
  const downInput = h('input', {
    class: 'slds-input',
    id: 'wb-down',
    type: 'number',
    min: 0,
    max: 60,
    value: 3,
  });

  /** @param {WorkbenchSettings} settings */
  function showSettings(settings) {
    settingInputs.consultTimeoutSeconds.value = String(settings.consultTimeoutSeconds);
    settingInputs.wrapSeconds.value = String(settings.wrapSeconds);
    for (const [key, box] of Object.entries(featureBoxes)) box.checked = !!settings.features[key];
    for (const [kind, input] of Object.entries(weightInputs)) {
      input.value = String(settings.weights[kind]);
    }
  }

  async function loadSettings() {
    showSettings(await fetchJson('/workbench/api/settings'));
  }

  /** @param {Event} event */
  async function applySettings(event) {
    event.preventDefault();
    const patch = {
      consultTimeoutSeconds: Number(settingInputs.consultTimeoutSeconds.value),
      wrapSeconds: Number(settingInputs.wrapSeconds.value),
      features: Object.fromEntries(
        Object.entries(featureBoxes).map(([key, box]) => [key, box.checked]),
      ),
      weights: Object.fromEntries(
        Object.entries(weightInputs).map(([kind, input]) => [kind, Number(input.value)]),
      ),
    };
    settingsStatus.textContent = 'Applying…';
    try {
      showSettings(
        await fetchJson('/workbench/api/settings', {
          method: 'PATCH',
          body: JSON.stringify(patch),
        }),
      );
      settingsStatus.textContent = 'Settings applied: connected ContactPads have them now.';
    } catch (error) {
      settingsStatus.textContent = `Settings refused: ${messageOf(error)}`;
    }
  }

  async function restartRouting() {
    const downMs = Math.round(Number(downInput.value || 0) * 1000);
    settingsStatus.textContent = 'Restarting the routing service…';
    try {
      await fetchJson('/workbench/api/routing/restart', {
        method: 'POST',
        body: JSON.stringify({ downMs }),
      });
      settingsStatus.textContent = 'The routing service restarted (empty, demo account seeded).';
      await loadSettings();
    } catch (error) {
      settingsStatus.textContent = `Restart failed: ${messageOf(error)}`;
    }
  }

  /**
   * @param {string} id
   * @param {string} label
   * @param {Child} control
   */
  const field = (id, label, control) =>
    h(
      'div',
      { class: 'slds-form-element slds-m-top_x-small' },
      h('label', { class: 'slds-form-element__label', for: id }, label),
      h('div', { class: 'slds-form-element__control' }, control),
    );

  const adminCard = h(
    'article',
    { class: 'slds-card', 'data-id': 'admin' },
    h(
      'div',
      { class: 'slds-card__header' },
      h('h2', { class: 'slds-card__header-title' }, 'System settings (admin)'),
    ),
    h(
      'form',
      {
        class: 'slds-card__body slds-card__body_inner',
        'aria-label': 'System settings',
        onsubmit: applySettings,
      },
      field('wb-consult-timeout', 'Consult timeout (seconds)', settingInputs.consultTimeoutSeconds),
      field('wb-wrap', 'Wrap time (seconds)', settingInputs.wrapSeconds),
      h(
        'fieldset',
        { class: 'slds-form-element slds-m-top_x-small' },
        h('legend', { class: 'slds-form-element__legend slds-form-element__label' }, 'Features'),
        Object.entries(featureInputs).map(([key, label]) =>
          h(
            'div',
            { class: 'slds-checkbox' },
            featureBoxes[key],
            h(
              'label',
              { class: 'slds-checkbox__label', for: `wb-feature-${key}` },
              h('span', { class: 'slds-checkbox_faux' }),
              h('span', { class: 'slds-form-element__label' }, label),
            ),
          ),
        ),
      ),
      h(
        'fieldset',
        { class: 'slds-form-element slds-m-top_x-small' },
        h(
          'legend',
          { class: 'slds-form-element__legend slds-form-element__label' },
          'Capacity weights (of 100)',
        ),
        Object.entries(weightNames).map(([kind, label]) =>
          field(`wb-weight-${kind}`, label, weightInputs[kind]),
        ),
      ),
      h(
        'button',
        { class: 'slds-button slds-button_brand slds-m-top_small', type: 'submit' },
        'Apply settings',
      ),
      settingsStatus,
      h('h3', { class: 'slds-text-title_caps slds-m-top_small' }, 'Routing service'),
      field('wb-down', 'Down for (seconds)', downInput),
      h(
        'button',
        {
          class: 'slds-button slds-button_destructive slds-m-top_x-small',
          type: 'button',
          onclick: restartRouting,
        },
        'Restart routing service',
      ),
    ),
  );

  async function refreshContacts() {
    /** @type {SimInteraction[]} */
    let interactions = [];
    try {
      interactions = await fetchJson('/workbench/api/interactions');
    } catch {
      return;
    }
    waitingList.replaceChildren(
      ...interactions
        .filter((interaction) => interaction.consultId === null)
        .map((interaction) =>
          h(
            'li',
            {
              class: 'slds-item',
              'data-interaction-id': interaction.id,
              'data-channel': interaction.channel,
            },
            h(
              'p',
              { class: 'slds-text-body_small' },
              `${interaction.channel} · ${interaction.customer.name ?? interaction.customer.phone ?? interaction.customer.email} · ${placeOf(interaction)}`,
            ),
            h(
              'div',
              {
                class: 'slds-button-group slds-m-top_xx-small',
                role: 'group',
                'aria-label': 'Simulate',
              },
              ['error', 'hang'].map((fault) =>
                h(
                  'button',
                  {
                    class: 'slds-button slds-button_neutral slds-button_small',
                    type: 'button',
                    'data-fault': fault,
                    title:
                      fault === 'error'
                        ? `The next release of ${interaction.id} fails at once`
                        : `The next release of ${interaction.id} hangs until the release timeout`,
                    onclick: () => failNextRelease(interaction, fault),
                  },
                  fault === 'error' ? 'Fail release' : 'Hang release',
                ),
              ),
              h(
                'button',
                {
                  class: 'slds-button slds-button_neutral slds-button_small',
                  type: 'button',
                  'data-command': 'leave',
                  title: `The customer leaves (${interaction.id})`,
                  onclick: async () => {
                    await fetchJson(
                      `/workbench/api/simulate/interactions/${interaction.id}/leave`,
                      {
                        method: 'POST',
                      },
                    ).catch((error) => {
                      simStatus.textContent = `Leave failed: ${messageOf(error)}`;
                    });
                    refreshContacts();
                  },
                },
                'Leave',
              ),
            ),
          ),
        ),
    );
    if (interactions.length === 0) {
      waitingList.replaceChildren(h('li', { class: 'slds-item slds-text-color_weak' }, 'None.'));
    }
  }

  const bridgeLog = h('div', {
    class: 'wb-log',
    'data-id': 'bridge-log',
    role: 'log',
    // Scrollable: reachable from the keyboard.
    tabindex: '0',
    'aria-label': 'Bridge log',
  });

  const side = h(
    'aside',
    { class: 'wb-side', 'aria-label': 'Workbench' },
    h(
      'article',
      { class: 'slds-card', 'data-id': 'simulator' },
      h(
        'div',
        { class: 'slds-card__header' },
        h('h2', { class: 'slds-card__header-title' }, 'Customer simulator'),
      ),
      h(
        'div',
        { class: 'slds-card__body slds-card__body_inner' },
        h(
          'div',
          { class: 'slds-form-element' },
          h('label', { class: 'slds-form-element__label', for: 'wb-service' }, 'Service'),
          h(
            'div',
            { class: 'slds-form-element__control' },
            h('div', { class: 'slds-select_container' }, serviceSelect),
          ),
        ),
        h(
          'div',
          { class: 'slds-form-element slds-m-top_x-small' },
          h('label', { class: 'slds-form-element__label', for: 'wb-customer' }, 'Customer'),
          h(
            'div',
            { class: 'slds-form-element__control' },
            h('div', { class: 'slds-select_container' }, customerSelect),
          ),
        ),
        h(
          'div',
          {
            class: 'slds-button-group slds-m-top_small',
            role: 'group',
            'aria-label': 'Place a customer contact',
          },
          channelButtons,
        ),
        simStatus,
        h('h3', { class: 'slds-text-title_caps slds-m-top_small' }, 'Customer contacts'),
        waitingList,
        h('h3', { class: 'slds-text-title_caps slds-m-top_small' }, 'Outside numbers'),
        h(
          'form',
          {
            'aria-label': 'Outside number behaviour',
            onsubmit: (event) => {
              event.preventDefault();
              setNumberBehaviour();
            },
          },
          field('wb-number', 'Number', numberInput),
          field(
            'wb-number-answer',
            'When called',
            h('div', { class: 'slds-select_container' }, numberAnswer),
          ),
          h(
            'button',
            { class: 'slds-button slds-button_neutral slds-m-top_x-small', type: 'submit' },
            'Set number',
          ),
        ),
        numberStatus,
        h('h4', { class: 'slds-text-title slds-m-top_x-small' }, 'Calls to outside numbers'),
        callList,
      ),
    ),
    adminCard,
    h(
      'article',
      { class: 'slds-card' },
      h(
        'div',
        { class: 'slds-card__header' },
        h('h2', { class: 'slds-card__header-title' }, 'Open CTI calls'),
      ),
      h('div', { class: 'slds-card__body slds-card__body_inner' }, bridgeLog),
    ),
  );

  // ---- the utility bar ----

  const utilityBar = h('ul', { class: 'slds-utility-bar' });
  const utilityFooter = h(
    'footer',
    { class: 'slds-utility-bar_container wb-utility-bar', 'aria-label': 'Utility Bar' },
    utilityBar,
  );

  /**
   * @param {string} id
   * @param {string} label
   * @param {string} iconName
   * @param {string} [extraClass]
   * @returns {Utility}
   */
  function createUtility(id, label, iconName, extraClass) {
    const text = h('span', { class: 'slds-utility-bar__text' }, label);
    let iconSvg = icon('utility', iconName, 'slds-button__icon slds-button__icon_left');
    const button = h(
      'button',
      {
        class: 'slds-button slds-utility-bar__action',
        type: 'button',
        'aria-pressed': 'false',
        'data-utility-id': id,
        onclick: () => {
          for (const handler of state.clickHandlers) handler({ utilityId: id });
          if (state.open) state.api.minimize();
          else state.api.open();
        },
      },
      iconSvg,
      text,
    );
    const item = h('li', { class: 'slds-utility-bar__item' }, button);
    const heading = h('h2', { id: `${id}-heading` }, label);
    const body = h('div', { class: 'slds-utility-panel__body' });
    const panel = h(
      'div',
      {
        class: `slds-utility-panel slds-grid slds-grid_vertical wb-utility-panel ${extraClass ?? ''}`,
        role: 'dialog',
        'aria-labelledby': `${id}-heading`,
        'data-utility-panel': id,
      },
      h(
        'div',
        { class: 'slds-utility-panel__header slds-grid slds-shrink-none' },
        h(
          'div',
          { class: 'slds-media slds-media_center' },
          h('div', { class: 'slds-media__body' }, heading),
        ),
        h(
          'div',
          { class: 'slds-col_bump-left' },
          h(
            'button',
            {
              class: 'slds-button slds-button_icon slds-button_icon',
              title: 'Minimize',
              type: 'button',
              onclick: () => state.api.minimize(),
            },
            icon('utility', 'minimize_window', 'slds-button__icon'),
            h('span', { class: 'slds-assistive-text' }, 'Minimize'),
          ),
        ),
      ),
      body,
    );
    /** @type {Omit<Utility, 'api'>} its api is set below */
    const fields = {
      id,
      label,
      icon: iconName,
      open: false,
      highlighted: false,
      clickHandlers: [],
      body,
    };
    const state = /** @type {Utility} */ (fields);
    /** @param {boolean} open */
    const setOpen = (open) => {
      state.open = open;
      panel.classList.toggle('slds-is-open', open);
      button.classList.toggle('slds-is-active', open);
      button.setAttribute('aria-pressed', String(open));
      item.classList.toggle('slds-is-active', open);
      return true;
    };
    state.api = {
      open: () => setOpen(true),
      minimize: () => setOpen(false),
      info: () => ({
        id,
        utilityLabel: state.label,
        utilityIcon: state.icon,
        utilityVisible: true,
        panelVisible: state.open,
        utilityHighlighted: state.highlighted,
      }),
      update: (change = {}) => {
        if (typeof change.label === 'string') {
          state.label = change.label;
          text.textContent = change.label;
        }
        if (typeof change.icon === 'string' && change.icon !== state.icon) {
          state.icon = change.icon;
          const next = icon('utility', change.icon, 'slds-button__icon slds-button__icon_left');
          iconSvg.replaceWith(next);
          iconSvg = next;
        }
        if (typeof change.highlighted === 'boolean') {
          state.highlighted = change.highlighted;
          button.classList.toggle('slds-has-notification', change.highlighted);
        }
        return true;
      },
      updatePanel: (change = {}) => {
        if (typeof change.heading === 'string') heading.textContent = change.heading;
        return true;
      },
      onClick: (handler) => {
        state.clickHandlers.push(handler);
        return true;
      },
    };
    utilities.set(id, state);
    utilityBar.append(item);
    root.append(panel);
    return state;
  }

  root.append(header, contextBar, h('div', { class: 'wb-main' }, workspace, side), utilityFooter);
  const contactPadUtility = createUtility(CONTACTPAD_UTILITY_ID, 'ContactPad', 'call');
  const phoneUtility = createUtility(PHONE_UTILITY_ID, 'Phone', 'call', 'wb-phone');
  phoneUtility.body.append(
    h(
      'p',
      { class: 'slds-p-around_small slds-text-body_small' },
      bridgeOn
        ? 'The Open CTI softphone: the real bridge script runs here against the workbench’s Open CTI. Its label shows ContactPad’s presence.'
        : 'No softphone: the page was opened with ?bridge=off.',
    ),
  );
  contactPadUtility.api.open();

  // ---- the console the platform stand-ins drive ----

  registerConsole({
    openRecordTab,
    openSearchTab,
    focusTab: async (tabId) => focusTab(tabId),
    closeTab: async (tabId) => closeTab(tabId),
    focusedTabId: () => focusedTab,
    allTabIds: () => [...tabs.keys()],
    tabInfo,
    refreshTab: async () => {
      await refreshRecords();
      return true;
    },
    setTabLabel: async (tabId, label) => {
      const tab = tabs.get(tabId);
      if (tab === undefined) throw new Error(`no tab ${tabId}`);
      tab.title = label;
      tab.link.textContent = label;
      return true;
    },
    utility(utilityId) {
      const utility = utilities.get(utilityId);
      if (utility === undefined) throw new Error(`no utility ${utilityId}`);
      return utility.api;
    },
    utilities: () => [...utilities.values()].map((utility) => utility.api),
    tasksChanged: () => {
      refreshRecords().catch(() => {});
    },
    setClickToDial(enabled) {
      clickToDial = enabled;
      for (const tab of tabs.values()) if (tab.record) renderRecord(tab);
      return true;
    },
  });

  // ---- data for the pickers ----

  (async () => {
    /** @type {[WorkbenchAgent[], { id: string, name: string }[], { key: string, name: string }[]]} */
    const [agents, services, customers] = await Promise.all([
      fetchJson(`/workbench/api/agents?agent=${encodeURIComponent(agentId)}`),
      fetchJson('/workbench/api/services'),
      fetchJson('/workbench/api/customers'),
    ]);
    const signIn = agents.filter((agent) => agent.signIn);
    const others = agents.filter((agent) => !agent.signIn);
    /** @param {WorkbenchAgent} agent */
    const option = (agent) =>
      h(
        'option',
        { value: agent.id, selected: agent.id === agentId },
        `${agent.name} (${agent.id})`,
      );
    agentSelect.replaceChildren(
      h('optgroup', { label: 'Demo agents' }, signIn.map(option)),
      h('optgroup', { label: 'Directory colleagues (no queues)' }, others.map(option)),
    );
    const me = agents.find((agent) => agent.id === agentId);
    serviceSelect.replaceChildren(
      ...services.map((service) =>
        h(
          'option',
          { value: service.id, selected: me?.services[0] === service.id },
          me?.services.includes(service.id) ? `${service.name} (yours)` : service.name,
        ),
      ),
    );
    customerSelect.replaceChildren(
      ...customers.map((customer) => h('option', { value: customer.key }, customer.name)),
      h('option', { value: UNKNOWN_CUSTOMER }, 'Unknown caller (no record)'),
    );
    await renderHome();
    await refreshContacts();
    await refreshCalls();
    await loadSettings();
  })().catch((error) => {
    simStatus.textContent = `The workbench server did not answer: ${messageOf(error)}`;
  });
  // The simulator's lists follow the routing service (routing, releases, consults) without a socket.
  setInterval(() => {
    refreshContacts();
    refreshCalls();
  }, 1500);

  return {
    /** @param {HTMLElement} element */
    mountContactPad(element) {
      contactPadUtility.body.append(element);
    },
    /**
     * @param {string} method
     * @param {unknown} args
     */
    logBridge(method, args) {
      const line = `${new Date().toLocaleTimeString()} ${method} ${JSON.stringify(args)}`;
      bridgeLog.prepend(h('div', {}, line));
      while (bridgeLog.childElementCount > 50) bridgeLog.lastElementChild?.remove();
    },
  };
}
