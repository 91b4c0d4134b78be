import { checkBridgeMessage } from './messages';
import { BRIDGE_PROTOCOL_VERSION } from './messages';
import { anInteraction, CONTACT } from './fixtures';
import { pendingLogFixture } from '../protocol/fixtures';
import { callLogOf, hasRecordToOpen } from './recordOpener';

describe('callLogOf', () => {
  const released = new Date(2026, 10, 24, 9, 30, 0).getTime();
  const pending = pendingLogFixture({
    direction: 'outbound',
    record: CONTACT,
    assignedAt: released - 95_400,
    releasedAt: released,
  });

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

  it('puts the Task on the record a search popped when the interaction had none', () => {
    const unknown = { ...pending, record: null };
    expect(callLogOf(unknown, 'Call', null, '', '0035g00000AbCdEAAZ')).toMatchObject({
      record: null,
      whoId: '0035g00000AbCdEAAZ',
      whatId: null,
    });
    expect(callLogOf(unknown, 'Call', null, '', '500000000000001AAA')).toMatchObject({
      whoId: null,
      whatId: '500000000000001AAA',
    });
    // The interaction's own record wins over whatever was opened.
    expect(callLogOf(pending, 'Call', null, '', '500000000000001AAA')).toMatchObject({
      record: CONTACT,
      whoId: null,
      whatId: null,
    });
  });

  it('opens a record only where there is one or something to search on', () => {
    expect(hasRecordToOpen(anInteraction())).toBe(true);
    expect(hasRecordToOpen(anInteraction({ record: null, searchKeys: ['+14155550100'] }))).toBe(
      true,
    );
    expect(hasRecordToOpen(anInteraction({ record: null, searchKeys: [], consultId: 'k-1' }))).toBe(
      false,
    );
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
