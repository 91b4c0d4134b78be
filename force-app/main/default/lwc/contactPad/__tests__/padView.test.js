import {
  actionsOf,
  directoryModes,
  faceOf,
  liveInteractionIds,
  presenceLabel,
  showsWrap,
  templateOf,
  utilityIcon,
} from '../padView';

jest.mock('@salesforce/label/c.ContactPad_Ready', () => ({ default: 'Ready' }), { virtual: true });

const CONNECTED = { status: 'connected' };
const agent = (state, pendingLogs = []) => ({ id: 'ann', state, pendingLogs });
const allowed = (consult, transfer) => ({
  consult: { allowed: consult },
  transfer: { allowed: transfer },
});

describe('c-contact-pad padView', () => {
  it('derives what the template shows: offers apart, click-to-dial only with nothing current', () => {
    const settings = {
      consultTimeoutSeconds: 30,
      dispositions: ['Resolved'],
      features: { multiInteraction: false },
      offers: { timeoutSeconds: 20, declineReasons: ['Busy'] },
    };
    const offered = { id: 'i-2', kind: 'semi-live', state: 'offered' };
    const call = { id: 'i-1', kind: 'live', state: 'active' };
    const view = templateOf({
      agent: agent('busy'),
      settings,
      interactions: [call, offered],
      current: null,
      actions: null,
      consults: [],
      connectionState: CONNECTED,
    });
    expect(view).toMatchObject({
      hasAgent: true,
      multiInteraction: false,
      consultTimeout: 30,
      offers: [offered],
      offerTimeout: 20,
      declineReasons: ['Busy'],
      liveInteractionIds: ['i-1'],
      hasConsults: false,
      hasActions: false,
      canDial: true,
    });
    const none = templateOf({
      agent: null,
      settings: null,
      interactions: [],
      current: call,
      actions: {},
      consults: [],
      connectionState: CONNECTED,
    });
    expect(none).toMatchObject({
      hasAgent: false,
      offerTimeout: 0,
      hasActions: true,
      canDial: false,
    });
  });

  it('labels the agent’s state, an unknown one as it is, and Not connected without an agent', () => {
    expect(presenceLabel(agent('ready'))).toBe('Ready');
    expect(presenceLabel(agent('on-break'))).toBe('on-break');
    expect(presenceLabel(null)).toBe('c.ContactPad_NotConnected');
  });

  it('shows the call icon only while connected and taking work', () => {
    expect(utilityIcon(CONNECTED, agent('ready'))).toBe('call');
    expect(utilityIcon(CONNECTED, agent('busy'))).toBe('call');
    expect(utilityIcon(CONNECTED, agent('away'))).toBe('end_call');
    expect(utilityIcon(CONNECTED, agent('logged-out'))).toBe('end_call');
    expect(utilityIcon(CONNECTED, null)).toBe('end_call');
    expect(utilityIcon({ status: 'reconnecting' }, agent('ready'))).toBe('end_call');
  });

  it('gives the utility items their presence, count and icon', () => {
    expect(faceOf(agent('ready'), CONNECTED, [{ id: 'i-1' }, { id: 'i-2' }])).toEqual({
      presence: 'Ready',
      count: 2,
      icon: 'call',
      notes: [],
    });
  });

  it('adds Muted and Recording paused to the utility items while a call is, each once', () => {
    const calls = [
      { id: 'i-1', muted: true, recording: 'paused', conference: null },
      { id: 'i-2', muted: true, recording: 'on', conference: null },
      {
        id: 'i-3',
        muted: false,
        recording: 'on',
        conference: { partyName: 'Bob', partyNumber: null },
      },
    ];
    expect(faceOf(agent('busy'), CONNECTED, calls).notes).toEqual([
      'c.ContactPad_Muted',
      'c.ContactPad_RecordingPaused',
    ]);
    // Not confirmed: nothing said about calls that may have ended.
    expect(faceOf(agent('busy'), { status: 'reconnecting' }, calls).notes).toEqual([]);
  });

  it('says the state is not confirmed while reconnecting, not the last state held', () => {
    expect(faceOf(agent('busy'), { status: 'reconnecting' }, [{ id: 'i-1' }])).toEqual({
      presence: 'c.ContactPad_NotConfirmed',
      count: 1,
      icon: 'end_call',
      notes: [],
    });
  });

  it('reads the actions of the current interaction, null without one or when the adapter throws', () => {
    const actions = allowed(true, true);
    const adapter = { actions: jest.fn(() => actions) };
    expect(actionsOf(adapter, 'i-1')).toBe(actions);
    expect(adapter.actions).toHaveBeenCalledWith('i-1');
    expect(actionsOf(adapter, null)).toBeNull();
    expect(actionsOf(null, 'i-1')).toBeNull();
    const refusing = {
      actions: () => {
        throw new Error('no interaction i-9');
      },
    };
    expect(actionsOf(refusing, 'i-9')).toBeNull();
  });

  it('lists the live interactions only (Complete transfer applies to them)', () => {
    const interactions = [
      { id: 'i-1', kind: 'live' },
      { id: 'i-2', kind: 'semi-live' },
      { id: 'i-3', kind: 'live' },
      { id: 'i-4', kind: 'non-live' },
    ];
    expect(liveInteractionIds(interactions)).toEqual(['i-1', 'i-3']);
    expect(liveInteractionIds([])).toEqual([]);
  });

  it('shows the wrap panel in Wrap (Auto), Logging the call, or with logs still owed', () => {
    expect(showsWrap(agent('wrap-auto'))).toBe(true);
    expect(showsWrap(agent('logging-call'))).toBe(true);
    expect(showsWrap(agent('busy', [{ interactionId: 'i-1' }]))).toBe(true);
    expect(showsWrap(agent('ready'))).toBe(false);
    expect(showsWrap({ id: 'ann', state: 'ready' })).toBe(false);
    expect(showsWrap(null)).toBe(false);
  });

  it('offers the Consult | Transfer switch only when both are allowed', () => {
    expect(directoryModes('consult', allowed(true, true))).toEqual(['consult', 'transfer']);
    expect(directoryModes('transfer', allowed(false, true))).toEqual(['transfer']);
    expect(directoryModes('consult', allowed(true, false))).toEqual(['consult']);
    expect(directoryModes('consult', null)).toEqual(['consult']);
  });
});
