import { messageServiceControl, publish } from 'lightning/messageService';
import { openTab } from 'lightning/platformWorkspaceApi';
import CONTACT_PAD_CHANNEL from '@salesforce/messageChannel/ContactPad__c';
import { RecordOpenerLink } from '../recordOpener';

jest.mock(
  '@salesforce/apex/ContactPadSessionController.saveCallLog',
  () => ({ default: jest.fn() }),
  { virtual: true },
);

const CONTEXT = { context: 'test' };
const CONTACT = { id: '003000000000001AAA', objectType: 'Contact' };
const announce = { v: 1, type: 'announce', bridgeVersion: '0.1.0', capabilities: ['panel'] };
const dial = (change = {}) => ({
  v: 1,
  type: 'dial',
  number: '+14155550123',
  recordId: CONTACT.id,
  objectType: 'Contact',
  ...change,
});

const fromBridge = (message) => messageServiceControl.deliver(CONTACT_PAD_CHANNEL, { message });
const listeners = () => ({ ready: jest.fn(), announce: jest.fn(), dial: jest.fn() });

describe('c-contact-pad recordOpener', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    messageServiceControl.reset();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('uses the Workspace API when no bridge announces itself within 1.5 s', async () => {
    const on = listeners();
    const link = new RecordOpenerLink(CONTEXT, on);
    await jest.advanceTimersByTimeAsync(1499);
    expect(on.ready).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    const opener = await link.ready;
    expect(opener.via).toBe('workspace');
    expect(link.viaBridge).toBe(false);
    expect(on.ready).toHaveBeenCalledTimes(1);
    openTab.mockResolvedValue('tab1');
    await opener.open({ id: 'i-1', record: CONTACT, searchKeys: [] });
    expect(openTab).toHaveBeenCalledWith({ recordId: CONTACT.id, focus: true });
    link.dispose();
  });

  it('uses the bridge that announces itself, and says so', async () => {
    const on = listeners();
    const link = new RecordOpenerLink(CONTEXT, on);
    fromBridge(announce);
    const opener = await link.ready;
    expect(opener.via).toBe('bridge');
    expect(link.viaBridge).toBe(true);
    expect(on.announce).toHaveBeenCalledTimes(1);
    link.publish({ v: 1, type: 'hello', contactPadVersion: '0.1.0' });
    expect(publish).toHaveBeenLastCalledWith(CONTEXT, CONTACT_PAD_CHANNEL, {
      message: { v: 1, type: 'hello', contactPadVersion: '0.1.0' },
    });
    link.dispose();
  });

  it('hands on click-to-dial, with the record or without one', () => {
    const on = listeners();
    const link = new RecordOpenerLink(CONTEXT, on);
    fromBridge(dial());
    fromBridge(dial({ recordId: null, objectType: null }));
    expect(on.dial.mock.calls).toEqual([
      ['+14155550123', CONTACT],
      ['+14155550123', null],
    ]);
    link.dispose();
  });

  it('ignores bad messages and its own', () => {
    const on = listeners();
    const link = new RecordOpenerLink(CONTEXT, on);
    fromBridge({ type: 'dial' });
    messageServiceControl.deliver(CONTACT_PAD_CHANNEL, 'noise');
    expect(on.dial).not.toHaveBeenCalled();
    expect(on.announce).not.toHaveBeenCalled();
    link.dispose();
  });

  it('once disposed, leaves the channel and drops an opener chosen too late', async () => {
    const on = listeners();
    const link = new RecordOpenerLink(CONTEXT, on);
    link.dispose();
    expect(messageServiceControl.subscriberCount(CONTACT_PAD_CHANNEL)).toBe(0);
    await jest.advanceTimersByTimeAsync(1500);
    await expect(link.ready).resolves.toBeNull();
    expect(on.ready).not.toHaveBeenCalled();
    expect(link.viaBridge).toBe(false);
  });
});
