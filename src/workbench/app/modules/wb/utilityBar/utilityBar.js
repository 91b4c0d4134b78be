// @ts-check
/**
 * The console's utility bar: the "ContactPad" item, whose panel hosts the real `c-contact-pad`
 * (hidden while minimised, still connected), and the "Phone" item, the Open CTI softphone that
 * the bridge labels. Each item renders a utility model (src/workbench/models/utilities.ts) that
 * the Utility Bar API stand-in drives too.
 */
import { LightningElement, api } from 'lwc';
import { iconHref } from '../../../../models/records';
import { CONTACTPAD_UTILITY_ID } from '../../../../platform/lightning/platformUtilityBarApi';

/** @import { UtilityModel, UtilityState } from '../../../../models/utilities' */

/**
 * @param {UtilityState} state
 * @param {string} extraClass
 */
const itemView = (state, extraClass) => ({
  ...state,
  hostsContactPad: state.id === CONTACTPAD_UTILITY_ID,
  iconHref: iconHref('utility', state.icon),
  headingId: `${state.id}-heading`,
  pressed: String(state.open),
  itemClass: `slds-utility-bar__item${state.open ? ' slds-is-active' : ''}`,
  buttonClass:
    'slds-button slds-utility-bar__action' +
    (state.open ? ' slds-is-active' : '') +
    (state.highlighted ? ' slds-has-notification' : ''),
  panelClass:
    `slds-utility-panel slds-grid slds-grid_vertical wb-utility-panel ${extraClass}` +
    (state.open ? ' slds-is-open' : ''),
});

export default class WorkbenchUtilityBar extends LightningElement {
  /** @type {'light'} */
  static renderMode = 'light';

  /** @type {UtilityModel | undefined} */
  @api contactPad;
  /** @type {UtilityModel | undefined} */
  @api phone;
  @api bridgeOn = false;

  /** @type {UtilityState | null} */
  contactPadState = null;
  /** @type {UtilityState | null} */
  phoneState = null;
  /** @type {(() => void)[]} */
  unsubscribes = [];
  minimizeIcon = iconHref('utility', 'minimize_window');

  connectedCallback() {
    this.unsubscribes = [
      this.contactPad?.subscribe((state) => (this.contactPadState = state)),
      this.phone?.subscribe((state) => (this.phoneState = state)),
    ].filter((stop) => stop !== undefined);
  }

  disconnectedCallback() {
    for (const stop of this.unsubscribes) stop();
    this.unsubscribes = [];
  }

  get items() {
    return [
      this.contactPadState && itemView(this.contactPadState, ''),
      this.phoneState && itemView(this.phoneState, 'wb-phone'),
    ].filter((item) => item !== null);
  }

  get phoneText() {
    return this.bridgeOn
      ? 'The Open CTI softphone: the real bridge script runs here against the workbench’s Open CTI. Its label shows ContactPad’s presence.'
      : 'No softphone: the page was opened with ?bridge=off.';
  }

  /** @param {string | undefined} utilityId */
  model(utilityId) {
    return [this.contactPad, this.phone].find((m) => m?.state.id === utilityId);
  }

  /** @param {Event} event */
  handleClick(event) {
    this.model(/** @type {HTMLElement} */ (event.currentTarget).dataset.utilityId)?.clicked();
  }

  /** @param {Event} event */
  handleMinimize(event) {
    this.model(/** @type {HTMLElement} */ (event.currentTarget).dataset.utilityId)?.api.minimize();
  }
}
