import {
  APPLICATION_SCOPE,
  messageServiceControl,
  publish,
  subscribe,
  unsubscribe,
} from 'lightning/messageService';
import CONTACT_PAD_CHANNEL from '@salesforce/messageChannel/ContactPad__c';
import { createLmsBus } from '../lmsBus';

const CONTEXT = { context: 'test' };
const announce = { v: 1, type: 'announce', bridgeVersion: '0.1.0', capabilities: [] };

describe('c-contact-pad lmsBus', () => {
  afterEach(() => {
    messageServiceControl.reset();
    jest.clearAllMocks();
  });

  it('subscribes once, with APPLICATION_SCOPE on the ContactPad channel, when the first listener comes', () => {
    const bus = createLmsBus(CONTEXT);
    expect(subscribe).not.toHaveBeenCalled();
    bus.subscribe(() => {});
    bus.subscribe(() => {});
    expect(subscribe).toHaveBeenCalledTimes(1);
    const [context, channel, , options] = subscribe.mock.calls[0];
    expect(context).toBe(CONTEXT);
    expect(channel).toBe(CONTACT_PAD_CHANNEL);
    expect(options).toEqual({ scope: APPLICATION_SCOPE });
  });

  it('publishes the message in the payload field `message`', () => {
    const bus = createLmsBus(CONTEXT);
    const hello = { v: 1, type: 'hello', contactPadVersion: '0.1.0' };
    bus.publish(hello);
    expect(publish).toHaveBeenCalledWith(CONTEXT, CONTACT_PAD_CHANNEL, { message: hello });
  });

  it('hands each listener the message taken out of the payload', () => {
    const bus = createLmsBus(CONTEXT);
    const first = jest.fn();
    const second = jest.fn();
    bus.subscribe(first);
    bus.subscribe(second);
    messageServiceControl.deliver(CONTACT_PAD_CHANNEL, { message: announce });
    expect(first).toHaveBeenCalledWith(announce);
    expect(second).toHaveBeenCalledWith(announce);
  });

  it('passes on a payload without `message` for the receiver to reject', () => {
    const bus = createLmsBus(CONTEXT);
    const listener = jest.fn();
    bus.subscribe(listener);
    messageServiceControl.deliver(CONTACT_PAD_CHANNEL, { other: 1 });
    expect(listener).toHaveBeenCalledWith({ other: 1 });
  });

  it('unsubscribes from LMS when the last listener leaves, and only then', () => {
    const bus = createLmsBus(CONTEXT);
    const stopFirst = bus.subscribe(() => {});
    const stopSecond = bus.subscribe(() => {});
    stopFirst();
    stopFirst();
    expect(unsubscribe).not.toHaveBeenCalled();
    stopSecond();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(messageServiceControl.subscriberCount(CONTACT_PAD_CHANNEL)).toBe(0);
  });

  it('dispose drops every listener', () => {
    const bus = createLmsBus(CONTEXT);
    const listener = jest.fn();
    bus.subscribe(listener);
    bus.dispose();
    messageServiceControl.deliver(CONTACT_PAD_CHANNEL, { message: announce });
    expect(listener).not.toHaveBeenCalled();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('reports failures instead of throwing', () => {
    const onProblem = jest.fn();
    const bus = createLmsBus(CONTEXT, { onProblem });
    publish.mockImplementationOnce(() => {
      throw new Error('no context');
    });
    subscribe.mockImplementationOnce(() => {
      throw new Error('no channel');
    });
    expect(() => bus.publish(announce)).not.toThrow();
    expect(() => bus.subscribe(() => {})).not.toThrow();
    const throwing = () => {
      throw new Error('listener bug');
    };
    const other = jest.fn();
    bus.subscribe(throwing);
    bus.subscribe(other);
    messageServiceControl.deliver(CONTACT_PAD_CHANNEL, { message: announce });
    expect(other).toHaveBeenCalled();
    expect(onProblem.mock.calls.map((call) => call[0].message)).toEqual([
      'no context',
      'no channel',
      'listener bug',
    ]);
  });
});
