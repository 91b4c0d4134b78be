import { BridgeError } from './errors';
import { aLogMessage, aSelectMessage, CONTACT } from './fixtures';
import type { ChannelMessage } from './messages';
import { checkBridgeMessage, parseBridgeMessage } from './messages';

const select = aSelectMessage();

describe('bridge messages', () => {
  it('accepts each ContactPad message', () => {
    const messages: unknown[] = [
      { v: 1, type: 'hello', contactPadVersion: '1.2.3' },
      select,
      { ...select, record: null, searchKeys: [] },
      aLogMessage(),
      aLogMessage({ disposition: null, record: null, whoId: '003000000000001', whatId: null }),
      { v: 1, type: 'panel', requestId: 'r-2', presence: 'Ready', interactions: 2, icon: 'call' },
    ];
    for (const message of messages) {
      expect(parseBridgeMessage(message, 'contactpad')).toEqual({ ok: true, message });
    }
  });

  it('accepts each bridge message', () => {
    const messages: unknown[] = [
      { v: 1, type: 'announce', bridgeVersion: '0.1.0', capabilities: ['screen-pop', 'save-log'] },
      { v: 1, type: 'result', requestId: 'r-1', ok: true, error: null, recordId: CONTACT.id },
      {
        v: 1,
        type: 'result',
        requestId: 'r-1',
        ok: false,
        error: { code: 'opencti-failed', message: 'screenPop failed: GENERIC_ERROR: boom' },
        recordId: null,
      },
      { v: 1, type: 'dial', number: '+14155550100', recordId: null, objectType: null },
      {
        v: 1,
        type: 'navigation',
        url: '/lightning/r/Case/500000000000001AAA/view',
        recordId: '500000000000001AAA',
        objectType: 'Case',
      },
    ];
    for (const message of messages) {
      expect(parseBridgeMessage(message, 'bridge')).toEqual({ ok: true, message });
    }
  });

  it.each([
    ['not an object', 'hello', /must be an object/],
    ['no type', { v: 1 }, /string "type"/],
    ['unknown type', { v: 1, type: 'reboot' }, /no message of type "reboot"/],
    ['wrong version', { ...select, v: 2 }, /select\.v/],
    ['missing field', { ...select, callType: undefined }, /select\.callType/],
    ['extra field', { ...select, extra: 1 }, /select\.extra: no such field/],
    [
      'bad record id',
      { ...select, record: { id: 'nope', objectType: 'Contact' } },
      /select\.record\.id/,
    ],
    ['bad call type', { ...select, callType: 'sideways' }, /select\.callType/],
  ])('rejects %s with a bad-message error', (_name, value, text) => {
    const parsed = parseBridgeMessage(value, 'contactpad');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toBeInstanceOf(BridgeError);
    expect(parsed.error.code).toBe('bad-message');
    expect(parsed.error.message).toMatch(text);
    expect(parsed.echo).toBe(false);
  });

  it('marks a message of the other direction as an echo', () => {
    const parsed = parseBridgeMessage(select, 'bridge');
    expect(parsed).toMatchObject({ ok: false, echo: true });
  });

  it('never throws, whatever arrives', () => {
    const hostile = Object.defineProperty({}, 'type', {
      get() {
        return 'select';
      },
    });
    for (const value of [undefined, null, 0, [], hostile, { type: 'select', v: 1, record: [] }]) {
      expect(() => parseBridgeMessage(value, 'contactpad')).not.toThrow();
      expect(() => parseBridgeMessage(value, 'bridge')).not.toThrow();
    }
  });

  it('checks a message before publishing', () => {
    expect(checkBridgeMessage(select, 'contactpad')).toBe(select);
    const tooLong = {
      ...select,
      searchKeys: ['1', '2', '3', '4', '5', '6'],
    } as unknown as ChannelMessage;
    expect(() => checkBridgeMessage(tooLong, 'contactpad')).toThrow(BridgeError);
  });
});
