// @ts-check
/**
 * The workbench page's entry: synthetic shadow first (Salesforce runs it too), then the console
 * shell, the Open CTI stand-in and the real bridge script, then the real `c-contact-pad` in the
 * utility bar. `?bridge=off` leaves the bridge out, so ContactPad falls back to the Workspace API
 * and Apex.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import ContactPad from 'c/contactPad';
import { createOpenCti } from '../platform/openCti';
import { startShell } from './shell';

const params = new URLSearchParams(window.location.search);
const bridgeOn = params.get('bridge') !== 'off';

/** @type {ReturnType<typeof createOpenCti>['page'] | null} */
let openCtiPage = null;
const shell = startShell({
  root: /** @type {HTMLElement} */ (document.getElementById('workbench')), // index.html has it
  bridgeOn,
  onNavigated: (payload) => openCtiPage?.navigated(payload),
  onDial: (payload) => openCtiPage?.dial(payload),
});

if (bridgeOn) {
  const { api, page } = createOpenCti((method, args) => shell.logBridge(method, args));
  openCtiPage = page;
  window.sforce = { opencti: api };
  window.ContactPadBridge = { channel: 'ContactPad__c' };
  const script = document.createElement('script');
  script.src = '/resource/ContactPadBridge.js';
  script.onerror = () => shell.logBridge('error', { message: 'the bridge script did not load' });
  document.head.appendChild(script);
}

shell.mountContactPad(createElement('c-contact-pad', { is: ContactPad }));
