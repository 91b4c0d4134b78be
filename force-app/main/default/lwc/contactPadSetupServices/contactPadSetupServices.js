// @ts-check
/**
 * The Setup page's services: the account's services, each with Rename and Remove, and the form
 * that creates one. Each change goes through ContactPadSetupController; a name is checked against
 * the protocol's limits before anything is sent, and a refusal (work waits at the service, agents
 * serve it) is shown in the routing service's words with its code apart: nothing changed. The new
 * list goes up as `serviceschange` { services }.
 */
import { LightningElement, api } from 'lwc';
import createService from '@salesforce/apex/ContactPadSetupController.createService';
import renameService from '@salesforce/apex/ContactPadSetupController.renameService';
import removeService from '@salesforce/apex/ContactPadSetupController.removeService';
import { SETUP_LIMITS, readService } from 'c/contactPadCore';
import { format } from 'c/contactPadText';
import { failureOf, nameError, focusIn } from 'c/contactPadSetupText';
import SERVICES from '@salesforce/label/c.ContactPad_SetupServices';
import NO_SERVICES from '@salesforce/label/c.ContactPad_SetupNoServices';
import SERVICE_NAME from '@salesforce/label/c.ContactPad_SetupServiceName';
import CREATE_SERVICE from '@salesforce/label/c.ContactPad_SetupCreateService';
import CREATED from '@salesforce/label/c.ContactPad_SetupServiceCreated';
import RENAME from '@salesforce/label/c.ContactPad_SetupRename';
import NEW_NAME from '@salesforce/label/c.ContactPad_SetupNewName';
import RENAMED from '@salesforce/label/c.ContactPad_SetupRenamed';
import REMOVE from '@salesforce/label/c.ContactPad_SetupRemove';
import REMOVED from '@salesforce/label/c.ContactPad_SetupRemoved';
import NOT_REMOVED from '@salesforce/label/c.ContactPad_SetupNotRemoved';
import FAILED from '@salesforce/label/c.ContactPad_SetupFailed';
import NAME from '@salesforce/label/c.ContactPad_SetupName';
import ACTIONS from '@salesforce/label/c.ContactPad_SetupActions';
import SAVE from '@salesforce/label/c.ContactPad_Save';
import CANCEL from '@salesforce/label/c.ContactPad_Cancel';

/** @import { SetupService } from 'c/contactPadCore' */

/**
 * A button or field of one service's row: the template sets its data-id to the service's id.
 * @typedef {HTMLElement & { dataset: { id: string } }} RowElement
 */

export default class ContactPadSetupServices extends LightningElement {
  /**
   * The account's services (the page reads them once and after each change).
   * @type {readonly SetupService[]}
   */
  @api services = [];

  labels = {
    services: SERVICES,
    noServices: NO_SERVICES,
    serviceName: SERVICE_NAME,
    create: CREATE_SERVICE,
    name: NAME,
    actions: ACTIONS,
    save: SAVE,
    cancel: CANCEL,
  };
  maxLength = SETUP_LIMITS.name.maxLength;

  newName = '';
  newNameError = '';
  /** The service being renamed: its id and the name typed. @type {{ id: string, name: string, error: string } | null} */
  renaming = null;
  /** What the last change did: a status in words, or a failure with its code apart. */
  status = '';
  failure = '';
  failureDetail = '';
  busy = false;
  /** What takes the focus once the template shows it. @type {string | null} */
  pendingFocus = null;

  get hasServices() {
    return this.services.length > 0;
  }

  get rows() {
    const renaming = this.renaming;
    return this.services.map((service) => {
      const editing = renaming !== null && renaming.id === service.id;
      return {
        id: service.id,
        name: service.name,
        editing,
        draft: editing ? renaming.name : '',
        error: editing ? renaming.error : '',
        inputId: `rename-${service.id}`,
        errorId: `rename-error-${service.id}`,
        invalid: editing && renaming.error !== '' ? 'true' : 'false',
        renameLabel: format(RENAME, service.name),
        newNameLabel: format(NEW_NAME, service.name),
        removeLabel: format(REMOVE, service.name),
      };
    });
  }

  get newNameInvalid() {
    return this.newNameError === '' ? 'false' : 'true';
  }

  get newNameDescribedBy() {
    return this.newNameError === '' ? null : 'new-name-error';
  }

  /** @param {Event & { target: HTMLInputElement }} event */
  handleNewName(event) {
    this.newName = event.target.value;
    if (this.newNameError !== '') this.newNameError = nameError(this.newName);
  }

  /** @param {Event} event */
  async handleCreate(event) {
    event.preventDefault();
    const error = nameError(this.newName);
    this.newNameError = error;
    if (error !== '') {
      this.focusLater('[data-id="new-name"]');
      return;
    }
    await this.run(CREATE_SERVICE, async () => {
      const service = readService(await createService({ name: this.newName.trim() }));
      this.newName = '';
      this.changed([...this.services, service], format(CREATED, service.name));
    });
  }

  /** @param {MouseEvent & { currentTarget: RowElement }} event */
  handleRename(event) {
    const service = this.serviceOf(event.currentTarget.dataset.id);
    if (service === undefined) return;
    this.renaming = { id: service.id, name: service.name, error: '' };
    this.focusLater(`input[data-id="${service.id}"]`);
  }

  /** @param {Event & { target: HTMLInputElement }} event */
  handleDraft(event) {
    if (this.renaming === null) return;
    const name = event.target.value;
    this.renaming = {
      ...this.renaming,
      name,
      error: this.renaming.error === '' ? '' : nameError(name),
    };
  }

  /** @param {KeyboardEvent} event */
  handleDraftKeydown(event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.handleRenameCancel();
    }
  }

  /** @param {Event} event */
  async handleRenameSave(event) {
    event.preventDefault();
    const renaming = this.renaming;
    const service = renaming === null ? undefined : this.serviceOf(renaming.id);
    if (renaming === null || service === undefined) return;
    const error = nameError(renaming.name);
    if (error !== '') {
      this.renaming = { ...renaming, error };
      this.focusLater(`input[data-id="${renaming.id}"]`);
      return;
    }
    await this.run(format(RENAME, service.name), async () => {
      const renamed = readService(
        await renameService({ serviceId: service.id, name: renaming.name.trim() }),
      );
      this.renaming = null;
      this.changed(
        this.services.map((s) => (s.id === renamed.id ? renamed : s)),
        format(RENAMED, service.name, renamed.name),
      );
      this.focusLater(`button[data-rename="${renamed.id}"]`);
    });
  }

  handleRenameCancel() {
    const id = this.renaming?.id;
    this.renaming = null;
    if (id !== undefined) this.focusLater(`button[data-rename="${id}"]`);
  }

  /** @param {MouseEvent & { currentTarget: RowElement }} event */
  async handleRemove(event) {
    const service = this.serviceOf(event.currentTarget.dataset.id);
    if (service === undefined || this.busy) return;
    this.busy = true;
    this.clearNotice();
    try {
      await removeService({ serviceId: service.id });
      if (this.renaming?.id === service.id) this.renaming = null;
      this.changed(
        this.services.filter((s) => s.id !== service.id),
        format(REMOVED, service.name),
      );
      this.focusLater('[data-id="new-name"]');
    } catch (error) {
      const failure = failureOf(error, 'not-removed');
      this.failure = format(NOT_REMOVED, service.name, failure.words);
      this.failureDetail = failure.detail;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Runs one change: the buttons wait for it; a failure is shown as "{what} failed: {words}".
   * @param {string} what
   * @param {() => Promise<void>} change
   */
  async run(what, change) {
    if (this.busy) return;
    this.busy = true;
    this.clearNotice();
    try {
      await change();
    } catch (error) {
      const failure = failureOf(error, 'failed');
      this.failure = format(FAILED, what, failure.words);
      this.failureDetail = failure.detail;
    } finally {
      this.busy = false;
    }
  }

  /**
   * @param {SetupService[]} services
   * @param {string} status
   */
  changed(services, status) {
    this.status = status;
    this.dispatchEvent(new CustomEvent('serviceschange', { detail: { services } }));
  }

  clearNotice() {
    this.status = '';
    this.failure = '';
    this.failureDetail = '';
  }

  /** @param {string} id */
  serviceOf(id) {
    return this.services.find((service) => service.id === id);
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
