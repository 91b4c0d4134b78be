// The generated service module loads under the LWC compiler and works as components will use it.
import {
  allowedActions,
  ContactPadAdapter,
  KIND_OF_CHANNEL,
  parseBridgeMessage,
  ProtocolError,
} from 'c/contactPadCore';

describe('c-contact-pad-core', () => {
  it('exports the adapter, the rules and the bridge contract', () => {
    expect(typeof ContactPadAdapter).toBe('function');
    expect(KIND_OF_CHANNEL.chat).toBe('semi-live');
    expect(new ProtocolError('not-found', 'x').code).toBe('not-found');
  });

  it('applies the action rules inside the LWC runtime', () => {
    const interaction = {
      id: 'i-1',
      version: 1,
      kind: 'semi-live',
      channel: 'chat',
      direction: 'inbound',
      state: 'release-failed',
      stateSince: 0,
      customer: { name: 'Maria', phone: null, email: 'maria@example.com' },
      record: null,
      searchKeys: [],
      subject: null,
      serviceId: null,
      serviceName: null,
      priority: 5,
      enqueuedAt: 0,
      assignedAt: 0,
      consultId: null,
      releaseFailure: { reason: 'error', message: 'failed' },
    };
    const features = {
      multiInteraction: true,
      crossMediaConsult: false,
      transferToService: false,
      callLogging: false,
    };
    const actions = allowedActions(interaction, features, []);
    expect(actions.abandon.allowed).toBe(true);
    expect(actions.hold.allowed).toBe(false);
    expect(actions.consult.reason).toBe('cross-media-consult-off');
  });

  it('validates bridge messages', () => {
    expect(parseBridgeMessage({ nonsense: true }, 'bridge').ok).toBe(false);
  });
});
