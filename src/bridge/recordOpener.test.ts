import { checkBridgeMessage } from './messages';
import { BRIDGE_PROTOCOL_VERSION } from './messages';
import { callLogOf } from './recordOpener';
import { CONTACT } from './fixtures';

describe('callLogOf', () => {
  const released = new Date(2026, 10, 24, 9, 30, 0).getTime();
  const pending = {
    interactionId: 'i-1',
    kind: 'live',
    channel: 'voice',
    direction: 'outbound',
    customer: { name: 'John Smith', phone: '+14155550100', email: null },
    record: CONTACT,
    assignedAt: released - 95_400,
    releasedAt: released,
  } as const;

  it('makes the Task of a pending log: call type, duration, date, record', () => {
    expect(callLogOf(pending, 'Call with John Smith', 'Resolved', 'ok')).toEqual({
      interactionId: 'i-1',
      subject: 'Call with John Smith',
      callType: 'outbound',
      durationSeconds: 95,
      disposition: 'Resolved',
      notes: 'ok',
      record: CONTACT,
      whoId: null,
      whatId: null,
      activityDate: '2026-11-24',
    });
  });

  it('gives a log the bridge contract accepts, however long the subject', () => {
    const log = callLogOf(pending, 'x'.repeat(300), null, '');
    expect(log.subject).toHaveLength(255);
    expect(() =>
      checkBridgeMessage(
        { v: BRIDGE_PROTOCOL_VERSION, type: 'log', requestId: 'r-1', ...log },
        'contactpad',
      ),
    ).not.toThrow();
  });
});
