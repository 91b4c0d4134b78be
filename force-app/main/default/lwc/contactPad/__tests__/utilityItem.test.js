import { open, updateUtility, utilityBarControl } from 'lightning/platformUtilityBarApi';
import { UtilityItem, utilityLabel } from '../utilityItem';

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

const READY = { presence: 'Ready', count: 0, icon: 'call' };
const BUSY = { presence: 'Busy', count: 1, icon: 'call' };

/** Lets promise callbacks run. */
async function flush(times = 5) {
  await Promise.resolve();
  if (times > 1) await flush(times - 1);
}

const fakeBus = () => ({ publish: jest.fn() });

describe('c-contact-pad utilityItem', () => {
  afterEach(() => {
    utilityBarControl.reset();
    jest.clearAllMocks();
  });

  it('labels with the number of interactions, or the presence alone with none', () => {
    expect(utilityLabel('Busy', 2)).toBe('ContactPad · Busy (2)');
    expect(utilityLabel('Ready', 0)).toBe('ContactPad · Ready');
    expect(utilityLabel('Busy', 1, ['Muted', 'Recording paused'])).toBe(
      'ContactPad · Busy (1) · Muted · Recording paused',
    );
  });

  it('updates the utility item only when its label or icon changes', () => {
    const item = new UtilityItem();
    item.setUtilityId('utility-1');
    item.label(READY);
    item.label(READY);
    item.label(BUSY);
    expect(updateUtility.mock.calls).toEqual([
      ['utility-1', { label: 'ContactPad · Ready', icon: 'call' }],
      ['utility-1', { label: 'ContactPad · Busy (1)', icon: 'call' }],
    ]);
  });

  it('does nothing outside a utility bar, and labels a new utility item afresh', async () => {
    const item = new UtilityItem();
    item.setUtilityId('');
    item.label(READY);
    await expect(item.open()).resolves.toBe(false);
    expect(updateUtility).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
    item.setUtilityId('utility-1');
    item.label(READY);
    item.setUtilityId('utility-2');
    item.label(READY);
    expect(updateUtility).toHaveBeenCalledTimes(2);
    await item.open();
    expect(open).toHaveBeenCalledWith('utility-2');
  });

  it('sends the same label again after the utility bar refused it', async () => {
    utilityBarControl.fail(updateUtility, new Error('not now'));
    const item = new UtilityItem();
    item.setUtilityId('utility-1');
    item.label(READY);
    await flush();
    item.label(READY);
    expect(updateUtility).toHaveBeenCalledTimes(2);
  });

  it('sends the softphone item a valid panel message when it changes', () => {
    const item = new UtilityItem();
    const bus = fakeBus();
    item.publishPanel(bus, BUSY);
    item.publishPanel(bus, BUSY);
    expect(bus.publish).toHaveBeenCalledTimes(1);
    expect(bus.publish.mock.calls[0][0]).toMatchObject({
      v: 1,
      type: 'panel',
      presence: 'Busy',
      interactions: 1,
      icon: 'call',
    });
    expect(bus.publish.mock.calls[0][0].requestId).toMatch(/^cp-panel-/);
    item.forgetPanel();
    item.publishPanel(bus, BUSY);
    expect(bus.publish).toHaveBeenCalledTimes(2);
  });

  it('leaves the softphone item as it is for a panel the contract refuses', () => {
    const item = new UtilityItem();
    const bus = fakeBus();
    expect(() => item.publishPanel(bus, { ...BUSY, presence: 'x'.repeat(10000) })).not.toThrow();
    expect(bus.publish).not.toHaveBeenCalled();
  });
});
