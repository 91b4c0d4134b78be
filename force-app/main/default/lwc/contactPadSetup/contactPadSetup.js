// @ts-check
/**
 * Container of the ContactPad Setup page (lightning__Tab, for the ContactPad Admin permission
 * set): reads the account's services once (ContactPadSetupController.listServices) and passes them
 * to the services part (which changes them and sends the new list up) and to the agents part
 * (whose editor offers them); the system settings part reads and saves its own.
 */
import { LightningElement } from 'lwc';
import listServices from '@salesforce/apex/ContactPadSetupController.listServices';
import { readServices } from 'c/contactPadCore';
import { format } from 'c/contactPadText';
import { failureOf } from 'c/contactPadSetupText';
import TITLE from '@salesforce/label/c.ContactPad_SetupTitle';
import LOAD_FAILED from '@salesforce/label/c.ContactPad_SetupLoadFailed';

/** @import { SetupService } from 'c/contactPadCore' */

export default class ContactPadSetup extends LightningElement {
  labels = { title: TITLE };

  /** @type {readonly SetupService[]} */
  services = [];
  failure = '';
  failureDetail = '';

  connectedCallback() {
    this.load();
  }

  async load() {
    try {
      this.services = readServices(await listServices());
    } catch (error) {
      const failure = failureOf(error, 'load-failed');
      this.failure = format(LOAD_FAILED, failure.words);
      this.failureDetail = failure.detail;
    }
  }

  /** @param {CustomEvent<{ services: SetupService[] }>} event */
  handleServicesChange(event) {
    this.services = event.detail.services;
  }
}
