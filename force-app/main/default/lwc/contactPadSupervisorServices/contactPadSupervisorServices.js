// @ts-check
/**
 * Presentational: the services table of the Supervisor page. One row per service (keyed by id):
 * waiting work, how long the oldest has waited (counted from `now`), work in progress, assigned
 * and abandoned today.
 */
import { LightningElement, api } from 'lwc';
import { clock } from 'c/contactPadText';
import LABEL_SERVICES from '@salesforce/label/c.ContactPad_SupervisorServices';
import LABEL_SERVICE from '@salesforce/label/c.ContactPad_Service';
import LABEL_WAITING from '@salesforce/label/c.ContactPad_SupervisorWaiting';
import LABEL_OLDEST_WAIT from '@salesforce/label/c.ContactPad_SupervisorOldestWait';
import LABEL_IN_PROGRESS from '@salesforce/label/c.ContactPad_SupervisorInProgress';
import LABEL_ASSIGNED_TODAY from '@salesforce/label/c.ContactPad_SupervisorAssignedToday';
import LABEL_ABANDONED_TODAY from '@salesforce/label/c.ContactPad_SupervisorAbandonedToday';
import LABEL_NO_SERVICES from '@salesforce/label/c.ContactPad_SupervisorNoServices';
import LABEL_NONE_WAITING from '@salesforce/label/c.ContactPad_SupervisorNoneWaiting';

/** @import { ServiceStats } from 'c/contactPadCore' */

export default class ContactPadSupervisorServices extends LightningElement {
  labels = {
    services: LABEL_SERVICES,
    service: LABEL_SERVICE,
    waiting: LABEL_WAITING,
    oldestWait: LABEL_OLDEST_WAIT,
    inProgress: LABEL_IN_PROGRESS,
    assignedToday: LABEL_ASSIGNED_TODAY,
    abandonedToday: LABEL_ABANDONED_TODAY,
    none: LABEL_NO_SERVICES,
  };

  /** The services shown, in order. @type {readonly ServiceStats[]} */
  @api services = [];
  /** The page's clock (ms). */
  @api now = 0;

  get rows() {
    const now = this.now;
    return this.services.map((service) => ({
      ...service,
      oldestWait:
        service.oldestWaitingSince === null
          ? LABEL_NONE_WAITING
          : clock((now - service.oldestWaitingSince) / 1000),
    }));
  }

  get empty() {
    return this.services.length === 0;
  }
}
