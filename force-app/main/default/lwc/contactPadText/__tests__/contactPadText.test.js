import {
  channelIcon,
  channelLabel,
  clock,
  customerText,
  errorDetail,
  errorSentence,
  format,
  kindLabel,
  secondsUntil,
  stateLabel,
  unconfirmedText,
} from 'c/contactPadText';

describe('c-contact-pad-text', () => {
  it('fills label placeholders and leaves missing ones', () => {
    expect(format('{0} failed: {1}', 'Release', 'timeout')).toBe('Release failed: timeout');
    expect(format('Ringing {0} {1}', 'Bob')).toBe('Ringing Bob {1}');
    expect(format('{0}{0}', 7)).toBe('77');
  });

  it('reads channels, states, kinds and icons, keeping unknown values', () => {
    expect(channelLabel('voice')).toBe('c.ContactPad_Voice');
    expect(channelLabel('fax')).toBe('fax');
    expect(stateLabel('held')).toBe('c.ContactPad_Held');
    expect(kindLabel('semi-live')).toBe('c.ContactPad_SemiLive');
    expect(channelIcon('case')).toBe('standard:case');
    expect(channelIcon('fax')).toBe('utility:question');
  });

  it('says why the state is not confirmed, and nothing when it is', () => {
    expect(unconfirmedText('reconnecting')).toBe('c.ContactPad_ReasonReconnecting');
    expect(unconfirmedText('replaced')).toBe('c.ContactPad_ReasonReplaced');
    expect(unconfirmedText('disconnected')).toBe('c.ContactPad_ReasonDisconnected');
    expect(unconfirmedText('unheard-of')).toBe('c.ContactPad_ReasonDisconnected');
    expect(unconfirmedText(null)).toBe('');
  });

  it('names the customer by name, else phone, else e-mail, else unknown', () => {
    expect(customerText({ name: 'Ann', phone: '+1', email: null })).toBe('Ann');
    expect(customerText({ name: null, phone: '+14155550100', email: 'a@b.c' })).toBe(
      '+14155550100',
    );
    expect(customerText({ name: null, phone: null, email: 'a@b.c' })).toBe('a@b.c');
    expect(customerText(null)).toBe('c.ContactPad_UnknownCustomer');
  });

  it('counts down in whole seconds and shows m:ss clocks', () => {
    expect(secondsUntil(10_500, 10_000)).toBe(1);
    expect(secondsUntil(10_000, 12_000)).toBe(0);
    expect(secondsUntil(undefined, 1)).toBe(0);
    expect(clock(0)).toBe('0:00');
    expect(clock(75)).toBe('1:15');
    expect(clock(3725)).toBe('62:05');
    expect(clock(-5)).toBe('0:00');
  });

  it('reads a failure as a sentence and keeps its code for a detail line', () => {
    expect(errorSentence('nobody in Support can take a consult now')).toBe(
      'Nobody in Support can take a consult now.',
    );
    expect(errorSentence('Consult failed: nobody answered.')).toBe(
      'Consult failed: nobody answered.',
    );
    expect(errorSentence('  ')).toBe('');
    expect(errorSentence(null)).toBe('');
    // In jest a label is its name: the code goes in its {0}, never into the sentence.
    expect(errorDetail('target-unavailable')).toBe('c.ContactPad_ErrorDetail');
    expect(errorDetail('')).toBe('');
    expect(errorDetail(null)).toBe('');
  });
});
