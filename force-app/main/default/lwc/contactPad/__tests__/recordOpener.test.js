import { openTab } from 'lightning/platformWorkspaceApi';
import { MockAdapter, snapshotFixture } from '../../../../../test/jest-mocks/c/contactPadAdapter';
import { RecordOpenerLink } from '../recordOpener';

jest.mock(
  '@salesforce/apex/ContactPadSessionController.saveCallLog',
  () => ({ default: jest.fn() }),
  { virtual: true },
);

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

const listeners = () => ({ ready: jest.fn(), announce: jest.fn(), dial: jest.fn() });

/** An adapter whose session is up, and a link on it. */
function connectedLink() {
  const adapter = new MockAdapter({});
  adapter.welcome(snapshotFixture());
  const on = listeners();
  return { adapter, on, link: new RecordOpenerLink(adapter, on) };
}

describe('c-contact-pad recordOpener', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('waits for the session, then uses the Workspace API when no bridge announces within 1.5 s', async () => {
    const adapter = new MockAdapter({});
    const on = listeners();
    const link = new RecordOpenerLink(adapter, on);
    await jest.advanceTimersByTimeAsync(5000);
    expect(on.ready).not.toHaveBeenCalled();
    expect(adapter.bridgeSent).toEqual([]);
    adapter.welcome(snapshotFixture());
    await jest.advanceTimersByTimeAsync(1499);
    expect(adapter.bridgeSentOf('hello')).toHaveLength(1);
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
    const { adapter, on, link } = connectedLink();
    await jest.advanceTimersByTimeAsync(0);
    adapter.fromBridge(announce);
    const opener = await link.ready;
    expect(opener.via).toBe('bridge');
    expect(link.viaBridge).toBe(true);
    expect(on.announce).toHaveBeenCalledTimes(1);
    link.publish({ v: 1, type: 'hello', contactPadVersion: '0.1.0' });
    expect(adapter.bridgeSent.at(-1)).toEqual({ v: 1, type: 'hello', contactPadVersion: '0.1.0' });
    link.dispose();
  });

  it('says hello again after a reconnection, so a reloaded bridge is found again', async () => {
    const { adapter, link } = connectedLink();
    await jest.advanceTimersByTimeAsync(1500);
    expect(link.viaBridge).toBe(false);
    adapter.drop();
    adapter.resume();
    expect(adapter.bridgeSentOf('hello')).toHaveLength(2);
    adapter.fromBridge(announce);
    expect(link.viaBridge).toBe(true);
    link.dispose();
  });

  it('hands on click-to-dial, with the record or without one', () => {
    const { adapter, on, link } = connectedLink();
    adapter.fromBridge(dial());
    adapter.fromBridge(dial({ recordId: null, objectType: null }));
    expect(on.dial.mock.calls).toEqual([
      ['+14155550123', CONTACT],
      ['+14155550123', null],
    ]);
    link.dispose();
  });

  it('ignores bad messages and its own', () => {
    const { adapter, on, link } = connectedLink();
    adapter.fromBridge({ type: 'dial' });
    adapter.fromBridge('noise');
    adapter.fromBridge({ v: 1, type: 'hello', contactPadVersion: '0.1.0' });
    expect(on.dial).not.toHaveBeenCalled();
    expect(on.announce).not.toHaveBeenCalled();
    link.dispose();
  });

  it('once disposed, stops listening and drops an opener chosen too late', async () => {
    const { adapter, on, link } = connectedLink();
    link.dispose();
    adapter.fromBridge(dial());
    expect(on.dial).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1500);
    await expect(link.ready).resolves.toBeNull();
    expect(on.ready).not.toHaveBeenCalled();
    expect(link.viaBridge).toBe(false);
  });
});
