// @ts-check
/**
 * The workbench page's entry: synthetic shadow first (Salesforce runs it too), then the console
 * page (`wb-console`, which hosts the real `c-contact-pad` in its utility bar) and the softphone
 * page in a frame of its own (softphone.html, as the call center's adapter URL runs in an org),
 * which loads the real bridge script. Each load of the frame gets a fresh Open CTI stand-in and the
 * JavaScript Remoting stand-in, and opens its own routing session. `?bridge=off` leaves the bridge
 * out, so ContactPad falls back to the Workspace API and Apex.
 */
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import { BridgeLogModel } from '../models/bridgeLog';
import { createOpenCti } from '../platform/openCti';
import { Visualforce } from '../platform/remoting';
import WorkbenchConsole from './modules/wb/console/console';

const params = new URLSearchParams(window.location.search);
const bridgeOn = params.get('bridge') !== 'off';
const bridgeLog = new BridgeLogModel();

const page = createElement('wb-console', { is: WorkbenchConsole });
page.bridgeOn = bridgeOn;
page.bridgeLog = bridgeLog;
if (bridgeOn) {
  /** Called by softphone.html on each load: its Open CTI (the page's clicks go to the newest). */
  window.workbenchSoftphone = () => {
    const { api, page: softphone } = createOpenCti((method, args) => bridgeLog.log(method, args));
    page.softphone = softphone;
    return { opencti: api, Visualforce };
  };
}
/** @type {HTMLElement} */ (document.getElementById('workbench')).replaceChildren(page);

if (bridgeOn) {
  const frame = document.createElement('iframe');
  frame.id = 'wb-softphone';
  frame.title = 'ContactPad softphone (the Open CTI bridge)';
  frame.hidden = true;
  frame.src = '/softphone.html';
  frame.onerror = () => bridgeLog.log('error', { message: 'the softphone page did not load' });
  document.body.appendChild(frame);
}
