// The generated service module loads under the LWC compiler and works as components will use it.
import {
  allowedActions,
  ContactPadAdapter,
  KIND_OF_CHANNEL,
  parseBridgeMessage,
  ProtocolError,
} from 'c/contactPadCore';
import { interactionFixture, settingsFixture } from '../../../../../../src/protocol/fixtures';

describe('c-contact-pad-core', () => {
  it('exports the adapter, the rules and the bridge contract', () => {
    expect(typeof ContactPadAdapter).toBe('function');
    expect(KIND_OF_CHANNEL.chat).toBe('semi-live');
    expect(new ProtocolError('not-found', 'x').code).toBe('not-found');
  });

  it('applies the action rules inside the LWC runtime', () => {
    const interaction = interactionFixture({
      kind: 'semi-live',
      channel: 'chat',
      state: 'release-failed',
      releaseFailure: { reason: 'error', message: 'failed' },
    });
    const { features } = settingsFixture({
      features: { crossMediaConsult: false, transferToService: false },
    });
    const actions = allowedActions(interaction, features, []);
    expect(actions.abandon.allowed).toBe(true);
    expect(actions.hold.allowed).toBe(false);
    expect(actions.consult.reason).toBe('cross-media-consult-off');
  });

  it('validates bridge messages', () => {
    expect(parseBridgeMessage({ nonsense: true }, 'bridge').ok).toBe(false);
  });
});
