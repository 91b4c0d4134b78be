import type { Features, Interaction, InteractionState, Kind } from '../protocol';
import { KIND_OF_CHANNEL } from '../protocol';
import type { Action } from './rules';
import {
  ACTIONS,
  allowedActions,
  isUnconfirmed,
  offersSwitch,
  REASON_TEXT,
  targetsFor,
  unconfirmedReason,
} from './rules';
import { consultFixture, interactionFixture } from './testing';

const ALL_ON: Features = {
  multiInteraction: true,
  crossMediaConsult: true,
  transferToService: true,
  callLogging: true,
  recording: true,
};
const ALL_OFF: Features = {
  multiInteraction: false,
  crossMediaConsult: false,
  transferToService: false,
  callLogging: false,
  recording: false,
};
const CHANNEL_OF: Record<Kind, Interaction['channel']> = {
  live: 'voice',
  'semi-live': 'chat',
  'non-live': 'case',
};

const of = (kind: Kind, state: InteractionState = 'active', change: Partial<Interaction> = {}) =>
  interactionFixture({ kind, channel: CHANNEL_OF[kind], state, ...change });
const allowed = (actions: ReturnType<typeof allowedActions>) =>
  ACTIONS.filter((action) => actions[action].allowed);

describe('allowedActions', () => {
  it('offers each kind exactly the guide actions (B2) when connected and features are on', () => {
    expect(allowed(allowedActions(of('live'), ALL_ON))).toEqual([
      'release',
      'hold',
      'mute',
      'pause-recording',
      'send-digits',
      'consult',
      'transfer',
    ]);
    expect(
      allowed(allowedActions(of('live', 'held', { muted: true, recording: 'paused' }), ALL_ON)),
    ).toEqual(['release', 'retrieve', 'unmute', 'resume-recording', 'consult', 'transfer']);
    // A conference: its third party is released, or the agent leaves; no consult or transfer.
    const conference = { partyName: 'Bob Stone', partyNumber: null };
    expect(allowed(allowedActions(of('live', 'active', { conference }), ALL_ON))).toEqual([
      'release',
      'hold',
      'mute',
      'pause-recording',
      'send-digits',
      'release-party',
      'leave',
    ]);
    expect(allowed(allowedActions(of('semi-live'), ALL_ON))).toEqual(['release', 'consult']);
    expect(allowed(allowedActions(of('non-live'), ALL_ON))).toEqual([
      'release',
      'consult',
      'transfer',
    ]);
  });

  it('gives a reason for every action not allowed', () => {
    for (const kind of ['live', 'semi-live', 'non-live'] as const) {
      for (const state of ['ringing', 'active', 'held', 'releasing', 'release-failed'] as const) {
        const actions = allowedActions(of(kind, state), ALL_OFF);
        for (const action of ACTIONS) {
          const { allowed: ok, reason } = actions[action];
          expect(ok ? reason : typeof REASON_TEXT[reason as keyof typeof REASON_TEXT]).toBe(
            ok ? null : 'string',
          );
        }
      }
    }
  });

  it('never offers what a kind does not have, whatever the state', () => {
    const never: Record<Kind, Action[]> = {
      live: ['abandon'],
      'semi-live': ['hold', 'retrieve', 'transfer'],
      'non-live': ['hold', 'retrieve'],
    };
    for (const [kind, actions] of Object.entries(never) as [Kind, Action[]][]) {
      for (const state of ['active', 'held', 'release-failed'] as const) {
        const set = allowedActions(of(kind, state), ALL_ON);
        for (const action of actions)
          expect(set[action]).toEqual({ allowed: false, reason: 'not-for-kind' });
      }
    }
  });

  it('offers Abandon only after a release failed or timed out (B2)', () => {
    for (const kind of ['semi-live', 'non-live'] as const) {
      expect(allowedActions(of(kind, 'active'), ALL_ON).abandon).toEqual({
        allowed: false,
        reason: 'release-working',
      });
      expect(allowedActions(of(kind, 'releasing'), ALL_ON).abandon.allowed).toBe(false);
      expect(allowedActions(of(kind, 'release-failed'), ALL_ON).abandon.allowed).toBe(true);
      // Release may be tried again after it failed.
      expect(allowedActions(of(kind, 'release-failed'), ALL_ON).release.allowed).toBe(true);
    }
  });

  it('does not allow Release twice while a release is under way', () => {
    expect(allowedActions(of('live', 'releasing'), ALL_ON).release).toEqual({
      allowed: false,
      reason: 'releasing',
    });
  });

  it('allows Hold only when active and Retrieve only when held', () => {
    expect(allowedActions(of('live', 'held'), ALL_ON).hold.reason).toBe('not-active');
    expect(allowedActions(of('live', 'active'), ALL_ON).retrieve.reason).toBe('not-held');
    expect(allowedActions(of('live', 'ringing'), ALL_ON).hold.allowed).toBe(false);
  });

  it('consults on live work always, on chats and cases only with cross-media consult (B5)', () => {
    expect(allowedActions(of('live'), ALL_OFF).consult.allowed).toBe(true);
    expect(allowedActions(of('semi-live'), ALL_OFF).consult).toEqual({
      allowed: false,
      reason: 'cross-media-consult-off',
    });
    expect(allowedActions(of('non-live'), ALL_OFF).consult.reason).toBe('cross-media-consult-off');
    expect(allowedActions(of('non-live'), ALL_ON).consult.allowed).toBe(true);
  });

  it('allows one consult at a time per interaction, and a new one once it ended', () => {
    const ringing = [consultFixture({ interactionId: 'i-1' })];
    expect(allowedActions(of('live'), ALL_ON, ringing).consult.reason).toBe('consult-under-way');
    expect(
      allowedActions(of('live', 'active', { id: 'i-2' }), ALL_ON, ringing).consult.allowed,
    ).toBe(true);
    const ended = [consultFixture({ state: 'ended', endReason: 'timed-out' })];
    expect(allowedActions(of('live'), ALL_ON, ended).consult.allowed).toBe(true);
  });

  it('does not consult on or transfer a consult call itself', () => {
    const leg = of('live', 'active', { consultId: 'k-1' });
    expect(allowedActions(leg, ALL_ON).consult.reason).toBe('consult-call');
    expect(allowedActions(leg, ALL_ON).transfer.reason).toBe('consult-call');
    expect(allowedActions(leg, ALL_ON).release.allowed).toBe(true);
    expect(allowedActions(leg, ALL_ON).hold.allowed).toBe(true);
  });

  it('matches the kinds of channels', () => {
    expect(KIND_OF_CHANNEL).toEqual({
      callback: 'non-live',
      voice: 'live',
      video: 'live',
      chat: 'semi-live',
      email: 'non-live',
      case: 'non-live',
    });
  });
});

describe('unconfirmed state', () => {
  it('is confirmed only by a welcomed connection, and says why not otherwise', () => {
    expect(unconfirmedReason({ status: 'connected', sessionId: 's-1' })).toBeNull();
    expect(unconfirmedReason({ status: 'connecting', attempt: 2 })).toBe('reconnecting');
    expect(
      unconfirmedReason({ status: 'reconnecting', attempt: 1, nextTryAt: 0, reason: 'dropped' }),
    ).toBe('reconnecting');
    expect(unconfirmedReason({ status: 'idle' })).toBe('disconnected');
    expect(unconfirmedReason({ status: 'failed', reason: 'bug', code: 4400 })).toBe('disconnected');
    expect(unconfirmedReason({ status: 'failed', reason: 'newer', code: 4409 })).toBe('replaced');
    for (const reason of ['reconnecting', 'disconnected', 'replaced'] as const) {
      expect(isUnconfirmed(reason)).toBe(true);
      expect(REASON_TEXT[reason]).toMatch(/\w/);
    }
    expect(isUnconfirmed('not-active')).toBe(false);
    expect(isUnconfirmed(null)).toBe(false);
  });

  it('refuses whatever would be allowed with the connection reason, and keeps other reasons', () => {
    const held = allowedActions(of('live', 'held'), ALL_ON, [], 'reconnecting');
    expect(allowed(held)).toEqual([]);
    expect(held.retrieve).toEqual({ allowed: false, reason: 'reconnecting' });
    expect(held.release).toEqual({ allowed: false, reason: 'reconnecting' });
    expect(held.hold).toEqual({ allowed: false, reason: 'not-active' });
    expect(held.abandon).toEqual({ allowed: false, reason: 'not-for-kind' });
    const chat = allowedActions(of('semi-live'), ALL_ON, [], 'replaced');
    expect(chat.consult.reason).toBe('replaced');
    expect(chat.abandon.reason).toBe('release-working');
    expect(offersSwitch(allowedActions(of('non-live'), ALL_ON, [], 'disconnected'))).toBe(false);
  });
});

describe('targetsFor and the Consult | Transfer switch', () => {
  it('lists services for non-live transfers only with the feature, and numbers only for live (B6)', () => {
    expect(targetsFor('transfer', 'non-live', ALL_OFF)).toEqual({
      services: false,
      numbers: false,
    });
    expect(targetsFor('transfer', 'non-live', ALL_ON)).toEqual({ services: true, numbers: false });
    expect(targetsFor('transfer', 'live', ALL_OFF)).toEqual({ services: true, numbers: true });
    expect(targetsFor('consult', 'non-live', ALL_OFF)).toEqual({ services: true, numbers: true });
  });

  it('shows the switch where both consult and transfer apply', () => {
    expect(offersSwitch(allowedActions(of('non-live'), ALL_ON))).toBe(true);
    expect(offersSwitch(allowedActions(of('non-live'), ALL_OFF))).toBe(false);
    expect(offersSwitch(allowedActions(of('semi-live'), ALL_ON))).toBe(false);
    expect(offersSwitch(allowedActions(of('live'), ALL_OFF))).toBe(true);
  });
});
