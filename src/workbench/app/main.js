// @ts-check
/**
 * The workbench page's entry: synthetic shadow first (Salesforce runs it too), then the Open CTI
 * stand-in, the console page (`wb-console`, which hosts the real `c-contact-pad` in its utility
 * bar) and the real bridge script. `?bridge=off` leaves the bridge out, so ContactPad falls back
 * to the Workspace API and Apex.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import { BridgeLogModel } from '../models/bridgeLog';
import { createOpenCti } from '../platform/openCti';
import WorkbenchConsole from './modules/wb/console/console';

const params = new URLSearchParams(window.location.search);
const bridgeOn = params.get('bridge') !== 'off';
const bridgeLog = new BridgeLogModel();

const page = createElement('wb-console', { is: WorkbenchConsole });
page.bridgeOn = bridgeOn;
page.bridgeLog = bridgeLog;
if (bridgeOn) {
  const { api, page: softphone } = createOpenCti((method, args) => bridgeLog.log(method, args));
  page.softphone = softphone;
  window.sforce = { opencti: api };
  window.ContactPadBridge = { channel: 'ContactPad__c' };
}
/** @type {HTMLElement} */ (document.getElementById('workbench')).replaceChildren(page);

if (bridgeOn) {
  const script = document.createElement('script');
  script.src = '/resource/ContactPadBridge.js';
  script.onerror = () => bridgeLog.log('error', { message: 'the bridge script did not load' });
  document.head.appendChild(script);
}
