import type { Bridge } from './bridge';
import { BRIDGE_VERSION, startBridge } from './bridge';
import type { MessageBus } from './bus';
import { FakeOpenCti, flush } from './fakeOpenCti';
import { FakeRelay } from './fakeRelay';
import { aLogMessage, aSelectMessage, CASE, CONTACT } from './fixtures';
import type { Logger } from './logger';
import type { ChannelMessage, FromBridge } from './messages';
import { parseBridgeMessage } from './messages';

interface Harness {
  readonly openCti: FakeOpenCti;
  readonly lms: FakeRelay;
  readonly contactPad: MessageBus;
  readonly received: FromBridge[];
  readonly warnings: unknown[][];
  readonly bridge: Bridge;
}

function setUp(options: { clickToDial?: boolean } = {}): Harness {
  const lms = new FakeRelay();
  const openCti = new FakeOpenCti();
  const warnings: unknown[][] = [];
  const logger: Logger = { info: () => undefined, warn: (...args) => warnings.push(args) };
  const contactPad = lms.bus();
  const received: FromBridge[] = [];
  contactPad.subscribe((value) => {
    const parsed = parseBridgeMessage(value, 'bridge');
    if (parsed.ok) received.push(parsed.message);
  });
  const bus = lms.bus(logger);
  const bridge = startBridge(openCti, bus, { logger, ...options });
  return { openCti, lms, contactPad, received, warnings, bridge };
}

const send = async (h: Harness, message: ChannelMessage) => {
  h.contactPad.publish(message);
  await flush();
};

const select = aSelectMessage;

const resultOf = (h: Harness, requestId: string) =>
  h.received.find((m) => m.type === 'result' && m.requestId === requestId);

describe('startBridge', () => {
  it('announces itself at start and in answer to hello', async () => {
    const h = setUp();
    await flush();
    expect(h.received).toEqual([
      {
        v: 1,
        type: 'announce',
        bridgeVersion: BRIDGE_VERSION,
        capabilities: [
          'screen-pop',
          'search-pop',
          'save-log',
          'panel',
          'click-to-dial',
          'navigation',
        ],
      },
    ]);
    await send(h, { v: 1, type: 'hello', contactPadVersion: '0.1.0' });
    expect(h.received.filter((m) => m.type === 'announce')).toHaveLength(2);
  });

  it('pops the record with screenPop SOBJECT on select', async () => {
    const h = setUp();
    await send(h, select());
    expect(h.openCti.callsOf('screenPop')).toEqual([
      { method: 'screenPop', args: { type: 'sobject', params: { recordId: CONTACT.id } } },
    ]);
    expect(resultOf(h, 'r-1')).toEqual({
      v: 1,
      type: 'result',
      requestId: 'r-1',
      ok: true,
      error: null,
      recordId: CONTACT.id,
    });
  });

  it('searches on the first key with the call type when there is no record', async () => {
    const h = setUp();
    h.openCti.answer('searchAndScreenPop', { [CASE.id]: { Id: CASE.id, Name: '00001001' } });
    await send(
      h,
      select({ record: null, searchKeys: ['+14155550100', 'a@b.c'], callType: 'outbound' }),
    );
    expect(h.openCti.callsOf('screenPop')).toEqual([]);
    expect(h.openCti.callsOf('searchAndScreenPop')).toEqual([
      {
        method: 'searchAndScreenPop',
        args: { searchParams: '+14155550100', callType: 'outbound', deferred: false },
      },
    ]);
    expect(resultOf(h, 'r-1')).toMatchObject({ ok: true, recordId: CASE.id });
  });

  it('answers no-record when there is neither a record nor a search key', async () => {
    const h = setUp();
    await send(h, select({ record: null, searchKeys: [] }));
    expect(h.openCti.callsOf('searchAndScreenPop')).toEqual([]);
    expect(resultOf(h, 'r-1')).toMatchObject({ ok: false, error: { code: 'no-record' } });
  });

  it('sends an Open CTI failure back as a result with its error text', async () => {
    const h = setUp();
    h.openCti.fail('screenPop', [{ code: 'GENERIC_ERROR', description: 'An error occurred.' }]);
    await send(h, select());
    expect(resultOf(h, 'r-1')).toEqual({
      v: 1,
      type: 'result',
      requestId: 'r-1',
      ok: false,
      error: {
        code: 'opencti-failed',
        message: 'screenPop failed: GENERIC_ERROR: An error occurred.',
      },
      recordId: null,
    });
    expect(h.warnings.some(([text]) => String(text).includes('r-1 failed'))).toBe(true);
  });

  it('saves a log as a completed call Task', async () => {
    const h = setUp();
    h.openCti.answer('saveLog', { recordId: '00T000000000001AAA' });
    await send(h, aLogMessage({ record: CASE, whoId: CONTACT.id }));
    expect(h.openCti.callsOf('saveLog')).toEqual([
      {
        method: 'saveLog',
        args: {
          value: {
            entityApiName: 'Task',
            Subject: 'Call with Ada Lovelace',
            TaskSubtype: 'Call',
            Status: 'Completed',
            ActivityDate: '2024-05-17',
            CallType: 'Inbound',
            CallDurationInSeconds: 125,
            CallObject: 'i-1',
            Description: 'Asked about the engine.',
            CallDisposition: 'Resolved',
            WhoId: CONTACT.id,
            WhatId: CASE.id,
          },
        },
      },
    ]);
    expect(resultOf(h, 'r-1')).toMatchObject({ ok: true, recordId: '00T000000000001AAA' });
  });

  it('puts a contact record in WhoId and leaves out what is null', async () => {
    const h = setUp();
    await send(h, aLogMessage({ disposition: null, callType: 'internal' }));
    const value = h.openCti.callsOf('saveLog')[0]?.args['value'];
    expect(value).toMatchObject({ WhoId: CONTACT.id, CallType: 'Internal' });
    expect(value).not.toHaveProperty('WhatId');
    expect(value).not.toHaveProperty('CallDisposition');
    expect(resultOf(h, 'r-1')).toMatchObject({ ok: true, recordId: null });
  });

  it('reports a failed saveLog', async () => {
    const h = setUp();
    h.openCti.fail('saveLog', [
      { code: 'SERVER_ERROR', description: 'A problem was encountered on the server.' },
    ]);
    await send(h, aLogMessage());
    expect(resultOf(h, 'r-1')).toMatchObject({
      ok: false,
      error: { code: 'opencti-failed', message: expect.stringContaining('SERVER_ERROR') },
    });
  });

  it('shows the panel state on the utility item', async () => {
    const h = setUp();
    await send(h, {
      v: 1,
      type: 'panel',
      requestId: 'p-1',
      presence: 'Busy',
      interactions: 3,
      icon: 'call',
    });
    await send(h, {
      v: 1,
      type: 'panel',
      requestId: 'p-2',
      presence: 'Ready',
      interactions: 0,
      icon: null,
    });
    expect(h.openCti.callsOf('setSoftphoneItemLabel').map((c) => c.args)).toEqual([
      { label: 'Busy (3)' },
      { label: 'Ready' },
    ]);
    expect(h.openCti.callsOf('setSoftphoneItemIcon').map((c) => c.args)).toEqual([{ key: 'call' }]);
    expect(resultOf(h, 'p-1')).toMatchObject({ ok: true });
    expect(resultOf(h, 'p-2')).toMatchObject({ ok: true });
  });

  it('reports a failed label', async () => {
    const h = setUp();
    h.openCti.fail('setSoftphoneItemLabel', [{ code: 'INVALID_PARAM', description: 'bad label' }]);
    await send(h, {
      v: 1,
      type: 'panel',
      requestId: 'p-1',
      presence: 'Busy',
      interactions: 1,
      icon: 'call',
    });
    expect(h.openCti.callsOf('setSoftphoneItemIcon')).toEqual([]);
    expect(resultOf(h, 'p-1')).toMatchObject({ ok: false, error: { code: 'opencti-failed' } });
  });

  it('enables click-to-dial and turns clicks into dial messages with normalised numbers', async () => {
    const h = setUp();
    await flush();
    expect(h.openCti.callsOf('enableClickToDial')).toHaveLength(1);
    h.openCti.clickToDial({
      number: '(415) 555-0100',
      recordId: CONTACT.id,
      recordName: 'Ada',
      objectType: 'Contact',
    });
    h.openCti.clickToDial({ number: 14155550101 });
    h.openCti.clickToDial({ number: 'call me' });
    await flush();
    expect(h.received.filter((m) => m.type === 'dial')).toEqual([
      { v: 1, type: 'dial', number: '4155550100', recordId: CONTACT.id, objectType: 'Contact' },
      { v: 1, type: 'dial', number: '14155550101', recordId: null, objectType: null },
    ]);
    expect(h.warnings.some(([text]) => String(text).includes('usable number'))).toBe(true);
  });

  it('leaves click-to-dial alone when told to', async () => {
    const h = setUp({ clickToDial: false });
    await flush();
    expect(h.openCti.callsOf('enableClickToDial')).toEqual([]);
    expect(h.openCti.callsOf('onClickToDial')).toEqual([]);
    expect(h.received[0]).toMatchObject({
      type: 'announce',
      capabilities: expect.not.arrayContaining(['click-to-dial']),
    });
  });

  it('reports navigation', async () => {
    const h = setUp();
    h.openCti.navigate({
      url: 'https://x.lightning.force.com/lightning/r/Case/500000000000001AAA/view',
      recordId: CASE.id,
      recordName: '00001001',
      objectType: 'Case',
    });
    h.openCti.navigate({
      url: 'https://x.lightning.force.com/lightning/o/Case/list',
      recordId: '',
      objectType: '',
    });
    await flush();
    expect(h.received.filter((m) => m.type === 'navigation')).toEqual([
      {
        v: 1,
        type: 'navigation',
        url: 'https://x.lightning.force.com/lightning/r/Case/500000000000001AAA/view',
        recordId: CASE.id,
        objectType: 'Case',
      },
      {
        v: 1,
        type: 'navigation',
        url: 'https://x.lightning.force.com/lightning/o/Case/list',
        recordId: null,
        objectType: null,
      },
    ]);
  });

  it('ignores invalid messages with a warning and keeps working', async () => {
    const h = setUp();
    await flush();
    for (const text of [
      'null',
      '"text"',
      'not JSON',
      JSON.stringify({ v: 1, type: 'select' }),
      JSON.stringify({ v: 9, type: 'hello' }),
      JSON.stringify({ nope: 1 }),
    ]) {
      h.lms.inject(text);
    }
    await flush();
    expect(h.warnings.filter(([text]) => String(text).includes('bad message'))).toHaveLength(6);
    await send(h, select({ requestId: 'r-after' }));
    expect(resultOf(h, 'r-after')).toMatchObject({ ok: true });
  });

  it('does not warn about its own messages coming back', async () => {
    const h = setUp();
    await send(h, select());
    expect(h.warnings).toEqual([]);
  });

  it('stops: unsubscribes, disables click-to-dial and goes quiet', async () => {
    const h = setUp();
    await flush();
    // ContactPad's listener and the bridge's.
    expect(h.lms.listenerCount).toBe(2);
    h.bridge.stop();
    await flush();
    expect(h.lms.listenerCount).toBe(1);
    expect(h.openCti.callsOf('disableClickToDial')).toHaveLength(1);
    const before = h.received.length;
    h.openCti.clickToDial({ number: '+14155550100' });
    h.openCti.navigate({ url: '/x' });
    await send(h, select());
    expect(h.received).toHaveLength(before);
    expect(h.openCti.callsOf('screenPop')).toEqual([]);
  });
});
