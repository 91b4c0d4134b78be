import { followAdapter } from '../adapterState';
import {
  MockAdapter,
  interactionFixture,
  snapshotFixture,
} from '../../../../../test/jest-mocks/c/contactPadAdapter';

/** The container's fields and what adapterState calls on it. */
function padStub() {
  return {
    connectionState: { status: 'idle' },
    unconfirmed: null,
    lost: null,
    agent: null,
    settings: null,
    interactions: [],
    currentId: null,
    current: null,
    actions: null,
    consults: [],
    directory: null,
    directoryVersion: 0,
    directoryOpen: false,
    updateUtilityItem: jest.fn(),
    openUtility: jest.fn(),
    subscribeDirectory: jest.fn(),
    commands: { fail: jest.fn(), forgetDirectory: jest.fn(), openRecord: jest.fn() },
    cases: { follow: jest.fn(() => [jest.fn()]) },
  };
}

describe('c-contact-pad adapterState', () => {
  let adapter;
  let pad;
  let unsubscribers;

  beforeEach(() => {
    adapter = new MockAdapter({});
    pad = padStub();
    unsubscribers = followAdapter(pad, adapter);
  });

  afterEach(() => {
    for (const unsubscribe of unsubscribers) unsubscribe();
    jest.clearAllMocks();
  });

  it('copies the whole state on a fresh session, and takes the directory again if it is open', () => {
    pad.directoryOpen = true;
    const call = interactionFixture({ id: 'i-1' });
    adapter.welcome(snapshotFixture({ interactions: [call] }));
    expect(pad.agent).toBe(adapter.store.agent);
    expect(pad.settings).toBe(adapter.store.settings);
    expect(pad.interactions).toEqual(adapter.store.interactions);
    expect(pad.current).toBe(adapter.store.interaction('i-1'));
    expect(pad.currentId).toBe(adapter.store.currentId);
    expect(pad.connectionState).toEqual({ status: 'connected', sessionId: 's-1' });
    expect(pad.unconfirmed).toBeNull();
    expect(pad.directoryVersion).toBe(1);
    expect(pad.commands.forgetDirectory).toHaveBeenCalled();
    expect(pad.subscribeDirectory).toHaveBeenCalledTimes(1);
    expect(pad.updateUtilityItem).toHaveBeenCalled();
  });

  it('opens the utility for live work added, not for other work', () => {
    adapter.welcome(snapshotFixture());
    adapter.apply({
      type: 'interaction.added',
      interaction: interactionFixture({ id: 'i-2', kind: 'non-live', channel: 'email' }),
    });
    expect(pad.openUtility).not.toHaveBeenCalled();
    expect(pad.interactions.map((i) => i.id)).toEqual(['i-2']);
    adapter.apply({ type: 'interaction.added', interaction: interactionFixture({ id: 'i-3' }) });
    expect(pad.openUtility).toHaveBeenCalledTimes(1);
    expect(pad.interactions.map((i) => i.id)).toEqual(['i-2', 'i-3']);
  });

  it('opens the record of the interaction selected, and none for a deselection', () => {
    adapter.welcome(
      snapshotFixture({
        interactions: [interactionFixture({ id: 'i-1' }), interactionFixture({ id: 'i-2' })],
      }),
    );
    pad.commands.openRecord.mockClear();
    adapter.select('i-2');
    expect(pad.currentId).toBe('i-2');
    expect(pad.current).toBe(adapter.store.interaction('i-2'));
    expect(pad.commands.openRecord).toHaveBeenCalledWith('i-2', adapter.store.interaction('i-2'));
  });

  it('follows the connection: not confirmed while it reconnects, the actions refreshed', () => {
    adapter.welcome(snapshotFixture({ interactions: [interactionFixture({ id: 'i-1' })] }));
    const confirmed = pad.actions;
    adapter.drop();
    expect(pad.connectionState.status).toBe('reconnecting');
    expect(pad.unconfirmed).toBe('reconnecting');
    expect(pad.actions).not.toBe(confirmed);
  });

  it('reports an adapter error as a failure, and stops following once unsubscribed', () => {
    const error = new Error('bad frame');
    adapter.emit('adaptererror', { error });
    expect(pad.commands.fail).toHaveBeenCalledWith(null, error, 'error');
    expect(pad.cases.follow).toHaveBeenCalledWith(adapter);
    for (const unsubscribe of unsubscribers) unsubscribe();
    adapter.welcome(snapshotFixture());
    expect(pad.agent).toBeNull();
  });
});
