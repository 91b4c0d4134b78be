import { interactionFixture } from '../../protocol/fixtures';
import type { Effect } from '../engine/effects';
import { MAX_CALLS, MAX_DIGITS_KEPT, Telephony } from './telephony';

const changed = (change: Parameters<typeof interactionFixture>[0]): Effect => ({
  kind: 'event',
  accountId: 'acme',
  agentId: 'ann',
  event: { type: 'interaction.changed', interaction: interactionFixture(change) },
});

describe('Telephony', () => {
  it('keeps what each live call was told: muted, recording, and whether it goes on', () => {
    const telephony = new Telephony();
    telephony.observe([changed({ id: 'i-1', muted: true, recording: 'paused' })]);
    expect(telephony.call('other', 'i-1')).toBeUndefined();
    expect(telephony.call('acme', 'i-1')).toEqual({
      accountId: 'acme',
      interactionId: 'i-1',
      muted: true,
      mutedAgents: ['ann'],
      recording: 'paused',
      conference: false,
      partyNumber: null,
      digits: '',
      connected: true,
    });
    telephony.observe([
      {
        kind: 'event',
        accountId: 'acme',
        agentId: 'ann',
        event: { type: 'interaction.removed', interactionId: 'i-1', reason: 'released' },
      },
    ]);
    expect(telephony.call('acme', 'i-1')).toMatchObject({ connected: false });
  });

  it('plays keypad digits on the call they were sent to, keeping the latest, and knows a conference', () => {
    const telephony = new Telephony();
    const digits = (interactionId: string, sent: string, accountId = 'acme'): Effect => ({
      kind: 'digits',
      accountId,
      interactionId,
      digits: sent,
    });
    telephony.observe([changed({ id: 'i-1' }), digits('i-1', '12'), digits('i-1', '#')]);
    telephony.observe([digits('i-1', '9', 'other'), digits('unknown', '5')]);
    expect(telephony.call('acme', 'i-1')).toMatchObject({ digits: '12#' });
    expect(telephony.call('acme', 'unknown')).toBeUndefined();
    telephony.observe([digits('i-1', '0'.repeat(MAX_DIGITS_KEPT))]);
    expect(telephony.call('acme', 'i-1')?.digits).toBe('0'.repeat(MAX_DIGITS_KEPT));
    telephony.observe([
      changed({ id: 'i-1', conference: { partyName: null, partyNumber: '+442071234567' } }),
    ]);
    expect(telephony.call('acme', 'i-1')).toMatchObject({
      conference: true,
      partyNumber: '+442071234567',
      digits: '0'.repeat(MAX_DIGITS_KEPT),
    });
  });

  it('ignores what is not a call, and forgets the oldest calls past its bound', () => {
    const telephony = new Telephony();
    telephony.observe([changed({ id: 'chat-1', kind: 'semi-live', channel: 'chat' })]);
    expect(telephony.call('acme', 'chat-1')).toBeUndefined();
    telephony.observe(Array.from({ length: MAX_CALLS + 1 }, (_, n) => changed({ id: `i-${n}` })));
    expect(telephony.call('acme', 'i-0')).toBeUndefined();
    expect(telephony.call('acme', `i-${MAX_CALLS}`)).toBeDefined();
  });
});
