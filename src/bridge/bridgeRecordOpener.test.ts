import { startBridge } from './bridge';
import { BridgeRecordOpener } from './bridgeRecordOpener';
import { BridgeError } from './errors';
import { FakeOpenCti, flush } from './fakeOpenCti';
import { FakeRelay } from './fakeRelay';
import { aCallLog, anInteraction, aSelectMessage, CONTACT } from './fixtures';
import { silentLogger } from './logger';
import type { ChannelMessage } from './messages';

function setUp(withBridge = true) {
  const lms = new FakeRelay();
  const openCti = new FakeOpenCti();
  if (withBridge)
    startBridge(openCti, lms.bus(silentLogger), {
      logger: silentLogger,
    });
  let n = 0;
  const opener = new BridgeRecordOpener(lms.bus(), {
    timeoutMs: 1000,
    newRequestId: () => `r-${++n}`,
  });
  return { lms, openCti, opener };
}

const published = (lms: FakeRelay): ChannelMessage[] => lms.published as ChannelMessage[];

describe('BridgeRecordOpener', () => {
  afterEach(() => jest.useRealTimers());

  it('publishes select and resolves on the matching result', async () => {
    const { lms, openCti, opener } = setUp();
    await flush();
    const opened = opener.open(anInteraction({ direction: 'outbound' }));
    await expect(opened).resolves.toEqual({ via: 'bridge', recordId: CONTACT.id, tabId: null });
    expect(published(lms)).toContainEqual(aSelectMessage({ callType: 'outbound' }));
    expect(openCti.callsOf('screenPop')).toHaveLength(1);
  });

  it('sends consult legs as internal calls', async () => {
    const { lms, opener } = setUp();
    await opener.open(anInteraction({ consultId: 'c-1', record: null }));
    expect(published(lms)).toContainEqual(
      expect.objectContaining({ type: 'select', callType: 'internal' }),
    );
  });

  it('logs through the bridge and resolves with the Task id', async () => {
    const { openCti, opener } = setUp();
    openCti.answer('saveLog', '00T000000000001AAA');
    await expect(opener.log(aCallLog())).resolves.toEqual({
      via: 'bridge',
      taskId: '00T000000000001AAA',
    });
  });

  it('rejects with the typed error of a failure result', async () => {
    const { openCti, opener } = setUp();
    openCti.fail('screenPop', [{ code: 'GENERIC_ERROR', description: 'nope' }]);
    const error = await opener.open(anInteraction()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({
      code: 'opencti-failed',
      message: 'screenPop failed: GENERIC_ERROR: nope',
    });
  });

  it('rejects with timeout when no bridge answers', async () => {
    jest.useFakeTimers();
    const { opener } = setUp(false);
    const opened = opener.open(anInteraction()).catch((e: unknown) => e);
    await flush();
    jest.advanceTimersByTime(999);
    await flush();
    jest.advanceTimersByTime(1);
    const error = await opened;
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({ code: 'timeout' });
  });

  it('ignores results for other requests', async () => {
    jest.useFakeTimers();
    const { lms, opener } = setUp(false);
    const opened = opener.open(anInteraction()).catch((e: unknown) => e);
    lms.bus().publish({
      v: 1,
      type: 'result',
      requestId: 'someone-else',
      ok: true,
      error: null,
      recordId: null,
    });
    await flush();
    jest.advanceTimersByTime(1000);
    await expect(opened).resolves.toMatchObject({ code: 'timeout' });
  });

  it('rejects a request that does not fit the contract without sending it', async () => {
    const { lms, opener } = setUp(false);
    const error = await opener.log(aCallLog({ durationSeconds: -1 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad-message' });
    expect(lms.published).toEqual([]);
  });

  it('rejects pending requests with no-bridge when disposed', async () => {
    const { opener } = setUp(false);
    const opened = opener.open(anInteraction()).catch((e: unknown) => e);
    opener.dispose();
    await expect(opened).resolves.toMatchObject({ code: 'no-bridge' });
  });
});
