import { interactionFixture } from '../../protocol/fixtures';
import type { Effect } from '../engine/effects';
import { MAX_CALLS, Telephony } from './telephony';

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
      recording: 'paused',
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

  it('ignores what is not a call, and forgets the oldest calls past its bound', () => {
    const telephony = new Telephony();
    telephony.observe([changed({ id: 'chat-1', kind: 'semi-live', channel: 'chat' })]);
    expect(telephony.call('acme', 'chat-1')).toBeUndefined();
    telephony.observe(Array.from({ length: MAX_CALLS + 1 }, (_, n) => changed({ id: `i-${n}` })));
    expect(telephony.call('acme', 'i-0')).toBeUndefined();
    expect(telephony.call('acme', `i-${MAX_CALLS}`)).toBeDefined();
  });
});
