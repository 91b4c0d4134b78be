// @ts-check
/**
 * The console's workspace: a tab strip (Home, record tabs, search pages) and the focused tab's
 * page. It renders the workspace model (src/workbench/models/workspace.ts) and tells it what the
 * agent clicked; record pages raise `dial` (a phone number clicked), which bubbles on.
 */
import ModelView from '../modelView/modelView';
import { HOME_TAB } from '../../../../models/workspace';
import { iconHref, recordView } from '../../../../models/records';

/**
 * @import { WorkspaceModel } from '../../../../models/workspace'
 */

/** @extends {ModelView<WorkspaceModel>} */
export default class WorkbenchTabs extends ModelView {
  /** @type {'light'} */
  static renderMode = 'light';
  closeIcon = iconHref('utility', 'close');

  get tabs() {
    const view = this.view;
    const model = this.model;
    if (view === null || model === undefined) return [];
    return view.tabs.map((tab) => {
      const active = tab.id === view.focused;
      const record = model.recordOf(tab);
      return {
        ...tab,
        labelId: `${tab.id}-label`,
        href: `#${tab.id}`,
        closable: tab.id !== HOME_TAB,
        closeLabel: `Close ${tab.title}`,
        itemClass: `slds-tabs_default__item${active ? ' slds-is-active' : ''}`,
        selected: String(active),
        tabIndex: active ? '0' : '-1',
        panelClass: `slds-tabs_default__content ${active ? 'slds-show' : 'slds-hide'}`,
        isHome: tab.id === HOME_TAB,
        isSearch: tab.search !== null,
        record: record === undefined ? null : recordView(record, view.clickToDial),
      };
    });
  }

  get records() {
    return this.view?.records ?? [];
  }

  /** @param {Event} event */
  handleFocus(event) {
    event.preventDefault();
    const tabId = /** @type {HTMLElement} */ (event.currentTarget).dataset.tabId;
    if (tabId !== undefined) this.model?.focus(tabId);
  }

  /**
   * Delete closes the tab from the keyboard (its close button is for the mouse only: a tablist
   * holds tabs alone).
   * @param {KeyboardEvent} event
   */
  handleKey(event) {
    const tabId = /** @type {HTMLElement} */ (event.currentTarget).dataset.tabId;
    if (event.key === 'Delete' && tabId !== undefined) this.model?.close(tabId);
  }

  /** @param {Event} event */
  handleClose(event) {
    const tabId = /** @type {HTMLElement} */ (event.currentTarget).dataset.tabId;
    if (tabId !== undefined) this.model?.close(tabId);
  }

  /** A record link of Home or a search page. @param {CustomEvent<string>} event */
  handleOpen(event) {
    this.model?.openRecord(event.detail, true).catch(() => {});
  }
}
