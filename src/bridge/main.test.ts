import { FakeOpenCti, flush } from './fakeOpenCti';
import type { Logger } from './logger';
import { channelOf, main } from './main';

const quiet: Logger = { info: () => undefined, warn: () => undefined };

describe('softphone page entry', () => {
  it('takes the channel from the page global, then a data attribute, else the default', () => {
    expect(channelOf({ ContactPadBridge: { channel: 'ns__ContactPad__c' } })).toBe(
      'ns__ContactPad__c',
    );
    const page = {
      document: {
        querySelector: () => ({ getAttribute: () => 'Other__c' }),
      },
    };
    expect(channelOf(page)).toBe('Other__c');
    expect(channelOf({ ContactPadBridge: { channel: 'not a channel' } })).toBe('ContactPad__c');
    expect(channelOf({})).toBe('ContactPad__c');
  });

  it('starts the bridge on the configured channel', async () => {
    const openCti = new FakeOpenCti();
    const bridge = main(
      { sforce: { opencti: openCti }, ContactPadBridge: { channel: 'X__c' } },
      quiet,
    );
    expect(bridge).not.toBeNull();
    await flush();
    expect(openCti.callsOf('subscribe')[0]?.args).toEqual({ channelName: 'X__c' });
    expect(openCti.lms.published[0]).toMatchObject({
      channel: 'X__c',
      payload: { message: { type: 'announce' } },
    });
    bridge?.stop();
  });

  it('warns and starts nothing without Open CTI', () => {
    const warn = jest.fn();
    expect(main({}, { info: () => undefined, warn })).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('opencti_min.js'));
  });
});
