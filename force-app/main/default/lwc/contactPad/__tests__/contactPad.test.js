import { createElement } from 'lwc';
import ContactPad from 'c/contactPad';
import getSession from '@salesforce/apex/ContactPadSessionController.getSession';
import saveCallLog from '@salesforce/apex/ContactPadSessionController.saveCallLog';
import takeCase from '@salesforce/apex/ContactPadCaseController.takeCase';
import {
  EnclosingUtilityId,
  open,
  updateUtility,
  utilityBarControl,
} from 'lightning/platformUtilityBarApi';
import { getFocusedTabInfo, openTab } from 'lightning/platformWorkspaceApi';
import { modalControl } from 'lightning/modal';
import {
  adapterControl,
  agentFixture,
  consultFixture,
  interactionFixture,
  pendingLogFixture,
  settingsFixture,
  snapshotFixture,
} from '../../../../../test/jest-mocks/c/contactPadAdapter';

jest.mock('c/contactPadCore', () => ({
  ...jest.requireActual('c/contactPadCore'),
  ContactPadAdapter: require('../../../../../test/jest-mocks/c/contactPadAdapter').MockAdapter,
}));
jest.mock(
  '@salesforce/apex/ContactPadSessionController.getSession',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock(
  '@salesforce/apex/ContactPadSessionController.saveCallLog',
  () => ({ default: jest.fn() }),
  { virtual: true },
);
jest.mock('@salesforce/apex/ContactPadCaseController.takeCase', () => ({ default: jest.fn() }), {
  virtual: true,
});
// English text for the labels whose placeholders the tests read.
jest.mock('@salesforce/label/c.ContactPad_ActionFailed', () => ({ default: '{0} failed: {1}' }), {
  virtual: true,
});
jest.mock(
  '@salesforce/label/c.ContactPad_RecordNotOpened',
  () => ({ default: 'The record could not be opened: {0}' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_UtilityLabel',
  () => ({ default: 'ContactPad · {0} ({1})' }),
  { virtual: true },
);
jest.mock(
  '@salesforce/label/c.ContactPad_UtilityLabelIdle',
  () => ({ default: 'ContactPad · {0}' }),
  { virtual: true },
);
jest.mock('@salesforce/label/c.ContactPad_LogSubject', () => ({ default: '{0} with {1}' }), {
  virtual: true,
});
jest.mock('@salesforce/label/c.ContactPad_Busy', () => ({ default: 'Busy' }), { virtual: true });
jest.mock('@salesforce/label/c.ContactPad_Ready', () => ({ default: 'Ready' }), { virtual: true });
jest.mock('@salesforce/label/c.ContactPad_Release', () => ({ default: 'Release' }), {
  virtual: true,
});

const NOW = 1795000000000;
const SESSION = { routingUrl: 'wss://routing.example.com/v1/agent', token: 't-1', expiresAt: null };
const CONTACT = { id: '003000000000001AAA', objectType: 'Contact' };
const ACCOUNT = { id: '001000000000002AAA', objectType: 'Account' };
const announce = { v: 1, type: 'announce', bridgeVersion: '0.1.0', capabilities: ['panel'] };

/** Lets promises and LWC re-renders run (timers are fake). */
async function flush(times = 10) {
  await Promise.resolve();
  if (times > 1) await flush(times - 1);
}

/** Mounts ContactPad in utility 'utility-1' and returns it with the adapter it built. */
async function mount() {
  const element = createElement('c-contact-pad', { is: ContactPad });
  document.body.appendChild(element);
  EnclosingUtilityId.emit('utility-1');
  await flush();
  return { element, adapter: adapterControl.latest() };
}

/** Mounts, connects with a snapshot and settles the record opener on the Workspace API. */
async function mountConnected(snapshot = {}) {
  const mounted = await mount();
  mounted.adapter.welcome(snapshotFixture(snapshot));
  await jest.advanceTimersByTimeAsync(1500);
  await flush();
  return mounted;
}

const child = (element, name) => element.shadowRoot.querySelector(name);
/** The open directory modal's element, or null. */
const dialog = () => modalControl.opened.at(-1) ?? null;
/** Lets a chain of promises run (the clock may be a fake one). */
async function settle() {
  for (let i = 0; i < 20; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
}
const fire = (target, name, detail) => target.dispatchEvent(new CustomEvent(name, { detail }));
const alertText = (element) =>
  element.shadowRoot.querySelector('[role="alert"]').textContent.replace(/\s+/g, ' ').trim();
const published = (type) => adapterControl.latest().bridgeSentOf(type);

describe('c-contact-pad', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(NOW);
    getSession.mockResolvedValue(SESSION);
    saveCallLog.mockResolvedValue('00T000000000001AAA');
    getFocusedTabInfo.mockResolvedValue({ tabId: 'tab0' });
    openTab.mockResolvedValue('tab1');
  });

  afterEach(() => {
    modalControl.reset();
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.useRealTimers();
    adapterControl.reset();
    utilityBarControl.reset();
  });

  describe('the routing session from Apex', () => {
    it('builds the adapter with the routing URL, a socket and timers, and connects', async () => {
      const { adapter } = await mount();
      expect(getSession).toHaveBeenCalledTimes(1);
      expect(adapter.options.url).toBe(SESSION.routingUrl);
      expect(typeof adapter.options.socket).toBe('function');
      expect(typeof adapter.options.timers.setTimeout).toBe('function');
      expect(adapter.options.timers.now()).toBe(NOW);
      expect(adapter.connect).toHaveBeenCalledTimes(1);
    });

    it('uses the first token once, then asks Apex again for each new connection', async () => {
      const { adapter } = await mount();
      await expect(adapter.options.token()).resolves.toBe('t-1');
      expect(getSession).toHaveBeenCalledTimes(1);
      getSession.mockResolvedValueOnce({ ...SESSION, token: 't-2' });
      await expect(adapter.options.token()).resolves.toBe('t-2');
      expect(getSession).toHaveBeenCalledTimes(2);
    });

    it('does not reuse a first token that is about to expire', async () => {
      getSession.mockResolvedValueOnce({ ...SESSION, expiresAt: NOW + 1000 });
      const { adapter } = await mount();
      getSession.mockResolvedValueOnce({ ...SESSION, token: 't-fresh' });
      await expect(adapter.options.token()).resolves.toBe('t-fresh');
    });

    it('shows a failed session in the alert and the connection, and Try again starts over', async () => {
      getSession.mockRejectedValueOnce({ body: { message: 'No routing account' } });
      const { element, adapter } = await mount();
      expect(adapter).toBeUndefined();
      expect(alertText(element)).toContain('No routing account');
      expect(alertText(element)).toContain('c.ContactPad_ErrorDetail');
      const connection = child(element, 'c-contact-pad-connection');
      expect(connection.state).toEqual({
        status: 'failed',
        reason: 'No routing account',
        code: null,
      });
      fire(connection, 'retry', null);
      await flush();
      expect(getSession).toHaveBeenCalledTimes(2);
      expect(adapterControl.latest().connect).toHaveBeenCalled();
    });
  });

  describe('the bridge link and the record opener', () => {
    it('says hello over the session once connected, and again after each reconnection', async () => {
      const { adapter } = await mount();
      expect(adapter.bridgeSent).toEqual([]);
      adapter.welcome(snapshotFixture());
      await flush();
      expect(published('hello')).toHaveLength(1);
      adapter.drop();
      adapter.resume();
      await flush();
      expect(published('hello')).toHaveLength(2);
    });

    it('switches to a bridge that announces after the Workspace API was chosen', async () => {
      const { adapter } = await mountConnected();
      adapter.fromBridge(announce);
      await flush();
      adapter.apply({
        type: 'interaction.added',
        interaction: interactionFixture({ record: CONTACT }),
      });
      await flush();
      expect(published('select').at(-1)).toMatchObject({ interactionId: 'i-1', record: CONTACT });
      expect(openTab).not.toHaveBeenCalled();
    });

    it('without a bridge, opens the selected record with the Workspace API (openTab)', async () => {
      await mountConnected({
        interactions: [interactionFixture({ record: CONTACT })],
      });
      expect(openTab).toHaveBeenCalledWith({ recordId: CONTACT.id, focus: true });
      expect(published('select')).toHaveLength(0);
    });

    it('does not reopen a record whose tab is already in front', async () => {
      getFocusedTabInfo.mockResolvedValue({ tabId: 'tab3', recordId: CONTACT.id });
      await mountConnected({ interactions: [interactionFixture({ record: CONTACT })] });
      expect(openTab).not.toHaveBeenCalled();
    });

    it('with a bridge that announces, asks it to pop the record over the session', async () => {
      const { adapter } = await mount();
      adapter.welcome(snapshotFixture({ interactions: [interactionFixture({ record: CONTACT })] }));
      await flush();
      expect(published('hello')).toHaveLength(1);
      adapter.fromBridge(announce);
      await flush();
      const [select] = published('select');
      expect(select).toMatchObject({ interactionId: 'i-1', record: CONTACT });
      expect(openTab).not.toHaveBeenCalled();
    });

    it('tells the bridge the panel state (presence and count)', async () => {
      const { adapter } = await mount();
      adapter.welcome(
        snapshotFixture({
          agent: agentFixture({ state: 'busy' }),
          interactions: [interactionFixture({ record: CONTACT })],
        }),
      );
      await flush();
      adapter.fromBridge(announce);
      await flush();
      const panels = published('panel');
      expect(panels[panels.length - 1]).toMatchObject({
        presence: 'Busy',
        interactions: 1,
        icon: 'call',
      });
    });

    it('swaps tabs when another interaction is selected in the list (B4)', async () => {
      const { element, adapter } = await mountConnected({
        interactions: [
          interactionFixture({ record: CONTACT }),
          interactionFixture({ id: 'i-2', kind: 'non-live', channel: 'email', record: ACCOUNT }),
        ],
      });
      fire(child(element, 'c-contact-pad-interaction-list'), 'select', {
        interactionId: 'i-2',
      });
      await flush();
      expect(adapter.select).toHaveBeenCalledWith('i-2');
      expect(openTab).toHaveBeenLastCalledWith({ recordId: ACCOUNT.id, focus: true });
      expect(child(element, 'c-contact-pad-interaction-list').currentId).toBe('i-2');
    });

    it('shows a typed error when the record cannot be opened', async () => {
      openTab.mockRejectedValueOnce(new Error('tab limit'));
      const { element } = await mountConnected({
        interactions: [interactionFixture({ record: CONTACT })],
      });
      expect(alertText(element)).toContain('The record could not be opened');
      expect(alertText(element)).toContain('tab limit');
      expect(alertText(element)).toContain('c.ContactPad_ErrorDetail');
    });

    it('says no-record for an interaction without a record and no bridge', async () => {
      const { element } = await mountConnected({ interactions: [interactionFixture()] });
      expect(alertText(element)).toContain('c.ContactPad_ErrorDetail');
    });

    it('dials a number the bridge sends (click-to-dial)', async () => {
      const { adapter } = await mountConnected();
      adapter.fromBridge({
        v: 1,
        type: 'dial',
        number: '+14155550123',
        recordId: CONTACT.id,
        objectType: 'Contact',
      });
      await flush();
      expect(adapter.dial).toHaveBeenCalledWith('+14155550123', CONTACT);
    });

    it('ignores echoes and bad bridge messages', async () => {
      const { adapter, element } = await mountConnected();
      adapter.fromBridge({ type: 'dial' });
      adapter.fromBridge({ v: 1, type: 'hello', contactPadVersion: '0.1.0' });
      adapter.fromBridge('noise');
      await flush();
      expect(adapter.dial).not.toHaveBeenCalled();
      expect(alertText(element)).toBe('');
    });
  });

  describe('the utility bar', () => {
    it('labels the utility item with presence and the number of interactions', async () => {
      const { adapter } = await mountConnected({
        agent: agentFixture({ state: 'busy' }),
        interactions: [
          interactionFixture({ record: CONTACT }),
          interactionFixture({ id: 'i-2', kind: 'non-live', channel: 'case', record: ACCOUNT }),
        ],
      });
      expect(updateUtility).toHaveBeenLastCalledWith('utility-1', {
        label: 'ContactPad · Busy (2)',
        icon: 'call',
      });
      adapter.apply({ type: 'interaction.removed', interactionId: 'i-2', reason: 'released' });
      adapter.apply({ type: 'agent.changed', agent: agentFixture({ state: 'ready' }) });
      await flush();
      expect(updateUtility).toHaveBeenLastCalledWith('utility-1', {
        label: 'ContactPad · Ready (1)',
        icon: 'call',
      });
    });

    it('says Not connected before a session', async () => {
      await mount();
      expect(updateUtility).toHaveBeenCalledWith('utility-1', {
        label: 'ContactPad · c.ContactPad_NotConnected',
        icon: 'end_call',
      });
    });

    it('opens the panel when a live interaction arrives, not for other kinds', async () => {
      const { adapter } = await mountConnected();
      adapter.apply({
        type: 'interaction.added',
        interaction: interactionFixture({ id: 'i-9', kind: 'non-live', channel: 'email' }),
      });
      await flush();
      expect(open).not.toHaveBeenCalled();
      adapter.apply({
        type: 'interaction.added',
        interaction: interactionFixture({ id: 'i-10', record: CONTACT }),
      });
      await flush();
      expect(open).toHaveBeenCalledWith('utility-1');
    });

    it('keeps working when the utility bar refuses an update', async () => {
      updateUtility.mockRejectedValue(new Error('no utility bar'));
      const { element } = await mountConnected();
      expect(child(element, 'c-contact-pad-presence')).not.toBeNull();
    });
  });

  describe('child events become adapter commands', () => {
    const live = () =>
      mountConnected({
        agent: agentFixture({ state: 'busy' }),
        interactions: [interactionFixture({ record: CONTACT })],
      });

    it('presencechange -> setPresence, nextchange -> chooseNext, wrapextend -> extendWrap', async () => {
      const { element, adapter } = await live();
      const presence = child(element, 'c-contact-pad-presence');
      fire(presence, 'presencechange', { state: 'away', reason: 'Lunch' });
      fire(presence, 'nextchange', { next: { state: 'away', reason: null } });
      await flush();
      expect(adapter.setPresence).toHaveBeenCalledWith('away', 'Lunch');
      expect(adapter.chooseNext).toHaveBeenCalledWith({ state: 'away', reason: null });
      adapter.apply({ type: 'agent.changed', agent: agentFixture({ state: 'wrap-auto' }) });
      await flush();
      fire(child(element, 'c-contact-pad-wrap'), 'wrapextend', {});
      await flush();
      expect(adapter.extendWrap).toHaveBeenCalled();
    });

    it.each(['release', 'hold', 'retrieve', 'abandon'])(
      'action %s -> the command on the current interaction',
      async (action) => {
        const { element, adapter } = await live();
        fire(child(element, 'c-contact-pad-actions'), 'action', { action });
        await flush();
        expect(adapter.act).toHaveBeenCalledWith(action, 'i-1');
      },
    );

    it('keypad digits -> act send-digits with them', async () => {
      const { element, adapter } = await live();
      fire(child(element, 'c-contact-pad-actions'), 'action', {
        action: 'send-digits',
        digits: '5',
      });
      await flush();
      expect(adapter.act).toHaveBeenCalledWith('send-digits', 'i-1', '5');
    });

    it('shows offered work on the offer card; Accept and Decline act on it', async () => {
      const { element, adapter } = await live();
      adapter.apply({
        type: 'interaction.added',
        interaction: interactionFixture({
          id: 'chat-9',
          kind: 'semi-live',
          channel: 'chat',
          state: 'offered',
          offerEndsAt: Date.now() + 20_000,
        }),
      });
      await flush();
      const card = child(element, 'c-contact-pad-offer');
      expect(card.offers.map((offer) => offer.id)).toEqual(['chat-9']);
      fire(card, 'offeraction', { action: 'accept', interactionId: 'chat-9', reason: null });
      fire(card, 'offeraction', { action: 'decline', interactionId: 'chat-9', reason: 'Busy' });
      await flush();
      expect(adapter.act).toHaveBeenCalledWith('accept', 'chat-9');
      expect(adapter.act).toHaveBeenCalledWith('decline', 'chat-9', 'Busy');
    });

    it('passes the current interaction and its allowed actions to the actions', async () => {
      const { element } = await live();
      const actions = child(element, 'c-contact-pad-actions');
      expect(actions.interaction.id).toBe('i-1');
      expect(actions.actions.hold).toEqual({ allowed: true, reason: null });
      expect(actions.actions.abandon.allowed).toBe(false);
    });

    it('consult opens the directory modal with the Consult | Transfer switch and subscribes once', async () => {
      const { element, adapter } = await live();
      fire(child(element, 'c-contact-pad-actions'), 'action', { action: 'consult' });
      await flush();
      let directory = dialog();
      expect(directory.mode).toBe('consult');
      expect(directory.modes).toEqual(['consult', 'transfer']);
      expect(directory.kind).toBe('live');
      expect(directory.size).toBe('small');
      expect(adapter.subscribeDirectory).toHaveBeenCalledTimes(1);
      // Opening it again while it is open does nothing.
      fire(child(element, 'c-contact-pad-actions'), 'action', { action: 'consult' });
      expect(modalControl.opened).toHaveLength(1);

      fire(directory, 'modechange', { mode: 'transfer' });
      modalControl.dismiss();
      await settle();
      expect(dialog()).toBeNull();

      fire(child(element, 'c-contact-pad-actions'), 'action', { action: 'transfer' });
      await flush();
      directory = dialog();
      expect(directory.mode).toBe('transfer');
      expect(adapter.subscribeDirectory).toHaveBeenCalledTimes(1);
    });

    it('the open directory follows the directory of the adapter', async () => {
      const { element, adapter } = await live();
      fire(child(element, 'c-contact-pad-actions'), 'action', { action: 'consult' });
      await flush();
      const before = dialog().directory;
      adapter.store.directory.apply(
        [{ type: 'agent', id: 'zed', name: 'Zed Zane', presence: 'available-now' }],
        [],
      );
      adapter.emit('directorychange', null);
      await flush();
      expect(dialog().directory).toBe(adapter.store.directory);
      expect(before).toBe(adapter.store.directory);
    });

    it('offers only the mode whose action is allowed', async () => {
      const { element } = await mountConnected({
        settings: settingsFixture({ features: { crossMediaConsult: false } }),
        interactions: [interactionFixture({ kind: 'non-live', channel: 'email', record: ACCOUNT })],
      });
      fire(child(element, 'c-contact-pad-actions'), 'action', { action: 'transfer' });
      await flush();
      expect(dialog().modes).toEqual(['transfer']);
    });

    it('choose -> consult or transfer with the target', async () => {
      const { element, adapter } = await live();
      const target = { type: 'agent', id: 'bob' };
      fire(child(element, 'c-contact-pad-actions'), 'action', { action: 'consult' });
      await flush();
      dialog().close({ mode: 'consult', target });
      await settle();
      expect(adapter.act).toHaveBeenCalledWith('consult', 'i-1', target);
      expect(dialog()).toBeNull();

      fire(child(element, 'c-contact-pad-actions'), 'action', { action: 'transfer' });
      await flush();
      const service = { type: 'service', id: 'sales' };
      dialog().close({ mode: 'transfer', target: service });
      await settle();
      expect(adapter.act).toHaveBeenCalledWith('transfer', 'i-1', service);
    });

    it('after a consult is dialled, focus goes to its Cancel', async () => {
      const { element, adapter } = await live();
      adapter.act.mockImplementation(async () => {
        adapter.apply({ type: 'consult.changed', consult: consultFixture() });
        return { interactionId: null, consultId: 'k-1' };
      });
      fire(child(element, 'c-contact-pad-actions'), 'action', { action: 'consult' });
      await flush();
      dialog().close({ mode: 'consult', target: { type: 'agent', id: 'bob' } });
      await settle();
      const consult = child(element, 'c-contact-pad-consult');
      expect(consult.shadowRoot.activeElement).toBe(
        consult.shadowRoot.querySelector('button[data-command="cancel"]'),
      );
    });

    it('choose a number with no current interaction -> dial (click-to-dial)', async () => {
      const { element, adapter } = await mountConnected();
      const dial = element.shadowRoot.querySelector('[data-id="dial"]');
      expect(dial.label).toBe('c.ContactPad_Dial');
      dial.click();
      await flush();
      const directory = dialog();
      expect(directory.modes).toEqual(['consult']);
      directory.close({ mode: 'consult', target: { type: 'number', number: '+14155550199' } });
      await settle();
      expect(adapter.dial).toHaveBeenCalledWith('+14155550199', null);
    });

    it.each(['consult.cancel', 'consult.accept', 'consult.decline', 'consult.transfer'])(
      'consultaction %s -> answerConsult',
      async (action) => {
        const { element, adapter } = await live();
        adapter.apply({ type: 'consult.changed', consult: consultFixture() });
        await flush();
        const consult = child(element, 'c-contact-pad-consult');
        expect(consult.consults).toHaveLength(1);
        expect(consult.agentId).toBe('ann');
        fire(consult, 'consultaction', { action, consultId: 'k-1' });
        await flush();
        expect(adapter.answerConsult).toHaveBeenCalledWith(action, 'k-1');
      },
    );

    it('consultdismiss -> dismissConsult', async () => {
      const { element, adapter } = await live();
      adapter.apply({ type: 'consult.changed', consult: consultFixture() });
      await flush();
      fire(child(element, 'c-contact-pad-consult'), 'consultdismiss', { consultId: 'k-1' });
      await flush();
      expect(adapter.dismissConsult).toHaveBeenCalledWith('k-1');
    });

    it('logsave -> saves the Task (Apex without a bridge), then submitLog', async () => {
      const { element, adapter } = await live();
      adapter.apply({
        type: 'agent.changed',
        agent: agentFixture({
          state: 'logging-call',
          pendingLogs: [pendingLogFixture({ record: CONTACT })],
        }),
      });
      adapter.apply({ type: 'interaction.removed', interactionId: 'i-1', reason: 'released' });
      await flush();
      const wrap = child(element, 'c-contact-pad-wrap');
      expect(wrap.dispositions).toEqual(['Resolved']);
      fire(wrap, 'logsave', { interactionId: 'i-1', disposition: 'Resolved', notes: 'ok' });
      await flush();
      expect(saveCallLog).toHaveBeenCalledTimes(1);
      const saved = JSON.parse(saveCallLog.mock.calls[0][0].callLogJson);
      expect(saved).toMatchObject({
        interactionId: 'i-1',
        subject: 'c.ContactPad_Voice with John Smith',
        callType: 'inbound',
        durationSeconds: 90,
        disposition: 'Resolved',
        notes: 'ok',
        record: CONTACT,
      });
      expect(saved.activityDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(adapter.submitLog).toHaveBeenCalledWith('i-1', 'Resolved', 'ok');
    });

    it('a failed Task save is shown and the log stays pending', async () => {
      saveCallLog.mockRejectedValueOnce({ body: { message: 'FIELD_CUSTOM_VALIDATION' } });
      const { element, adapter } = await live();
      adapter.apply({
        type: 'agent.changed',
        agent: agentFixture({
          state: 'logging-call',
          pendingLogs: [pendingLogFixture()],
        }),
      });
      await flush();
      fire(child(element, 'c-contact-pad-wrap'), 'logsave', {
        interactionId: 'i-1',
        disposition: null,
        notes: '',
      });
      await flush();
      expect(alertText(element)).toContain('FIELD_CUSTOM_VALIDATION');
      expect(alertText(element)).toContain('c.ContactPad_ErrorDetail');
      expect(adapter.submitLog).not.toHaveBeenCalled();
    });

    it('shows the wrap panel in Wrap (Auto), so Ready now is offered, and not when Ready', async () => {
      const { element, adapter } = await live();
      adapter.apply({ type: 'agent.changed', agent: agentFixture({ state: 'ready' }) });
      await flush();
      expect(child(element, 'c-contact-pad-wrap')).toBeNull();
      adapter.apply({
        type: 'agent.changed',
        agent: agentFixture({ state: 'wrap-auto', wrapEndsAt: NOW + 20000 }),
      });
      await flush();
      expect(child(element, 'c-contact-pad-wrap')).not.toBeNull();
    });

    it('wrapend -> setPresence ready', async () => {
      const { element, adapter } = await live();
      adapter.apply({
        type: 'agent.changed',
        agent: agentFixture({ state: 'wrap-auto', wrapEndsAt: NOW + 20000 }),
      });
      await flush();
      fire(child(element, 'c-contact-pad-wrap'), 'wrapend', null);
      await flush();
      expect(adapter.setPresence).toHaveBeenCalledWith('ready');
    });

    it('retry -> connect', async () => {
      const { element, adapter } = await live();
      adapter.setConnection({ status: 'failed', reason: 'bad request', code: 4400 });
      await flush();
      fire(child(element, 'c-contact-pad-connection'), 'retry', null);
      await flush();
      expect(adapter.connect).toHaveBeenCalledTimes(2);
    });
  });

  describe('errors', () => {
    it('shows a refused command with its code and message in the alert region', async () => {
      const { element, adapter } = await mountConnected({
        interactions: [interactionFixture({ record: CONTACT })],
      });
      adapter.fail('act', 'conflict', 'The interaction changed meanwhile.');
      fire(child(element, 'c-contact-pad-actions'), 'action', { action: 'release' });
      await flush();
      const region = element.shadowRoot.querySelector('[role="alert"]');
      expect(region.querySelector('[data-id="error-text"]').textContent).toBe(
        'Release failed: The interaction changed meanwhile.',
      );
      expect(region.querySelector('[data-id="error-code"]').textContent).toBe(
        'c.ContactPad_ErrorDetail',
      );

      element.shadowRoot.querySelector('[data-id="dismiss-error"]').click();
      await flush();
      expect(alertText(element)).toBe('');
    });

    it('shows a command that throws (an unknown interaction) instead of throwing', async () => {
      const { element } = await mountConnected();
      fire(child(element, 'c-contact-pad-interaction-list'), 'select', {
        interactionId: 'gone',
      });
      await flush();
      expect(alertText(element)).toContain('c.ContactPad_ErrorDetail');
    });

    it('shows an adapter error no promise reports', async () => {
      const { element, adapter } = await mountConnected();
      const { ProtocolError } = jest.requireActual('c/contactPadCore');
      adapter.emit('adaptererror', { error: new ProtocolError('bad-frame', 'seq gap') });
      await flush();
      expect(alertText(element)).toContain('Seq gap.');
      expect(alertText(element)).toContain('c.ContactPad_ErrorDetail');
    });
  });

  describe('state for the children', () => {
    it('passes connection states to the connection', async () => {
      const { element, adapter } = await mount();
      const connection = () => child(element, 'c-contact-pad-connection');
      const reconnecting = {
        status: 'reconnecting',
        attempt: 1,
        nextTryAt: NOW + 3000,
        reason: 'heartbeat timeout',
      };
      adapter.setConnection(reconnecting);
      await flush();
      expect(connection().state).toEqual(reconnecting);
      adapter.setConnection({ status: 'connected', sessionId: 's-2' });
      await flush();
      expect(connection().state.status).toBe('connected');
    });

    it('renders presence and the list only once there is an agent', async () => {
      const { element, adapter } = await mount();
      expect(child(element, 'c-contact-pad-presence')).toBeNull();
      adapter.welcome(snapshotFixture());
      await flush();
      expect(child(element, 'c-contact-pad-presence').agent.id).toBe('ann');
      expect(child(element, 'c-contact-pad-interaction-list').interactions).toEqual([]);
    });

    it('passes multiInteraction=false to the list when the feature is off (B3)', async () => {
      const { element } = await mountConnected({
        settings: settingsFixture({ features: { multiInteraction: false } }),
        interactions: [interactionFixture({ record: CONTACT })],
      });
      const list = child(element, 'c-contact-pad-interaction-list');
      expect(list.multiInteraction).toBe(false);
      expect(list.currentId).toBe('i-1');
    });

    it('ticks now once a second and stops on disconnect', async () => {
      const { element, adapter } = await mountConnected();
      const presence = () => child(element, 'c-contact-pad-presence');
      const before = presence().now;
      await jest.advanceTimersByTimeAsync(1000);
      await flush();
      expect(presence().now).toBe(before + 1000);
      document.body.removeChild(element);
      expect(adapter.disconnect).toHaveBeenCalled();
      expect(jest.getTimerCount()).toBe(0);
    });
  });

  describe('routed Cases', () => {
    it('makes the agent the owner of an assigned Case and shows a refusal in words', async () => {
      takeCase.mockRejectedValueOnce({
        body: { message: 'case-owner-refused: Salesforce did not let you take ownership.' },
      });
      const { element, adapter } = await mountConnected();
      const caseRecord = { id: '500000000000001AAA', objectType: 'Case' };
      adapter.apply({
        type: 'interaction.added',
        interaction: interactionFixture({
          id: 'c-1',
          kind: 'non-live',
          channel: 'case',
          record: caseRecord,
        }),
      });
      await flush();
      expect(takeCase).toHaveBeenCalledWith({ caseId: caseRecord.id });
      expect(alertText(element)).toContain('Salesforce did not let you take ownership.');
      // The code goes to the detail line, not into the words.
      expect(alertText(element)).not.toMatch(/case-owner-refused/i);
    });
  });

  it('is accessible', async () => {
    const { element, adapter } = await mountConnected({
      interactions: [interactionFixture({ record: CONTACT })],
    });
    adapter.fail('act', 'not-allowed', 'The interaction is not connected.');
    fire(child(element, 'c-contact-pad-actions'), 'action', { action: 'hold' });
    await flush();
    jest.useRealTimers();
    await expect(element).toBeAccessible();
  });
});
